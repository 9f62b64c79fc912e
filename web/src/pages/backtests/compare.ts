import type { Statistics } from './model';
import { statisticDefs, statisticNumber, type StatisticDef } from './statistics';

/** Which of two backtests has the better figure: 'a', 'b', or null (equal, undefined on a side, or no better way). */
export type Winner = 'a' | 'b' | null;

/**
 * The better of two values of a figure, by the figure's direction. A figure undefined on one side (null, NaN) has no
 * winner: a missing Sharpe ratio is not better or worse than a defined one.
 */
export function better(def: Pick<StatisticDef, 'better' | 'unit'>, a: number | string | null, b: number | string | null): Winner {
  if (def.better === 'none') return null;
  const x = statisticNumber(a, def.unit);
  const y = statisticNumber(b, def.unit);
  if (!Number.isFinite(x) || !Number.isFinite(y) || x === y) return null;
  return (def.better === 'higher') === x > y ? 'a' : 'b';
}

/** One row of a comparison: the figure, both values and the winner. */
export type ComparisonRow = { def: StatisticDef; a: number | string | null; b: number | string | null; winner: Winner };

/** Every figure of the report side by side, with the better value named. */
export function compareStatistics(a: Statistics, b: Statistics): ComparisonRow[] {
  return statisticDefs.map((def) => {
    const va = def.read(a);
    const vb = def.read(b);
    return { def, a: va, b: vb, winner: better(def, va, vb) };
  });
}

/** How many figures each side wins. */
export function tally(rows: ComparisonRow[]): { a: number; b: number } {
  return {
    a: rows.filter((r) => r.winner === 'a').length,
    b: rows.filter((r) => r.winner === 'b').length,
  };
}
