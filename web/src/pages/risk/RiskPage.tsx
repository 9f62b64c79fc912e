import { useReducer, useState } from 'react';
import { Link } from 'react-router';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { getRunStats, listPlugins, listRuns, type RunStatusDto } from '../../api';
import { unwrapData } from '../../ui/api';
import { Empty, Failure, Loading } from '../../ui/states';
import { useStream } from '../../stream/StreamContext';
import { count, money } from '../../ui/format';
import { pnl, shortId, time } from '../runs/format';
import { KillSwitchDialog } from './KillSwitchDialog';
import { applyRiskEvent, emptyFeed, riskEvents, riskLimits, type LiveRisk } from './riskModel';
import '../runs/runs.css';
import './risk.css';

const watched = new Set<string>(riskEvents);

/**
 * `/risk`: every running run of the caller with its trading state (active, reducing, halted) and why, its limits,
 * circuit breakers and risk decisions, and its kill switch; the risk events of the `runs` topic as they happen.
 */
export function RiskPage() {
  const queries = useQueryClient();
  const runs = useQuery({ queryKey: ['runs', 'running'], queryFn: () => unwrapData(listRuns({ query: { status: 'running', limit: 100 } })), refetchInterval: 5000 });
  const plugins = useQuery({ queryKey: ['plugins'], queryFn: () => unwrapData(listPlugins({ query: { limit: 500 } })) });
  const [feed, apply] = useReducer((state: typeof emptyFeed, update: { event: string; payload: Record<string, unknown> }) => applyRiskEvent(state, update.event, update.payload), emptyFeed);
  const [killing, setKilling] = useState<RunStatusDto | null>(null);
  useStream('runs', {}, (update) => {
    if (watched.has(update.event)) apply({ event: update.event, payload: update.payload as Record<string, unknown> });
    if (update.event === 'strategy_started' || update.event === 'strategy_stopped') void queries.invalidateQueries({ queryKey: ['runs'] });
  });
  const names = new Map(plugins.data?.plugins.map((p) => [p.id, p.name]) ?? []);
  const name = (run: RunStatusDto) => names.get(run.plugin_id) ?? 'Strategy';
  const list = runs.data?.runs ?? [];
  const stateOf = (run: RunStatusDto) => feed.runs[run.run_id]?.tradingState ?? run.trading_state;
  const count = (state: string) => list.filter((r) => stateOf(r) === state).length;
  return (
    <div className="risk-page">
      <h1>Risk</h1>
      <div className="cards">
        <div className="card"><div className="label">Running runs</div><div className="value">{list.length}</div></div>
        <div className="card"><div className="label">Active</div><div className="value up">{count('active')}</div></div>
        <div className="card"><div className="label">Reducing</div><div className="value warn">{count('reducing')}</div></div>
        <div className="card"><div className="label">Halted</div><div className="value down">{count('halted')}</div></div>
      </div>
      {runs.isPending && <Loading what="running runs" />}
      {runs.isError && <Failure message={runs.error.message} onRetry={() => void runs.refetch()} />}
      {runs.data && list.length === 0 && <Empty>No run is running: nothing to watch or halt. <Link to="/runs">Start one</Link>.</Empty>}
      <div className="risk-runs">
        {list.map((run) => (
          <RunRisk key={run.run_id} run={run} name={name(run)} live={feed.runs[run.run_id]} onKill={() => setKilling(run)} />
        ))}
      </div>
      <section className="panel risk-events" data-testid="risk-events" data-events={feed.events.length}>
        <h2>Risk events</h2>
        {feed.events.length === 0 ? <Empty>No trading-state change, circuit breaker, kill switch or margin call since this page opened.</Empty> : (
          <ul>
            {feed.events.map((e, i) => (
              <li key={`${e.runId}-${e.timestamp}-${i}`} className={`event-${e.severity}`}>
                <span className="muted">{time(e.timestamp)}</span> <Link to={`/runs/${e.runId}`}>{shortId(e.runId)}</Link> <strong>{e.event}</strong> {e.text}
              </li>
            ))}
          </ul>
        )}
      </section>
      {killing && <KillSwitchDialog run={killing} name={name(killing)} onClose={() => setKilling(null)} />}
    </div>
  );
}

function RunRisk({ run, name, live, onKill }: { run: RunStatusDto; name: string; live: LiveRisk | undefined; onKill: () => void }) {
  const stats = useQuery({
    queryKey: ['run-stats', run.run_id],
    queryFn: () => unwrapData(getRunStats({ path: { runId: run.run_id } })),
    refetchInterval: 10000,
  });
  const state = live?.tradingState ?? run.trading_state;
  const reason = live?.tradingState ? live.reason : run.trading_state_reason;
  const daily = pnl(run.daily_pnl);
  const tripped = Object.entries(live?.tripped ?? {});
  const risk = stats.data?.risk;
  const denials = Object.entries(risk?.denials ?? {});
  return (
    <section className={`panel run-risk state-border-${state}`} data-testid="run-risk" data-run-id={run.run_id} data-trading-state={state}>
      <div className="run-risk-head">
        <h2><Link to={`/runs/${run.run_id}`}>{name}</Link> <span className="muted">{shortId(run.run_id)} · {run.symbols.join(', ')}</span></h2>
        <span className={`badge state-${state}`}>{state.toUpperCase()}</span>
      </div>
      {reason && state !== 'active' && <p className={`state-reason state-${state}`}>{reason}</p>}
      <dl className="run-facts">
        <div><dt>Daily P&amp;L</dt><dd className={daily.className}>{daily.text} {run.currency}</dd></div>
        <div><dt>P&amp;L</dt><dd>{money(run.profit_loss)} {run.currency}</dd></div>
        {riskLimits(run.risk as Record<string, unknown>, run.currency).map(([label, value]) => <div key={label}><dt>{label}</dt><dd>{value}</dd></div>)}
        <div>
          <dt>Circuit breakers</dt>
          <dd>
            {tripped.length > 0 ? tripped.map(([symbol, until]) => <span key={symbol} className="badge state-halted">{symbol} halted until {time(until)}</span>) : 'none tripped'}
            {risk && ` · ${count(risk.circuit_breaker_trips)} trip(s), ${count(risk.circuit_breaker_resets)} reset(s)`}
          </dd>
        </div>
        {risk && <div><dt>Kill switches</dt><dd>{count(risk.kill_switches)}</dd></div>}
        {risk && <div><dt>Denials</dt><dd>{denials.length === 0 ? 'none' : denials.map(([check, n]) => `${check} ${String(n)}`).join(', ')}</dd></div>}
      </dl>
      {stats.isError && <Failure message={stats.error.message} />}
      <div className="toolbar">
        <button className="danger" onClick={onKill}>Kill switch…</button>
      </div>
    </section>
  );
}
