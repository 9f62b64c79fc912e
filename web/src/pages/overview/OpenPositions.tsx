import type { LivePositionDto } from '../../api';
import { decimal, direction, signedMoney } from '../../ui/format';

/** Open positions of the live strategies: size, average and last price, unrealized and realized P&L. */
export function OpenPositions({ positions }: { positions: LivePositionDto[] }) {
  return (
    <div className="table-wrap">
      <table>
        <thead>
          <tr>
            <th>Strategy</th>
            <th>Symbol</th>
            <th className="num">Quantity</th>
            <th className="num">Avg price</th>
            <th className="num">Last</th>
            <th className="num">Unrealized</th>
            <th className="num">Realized</th>
          </tr>
        </thead>
        <tbody>
          {positions.map((p) => (
            <tr key={`${p.run_id}-${p.symbol}`}>
              <td>{p.strategy_name}</td>
              <td>{p.symbol}</td>
              <td className={`num ${direction(p.net_quantity)}`}>{decimal(p.net_quantity)}</td>
              <td className="num">{decimal(p.average_price)}</td>
              <td className="num">{decimal(p.last_price)}</td>
              <td className={`num ${direction(p.unrealized_pnl)}`}>{signedMoney(p.unrealized_pnl)}</td>
              <td className={`num ${direction(p.realized_pnl)}`}>{signedMoney(p.realized_pnl)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
