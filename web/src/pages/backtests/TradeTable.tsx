import { money, toNumber, utcDateTime } from '../../ui/format';
import { useMemo, useState } from 'react';
import { Empty } from '../../ui/states';
import type { Trade } from './model';

import { notional, pageOf, sortTrades, toggleSort, type SortOrder, type TradeColumn } from './trades';

const pageSize = 25;

const columns: [TradeColumn, string, boolean][] = [
  ['timestamp', 'Time (UTC)', false],
  ['symbol', 'Symbol', false],
  ['side', 'Side', false],
  ['price', 'Price', true],
  ['quantity', 'Quantity', true],
  ['notional', 'Notional', true],
  ['commission', 'Fee', true],
];

/** Every fill of the backtest: sortable by any column (click its header), 25 a page. */
export function TradeTable({ trades, currency }: { trades: Trade[]; currency: string }) {
  const [order, setOrder] = useState<SortOrder>({ column: 'timestamp', descending: false });
  const [page, setPage] = useState(0);
  const sorted = useMemo(() => sortTrades(trades, order), [trades, order]);
  if (trades.length === 0) return <Empty>The backtest made no trade.</Empty>;
  const shown = pageOf(sorted, page, pageSize);

  function sortBy(column: TradeColumn) {
    setOrder((o) => toggleSort(o, column));
    setPage(0);
  }

  return (
    <>
      <div className="table-wrap">
        <table aria-label="Trade list">
          <thead>
            <tr>
              {columns.map(([column, label, numeric]) => (
                <th key={column} className={numeric ? 'num' : undefined}
                  aria-sort={order.column === column ? (order.descending ? 'descending' : 'ascending') : 'none'}>
                  <button className="sort" onClick={() => sortBy(column)}>
                    {label}{order.column === column ? (order.descending ? ' ▼' : ' ▲') : ''}
                  </button>
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {shown.items.map((t) => (
              <tr key={t.trade_id}>
                <td>{utcDateTime(t.timestamp)}</td>
                <td>{t.symbol}</td>
                <td className={t.side === 'buy' ? 'up' : 'down'}>{t.side}</td>
                <td className="num">{money(toNumber(t.price))}</td>
                <td className="num">{toNumber(t.quantity).toLocaleString('en-US', { maximumFractionDigits: 8 })}</td>
                <td className="num">{money(notional(t))}</td>
                <td className="num">{toNumber(t.commission).toLocaleString('en-US', { maximumFractionDigits: 6 })}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <div className="toolbar pager">
        <button disabled={shown.page === 0} onClick={() => setPage(shown.page - 1)}>Previous</button>
        <span>Page {shown.page + 1} of {shown.pages} · {trades.length.toLocaleString('en-US')} fills · prices in quote currency, fees in {currency}</span>
        <button disabled={shown.page >= shown.pages - 1} onClick={() => setPage(shown.page + 1)}>Next</button>
      </div>
    </>
  );
}
