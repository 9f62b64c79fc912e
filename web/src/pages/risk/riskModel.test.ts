import { describe, expect, it } from 'vitest';
import { applyRiskEvent, emptyFeed, riskLimits, riskRequestOf } from './riskModel';

// A run's `risk` exactly as GET /api/v1/strategies/{id}/status returns it.
const risk = {
  max_order_quantity: null, max_order_notional: 5000, max_position_size: null, max_positions: 1, daily_loss_limit: 250, position_size_pct: 0.1,
  auto_execute: true, signal_strength_threshold: 0.6, enforce_tick_and_lot: false, max_position_quantity: null, max_open_orders: null,
  order_rate: { max_orders: 10, window: '00:01:00' }, price_band_pct: null, daily_loss_action: 'halt', max_drawdown_pct: null, drawdown_action: 'halt',
  circuit_breaker: { move_pct: 0.05, window: '00:01:00', cooldown: '00:05:00' }, leverage: 1,
};

describe('risk settings', () => {
  it('lists the limits that are set, with their actions', () => {
    const limits = Object.fromEntries(riskLimits(risk));
    expect(limits['Daily loss limit']).toBe('250 USD → halt');
    expect(limits['Max open positions']).toBe('1');
    expect(limits['Order rate']).toBe('10 per 60 s');
    expect(limits['Circuit breaker']).toBe('5.00 % in 60 s, halt 300 s');
    expect(limits['Auto-execute']).toBe('on, strength ≥ 0.6');
    expect(limits).not.toHaveProperty('Max position value');
    expect(limits).not.toHaveProperty('Leverage');
  });

  it('turns the settings back into a start request', () => {
    expect(riskRequestOf(risk)).toEqual({
      max_order_notional: 5000, max_positions: 1, daily_loss_limit: 250, position_size_pct: 0.1, auto_execute: true, signal_strength_threshold: 0.6,
      enforce_tick_and_lot: false, daily_loss_action: 'halt', drawdown_action: 'halt', leverage: 1,
      order_rate: { max_orders: 10, window_seconds: 60 }, circuit_breaker: { move_pct: 0.05, window_seconds: 60, cooldown_seconds: 300 },
    });
  });
});

describe('risk events', () => {
  it('follows a run through a state change, a circuit breaker and a kill switch, newest event first', () => {
    let feed = applyRiskEvent(emptyFeed, 'trading_state_changed', { run_id: 'r', scope: 'run', from: 'active', to: 'reducing', reason: 'daily loss limit', timestamp: 't1' });
    expect(feed.runs.r).toMatchObject({ tradingState: 'reducing', reason: 'daily loss limit' });
    feed = applyRiskEvent(feed, 'circuit_breaker_tripped', { run_id: 'r', symbol: 'BTCUSD.COINBASE', resumes_at: 't9', reason: 'moved 6 %', timestamp: 't2' });
    expect(feed.runs.r.tripped).toEqual({ 'BTCUSD.COINBASE': 't9' });
    feed = applyRiskEvent(feed, 'circuit_breaker_reset', { run_id: 'r', symbol: 'BTCUSD.COINBASE', reason: 'cool-down over', timestamp: 't3' });
    expect(feed.runs.r.tripped).toEqual({});
    feed = applyRiskEvent(feed, 'kill_switch', { run_id: 'r', scope: 'run', flatten: true, canceled_orders: 2, flatten_orders: 1, reason: 'kill switch pulled by admin', timestamp: 't4' });
    expect(feed.runs.r.tradingState).toBe('halted');
    expect(feed.events.map((e) => e.event)).toEqual(['kill_switch', 'circuit_breaker_reset', 'circuit_breaker_tripped', 'trading_state_changed']);
    expect(feed.events[0]).toMatchObject({ severity: 'danger', text: 'kill switch: 2 order(s) canceled, 1 closing order(s): kill switch pulled by admin' });
  });

  it('ignores events that are not about risk', () => {
    expect(applyRiskEvent(emptyFeed, 'log', { run_id: 'r' })).toBe(emptyFeed);
  });
});
