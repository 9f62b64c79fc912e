import type { LogDto, OrderDto, PositionDto, SignalDto, TradeDto } from '../../api';

/**
 * The run view's data as pure functions: stream updates (README "WebSocket topics") and REST rows turned into chart
 * candles, chart markers and table rows. Prices and quantities arrive as JSON numbers (or decimal strings); times are
 * ISO-8601 UTC on the feed's clock, and the chart's time axis is UTC seconds.
 */

/** A candle of lightweight-charts: `time` in UTC seconds of the bar's open. */
export type Candle = { time: number; open: number; high: number; low: number; close: number };

/** A bar as the REST endpoint (`open_time`, `period_seconds`) or the `bars` topic (`open_time`, `period`) gives it. */
export type BarLike = { open_time: string; open: number | string; high: number | string; low: number | string; close: number | string };

/**
 * A fill (arrow, buy below the bar, sell above) or a signal (circle) to mark on the chart. `id` keeps each one once;
 * `group` (fill:buy, fill:sell, signal:<type>) is what the chart draws one marker per bar for (see `barMarkers`).
 * `quantity` and `price` are the fill's (0 for a signal).
 */
export type Marker = {
  id: string;
  symbol: string;
  kind: 'fill' | 'signal';
  group: string;
  time: number;
  position: 'aboveBar' | 'belowBar';
  shape: 'arrowUp' | 'arrowDown' | 'circle';
  color: string;
  text: string;
  quantity: number;
  price: number;
};

/** One marker the chart draws: every marker of one group in one bar, `count` of them. */
export type BarMarker = Pick<Marker, 'time' | 'position' | 'shape' | 'color' | 'text'> & { count: number };

/** A fill as the REST trades endpoint or an `executions` trade_executed / `orders` order_filled update gives it. */
export type FillLike = { trade_id: string; order_id: string; symbol: string; side: string; price: number | string; quantity: number | string; timestamp: string };

/** A signal as the REST signals endpoint or a `runs` signal_generated update gives it. */
export type SignalLike = { signal_id: number | string; signal_type: string; symbol: string; price: null | number | string; strength: number | string; executed: boolean; timestamp: string };

export const colors = { buy: '#16a34a', sell: '#dc2626', signal: '#3b82f6' };

/** Seconds since the epoch of an ISO time, rounded down to the start of its bar of `periodSeconds`. */
export function bucketTime(iso: string, periodSeconds = 60): number {
  const seconds = Math.floor(Date.parse(iso) / 1000);
  return seconds - (((seconds % periodSeconds) + periodSeconds) % periodSeconds);
}

export function toCandle(bar: BarLike): Candle {
  return { time: bucketTime(bar.open_time, 1), open: Number(bar.open), high: Number(bar.high), low: Number(bar.low), close: Number(bar.close) };
}

/**
 * The candles with `candle` put in its place: a bar of an open time already there replaces it (the feed may revise the
 * bar still forming), a later one is appended (beyond `maxCandles`, the oldest are dropped in one go), an earlier one is inserted in
 * order. Never mutates `candles`.
 */
export function upsertCandle(candles: readonly Candle[], candle: Candle): Candle[] {
  const last = candles[candles.length - 1];
  if (!last || candle.time > last.time) return candles.length < maxCandles ? [...candles, candle] : [...candles.slice(-keptCandles), candle];
  const index = candles.findIndex((c) => c.time >= candle.time);
  const next = [...candles];
  if (candles[index].time === candle.time) next[index] = candle;
  else next.splice(index, 0, candle);
  return next;
}

export function fillMarker(fill: FillLike, periodSeconds = 60): Marker {
  const buy = fill.side === 'buy';
  return {
    id: `fill:${fill.trade_id}`,
    symbol: fill.symbol,
    kind: 'fill',
    group: buy ? 'fill:buy' : 'fill:sell',
    time: bucketTime(fill.timestamp, periodSeconds),
    position: buy ? 'belowBar' : 'aboveBar',
    shape: buy ? 'arrowUp' : 'arrowDown',
    color: buy ? colors.buy : colors.sell,
    text: `${buy ? 'B' : 'S'} ${Number(fill.quantity)} @ ${Number(fill.price)}`,
    quantity: Number(fill.quantity),
    price: Number(fill.price),
  };
}

export function signalMarker(signal: SignalLike, periodSeconds = 60): Marker {
  const sell = signal.signal_type === 'sell';
  return {
    id: `signal:${signal.signal_id}`,
    symbol: signal.symbol,
    kind: 'signal',
    group: `signal:${signal.signal_type}`,
    time: bucketTime(signal.timestamp, periodSeconds),
    position: sell ? 'aboveBar' : 'belowBar',
    shape: 'circle',
    color: colors.signal,
    text: signal.signal_type,
    quantity: 0,
    price: 0,
  };
}

/** Significant digits of an aggregate's size and average price (the fills table keeps the exact figures). */
const shown = (value: number) => String(Number(value.toPrecision(6)));

/**
 * What the chart draws for `markers` (in time order): one marker per bar and group, so a market maker that fills on
 * both sides many times a bar shows one buy arrow and one sell arrow there. A lone marker keeps its own text; an
 * aggregate of fills reads `B ×3 0.75 @ 7330.1` (count, total quantity, quantity-weighted average price), of signals
 * `buy ×3`. In time order, as lightweight-charts requires. O(markers).
 */
export function barMarkers(markers: readonly Marker[]): BarMarker[] {
  const bars = new Map<string, { first: Marker; count: number; quantity: number; notional: number }>();
  for (const m of markers) {
    const key = `${m.time}|${m.group}`;
    const bar = bars.get(key);
    if (bar) {
      bar.count += 1;
      bar.quantity += m.quantity;
      bar.notional += m.quantity * m.price;
    } else bars.set(key, { first: m, count: 1, quantity: m.quantity, notional: m.quantity * m.price });
  }
  return [...bars.values()].map(({ first, count, quantity, notional }) => {
    const { time, position, shape, color, text, kind } = first;
    if (count === 1) return { time, position, shape, color, text, count };
    const label = kind === 'fill' ? `${text[0]} ×${count} ${shown(quantity)} @ ${shown(quantity === 0 ? 0 : notional / quantity)}` : `${text} ×${count}`;
    return { time, position, shape, color, text: label, count };
  });
}

/** At most this many candles and markers are kept on the chart (the newest). */
export const maxCandles = 2000;
/** Beyond `maxCandles` the oldest are dropped down to this many at once (the chart is redrawn then, not on every bar). */
const keptCandles = 1500;
/** Fills and signals kept for the chart (the newest): the chart draws them aggregated per bar, so this bounds work, not clutter. */
export const maxMarkers = 5000;

/** The markers with `added` (those not already there, by id), in time order as lightweight-charts requires; the newest `maxMarkers`. */
export function addMarkers(markers: readonly Marker[], added: readonly Marker[]): Marker[] {
  const known = new Set(markers.map((m) => m.id));
  const fresh = added.filter((m) => !known.has(m.id) && (known.add(m.id), true));
  if (fresh.length === 0) return markers as Marker[];
  return [...markers, ...fresh].sort((a, b) => a.time - b.time || a.id.localeCompare(b.id)).slice(-maxMarkers);
}

/**
 * The rows of the run view's tables (newest first), its chart markers, and how many fills, signals and closed trades
 * the run has made: the REST history's counts plus each distinct one the stream has brought since (the tables keep
 * fewer rows).
 */
export type RunTables = {
  orders: OrderDto[];
  fills: TradeDto[];
  positions: PositionDto[];
  logs: LogDto[];
  markers: Marker[];
  fillCount: number;
  signalCount: number;
  closedTradeCount: number;
};

export const emptyTables: RunTables = { orders: [], fills: [], positions: [], logs: [], markers: [], fillCount: 0, signalCount: 0, closedTradeCount: 0 };

/** At most this many rows per table are kept (the REST history holds the rest). */
export const maxRows = 200;

/**
 * What the REST history gives when the view opens (each oldest first; the newest page of a long run), the run's
 * number of fills and signals then (the pages' `count`), and its closed trades read just before them (`GET /stats`,
 * computed by the running run: a fill after that read is in the fills page, or comes from the stream and is counted
 * then, never both).
 */
export type RunHistory = {
  orders: OrderDto[]; fills: TradeDto[]; positions: PositionDto[]; logs: LogDto[]; signals: SignalDto[];
  fillCount: number; signalCount: number; closedTrades: number;
};

export function fromHistory(history: RunHistory, periodSeconds = 60): RunTables {
  return {
    orders: [...history.orders].reverse().slice(0, maxRows),
    fills: [...history.fills].reverse().slice(0, maxRows),
    positions: history.positions,
    logs: [...history.logs].reverse().slice(0, maxRows),
    markers: addMarkers([], [...history.fills.map((f) => fillMarker(f, periodSeconds)), ...history.signals.map((s) => signalMarker(s, periodSeconds))]),
    fillCount: Math.max(history.fillCount, history.fills.length),
    signalCount: Math.max(history.signalCount, history.signals.length),
    closedTradeCount: history.closedTrades,
  };
}

/** The counters a run status gives (`GET /strategies/{id}/status`, as of the run's last metrics sample). */
export type StatusCounts = { total_signals: number | string; total_trades: number | string; closed_trades?: number | string };

/** The run view's header counters: signals, fills (executions) and closed trades (fills that reduced a position). */
export type RunCounters = { signals: number; fills: number; closedTrades: number };

/**
 * The counters to show: the stored status lags the run by up to a sample and a poll, the stream does not, so each is
 * the larger of the two (all only grow).
 */
export function runCounters(status: StatusCounts, tables: Pick<RunTables, 'fillCount' | 'signalCount' | 'closedTradeCount'>): RunCounters {
  return {
    signals: Math.max(Number(status.total_signals), tables.signalCount),
    fills: Math.max(Number(status.total_trades), tables.fillCount),
    closedTrades: Math.max(Number(status.closed_trades ?? 0), tables.closedTradeCount),
  };
}

/**
 * Whether a fill reduces the position it meets (and so realizes P&L: a closed trade, as the engine counts them): the
 * position is not flat and the fill's side is against it (a sell of a long, a buy of a short; a fill that flips the
 * position counts once). `position` is the symbol's net quantity just before the fill, base units, signed.
 */
export function reducesPosition(position: number, side: string): boolean {
  return position !== 0 && Math.sign(position) !== (side === 'buy' ? 1 : -1);
}

type Payload = Record<string, unknown>;
const text = (value: unknown): string => (value === null || value === undefined ? '' : String(value));
const orNull = <T,>(value: unknown): T | null => (value === undefined || value === null ? null : (value as T));

/**
 * The run's tables after one stream update (route = the update's `type` without `.update`). Unknown events leave
 * them as they are. Orders are keyed by order id, fills by trade id, positions by symbol.
 */
export function applyUpdate(tables: RunTables, route: string, event: string, payload: Payload, periodSeconds = 60): RunTables {
  switch (`${route}/${event}`) {
    case 'orders/order_placed':
      return withOrder(tables, text(payload.order_id), () => ({
        order_id: text(payload.order_id), symbol: text(payload.symbol), side: text(payload.side), order_type: text(payload.order_type),
        time_in_force: '', quantity: payload.quantity as number, limit_price: orNull(payload.limit_price), status: 'submitted',
        filled_quantity: 0, average_fill_price: null, reason: null, tag: null, created_at: text(payload.timestamp), updated_at: text(payload.timestamp),
      }), (o) => o);
    case 'orders/order_rejected':
      return withOrder(tables, text(payload.order_id), () => ({
        order_id: text(payload.order_id), symbol: text(payload.symbol), side: text(payload.side), order_type: '', time_in_force: '',
        quantity: payload.quantity as number, limit_price: null, status: 'rejected', filled_quantity: 0, average_fill_price: null,
        reason: orNull(payload.reason), tag: null, created_at: text(payload.timestamp), updated_at: text(payload.timestamp),
      }), (o) => ({ ...o, status: 'rejected', reason: orNull(payload.reason), updated_at: text(payload.timestamp) }));
    case 'orders/order_updated':
      return withOrder(tables, text(payload.order_id), null, (o) => ({
        ...o,
        status: payload.status ? text(payload.status) : o.status,
        reason: orNull<string>(payload.reason) ?? o.reason,
        quantity: (orNull<number>(payload.quantity) ?? o.quantity),
        limit_price: orNull<number>(payload.limit_price) ?? o.limit_price,
        updated_at: text(payload.timestamp),
      }));
    case 'orders/order_filled':
      return withOrder(tables, text(payload.order_id), null, (o) => {
        const filledBefore = Number(o.filled_quantity);
        const quantity = Number(payload.quantity);
        const filled = filledBefore + quantity;
        const average = (Number(o.average_fill_price ?? 0) * filledBefore + Number(payload.price) * quantity) / filled;
        return {
          ...o, filled_quantity: filled, average_fill_price: average,
          status: Number(payload.leaves_quantity) > 0 ? 'partially_filled' : 'filled', updated_at: text(payload.timestamp),
        };
      });
    case 'executions/trade_executed': {
      const fill: TradeDto = {
        trade_id: text(payload.trade_id), order_id: text(payload.order_id), symbol: text(payload.symbol), side: text(payload.side),
        price: payload.price as number, quantity: payload.quantity as number, commission: payload.commission as number,
        commission_currency: '', is_maker: Boolean(payload.is_maker), timestamp: text(payload.timestamp),
      };
      if (tables.fills.some((f) => f.trade_id === fill.trade_id)) return tables;
      // The stream sends a fill's position_update right after the fill, so the positions hold the one it met.
      const position = Number(tables.positions.find((p) => p.symbol === fill.symbol)?.net_quantity ?? 0);
      return {
        ...tables, fills: [fill, ...tables.fills].slice(0, maxRows), markers: addMarkers(tables.markers, [fillMarker(fill, periodSeconds)]),
        fillCount: tables.fillCount + 1,
        closedTradeCount: tables.closedTradeCount + (reducesPosition(position, fill.side) ? 1 : 0),
      };
    }
    case 'positions/position_update': {
      const position: PositionDto = {
        symbol: text(payload.symbol), net_quantity: payload.net_quantity as number, average_price: payload.average_price as number,
        last_price: payload.last_price as number, realized_pnl: payload.realized_pnl as number, unrealized_pnl: payload.unrealized_pnl as number,
        commissions: tables.positions.find((p) => p.symbol === payload.symbol)?.commissions ?? 0, updated_at: text(payload.timestamp),
      };
      const others = tables.positions.filter((p) => p.symbol !== position.symbol);
      return { ...tables, positions: [...others, position].sort((a, b) => a.symbol.localeCompare(b.symbol)) };
    }
    case 'runs/signal_generated': {
      const markers = addMarkers(tables.markers, [signalMarker(payload as unknown as SignalLike, periodSeconds)]);
      return markers === tables.markers ? tables : { ...tables, markers, signalCount: tables.signalCount + 1 };
    }
    case 'runs/log': {
      const log: LogDto = { level: text(payload.level), source: text(payload.source), message: text(payload.message), timestamp: text(payload.timestamp) };
      return { ...tables, logs: [log, ...tables.logs].slice(0, maxRows) };
    }
    default:
      return tables;
  }
}

function withOrder(tables: RunTables, orderId: string, create: (() => OrderDto) | null, change: (order: OrderDto) => OrderDto): RunTables {
  const index = tables.orders.findIndex((o) => o.order_id === orderId);
  if (index < 0) return create ? { ...tables, orders: [create(), ...tables.orders].slice(0, maxRows) } : tables;
  const orders = [...tables.orders];
  orders[index] = change(orders[index]);
  return { ...tables, orders };
}

/** Order statuses after which an order no longer works at the venue. */
const finalStatuses = new Set(['filled', 'canceled', 'rejected', 'expired']);

export function isWorking(order: OrderDto): boolean {
  return !finalStatuses.has(order.status);
}

/** A stream update for the run view: its route (`orders`, `executions`, `positions`, `runs`), event and payload. */
export type RunUpdate = { route: string; event: string; payload: Record<string, unknown> };

/**
 * The run view's state: the tables, and until the REST history has arrived the stream updates that came first (applied
 * on top of the history once it is there, so nothing published while it loads is lost; fills and orders stay unique).
 */
export type RunViewState = { loaded: boolean; pending: RunUpdate[]; tables: RunTables };

export const initialRunView: RunViewState = { loaded: false, pending: [], tables: emptyTables };

/** The REST history has arrived, or a batch of stream updates (in the order they came). */
export type RunViewAction = { type: 'history'; history: RunHistory } | { type: 'updates'; updates: RunUpdate[] };

const applyAll = (tables: RunTables, updates: RunUpdate[]) => updates.reduce((t, u) => applyUpdate(t, u.route, u.event, u.payload), tables);

export function runViewReducer(state: RunViewState, action: RunViewAction): RunViewState {
  if (action.type === 'history') return { loaded: true, pending: [], tables: applyAll(fromHistory(action.history), state.pending) };
  if (!state.loaded) return { ...state, pending: [...state.pending, ...action.updates] };
  const tables = applyAll(state.tables, action.updates);
  return tables === state.tables ? state : { ...state, tables };
}
