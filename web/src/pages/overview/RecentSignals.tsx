import type { LiveSignalDto } from '../../api';
import { dateTime, decimal } from '../../ui/format';

/** The newest signals: when, what, how strong, and whether it became an order (or why not). */
export function RecentSignals({ signals }: { signals: LiveSignalDto[] }) {
  return (
    <div className="table-wrap">
      <table>
        <thead>
          <tr>
            <th>Time</th>
            <th>Symbol</th>
            <th>Signal</th>
            <th className="num">Strength</th>
            <th className="num">Price</th>
            <th>Executed</th>
          </tr>
        </thead>
        <tbody>
          {signals.map((s) => (
            <tr key={`${s.run_id}-${s.signal_id}`}>
              <td>{dateTime(s.timestamp)}</td>
              <td>{s.symbol}</td>
              <td className={s.signal_type === 'buy' ? 'up' : s.signal_type === 'sell' ? 'down' : ''}>{s.signal_type}</td>
              <td className="num">{decimal(s.strength)}</td>
              <td className="num">{decimal(s.price)}</td>
              <td>{s.executed ? `yes, order ${s.order_id}` : `no${s.reason ? `: ${s.reason}` : ''}`}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
