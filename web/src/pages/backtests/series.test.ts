import { describe, expect, it } from 'vitest';
import { drawdownSeries, equitySeries, returnSeries } from './series';

const t = (minute: number) => `2018-04-04T00:${String(minute).padStart(2, '0')}:00Z`;
const s = (minute: number) => Date.parse(t(minute)) / 1000;

describe('equitySeries', () => {
  it('keeps one point per time (the last sample, after every bar of that close), ascending, in UTC seconds', () => {
    const points = equitySeries([
      { timestamp: t(1), equity: 100 },
      { timestamp: t(1), equity: 101 },
      { timestamp: t(0), equity: 99 },
      { timestamp: t(2), equity: '102.5' as unknown as number },
    ]);
    expect(points).toEqual([{ time: s(0), value: 99 }, { time: s(1), value: 101 }, { time: s(2), value: 102.5 }]);
  });

  it('drops unreadable points', () => {
    expect(equitySeries([{ timestamp: 'not a time', equity: 1 }, { timestamp: t(0), equity: NaN }])).toEqual([]);
  });
});

describe('drawdownSeries', () => {
  it('is the fall below the running peak as a fraction of the peak', () => {
    const equity = [100, 110, 99, 88, 121, 110].map((value, i) => ({ time: i, value }));
    const drawdown = drawdownSeries(equity).map((p) => p.value);
    expect(drawdown[0]).toBe(0);
    expect(drawdown[1]).toBe(0);
    expect(drawdown[2]).toBeCloseTo(-0.1, 12);
    expect(drawdown[3]).toBeCloseTo(-0.2, 12);
    expect(drawdown[4]).toBe(0);
    expect(drawdown[5]).toBeCloseTo(-1 / 11, 12);
    // The deepest point is the max drawdown the server reports (0.2 here), negated.
    expect(Math.min(...drawdown)).toBeCloseTo(-0.2, 12);
  });

  it('is 0 while the peak is not positive, and empty for no equity', () => {
    expect(drawdownSeries([{ time: 0, value: 0 }, { time: 1, value: -5 }]).map((p) => p.value)).toEqual([0, 0]);
    expect(drawdownSeries([])).toEqual([]);
  });
});

describe('returnSeries', () => {
  it('is the return on the first point', () => {
    const returns = returnSeries([{ time: 0, value: 200 }, { time: 1, value: 210 }, { time: 2, value: 190 }]).map((p) => p.value);
    expect(returns[0]).toBe(0);
    expect(returns[1]).toBeCloseTo(0.05, 12);
    expect(returns[2]).toBeCloseTo(-0.05, 12);
  });
});
