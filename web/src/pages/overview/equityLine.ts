import { toNumber, type Decimal } from '../../ui/format';

/** An `equity` topic `account_update` payload (README "WebSocket topics"); money in the account currency, time UTC. */
export type AccountUpdate = { run_id: string; equity: Decimal; timestamp?: string };

/** A point of lightweight-charts' line: time in whole UTC seconds, value the equity. */
export type EquityPoint = { time: number; value: number };

/**
 * The live equity of all the caller's runs: the sum of each run's latest equity, one point per update, at the update's
 * market time (`timestamp`, else the server's `ts`). lightweight-charts needs times that never go back, so an update
 * earlier than the last point (another run's clock, a replay loop) is drawn at the last point's time, replacing it.
 */
export class EquityLine {
  private readonly latest = new Map<string, number>();
  private lastTime = -Infinity;

  /** Folds in one update; returns the point to draw, or null when the update holds no usable equity. */
  apply(update: AccountUpdate, ts?: string): EquityPoint | null {
    const equity = toNumber(update.equity);
    const time = Math.floor(Date.parse(update.timestamp ?? ts ?? '') / 1000);
    if (!update.run_id || Number.isNaN(equity) || Number.isNaN(time)) return null;
    this.latest.set(update.run_id, equity);
    this.lastTime = Math.max(this.lastTime, time);
    let total = 0;
    for (const value of this.latest.values()) total += value;
    return { time: this.lastTime, value: Math.round(total * 100) / 100 };
  }

  /** How many runs the line sums. */
  get runs(): number {
    return this.latest.size;
  }
}
