import type { ReactNode } from 'react';
import type { UseQueryResult } from '@tanstack/react-query';
import { Empty, Failure, Loading } from '../../ui/states';
import { LiveEquity } from './LiveEquity';
import { OpenPositions } from './OpenPositions';
import { RecentSignals } from './RecentSignals';
import { SummaryCards } from './SummaryCards';
import { useDashboardSummary, useOpenPositions, useRecentSignals } from './overviewApi';
import './overview.css';

/** Shows a query's loading and error states, else `children` with its data. */
function Loaded<T>({ query, what, children }: { query: UseQueryResult<T>; what: string; children: (data: T) => ReactNode }) {
  if (query.isPending) return <Loading what={what} />;
  if (query.isError) return <Failure message={query.error.message} onRetry={() => query.refetch()} />;
  return <>{children(query.data)}</>;
}

/** `/`: the live strategies at a glance (figures, live equity, recent signals, open positions), refreshed every 5 s. */
export function OverviewPage() {
  const summary = useDashboardSummary();
  const signals = useRecentSignals(10);
  const positions = useOpenPositions();
  return (
    <section className="overview">
      <h1>Overview</h1>
      <Loaded query={summary} what="the summary">{(data) => <SummaryCards summary={data} />}</Loaded>
      <div className="overview-grid">
        <section className="panel" aria-label="Live equity">
          <h2>Live equity</h2>
          <LiveEquity />
        </section>
        <section className="panel" aria-label="Recent signals">
          <h2>Recent signals</h2>
          <Loaded query={signals} what="the signals">
            {(page) => page.signals.length === 0
              ? <Empty>No signals yet: start a live strategy to see them here.</Empty>
              : <RecentSignals signals={page.signals} />}
          </Loaded>
        </section>
        <section className="panel" aria-label="Open positions">
          <h2>Open positions</h2>
          <Loaded query={positions} what="the positions">
            {(list) => list.length === 0 ? <Empty>No open positions.</Empty> : <OpenPositions positions={list} />}
          </Loaded>
        </section>
      </div>
    </section>
  );
}
