import { describe, expect, it } from 'vitest';
import { addMarkers, applyUpdate, barMarkers, maxCandles, maxMarkers, initialRunView, reducesPosition, runCounters, runViewReducer, bucketTime, emptyTables, fillMarker, fromHistory, isWorking, signalMarker, toCandle, upsertCandle, type RunTables } from './runModel';

const bar = (minute: number, close: number) => ({
  open_time: `2026-11-23T07:${String(minute).padStart(2, '0')}:00Z`, open: close - 1, high: close + 1, low: close - 2, close,
});
const t = (minute: number) => Date.UTC(2026, 10, 23, 7, minute) / 1000;

describe('candles', () => {
  it('turns a bar into a candle at its open time in UTC seconds', () => {
    expect(toCandle({ ...bar(37, 7315.89), open: '7314.1' })).toEqual({ time: t(37), open: 7314.1, high: 7316.89, low: 7313.89, close: 7315.89 });
  });

  it('appends later bars, replaces a revised bar and inserts a late one in order', () => {
    let candles = [toCandle(bar(1, 10)), toCandle(bar(3, 12))];
    candles = upsertCandle(candles, toCandle(bar(4, 13)));
    expect(candles.map((c) => c.time)).toEqual([t(1), t(3), t(4)]);
    candles = upsertCandle(candles, toCandle(bar(4, 14)));
    expect(candles.map((c) => c.close)).toEqual([10, 12, 14]);
    candles = upsertCandle(candles, toCandle(bar(2, 11)));
    expect(candles.map((c) => c.close)).toEqual([10, 11, 12, 14]);
  });

  it('keeps the newest candles only', () => {
    let candles = Array.from({ length: maxCandles }, (_, i) => ({ time: i * 60, open: 1, high: 1, low: 1, close: 1 }));
    candles = upsertCandle(candles, { time: maxCandles * 60, open: 2, high: 2, low: 2, close: 2 });
    expect(candles.length).toBeLessThan(maxCandles);
    expect(candles[0].time).toBe((maxCandles - candles.length + 1) * 60);
    expect(candles[candles.length - 1].close).toBe(2);
  });

  it('puts a time into its bar', () => {
    expect(bucketTime('2026-11-23T07:37:42.5Z')).toBe(t(37));
    expect(bucketTime('2026-11-23T07:37:42Z', 300)).toBe(t(35));
  });
});

const fill = { run_id: 'r', order_id: 'O-1', trade_id: 'T-1', symbol: 'BTCUSD.COINBASE', side: 'buy', price: 7330.32, quantity: 0.5, commission: 0.2, leaves_quantity: 0, is_maker: true, timestamp: '2026-11-23T07:37:10Z' };

describe('markers', () => {
  it('marks a buy fill below its bar with an up arrow and a sell above with a down arrow', () => {
    expect(fillMarker(fill)).toMatchObject({ id: 'fill:T-1', kind: 'fill', time: t(37), position: 'belowBar', shape: 'arrowUp', text: 'B 0.5 @ 7330.32' });
    expect(fillMarker({ ...fill, side: 'sell' })).toMatchObject({ position: 'aboveBar', shape: 'arrowDown' });
  });

  it('keeps each marker once and in time order', () => {
    const late = fillMarker({ ...fill, trade_id: 'T-2', timestamp: '2026-11-23T07:40:00Z' });
    const early = fillMarker(fill);
    const markers = addMarkers(addMarkers([], [late]), [early, late, early]);
    expect(markers.map((m) => m.id)).toEqual(['fill:T-1', 'fill:T-2']);
  });

  it('keeps the newest markers only', () => {
    const many = Array.from({ length: maxMarkers + 5 }, (_, i) => fillMarker({ ...fill, trade_id: `T-${i}`, timestamp: new Date(Date.UTC(2026, 10, 23) + i * 60_000).toISOString() }));
    const markers = addMarkers([], many);
    expect(markers).toHaveLength(maxMarkers);
    expect(markers[0].id).toBe('fill:T-5');
  });
});

describe('tables', () => {
  const placed = { run_id: 'r', order_id: 'O-1', symbol: 'BTCUSD.COINBASE', side: 'buy', order_type: 'limit', quantity: 1, limit_price: 7330, timestamp: '2026-11-23T07:30:00Z' };

  it('follows an order from placed through partial and full fills', () => {
    let tables: RunTables = applyUpdate(emptyTables, 'orders', 'order_placed', placed);
    expect(tables.orders[0]).toMatchObject({ order_id: 'O-1', status: 'submitted', filled_quantity: 0 });
    tables = applyUpdate(tables, 'orders', 'order_updated', { order_id: 'O-1', status: 'accepted', timestamp: '2026-11-23T07:30:00Z' });
    expect(tables.orders[0].status).toBe('accepted');
    expect(isWorking(tables.orders[0])).toBe(true);
    tables = applyUpdate(tables, 'orders', 'order_filled', { ...fill, quantity: 0.25, price: 7330, leaves_quantity: 0.75 });
    expect(tables.orders[0]).toMatchObject({ status: 'partially_filled', filled_quantity: 0.25, average_fill_price: 7330 });
    tables = applyUpdate(tables, 'orders', 'order_filled', { ...fill, trade_id: 'T-2', quantity: 0.75, price: 7326, leaves_quantity: 0 });
    expect(tables.orders[0]).toMatchObject({ status: 'filled', filled_quantity: 1, average_fill_price: 7327 });
    expect(isWorking(tables.orders[0])).toBe(false);
    expect(tables.orders).toHaveLength(1);
  });

  it('records a rejection with its reason', () => {
    const tables = applyUpdate(emptyTables, 'orders', 'order_rejected', { ...placed, reason: 'max_positions 1 reached', source: 'risk' });
    expect(tables.orders[0]).toMatchObject({ status: 'rejected', reason: 'max_positions 1 reached' });
  });

  it('lists each fill once, newest first, with its chart marker', () => {
    let tables = applyUpdate(emptyTables, 'executions', 'trade_executed', fill);
    tables = applyUpdate(tables, 'executions', 'trade_executed', { ...fill, trade_id: 'T-2', side: 'sell' });
    tables = applyUpdate(tables, 'executions', 'trade_executed', fill);
    expect(tables.fills.map((f) => f.trade_id)).toEqual(['T-2', 'T-1']);
    expect(tables.markers.filter((m) => m.kind === 'fill')).toHaveLength(2);
  });

  it('replaces a position by symbol and appends logs and signal markers', () => {
    const position = { run_id: 'r', symbol: 'BTCUSD.COINBASE', net_quantity: 0.5, average_price: 7330, last_price: 7340, realized_pnl: 0, unrealized_pnl: 5, timestamp: 'x' };
    let tables = applyUpdate(emptyTables, 'positions', 'position_update', position);
    tables = applyUpdate(tables, 'positions', 'position_update', { ...position, net_quantity: 0, realized_pnl: 4 });
    expect(tables.positions).toHaveLength(1);
    expect(tables.positions[0]).toMatchObject({ net_quantity: 0, realized_pnl: 4 });
    tables = applyUpdate(tables, 'runs', 'log', { level: 'info', source: 'strategy', message: 'hello', timestamp: 'x' });
    tables = applyUpdate(tables, 'runs', 'signal_generated', { signal_id: 7, signal_type: 'sell', symbol: 'BTCUSD.COINBASE', price: 1, strength: 1, executed: false, timestamp: '2026-11-23T07:31:00Z' });
    expect(tables.logs[0].message).toBe('hello');
    expect(tables.markers).toEqual([expect.objectContaining({ id: 'signal:7', kind: 'signal', position: 'aboveBar', time: t(31) })]);
    expect(applyUpdate(tables, 'runs', 'strategy_started', {})).toBe(tables);
  });

  it('starts from the REST history, newest first, with fill and signal markers', () => {
    const tables = fromHistory({
      orders: [{ order_id: 'O-1' }, { order_id: 'O-2' }] as never,
      fills: [{ ...fill, commission_currency: 'USD' }] as never,
      positions: [],
      logs: [{ level: 'info', source: 'engine', message: 'Run started.', timestamp: 'x' }],
      signals: [{ signal_id: 1, signal_type: 'buy', symbol: 'BTCUSD.COINBASE', venue: 'COINBASE', strength: 1, price: 1, quantity: 1, executed: true, order_id: 'O-1', reason: null, metadata: null, timestamp: '2026-11-23T07:36:00Z' }],
      fillCount: 1, signalCount: 1, closedTrades: 0,
    });
    expect(tables.orders.map((o) => o.order_id)).toEqual(['O-2', 'O-1']);
    expect(tables.markers.map((m) => m.id)).toEqual(['signal:1', 'fill:T-1']);
  });
});

describe('run view', () => {
  it('keeps updates that arrive before the history and applies them on top of it', () => {
    const update = (payload: Record<string, unknown>) => ({ route: 'executions', event: 'trade_executed', payload });
    let state = runViewReducer(initialRunView, { type: 'updates', updates: [update({ ...fill, trade_id: 'T-2' })] });
    state = runViewReducer(state, { type: 'updates', updates: [update(fill)] });
    expect(state.tables.fills).toHaveLength(0);
    state = runViewReducer(state, { type: 'history', history: { orders: [], fills: [{ ...fill, commission_currency: 'USD' }], positions: [], logs: [], signals: [], fillCount: 1, signalCount: 0, closedTrades: 0 } });
    expect(state.loaded).toBe(true);
    expect(state.tables.fills.map((f) => f.trade_id)).toEqual(['T-2', 'T-1']);
    expect(state.tables.markers.map((m) => m.id)).toEqual(['fill:T-1', 'fill:T-2']);
    state = runViewReducer(state, { type: 'updates', updates: [update({ ...fill, trade_id: 'T-3' }), update({ ...fill, trade_id: 'T-4' })] });
    expect(state.tables.fills.map((f) => f.trade_id)).toEqual(['T-4', 'T-3', 'T-2', 'T-1']);
    expect(state.tables.fillCount).toBe(4);
  });

});

describe('chart markers per bar', () => {
  const at = (id: number, side: string, second: number, quantity: number, price: number) =>
    fillMarker({ ...fill, trade_id: `T-${id}`, side, quantity, price, timestamp: new Date((t(37) + second) * 1000).toISOString() });

  it('draws one buy and one sell marker per bar with the count, total size and average price, and a lone fill as it is', () => {
    const markers = addMarkers([], [
      at(1, 'buy', 5, 0.25, 7330), at(2, 'sell', 10, 0.5, 7332), at(3, 'buy', 20, 0.75, 7334), at(4, 'buy', 59, 1, 7331), at(5, 'sell', 70, 0.1, 7340),
    ]);
    expect(barMarkers(markers)).toEqual([
      { time: t(37), position: 'belowBar', shape: 'arrowUp', color: '#16a34a', text: 'B ×3 2 @ 7332', count: 3 },
      { time: t(37), position: 'aboveBar', shape: 'arrowDown', color: '#dc2626', text: 'S 0.5 @ 7332', count: 1 },
      { time: t(38), position: 'aboveBar', shape: 'arrowDown', color: '#dc2626', text: 'S 0.1 @ 7340', count: 1 },
    ]);
  });

  it('keeps signals apart from fills and by type, and a market maker\'s busy hour at two markers a bar', () => {
    const signal = (id: number, type: string, minute: number) =>
      signalMarker({ signal_id: id, signal_type: type, symbol: 'BTCUSD.COINBASE', price: 1, strength: 1, executed: false, timestamp: new Date(t(minute) * 1000).toISOString() });
    expect(barMarkers(addMarkers([], [signal(1, 'buy', 37), signal(2, 'buy', 37), signal(3, 'sell', 37), at(9, 'buy', 1, 1, 7330)])).map((m) => m.text))
      .toEqual(['B 1 @ 7330', 'buy ×2', 'sell']);

    const busy = Array.from({ length: 60 * 20 }, (_, i) => at(100 + i, i % 2 ? 'sell' : 'buy', i * 3, 0.01, 7300 + (i % 7)));
    const drawn = barMarkers(addMarkers([], busy));
    expect(drawn).toHaveLength(2 * 60);
    expect(drawn.reduce((n, m) => n + m.count, 0)).toBe(busy.length);
    expect(drawn.every((m, i) => i === 0 || drawn[i - 1].time <= m.time)).toBe(true);
  });
});

describe('counters', () => {
  it('shows the fills and signals the stream has brought when the stored status lags, and the closed trades it stores', () => {
    let tables = fromHistory({ orders: [], fills: [{ ...fill, commission_currency: 'USD' }], positions: [], logs: [], signals: [], fillCount: 1500, signalCount: 0, closedTrades: 0 });
    expect(runCounters({ total_signals: 0, total_trades: 0, closed_trades: 0 }, tables)).toEqual({ signals: 0, fills: 1500, closedTrades: 0 });
    tables = applyUpdate(tables, 'executions', 'trade_executed', { ...fill, trade_id: 'T-2' });
    tables = applyUpdate(tables, 'executions', 'trade_executed', { ...fill, trade_id: 'T-2' });
    tables = applyUpdate(tables, 'runs', 'signal_generated', { signal_id: 7, signal_type: 'hold', symbol: 'BTCUSD.COINBASE', price: null, strength: 1, executed: false, timestamp: fill.timestamp });
    tables = applyUpdate(tables, 'runs', 'signal_generated', { signal_id: 7, signal_type: 'hold', symbol: 'BTCUSD.COINBASE', price: null, strength: 1, executed: false, timestamp: fill.timestamp });
    expect(runCounters({ total_signals: '0', total_trades: '1499', closed_trades: '700' }, tables)).toEqual({ signals: 1, fills: 1501, closedTrades: 700 });
    expect(runCounters({ total_signals: 3, total_trades: 1600, closed_trades: 800 }, tables)).toEqual({ signals: 3, fills: 1600, closedTrades: 800 });
  });

  it('tells a fill that reduces a position (against it, a flip included) from one that opens or adds', () => {
    expect([reducesPosition(1, 'sell'), reducesPosition(0.5, 'buy'), reducesPosition(0, 'sell'), reducesPosition(0, 'buy')]).toEqual([true, false, false, false]);
    expect([reducesPosition(-2, 'buy'), reducesPosition(-2, 'sell')]).toEqual([true, false]);
  });

  it('counts each streamed fill that reduces the position it meets once, on top of the history\'s closed trades', () => {
    const btc = { symbol: 'BTCUSD.COINBASE', average_price: 7330, last_price: 7330, realized_pnl: 0, unrealized_pnl: 0, commissions: 0, updated_at: 'x' };
    const moved = (netQuantity: number | string) => ({ run_id: 'r', ...btc, net_quantity: netQuantity, timestamp: 'x' });
    const trade = (id: string, side: string, quantity: number, symbol = btc.symbol) => ({ ...fill, trade_id: id, side, quantity, symbol });
    let tables = fromHistory({
      orders: [], fills: [{ ...fill, commission_currency: 'USD' }], positions: [{ ...btc, net_quantity: '1' }], logs: [], signals: [],
      fillCount: 1500, signalCount: 0, closedTrades: 700,
    });
    const stream: [string, string, Record<string, unknown>][] = [
      ['executions', 'trade_executed', trade('T-1', 'sell', 1)], // in the history: counted there, if at all
      ['executions', 'trade_executed', trade('T-2', 'sell', 1)], // closes the long
      ['positions', 'position_update', moved(0)],
      ['executions', 'trade_executed', trade('T-3', 'buy', 0.5)], // opens
      ['positions', 'position_update', moved(0.5)],
      ['executions', 'trade_executed', trade('T-3', 'buy', 0.5)], // again: once
      ['orders', 'order_filled', trade('T-4', 'sell', 0.8)], // the order's side of a fill: the executions one counts
      ['executions', 'trade_executed', trade('T-4', 'sell', 0.8)], // flips to short: reduces
      ['positions', 'position_update', moved('-0.3')],
      ['executions', 'trade_executed', trade('T-5', 'sell', 0.1)], // adds to the short
      ['positions', 'position_update', moved(-0.4)],
      ['executions', 'trade_executed', trade('T-6', 'sell', 1, 'ETHUSD.COINBASE')], // no position there: opens
      ['executions', 'trade_executed', trade('T-2', 'sell', 1)], // again: once
    ];
    tables = stream.reduce((t, [route, event, payload]) => applyUpdate(t, route, event, payload), tables);
    expect(tables.fillCount).toBe(1505);
    expect(tables.closedTradeCount).toBe(702);
    // The stored status lags: the stream's figure; once the status is ahead, the status's.
    expect(runCounters({ total_signals: 0, total_trades: 1502, closed_trades: 701 }, tables).closedTrades).toBe(702);
    expect(runCounters({ total_signals: 0, total_trades: 1510, closed_trades: '705' }, tables).closedTrades).toBe(705);
    expect(runCounters({ total_signals: 0, total_trades: 1510 }, tables).closedTrades).toBe(702);
  });

  it('counts a closed trade that arrives while the history loads once, against the history\'s position', () => {
    const update = (route: string, event: string, payload: Record<string, unknown>) => ({ route, event, payload });
    const sell = (id: string) => update('executions', 'trade_executed', { ...fill, trade_id: id, side: 'sell' });
    // T-1 made it into the history's fills (and its closed trades); T-2 came after.
    let state = runViewReducer(initialRunView, { type: 'updates', updates: [sell('T-1'), sell('T-2')] });
    expect(state.tables.closedTradeCount).toBe(0);
    state = runViewReducer(state, {
      type: 'history',
      history: {
        orders: [], fills: [{ ...fill, side: 'sell', commission_currency: 'USD' }], logs: [], signals: [], fillCount: 4, signalCount: 0, closedTrades: 2,
        positions: [{ symbol: fill.symbol, net_quantity: 0.5, average_price: 7330, last_price: 7330, realized_pnl: 0, unrealized_pnl: 0, commissions: 0, updated_at: 'x' }],
      },
    });
    expect(state.tables.closedTradeCount).toBe(3);
    expect(runCounters({ total_signals: 0, total_trades: 4, closed_trades: 2 }, state.tables)).toEqual({ signals: 0, fills: 5, closedTrades: 3 });
    state = runViewReducer(state, { type: 'updates', updates: [sell('T-2')] });
    expect(state.tables.closedTradeCount).toBe(3);
  });
});
