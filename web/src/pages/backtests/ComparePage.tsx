import { money, percent, utcDateTime } from '../../ui/format';
import { useMemo, useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import type { BacktestDto } from '../../api';
import { Empty, Failure, Loading } from '../../ui/states';
import { compareStatistics, tally } from './compare';
import { formatStatistic } from './format';
import { reportOf, type Report } from './model';
import { useBacktest } from './queries';
import { statisticGroups } from './statistics';
import { equitySeries, returnSeries } from './series';
import { TimeChart, type ChartLine } from './TimeChart';
import './backtests.css';

const colors = { a: '#3b82f6', b: '#d97706' };

/** /backtests/compare?a=…&b=… — two backtests side by side: every figure with the better one marked, both equity curves. */
export function ComparePage() {
  const [params] = useSearchParams();
  const a = useBacktest(params.get('a') ?? undefined);
  const b = useBacktest(params.get('b') ?? undefined);
  if (!params.get('a') || !params.get('b')) return <Empty>Pick two backtests to compare in the <Link to="/backtests">history</Link>.</Empty>;
  if (a.isPending || b.isPending) return <Loading what="both backtests" />;
  if (a.isError) return <Failure message={`Backtest A: ${a.error.message}`} onRetry={() => a.refetch()} />;
  if (b.isError) return <Failure message={`Backtest B: ${b.error.message}`} onRetry={() => b.refetch()} />;
  const ra = reportOf(a.data);
  const rb = reportOf(b.data);
  return (
    <div className="backtests compare">
      <p className="crumbs"><Link to="/backtests">Backtests</Link> /</p>
      <h1>Compare backtests</h1>
      {!ra || !rb ? (
        <Empty>{!ra ? 'Backtest A' : 'Backtest B'} has no report yet ({(!ra ? a.data : b.data).status}): compare two completed backtests.</Empty>
      ) : (
        <Comparison a={a.data} b={b.data} ra={ra} rb={rb} />
      )}
    </div>
  );
}

function Comparison({ a, b, ra, rb }: { a: BacktestDto; b: BacktestDto; ra: Report; rb: Report }) {
  const rows = useMemo(() => compareStatistics(ra.statistics, rb.statistics), [ra, rb]);
  const wins = tally(rows);
  const [mode, setMode] = useState<'equity' | 'return'>(a.currency === b.currency ? 'equity' : 'return');
  const lines = useMemo<ChartLine[]>(() => {
    const curve = (r: Report) => (mode === 'equity' ? equitySeries(r.equity_curve) : returnSeries(equitySeries(r.equity_curve)));
    return [
      { name: 'A', points: curve(ra), color: colors.a },
      { name: 'B', points: curve(rb), color: colors.b },
    ];
  }, [ra, rb, mode]);

  return (
    <>
      <div className="grid">
        <Side label="A" backtest={a} wins={wins.a} color={colors.a} />
        <Side label="B" backtest={b} wins={wins.b} color={colors.b} />
      </div>
      <section className="panel" aria-label="Equity curves">
        <div className="toolbar">
          <h2>Equity curves</h2>
          <div className="tabs" role="tablist">
            <button role="tab" aria-selected={mode === 'equity'} onClick={() => setMode('equity')}>Equity</button>
            <button role="tab" aria-selected={mode === 'return'} onClick={() => setMode('return')}>Return</button>
          </div>
        </div>
        <TimeChart lines={lines} format={mode === 'equity' ? money : percent} label="Equity curves of both backtests" />
      </section>
      <section className="panel" aria-label="Statistics compared">
        <h2>Statistics</h2>
        <div className="table-wrap">
          <table className="comparison" aria-label="Statistics of both backtests">
            <thead>
              <tr><th>Figure</th><th className="num">A</th><th className="num">B</th></tr>
            </thead>
            {statisticGroups.map((group) => (
              <tbody key={group}>
                <tr className="group"><th colSpan={3} scope="rowgroup">{group}</th></tr>
                {rows.filter((r) => r.def.group === group).map(({ def, a: va, b: vb, winner }) => (
                  <tr key={def.key}>
                    <th scope="row" title={def.help}>{def.label}</th>
                    <td className={`num ${winner === 'a' ? 'better' : ''}`}>{formatStatistic(va, def.unit, a.currency)}{winner === 'a' && <Mark />}</td>
                    <td className={`num ${winner === 'b' ? 'better' : ''}`}>{formatStatistic(vb, def.unit, b.currency)}{winner === 'b' && <Mark />}</td>
                  </tr>
                ))}
              </tbody>
            ))}
          </table>
        </div>
      </section>
    </>
  );
}

function Mark() {
  return <span className="mark" aria-label="better" title="better"> ✓</span>;
}

function Side({ label, backtest, wins, color }: { label: string; backtest: BacktestDto; wins: number; color: string }) {
  return (
    <section className="panel side" style={{ borderTopColor: color }} aria-label={`Backtest ${label}`}>
      <h2><span style={{ color }}>{label}</span> · <Link to={`/backtests/${backtest.id}`}>{backtest.strategy}</Link></h2>
      <p>{backtest.symbols.join(', ')} · {Object.entries((backtest.parameters ?? {}) as Record<string, unknown>).map(([k, v]) => `${k}=${JSON.stringify(v)}`).join(', ') || 'defaults'}</p>
      <p className="hint">Started {utcDateTime(backtest.created_at)} UTC · better on {wins} figure(s)</p>
    </section>
  );
}
