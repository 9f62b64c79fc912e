import { parseTimeSpan, type Unit } from './format';
import type { Statistics } from './model';

/** Which way a figure is better when two backtests are compared (none: neither, e.g. a count of orders). */
export type Better = 'higher' | 'lower' | 'none';

/** The groups of the report's figures, in the order they are shown. */
export const statisticGroups = ['Returns', 'Risk', 'Trades', 'Costs and activity'] as const;

export type StatisticGroup = (typeof statisticGroups)[number];

/** One line of the report's statistics table. */
export type StatisticDef = {
  key: string;
  group: StatisticGroup;
  label: string;
  unit: Unit;
  better: Better;
  /** What the figure means (shown as the label's tooltip). */
  help: string;
  read: (s: Statistics) => number | string | null;
};

const perf = <K extends keyof Statistics['performance']>(key: K) => (s: Statistics) => s.performance[key] as number | string | null;
const count = <K extends keyof Statistics>(key: K) => (s: Statistics) => s[key] as number;

/** The statistics a report shows, by group (returns, risk, trades, costs and activity), in order. */
export const statisticDefs: StatisticDef[] = [
  { key: 'total_return', group: 'Returns', label: 'Total return', unit: 'percent', better: 'higher', help: '(final equity − starting cash) / starting cash', read: perf('total_return') },
  { key: 'net_pnl', group: 'Returns', label: 'Net P&L', unit: 'money', better: 'higher', help: 'Final equity − starting cash (realized + unrealized − commissions)', read: (s) => s.net_pnl },
  { key: 'cagr', group: 'Returns', label: 'CAGR', unit: 'percent', better: 'higher', help: 'Compound annual growth rate', read: perf('cagr') },
  { key: 'realized_pnl', group: 'Returns', label: 'Realized P&L', unit: 'money', better: 'higher', help: 'Before commissions', read: (s) => s.realized_pnl },
  { key: 'unrealized_pnl', group: 'Returns', label: 'Unrealized P&L', unit: 'money', better: 'none', help: 'Open positions at the last price', read: (s) => s.unrealized_pnl },
  { key: 'annualized_volatility', group: 'Risk', label: 'Volatility (annualised)', unit: 'percent', better: 'lower', help: 'Standard deviation of per-bar returns, annualised', read: perf('annualized_volatility') },
  { key: 'sharpe_ratio', group: 'Risk', label: 'Sharpe ratio', unit: 'ratio', better: 'higher', help: 'Annualised, risk-free rate 0', read: perf('sharpe_ratio') },
  { key: 'sortino_ratio', group: 'Risk', label: 'Sortino ratio', unit: 'ratio', better: 'higher', help: 'Annualised, target return 0', read: perf('sortino_ratio') },
  { key: 'calmar_ratio', group: 'Risk', label: 'Calmar ratio', unit: 'ratio', better: 'higher', help: 'CAGR / max drawdown', read: perf('calmar_ratio') },
  { key: 'max_drawdown', group: 'Risk', label: 'Max drawdown', unit: 'percent', better: 'lower', help: 'Largest peak-to-trough fall, as a fraction of the peak', read: perf('max_drawdown') },
  { key: 'max_drawdown_duration', group: 'Risk', label: 'Max drawdown duration', unit: 'duration', better: 'lower', help: 'Longest time below a previous peak', read: perf('max_drawdown_duration') },
  { key: 'win_rate', group: 'Trades', label: 'Win rate', unit: 'percent', better: 'higher', help: 'Winning / closed trades', read: perf('win_rate') },
  { key: 'profit_factor', group: 'Trades', label: 'Profit factor', unit: 'ratio', better: 'higher', help: 'Gross profit / gross loss', read: perf('profit_factor') },
  { key: 'expectancy', group: 'Trades', label: 'Expectancy', unit: 'money', better: 'higher', help: 'Mean P&L per closed trade', read: perf('expectancy') },
  { key: 'average_win', group: 'Trades', label: 'Average win', unit: 'money', better: 'higher', help: 'Mean P&L of winning trades', read: perf('average_win') },
  { key: 'average_loss', group: 'Trades', label: 'Average loss', unit: 'money', better: 'higher', help: 'Mean P&L of losing trades (≤ 0)', read: perf('average_loss') },
  { key: 'closed_trades', group: 'Trades', label: 'Closed trades', unit: 'count', better: 'none', help: 'Fills that reduced a position (realized P&L)', read: count('closed_trades') },
  { key: 'total_trades', group: 'Trades', label: 'Fills', unit: 'count', better: 'none', help: 'Executions', read: count('total_trades') },
  { key: 'commissions', group: 'Costs and activity', label: 'Fees', unit: 'money', better: 'lower', help: 'Commissions paid', read: (s) => s.commissions },
  { key: 'traded_notional', group: 'Costs and activity', label: 'Traded notional', unit: 'money', better: 'none', help: 'Σ |fill price × quantity|', read: perf('traded_notional') },
  { key: 'turnover', group: 'Costs and activity', label: 'Turnover', unit: 'ratio', better: 'none', help: 'Traded notional / mean equity', read: perf('turnover') },
  { key: 'exposure', group: 'Costs and activity', label: 'Exposure', unit: 'percent', better: 'none', help: 'Share of bar closes with a position open', read: perf('exposure') },
  { key: 'total_orders', group: 'Costs and activity', label: 'Orders', unit: 'count', better: 'none', help: 'Submitted, rejected ones included', read: count('total_orders') },
  { key: 'rejected_orders', group: 'Costs and activity', label: 'Rejected orders', unit: 'count', better: 'lower', help: 'Rejected by risk or the venue', read: count('rejected_orders') },
  { key: 'total_signals', group: 'Costs and activity', label: 'Signals', unit: 'count', better: 'none', help: 'Signals the strategy emitted', read: count('total_signals') },
  { key: 'error_count', group: 'Costs and activity', label: 'Strategy errors', unit: 'count', better: 'lower', help: 'Exceptions thrown by the strategy', read: count('error_count') },
];

/** The key figures shown as cards above the table. */
export const headlineKeys = ['total_return', 'cagr', 'sharpe_ratio', 'max_drawdown', 'win_rate', 'profit_factor'];

/** The value of a figure as a number for comparing (durations in seconds); NaN when undefined. */
export function statisticNumber(value: number | string | null | undefined, unit: Unit): number {
  if (value === null || value === undefined) return NaN;
  if (typeof value === 'number') return value;
  return unit === 'duration' ? parseTimeSpan(value) : Number(value);
}

/** `up`/`down` class for a signed figure whose sign means gain or loss (returns, P&L), else ''. */
export function signClass(def: StatisticDef, value: number): string {
  const signed = ['total_return', 'net_pnl', 'cagr', 'realized_pnl', 'unrealized_pnl', 'expectancy'].includes(def.key);
  if (!signed || !Number.isFinite(value) || value === 0) return '';
  return value > 0 ? 'up' : 'down';
}
