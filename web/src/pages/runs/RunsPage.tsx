import { useState } from 'react';
import { Link } from 'react-router';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  listLiveStrategies, listPlugins, listRuns, pauseLiveStrategy, resumeLiveStrategy, startLiveStrategy, stopLiveStrategy, stopRun, type LiveStrategyDto,
} from '../../api';
import { unwrapData } from '../../ui/api';
import { Empty, Failure, Loading } from '../../ui/states';
import { useStream } from '../../stream/StreamContext';
import { StartRunForm } from './StartRunForm';
import { count, dateTime } from '../../ui/format';
import { pnl, shortId } from './format';
import './runs.css';

const lifecycle = new Set(['strategy_started', 'strategy_stopped', 'strategy_suspended', 'strategy_resumed', 'strategy_error', 'trading_state_changed', 'kill_switch']);

/** `/runs`: start a run; the caller's live strategies (start, pause, resume, stop) and runs (status, instruments, P&L, stop). */
export function RunsPage() {
  const queries = useQueryClient();
  const [starting, setStarting] = useState(false);
  const runs = useQuery({ queryKey: ['runs'], queryFn: () => unwrapData(listRuns({ query: { limit: 100 } })), refetchInterval: 5000 });
  const live = useQuery({ queryKey: ['live-strategies'], queryFn: () => unwrapData(listLiveStrategies({ query: { limit: 100 } })), refetchInterval: 10000 });
  const plugins = useQuery({ queryKey: ['plugins'], queryFn: () => unwrapData(listPlugins({ query: { limit: 500 } })) });
  useStream('runs', {}, (update) => {
    if (!lifecycle.has(update.event)) return;
    void queries.invalidateQueries({ queryKey: ['runs'] });
    void queries.invalidateQueries({ queryKey: ['live-strategies'] });
  });
  const names = new Map(plugins.data?.plugins.map((p) => [p.id, p.name]) ?? []);
  const stop = useMutation({
    mutationFn: (runId: string) => unwrapData(stopRun({ path: { runId } })),
    onSettled: () => void queries.invalidateQueries({ queryKey: ['runs'] }),
  });
  return (
    <div className="runs-page">
      <div className="toolbar">
        <h1>Runs</h1>
        <button className="primary" onClick={() => setStarting(!starting)} aria-expanded={starting}>{starting ? 'Close' : 'Start a run…'}</button>
      </div>
      {starting && <section className="panel"><h2>Start a run on the replay feed</h2><StartRunForm /></section>}

      <section className="panel">
        <h2>Live strategies</h2>
        {live.isPending && <Loading what="live strategies" />}
        {live.isError && <Failure message={live.error.message} onRetry={() => void live.refetch()} />}
        {live.data && (live.data.strategies.length === 0
          ? <Empty>No live strategy. Create one with POST /api/v1/live-trading/strategies (README "Live trading"); runs started here appear below.</Empty>
          : <LiveStrategies strategies={live.data.strategies} names={names} />)}
      </section>

      <section className="panel">
        <h2>Runs</h2>
        {stop.isError && <Failure message={stop.error.message} />}
        {runs.isPending && <Loading what="runs" />}
        {runs.isError && <Failure message={runs.error.message} onRetry={() => void runs.refetch()} />}
        {runs.data && (runs.data.runs.length === 0 ? <Empty>No run yet: start one above.</Empty> : (
          <div className="table-wrap">
            <table className="runs-table" aria-label="Runs">
              <thead>
                <tr><th className="wide-only">Started</th><th>Strategy</th><th className="wide-only">Instruments</th><th>Status</th><th>Trading</th><th className="num">P&amp;L</th><th className="num wide-only">Signals / fills</th><th /></tr>
              </thead>
              <tbody>
                {runs.data.runs.map((r) => {
                  const profit = pnl(r.profit_loss);
                  return (
                    <tr key={r.run_id} data-run-id={r.run_id}>
                      <td className="wide-only">{dateTime(r.start_time)}</td>
                      <td><Link to={`/runs/${r.run_id}`}>{names.get(r.plugin_id) ?? shortId(r.plugin_id)}</Link> <span className="muted">{shortId(r.run_id)}{r.live_strategy_id ? ' · live' : ''}</span></td>
                      <td className="wide-only">{r.symbols.join(', ')}</td>
                      <td><span className={`badge status-${r.status}`}>{r.status}</span></td>
                      <td><span className={`badge state-${r.trading_state}`}>{r.trading_state}</span></td>
                      <td className={`num ${profit.className}`}>{profit.text}</td>
                      <td className="num wide-only">{count(r.total_signals)} / {count(r.total_trades)}</td>
                      <td>{r.status === 'running' && r.live_strategy_id === null && (
                        <button disabled={stop.isPending} onClick={() => stop.mutate(r.run_id)}>Stop</button>
                      )}</td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
            {Number(runs.data.count) > runs.data.runs.length && <p className="muted">The {runs.data.runs.length} newest of {String(runs.data.count)} runs.</p>}
          </div>
        ))}
      </section>
    </div>
  );
}

function LiveStrategies({ strategies, names }: { strategies: LiveStrategyDto[]; names: Map<string, string> }) {
  const queries = useQueryClient();
  const command = useMutation({
    mutationFn: ({ id, action }: { id: string; action: 'start' | 'pause' | 'resume' | 'stop' }) => {
      const path = { strategyId: id };
      const call = { start: startLiveStrategy, pause: pauseLiveStrategy, resume: resumeLiveStrategy, stop: stopLiveStrategy }[action];
      return unwrapData(call({ path }));
    },
    onSettled: () => {
      void queries.invalidateQueries({ queryKey: ['live-strategies'] });
      void queries.invalidateQueries({ queryKey: ['runs'] });
    },
  });
  const busy = command.isPending;
  return (
    <div className="table-wrap">
      {command.isError && <Failure message={command.error.message} />}
      <table aria-label="Live strategies">
        <thead><tr><th>Name</th><th>Strategy</th><th>Instruments</th><th>Every</th><th>Status</th><th>Run</th><th /></tr></thead>
        <tbody>
          {strategies.map((s) => (
            <tr key={s.id}>
              <td>{s.name}</td>
              <td>{names.get(s.plugin_id) ?? shortId(s.plugin_id)}</td>
              <td>{s.symbols.join(', ')}</td>
              <td>{Number(s.check_interval) / 60} min</td>
              <td><span className={`badge status-${s.status}`} title={s.status_reason ?? undefined}>{s.status}</span></td>
              <td>{s.current_run_id ? <Link to={`/runs/${s.current_run_id}`}>{shortId(s.current_run_id)}</Link> : '—'}</td>
              <td className="actions">
                {(s.status === 'stopped' || s.status === 'error') && <button disabled={busy} onClick={() => command.mutate({ id: s.id, action: 'start' })}>Start</button>}
                {s.status === 'running' && <button disabled={busy} onClick={() => command.mutate({ id: s.id, action: 'pause' })}>Pause</button>}
                {s.status === 'paused' && <button disabled={busy} onClick={() => command.mutate({ id: s.id, action: 'resume' })}>Resume</button>}
                {(s.status === 'running' || s.status === 'paused') && <button disabled={busy} onClick={() => command.mutate({ id: s.id, action: 'stop' })}>Stop</button>}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
