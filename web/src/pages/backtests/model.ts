import type { BacktestDto } from '../../api';

/**
 * The shapes of a backtest's `report` (the API types it as free JSON; these are the server's BacktestReportDto and
 * RunStatistics, snake_case). Money in the backtest's currency, ratios as fractions (0.05 = 5 %), times UTC ISO 8601.
 */
export type Performance = {
  total_return: number;
  cagr: number | null;
  annualized_volatility: number;
  sharpe_ratio: number | null;
  sortino_ratio: number | null;
  calmar_ratio: number | null;
  max_drawdown: number;
  /** .NET TimeSpan text, `d.hh:mm:ss[.fffffff]`. */
  max_drawdown_duration: string;
  win_rate: number;
  profit_factor: number | null;
  expectancy: number;
  average_win: number;
  average_loss: number;
  exposure: number;
  turnover: number;
  traded_notional: number;
  periods_per_year: number;
};

export type Statistics = {
  total_signals: number;
  executed_signals: number;
  buy_signals: number;
  sell_signals: number;
  hold_signals: number;
  error_count: number;
  total_orders: number;
  filled_orders: number;
  rejected_orders: number;
  total_trades: number;
  closed_trades: number;
  realized_pnl: number;
  unrealized_pnl: number;
  commissions: number;
  net_pnl: number;
  performance: Performance;
};

/** Equity (cash + positions at market) at a bar close. */
export type EquityPoint = { timestamp: string; equity: number };

/** One fill: price in quote currency, quantity in base units, commission in the account currency. */
export type Trade = {
  timestamp: string;
  order_id: string;
  trade_id: string;
  symbol: string;
  side: string;
  price: number;
  quantity: number;
  commission: number;
};

export type Report = { statistics: Statistics; equity_curve: EquityPoint[]; trades: Trade[] };

/** The report of a backtest, or null while it has none (running, or failed before it had one). */
export function reportOf(backtest: BacktestDto): Report | null {
  const report = backtest.report as Report | null;
  return report && typeof report === 'object' && 'statistics' in report ? report : null;
}
