import { Link, useParams } from 'react-router';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { getPlugin, getRunStatus } from '../../api';
import { unwrapData } from '../../ui/api';
import { Empty, Failure, Loading } from '../../ui/states';
import { useStream } from '../../stream/StreamContext';
import { riskLimits } from '../risk/riskModel';
import { RunChart } from './RunChart';
import { RunControls } from './RunControls';
import { RunTablesView } from './RunTablesView';
import { useRunTables } from './useRunTables';
import { runCounters } from './runModel';
import { useThrottled } from './useThrottled';
import { count, dateTime, money } from '../../ui/format';
import { pnl, shortId } from './format';
import './runs.css';

type Account = { equity: number; cash: number; realized_pnl: number; unrealized_pnl: number; currency: string };

/** `/runs/:id`: one run live: chart, controls, figures, risk parameters and its orders, fills, positions and logs. */
export function RunView() {
  const { id = '' } = useParams();
  const queries = useQueryClient();
  const status = useQuery({
    queryKey: ['run', id],
    queryFn: () => unwrapData(getRunStatus({ path: { runId: id } })),
    refetchInterval: 5000,
  });
  const plugin = useQuery({
    queryKey: ['plugin', status.data?.plugin_id],
    queryFn: () => unwrapData(getPlugin({ path: { id: status.data!.plugin_id } })),
    enabled: status.data !== undefined,
    staleTime: Infinity,
  });
  const tables = useRunTables(id);
  const [account, setAccount] = useThrottled<Account | null>(null);
  useStream('equity', { run_id: id }, (update) => setAccount(update.payload as Account));
  useStream('runs', { run_id: id }, (update) => {
    if (update.event !== 'log' && update.event !== 'signal_generated') void queries.invalidateQueries({ queryKey: ['run', id] });
  });

  if (status.isPending) return <Loading what="the run" />;
  if (status.isError) return <Failure message={status.error.message} onRetry={() => void status.refetch()} />;
  const run = status.data;
  const name = plugin.data?.name ?? 'Strategy';
  const total = pnl(account ? account.equity - Number(run.starting_cash) : run.profit_loss);
  const daily = pnl(run.daily_pnl);
  const parameters = Object.entries((run.parameters ?? {}) as Record<string, unknown>);
  const counters = runCounters(run, tables.tables);
  return (
    <div className="run-view">
      <div className="run-head">
        <h1>
          <Link to="/runs">Runs</Link> / {name} <span className="muted">{shortId(run.run_id)}</span>
        </h1>
        <span className={`badge status-${run.status}`} data-testid="run-status">{run.status}</span>
        <span className={`badge state-${run.trading_state}`} data-testid="trading-state">{run.trading_state}</span>
      </div>
      <RunControls run={run} name={name} />
      {run.trading_state !== 'active' && run.trading_state_reason && <p className={`state-reason state-${run.trading_state}`}>{run.trading_state_reason}</p>}
      {run.last_error && <Failure message={`Last strategy error: ${run.last_error}`} />}
      {run.stop_reason && run.status !== 'running' && <p className="muted">Ended: {run.stop_reason}</p>}
      <div className="cards">
        <Card label={`P&L (${run.currency})`} value={total.text} className={total.className} />
        <Card label="Daily P&L" value={daily.text} className={daily.className} />
        <Card label="Equity" value={account ? money(account.equity) : money(Number(run.starting_cash) + Number(run.profit_loss))} />
        <Card label="Starting cash" value={money(run.starting_cash)} />
        <Card label="Signals" value={count(counters.signals)} testId="run-signal-count" />
        <Card label="Fills" value={count(counters.fills)} detail={`${count(counters.closedTrades)} closed trades`} testId="run-fill-count"
          title="Fills (executions) of the run's orders and closed trades (the fills that reduced a position), live" />
        <Card label="Started" value={dateTime(run.start_time)} small />
      </div>
      <section className="panel chart-panel">
        <RunChart symbols={run.symbols} markers={tables.tables.markers} />
      </section>
      {tables.error && <Failure message={tables.error.message} onRetry={tables.retry} />}
      {!tables.loaded && !tables.error && <Loading what="the run's orders, fills, positions and logs" />}
      {tables.loaded && <RunTablesView tables={tables.tables} />}
      <div className="grid">
        <section className="panel">
          <h2>Risk parameters</h2>
          <dl className="run-facts">
            {riskLimits(run.risk as Record<string, unknown>, run.currency).map(([label, value]) => (
              <div key={label}><dt>{label}</dt><dd>{value}</dd></div>
            ))}
          </dl>
          <p className="muted"><Link to="/risk">Risk page</Link> for the trading state of every run and the kill switch.</p>
        </section>
        <section className="panel">
          <h2>Parameters</h2>
          {parameters.length === 0 ? <Empty>The strategy has no parameters.</Empty> : (
            <dl className="run-facts">
              {parameters.map(([key, value]) => <div key={key}><dt>{key}</dt><dd>{JSON.stringify(value)}</dd></div>)}
            </dl>
          )}
          {run.config_id && <p className="muted">From config {shortId(run.config_id)} version {String(run.config_version)}.</p>}
        </section>
      </div>
    </div>
  );
}

type CardProps = { label: string; value: string; className?: string; small?: boolean; detail?: string; title?: string; testId?: string };

function Card({ label, value, className = '', small = false, detail, title, testId }: CardProps) {
  return (
    <div className="card" title={title} data-testid={testId}>
      <div className="label">{label}</div>
      <div className={`value ${className} ${small ? 'small' : ''}`} data-testid={testId && `${testId}-value`}>{value}</div>
      {detail && <div className="detail muted">{detail}</div>}
    </div>
  );
}
