import { describe, expect, it } from 'vitest';
import { better, compareStatistics, tally } from './compare';
import type { Performance, Statistics } from './model';

function statistics(performance: Partial<Performance>, counters: Partial<Statistics> = {}): Statistics {
  return {
    total_signals: 0, executed_signals: 0, buy_signals: 0, sell_signals: 0, hold_signals: 0, error_count: 0,
    total_orders: 10, filled_orders: 10, rejected_orders: 0, total_trades: 10, closed_trades: 5,
    realized_pnl: 0, unrealized_pnl: 0, commissions: 1, net_pnl: 0,
    ...counters,
    performance: {
      total_return: 0, cagr: null, annualized_volatility: 0.1, sharpe_ratio: null, sortino_ratio: null, calmar_ratio: null,
      max_drawdown: 0.1, max_drawdown_duration: '01:00:00', win_rate: 0.5, profit_factor: null, expectancy: 0,
      average_win: 0, average_loss: 0, exposure: 0.5, turnover: 1, traded_notional: 1000, periods_per_year: 525600,
      ...performance,
    },
  };
}

describe('better', () => {
  it('follows the direction of the figure', () => {
    expect(better({ better: 'higher', unit: 'ratio' }, 1.2, 0.8)).toBe('a');
    expect(better({ better: 'higher', unit: 'ratio' }, -3, 0.8)).toBe('b');
    expect(better({ better: 'lower', unit: 'percent' }, 0.2, 0.05)).toBe('b');
    expect(better({ better: 'lower', unit: 'duration' }, '1.00:00:00', '02:00:00')).toBe('b');
  });

  it('names no winner for equal, undefined or directionless figures', () => {
    expect(better({ better: 'higher', unit: 'ratio' }, 1, 1)).toBeNull();
    expect(better({ better: 'higher', unit: 'ratio' }, null, 1)).toBeNull();
    expect(better({ better: 'higher', unit: 'ratio' }, 'NaN', 1)).toBeNull();
    expect(better({ better: 'none', unit: 'count' }, 5, 1)).toBeNull();
  });
});

describe('compareStatistics', () => {
  it('marks the better backtest on each figure and counts the wins', () => {
    const a = statistics({ total_return: 0.05, sharpe_ratio: 1.5, max_drawdown: 0.02, max_drawdown_duration: '00:10:00' }, { commissions: 3 });
    const b = statistics({ total_return: -0.01, sharpe_ratio: null, max_drawdown: 0.04, max_drawdown_duration: '00:05:00' }, { commissions: 2 });
    const rows = compareStatistics(a, b);
    const winner = (key: string) => rows.find((r) => r.def.key === key)!.winner;
    expect(winner('total_return')).toBe('a');
    expect(winner('sharpe_ratio')).toBeNull();
    expect(winner('max_drawdown')).toBe('a');
    expect(winner('max_drawdown_duration')).toBe('b');
    expect(winner('commissions')).toBe('b');
    expect(winner('total_orders')).toBeNull();
    expect(tally(rows)).toEqual({
      a: rows.filter((r) => r.winner === 'a').length,
      b: rows.filter((r) => r.winner === 'b').length,
    });
    expect(tally(rows).a).toBe(2);
    expect(tally(rows).b).toBe(2);
  });
});
