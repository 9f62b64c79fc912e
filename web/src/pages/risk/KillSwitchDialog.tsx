import { useState } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { killRun, listRunOrders, listRunPositions, type RunStatusDto } from '../../api';
import { unwrapData } from '../../ui/api';
import { Failure, Loading } from '../../ui/states';
import { isWorking } from '../runs/runModel';
import { decimal, money } from '../../ui/format';
import { shortId } from '../runs/format';

/**
 * The kill switch of one run, behind a confirmation that names what it does: the run goes to HALTED (no new orders),
 * each working order listed is canceled and, with "flatten", each open position listed is closed at market
 * (`POST /api/v1/strategies/{runId}/kill?flatten=`).
 */
export function KillSwitchDialog({ run, name, onClose }: { run: RunStatusDto; name: string; onClose: () => void }) {
  const [flatten, setFlatten] = useState(true);
  const queries = useQueryClient();
  const path = { runId: run.run_id };
  const exposure = useQuery({
    queryKey: ['kill-exposure', run.run_id],
    queryFn: async () => {
      const [orders, positions] = await Promise.all([
        unwrapData(listRunOrders({ path, query: { limit: 1000 } })),
        unwrapData(listRunPositions({ path, query: { limit: 1000 } })),
      ]);
      return { orders: orders.items.filter(isWorking), positions: positions.items.filter((p) => Number(p.net_quantity) !== 0) };
    },
    gcTime: 0,
  });
  const kill = useMutation({
    mutationFn: () => unwrapData(killRun({ path, query: { flatten } })),
    onSuccess: () => {
      void queries.invalidateQueries({ queryKey: ['runs'] });
      void queries.invalidateQueries({ queryKey: ['run', run.run_id] });
      onClose();
    },
  });
  return (
    <div className="dialog-backdrop" onClick={onClose}>
      <div className="dialog panel" role="dialog" aria-modal="true" aria-labelledby="kill-title" onClick={(e) => e.stopPropagation()}>
        <h2 id="kill-title">Pull the kill switch of {name} ({shortId(run.run_id)})?</h2>
        <p>The run goes to <strong>HALTED</strong> on {run.symbols.join(', ')}: it keeps receiving market data but sends no new orders until it is stopped.</p>
        {exposure.isPending && <Loading what="working orders and positions" />}
        {exposure.isError && <Failure message={exposure.error.message} onRetry={() => void exposure.refetch()} />}
        {exposure.data && (
          <>
            <p>
              {exposure.data.orders.length === 0 ? 'No working order to cancel.' : `Cancels ${exposure.data.orders.length} working order(s):`}
            </p>
            {exposure.data.orders.length > 0 && (
              <ul className="kill-list">
                {exposure.data.orders.map((o) => (
                  <li key={o.order_id}>{o.order_id}: {o.side} {decimal(o.quantity)} {o.symbol} {o.order_type}{o.limit_price !== null ? ` @ ${money(o.limit_price)}` : ''}</li>
                ))}
              </ul>
            )}
            <label className="check">
              <input type="checkbox" checked={flatten} onChange={(e) => setFlatten(e.target.checked)} />
              Also flatten: close every open position at market
            </label>
            {flatten && (
              exposure.data.positions.length === 0 ? <p>No open position to close.</p> : (
                <ul className="kill-list">
                  {exposure.data.positions.map((p) => (
                    <li key={p.symbol}>{Number(p.net_quantity) > 0 ? 'sell' : 'buy'} {decimal(Math.abs(Number(p.net_quantity)))} {p.symbol} at market (position {decimal(p.net_quantity)} @ {money(p.average_price)})</li>
                  ))}
                </ul>
              )
            )}
          </>
        )}
        {kill.isError && <Failure message={kill.error.message} />}
        <div className="toolbar dialog-actions">
          <button onClick={onClose}>Cancel</button>
          <button className="danger" disabled={kill.isPending} onClick={() => kill.mutate()}>
            {kill.isPending ? 'Pulling…' : flatten ? 'Halt, cancel and flatten' : 'Halt and cancel orders'}
          </button>
        </div>
      </div>
    </div>
  );
}
