import { memo, type ReactNode } from 'react';
import { Empty } from '../../ui/states';
import { decimal, money } from '../../ui/format';
import { pnl, time } from './format';
import type { RunTables } from './runModel';

/** The run's positions, orders, fills and logs, newest first, as the stream updates them. */
export const RunTablesView = memo(function RunTablesView({ tables }: { tables: RunTables }) {
  return (
    <div className="run-tables">
      <Table title="Positions" count={tables.positions.length} empty="No position yet." testId="positions"
        head={['Symbol', 'Quantity', 'Avg price', 'Last', 'Realized', 'Unrealized']}>
        {tables.positions.map((p) => {
          const realized = pnl(p.realized_pnl);
          const unrealized = pnl(p.unrealized_pnl);
          return (
            <tr key={p.symbol}>
              <td>{p.symbol}</td><td className="num">{decimal(p.net_quantity)}</td><td className="num">{money(p.average_price)}</td>
              <td className="num">{money(p.last_price)}</td><td className={`num ${realized.className}`}>{realized.text}</td>
              <td className={`num ${unrealized.className}`}>{unrealized.text}</td>
            </tr>
          );
        })}
      </Table>
      <Table title="Orders" count={tables.orders.length} empty="No order yet." testId="orders"
        head={['Time', 'Order', 'Side', 'Type', 'Quantity', 'Limit', 'Filled', 'Avg fill', 'Status']}>
        {tables.orders.map((o) => (
          <tr key={o.order_id} title={o.reason ?? undefined}>
            <td>{time(o.created_at)}</td><td>{o.order_id}</td><td className={o.side === 'buy' ? 'up' : 'down'}>{o.side}</td><td>{o.order_type}</td>
            <td className="num">{decimal(o.quantity)}</td><td className="num">{money(o.limit_price)}</td><td className="num">{decimal(o.filled_quantity)}</td>
            <td className="num">{money(o.average_fill_price)}</td><td>{o.status}{o.reason ? ` (${o.reason})` : ''}</td>
          </tr>
        ))}
      </Table>
      <Table title="Fills" count={tables.fills.length} empty="No fill yet." testId="fills"
        head={['Time', 'Trade', 'Order', 'Symbol', 'Side', 'Price', 'Quantity', 'Fee']}>
        {tables.fills.map((f) => (
          <tr key={f.trade_id}>
            <td>{time(f.timestamp)}</td><td>{f.trade_id}</td><td>{f.order_id}</td><td>{f.symbol}</td><td className={f.side === 'buy' ? 'up' : 'down'}>{f.side}</td>
            <td className="num">{money(f.price)}</td><td className="num">{decimal(f.quantity)}</td><td className="num">{decimal(f.commission)}</td>
          </tr>
        ))}
      </Table>
      <Table title="Logs" count={tables.logs.length} empty="No log line yet." testId="logs" head={['Time', 'Level', 'Source', 'Message']}>
        {tables.logs.map((l, i) => (
          <tr key={`${l.timestamp}-${i}`} className={`log-${l.level}`}>
            <td>{time(l.timestamp)}</td><td>{l.level}</td><td>{l.source}</td><td className="message">{l.message}</td>
          </tr>
        ))}
      </Table>
    </div>
  );
});

function Table({ title, count, empty, head, testId, children }: { title: string; count: number; empty: string; head: string[]; testId: string; children: ReactNode }) {
  return (
    <section className="panel" data-testid={`run-${testId}`} data-rows={count}>
      <h2>{title} <span className="muted">{count}</span></h2>
      {count === 0 ? <Empty>{empty}</Empty> : (
        <div className="table-wrap">
          <table aria-label={title}>
            <thead><tr>{head.map((h) => <th key={h}>{h}</th>)}</tr></thead>
            <tbody>{children}</tbody>
          </table>
        </div>
      )}
    </section>
  );
}
