import { toNumber, utcDateTime } from '../../ui/format';
import { useState } from 'react';
import { Link, useNavigate } from 'react-router';
import type { BacktestDto } from '../../api';
import { Empty, Failure, Loading } from '../../ui/states';
import { useBacktests } from './queries';


const pageSize = 20;

/** The caller's backtests, newest first, paged and filtered by status; pick two to compare them. */
export function BacktestHistory() {
  const [status, setStatus] = useState('');
  const [offset, setOffset] = useState(0);
  const [picked, setPicked] = useState<string[]>([]);
  const navigate = useNavigate();
  const list = useBacktests(status, pageSize, offset);

  function pick(id: string, on: boolean) {
    setPicked((p) => (on ? [...p.filter((x) => x !== id), id].slice(-2) : p.filter((x) => x !== id)));
  }

  const count = toNumber(list.data?.count ?? 0);
  return (
    <section className="panel" aria-label="Backtest history">
      <div className="toolbar">
        <h2>History</h2>
        <select aria-label="Status" value={status} onChange={(e) => { setStatus(e.target.value); setOffset(0); }}>
          <option value="">All</option>
          <option value="running">Running</option>
          <option value="completed">Completed</option>
          <option value="failed">Failed</option>
        </select>
        <button
          className="primary"
          disabled={picked.length !== 2}
          title="Tick two completed backtests"
          onClick={() => navigate(`/backtests/compare?a=${picked[0]}&b=${picked[1]}`)}
        >
          Compare {picked.length}/2
        </button>
      </div>
      {list.isPending ? (
        <Loading what="backtests" />
      ) : list.isError ? (
        <Failure message={list.error.message} onRetry={() => list.refetch()} />
      ) : list.data.backtests.length === 0 ? (
        <Empty>{status ? `No ${status} backtest.` : 'No backtest yet: start one above.'}</Empty>
      ) : (
        <>
          <div className="table-wrap">
            <table>
              <thead>
                <tr>
                  <th aria-label="Compare"></th>
                  <th>Started (UTC)</th>
                  <th>Strategy</th>
                  <th>Data</th>
                  <th>Status</th>
                  <th className="num">Bars</th>
                  <th className="num">Cash</th>
                </tr>
              </thead>
              <tbody>
                {list.data.backtests.map((b) => (
                  <tr key={b.id}>
                    <td>
                      <input
                        type="checkbox"
                        aria-label={`Compare ${b.strategy} ${b.created_at}`}
                        checked={picked.includes(b.id)}
                        disabled={b.status !== 'completed'}
                        onChange={(e) => pick(b.id, e.target.checked)}
                      />
                    </td>
                    <td><Link to={`/backtests/${b.id}`}>{utcDateTime(b.created_at)}</Link></td>
                    <td>{b.strategy}</td>
                    <td>{b.symbols.join(', ')}</td>
                    <td><StatusBadge backtest={b} /></td>
                    <td className="num">{toNumber(b.bar_count).toLocaleString('en-US')}</td>
                    <td className="num">{toNumber(b.starting_cash).toLocaleString('en-US')} {b.currency}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <div className="toolbar pager">
            <button disabled={offset === 0} onClick={() => setOffset(Math.max(0, offset - pageSize))}>Newer</button>
            <span>{offset + 1}–{Math.min(offset + pageSize, count)} of {count}</span>
            <button disabled={offset + pageSize >= count} onClick={() => setOffset(offset + pageSize)}>Older</button>
          </div>
        </>
      )}
    </section>
  );
}

/** running (with its progress), completed or failed. */
export function StatusBadge({ backtest }: { backtest: BacktestDto }) {
  const progress = Math.round(toNumber(backtest.progress) * 100);
  return (
    <span className={`badge badge-${backtest.status}`}>
      {backtest.status}{backtest.status === 'running' && ` ${progress} %`}
    </span>
  );
}
