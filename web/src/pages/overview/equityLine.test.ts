import { describe, expect, it } from 'vitest';
import { EquityLine } from './equityLine';

const at = (iso: string) => Date.parse(iso) / 1000;

describe('EquityLine', () => {
  it("sums each run's latest equity at the update's time", () => {
    const line = new EquityLine();
    expect(line.apply({ run_id: 'a', equity: '100000', timestamp: '2026-11-23T10:00:00Z' })).toEqual({ time: at('2026-11-23T10:00:00Z'), value: 100000 });
    expect(line.apply({ run_id: 'b', equity: 50000.5, timestamp: '2026-11-23T10:01:00Z' })).toEqual({ time: at('2026-11-23T10:01:00Z'), value: 150000.5 });
    expect(line.apply({ run_id: 'a', equity: '99990.25', timestamp: '2026-11-23T10:02:00Z' })).toEqual({ time: at('2026-11-23T10:02:00Z'), value: 149990.75 });
    expect(line.runs).toBe(2);
  });

  it('never goes back in time: an earlier update replaces the last point', () => {
    const line = new EquityLine();
    line.apply({ run_id: 'a', equity: 10, timestamp: '2026-11-23T10:05:00Z' });
    expect(line.apply({ run_id: 'b', equity: 5, timestamp: '2026-11-23T09:00:00Z' })).toEqual({ time: at('2026-11-23T10:05:00Z'), value: 15 });
  });

  it("falls back to the server's ts and skips updates without equity or time", () => {
    const line = new EquityLine();
    expect(line.apply({ run_id: 'a', equity: 1 }, '2026-11-23T10:00:00.900Z')).toEqual({ time: at('2026-11-23T10:00:00Z'), value: 1 });
    expect(line.apply({ run_id: 'a', equity: null, timestamp: '2026-11-23T10:00:00Z' })).toBeNull();
    expect(line.apply({ run_id: 'a', equity: 2 })).toBeNull();
    expect(line.runs).toBe(1);
  });
});
