import { toNumber } from '../../ui/format';
import type { EquityPoint } from './model';

/** A chart point: time in UTC seconds since the epoch (lightweight-charts' UTCTimestamp), a value. */
export type SeriesPoint = { time: number; value: number };

/**
 * The equity curve as chart points: times in UTC seconds, one point per time (a backtest of several instruments has
 * one sample per bar close, so several at one time: the last one wins, the equity after every bar of that time),
 * ascending. Points with an unreadable time or equity are dropped.
 */
export function equitySeries(curve: EquityPoint[]): SeriesPoint[] {
  const byTime = new Map<number, number>();
  for (const point of curve) {
    const time = Math.floor(Date.parse(point.timestamp) / 1000);
    const value = toNumber(point.equity);
    if (Number.isFinite(time) && Number.isFinite(value)) byTime.set(time, value);
  }
  return [...byTime.entries()].sort((a, b) => a[0] - b[0]).map(([time, value]) => ({ time, value }));
}

/**
 * The drawdown at every point: (equity − running peak) / running peak, a fraction ≤ 0 (−0.05 = 5 % below the
 * highest equity so far); 0 while the peak is not positive. Its minimum is −(the report's max drawdown).
 */
export function drawdownSeries(equity: SeriesPoint[]): SeriesPoint[] {
  let peak = -Infinity;
  return equity.map(({ time, value }) => {
    peak = Math.max(peak, value);
    return { time, value: peak > 0 ? (value - peak) / peak : 0 };
  });
}

/** The return on the first point at every point, a fraction (0.02 = 2 % above the start): curves of different cash compare. */
export function returnSeries(equity: SeriesPoint[]): SeriesPoint[] {
  const start = equity[0]?.value;
  if (!start) return equity.map(({ time }) => ({ time, value: 0 }));
  return equity.map(({ time, value }) => ({ time, value: value / start - 1 }));
}
