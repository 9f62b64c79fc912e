import { toNumber } from '../../ui/format';
import type { Trade } from './model';

/** A column of the trade list the user may sort by. */
export type TradeColumn = 'timestamp' | 'symbol' | 'side' | 'price' | 'quantity' | 'notional' | 'commission';

export type SortOrder = { column: TradeColumn; descending: boolean };

/** Price × quantity of a fill, quote currency. */
export function notional(trade: Trade): number {
  return toNumber(trade.price) * toNumber(trade.quantity);
}

function key(trade: Trade, column: TradeColumn): number | string {
  switch (column) {
    case 'timestamp':
      return Date.parse(trade.timestamp);
    case 'symbol':
    case 'side':
      return trade[column];
    case 'notional':
      return notional(trade);
    default:
      return toNumber(trade[column]);
  }
}

/** The fills in the given order (a stable sort: equal keys keep the server's order, the fills' sequence). */
export function sortTrades(trades: Trade[], order: SortOrder): Trade[] {
  const sign = order.descending ? -1 : 1;
  return trades
    .map((trade, index) => ({ trade, index, key: key(trade, order.column) }))
    .sort((x, y) => {
      const c = typeof x.key === 'string' ? x.key.localeCompare(y.key as string) : (x.key as number) - (y.key as number);
      return c !== 0 ? sign * c : x.index - y.index;
    })
    .map((x) => x.trade);
}

/** Clicking a column's header: the same column flips its order, another column sorts ascending. */
export function toggleSort(order: SortOrder, column: TradeColumn): SortOrder {
  return order.column === column ? { column, descending: !order.descending } : { column, descending: false };
}

/** The page of a list (0-based), clamped to the pages there are; `pages` is at least 1. */
export function pageOf<T>(items: T[], page: number, size: number): { items: T[]; page: number; pages: number } {
  const pages = Math.max(1, Math.ceil(items.length / size));
  const p = Math.min(Math.max(0, page), pages - 1);
  return { items: items.slice(p * size, (p + 1) * size), page: p, pages };
}
