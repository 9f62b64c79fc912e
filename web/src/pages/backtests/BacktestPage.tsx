import { toNumber, utcDateTime } from '../../ui/format';
import { Link, useParams } from 'react-router';
import type { BacktestDto } from '../../api';
import { Failure, Loading } from '../../ui/states';
import { StatusBadge } from './BacktestHistory';
import { EquityCharts } from './EquityCharts';
import { reportOf } from './model';
import { useBacktest } from './queries';

import { StatisticsView } from './StatisticsView';
import { TradeTable } from './TradeTable';
import './backtests.css';

/** /backtests/:id — a backtest's progress while it runs, then its report: statistics, equity and drawdown, trades. */
export function BacktestPage() {
  const { id } = useParams();
  const backtest = useBacktest(id);
  if (backtest.isPending) return <Loading what="the backtest" />;
  if (backtest.isError) return <Failure message={backtest.error.message} onRetry={() => backtest.refetch()} />;
  const b = backtest.data;
  const report = reportOf(b);
  return (
    <div className="backtest">
      <p className="crumbs"><Link to="/backtests">Backtests</Link> /</p>
      <h1>{b.strategy} on {b.symbols.join(', ')} <StatusBadge backtest={b} /></h1>
      <Summary backtest={b} />
      {b.status !== 'running' && <p><Link to={`/backtests?from=${b.id}`}>Run again with other settings…</Link></p>}
      {b.status === 'running' && <Progress fraction={toNumber(b.progress)} bars={toNumber(b.bar_count)} />}
      {b.status === 'failed' && <Failure message={`The backtest failed: ${b.error ?? 'no reason given'}`} />}
      {report && (
        <>
          <section className="panel" aria-label="Report statistics">
            <h2>Statistics</h2>
            <StatisticsView statistics={report.statistics} currency={b.currency} />
          </section>
          <section className="panel" aria-label="Equity and drawdown">
            <h2>Equity and drawdown</h2>
            <EquityCharts curve={report.equity_curve} currency={b.currency} />
          </section>
          <section className="panel" aria-label="Trade list">
            <h2>Trades</h2>
            <TradeTable trades={report.trades} currency={b.currency} />
          </section>
        </>
      )}
    </div>
  );
}

/** What ran: strategy parameters, cash, fees, bars, times. */
function Summary({ backtest: b }: { backtest: BacktestDto }) {
  const parameters = Object.entries((b.parameters ?? {}) as Record<string, unknown>);
  return (
    <dl className="summary">
      <div><dt>Starting cash</dt><dd>{toNumber(b.starting_cash).toLocaleString('en-US')} {b.currency}</dd></div>
      <div><dt>Fees</dt><dd>{toNumber(b.fee_bps)} bps</dd></div>
      <div><dt>Bars</dt><dd>{toNumber(b.bar_count).toLocaleString('en-US')}</dd></div>
      <div><dt>Parameters</dt><dd>{parameters.length ? parameters.map(([k, v]) => `${k} = ${JSON.stringify(v)}`).join(', ') : 'none'}</dd></div>
      <div><dt>Started</dt><dd>{utcDateTime(b.created_at)} UTC</dd></div>
      {b.ended_at && <div><dt>Ended</dt><dd>{utcDateTime(b.ended_at)} UTC</dd></div>}
    </dl>
  );
}

function Progress({ fraction, bars }: { fraction: number; bars: number }) {
  const percent = Math.round(fraction * 100);
  return (
    <section className="panel" aria-label="Progress">
      <progress max={100} value={percent} aria-label="Backtest progress" />
      <p className="hint">{percent} % of {bars.toLocaleString('en-US')} bars replayed…</p>
    </section>
  );
}
