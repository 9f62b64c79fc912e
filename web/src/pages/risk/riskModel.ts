import type { RiskRequest } from '../../api';
import { percent as formatPercent } from '../../ui/format';
import { parseTimeSpan } from '../backtests/format';

/**
 * The risk page's logic as pure functions: the engine's risk settings (a run's `risk`, README "Risk and accounting")
 * as labelled limits and back as a start request, and the `runs` topic's risk events folded into each run's live
 * trading state and circuit breakers.
 */

/** A run's `risk` as the status endpoint gives it: the engine's settings, snake_case, durations as `[d.]hh:mm:ss[.f]`. */
export type RiskSettings = Record<string, unknown>;

const money = (v: unknown) => Number(v).toLocaleString(undefined, { maximumFractionDigits: 2 });
const percent = (v: unknown) => formatPercent(Number(v));
const seconds = (v: unknown) => `${parseTimeSpan(String(v))} s`;

/** The limits a run enforces, in reading order, as [label, value] (limits that are not set are left out). */
export function riskLimits(risk: RiskSettings | null | undefined, currency = 'USD'): [string, string][] {
  if (!risk) return [];
  const rows: [string, string][] = [];
  const add = (key: string, label: string, format: (v: unknown) => string) => {
    const value = risk[key];
    if (value !== null && value !== undefined) rows.push([label, format(value)]);
  };
  add('daily_loss_limit', 'Daily loss limit', (v) => `${money(v)} ${currency} → ${String(risk.daily_loss_action ?? 'reduce')}`);
  add('max_drawdown_pct', 'Max drawdown', (v) => `${percent(v)} → ${String(risk.drawdown_action ?? 'halt')}`);
  add('max_position_size', 'Max position value', (v) => `${money(v)} ${currency}`);
  add('max_position_quantity', 'Max position quantity', money);
  add('max_positions', 'Max open positions', String);
  add('max_order_quantity', 'Max order quantity', money);
  add('max_order_notional', 'Max order value', (v) => `${money(v)} ${currency}`);
  add('max_open_orders', 'Max working orders', String);
  const rate = risk.order_rate as { max_orders?: unknown; window?: unknown } | null | undefined;
  if (rate) rows.push(['Order rate', `${String(rate.max_orders)} per ${seconds(rate.window)}`]);
  add('price_band_pct', 'Price band', percent);
  const breaker = risk.circuit_breaker as { move_pct?: unknown; window?: unknown; cooldown?: unknown } | null | undefined;
  if (breaker) rows.push(['Circuit breaker', `${percent(breaker.move_pct)} in ${seconds(breaker.window)}, halt ${seconds(breaker.cooldown)}`]);
  if (risk.enforce_tick_and_lot) rows.push(['Tick and lot', 'enforced']);
  if (risk.leverage !== undefined && Number(risk.leverage) !== 1) rows.push(['Leverage', `${String(risk.leverage)}×`]);
  add('position_size_pct', 'Signal order size', percent);
  rows.push(['Auto-execute', risk.auto_execute ? `on, strength ≥ ${String(risk.signal_strength_threshold ?? 0.5)}` : 'off']);
  return rows;
}

/** The start request's `risk` that reproduces a run's settings (to start it again). */
export function riskRequestOf(risk: RiskSettings | null | undefined): RiskRequest {
  if (!risk) return {};
  const request: Record<string, unknown> = {};
  const same = [
    'max_position_size', 'max_positions', 'daily_loss_limit', 'position_size_pct', 'auto_execute', 'signal_strength_threshold', 'max_order_quantity',
    'max_order_notional', 'enforce_tick_and_lot', 'max_position_quantity', 'max_open_orders', 'price_band_pct', 'daily_loss_action', 'max_drawdown_pct',
    'drawdown_action', 'leverage',
  ];
  for (const key of same) if (risk[key] !== null && risk[key] !== undefined) request[key] = risk[key];
  const rate = risk.order_rate as { max_orders: number; window: string } | null | undefined;
  if (rate) request.order_rate = { max_orders: rate.max_orders, window_seconds: parseTimeSpan(rate.window) };
  const breaker = risk.circuit_breaker as { move_pct: number; window: string; cooldown: string } | null | undefined;
  if (breaker) {
    request.circuit_breaker = { move_pct: breaker.move_pct, window_seconds: parseTimeSpan(breaker.window), cooldown_seconds: parseTimeSpan(breaker.cooldown) };
  }
  return request as RiskRequest;
}

/** The `runs` topic's events the risk page shows. */
export const riskEvents = ['trading_state_changed', 'circuit_breaker_tripped', 'circuit_breaker_reset', 'kill_switch', 'margin_call'] as const;

export type RiskEvent = { runId: string; event: string; text: string; timestamp: string; severity: 'info' | 'warning' | 'danger' };

/** What the stream has told about a run since the page opened: its trading state and its halted instruments. */
export type LiveRisk = { tradingState?: string; reason?: string; tripped: Record<string, string> };

export type RiskFeed = { runs: Record<string, LiveRisk>; events: RiskEvent[] };

export const emptyFeed: RiskFeed = { runs: {}, events: [] };

/** At most this many events are listed. */
export const maxEvents = 200;

/** The feed after one `runs` update; other events leave it unchanged. */
export function applyRiskEvent(feed: RiskFeed, event: string, payload: Record<string, unknown>): RiskFeed {
  const runId = String(payload.run_id ?? '');
  const run: LiveRisk = feed.runs[runId] ?? { tripped: {} };
  const timestamp = String(payload.timestamp ?? '');
  const reason = payload.reason ? String(payload.reason) : '';
  let next: LiveRisk;
  let entry: RiskEvent;
  switch (event) {
    case 'trading_state_changed': {
      const to = String(payload.to);
      next = { ...run, tradingState: to, reason };
      entry = { runId, event, timestamp, severity: to === 'active' ? 'info' : to === 'halted' ? 'danger' : 'warning', text: `${String(payload.scope ?? 'run')} ${String(payload.from)} → ${to}: ${reason}` };
      break;
    }
    case 'circuit_breaker_tripped': {
      const symbol = String(payload.symbol);
      next = { ...run, tripped: { ...run.tripped, [symbol]: String(payload.resumes_at ?? '') } };
      entry = { runId, event, timestamp, severity: 'warning', text: `${symbol} halted: ${reason}` };
      break;
    }
    case 'circuit_breaker_reset': {
      const symbol = String(payload.symbol);
      const tripped = { ...run.tripped };
      delete tripped[symbol];
      next = { ...run, tripped };
      entry = { runId, event, timestamp, severity: 'info', text: `${symbol} trades again: ${reason}` };
      break;
    }
    case 'kill_switch':
      next = { ...run, tradingState: 'halted', reason };
      entry = {
        runId, event, timestamp, severity: 'danger',
        text: `kill switch: ${String(payload.canceled_orders ?? 0)} order(s) canceled${payload.flatten ? `, ${String(payload.flatten_orders ?? 0)} closing order(s)` : ''}: ${reason}`,
      };
      break;
    case 'margin_call':
      next = run;
      entry = { runId, event, timestamp, severity: 'danger', text: `margin call: equity ${String(payload.equity)} below ${String(payload.maintenance_margin)} ${String(payload.currency ?? '')}` };
      break;
    default:
      return feed;
  }
  return { runs: { ...feed.runs, [runId]: next }, events: [entry, ...feed.events].slice(0, maxEvents) };
}
