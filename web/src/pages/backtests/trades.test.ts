import { describe, expect, it } from 'vitest';
import type { Trade } from './model';
import { notional, pageOf, sortTrades, toggleSort } from './trades';

const trade = (id: string, minute: number, side: string, price: number, quantity: number): Trade => ({
  timestamp: `2013-10-07T14:${String(minute).padStart(2, '0')}:00Z`, order_id: `O-${id}`, trade_id: `T-${id}`,
  symbol: 'SPY.NASDAQ', side, price, quantity, commission: price * quantity * 0.0001,
});

const trades = [trade('1', 1, 'buy', 167.28, 59), trade('2', 30, 'sell', 167.24, 59), trade('3', 5, 'buy', 168, 10)];

describe('sortTrades', () => {
  it('sorts by time, numbers and text, either way', () => {
    expect(sortTrades(trades, { column: 'timestamp', descending: false }).map((t) => t.trade_id)).toEqual(['T-1', 'T-3', 'T-2']);
    expect(sortTrades(trades, { column: 'price', descending: true }).map((t) => t.trade_id)).toEqual(['T-3', 'T-1', 'T-2']);
    expect(sortTrades(trades, { column: 'notional', descending: false }).map((t) => t.trade_id)).toEqual(['T-3', 'T-2', 'T-1']);
    expect(sortTrades(trades, { column: 'side', descending: true }).map((t) => t.side)).toEqual(['sell', 'buy', 'buy']);
  });

  it('keeps the server order for equal keys, and leaves its input alone', () => {
    expect(sortTrades(trades, { column: 'symbol', descending: true }).map((t) => t.trade_id)).toEqual(['T-1', 'T-2', 'T-3']);
    expect(trades.map((t) => t.trade_id)).toEqual(['T-1', 'T-2', 'T-3']);
  });
});

describe('toggleSort', () => {
  it('flips the same column and starts another ascending', () => {
    expect(toggleSort({ column: 'price', descending: false }, 'price')).toEqual({ column: 'price', descending: true });
    expect(toggleSort({ column: 'price', descending: true }, 'side')).toEqual({ column: 'side', descending: false });
  });
});

describe('notional and pageOf', () => {
  it('is price × quantity', () => {
    expect(notional(trades[0])).toBeCloseTo(167.28 * 59, 10);
  });

  it('pages and clamps the page', () => {
    const items = Array.from({ length: 120 }, (_, i) => i);
    expect(pageOf(items, 0, 50)).toEqual({ items: items.slice(0, 50), page: 0, pages: 3 });
    expect(pageOf(items, 9, 50)).toEqual({ items: items.slice(100), page: 2, pages: 3 });
    expect(pageOf([], 3, 50)).toEqual({ items: [], page: 0, pages: 1 });
  });
});
