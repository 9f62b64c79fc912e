import { useEffect, useReducer, useRef } from 'react';
import { useQuery } from '@tanstack/react-query';
import { getRunStats, listRunLogs, listRunOrders, listRunPositions, listRunSignals, listRunTrades } from '../../api';
import { unwrapData } from '../../ui/api';
import { useStream } from '../../stream/StreamContext';
import type { StreamUpdate } from '../../stream/StreamClient';
import { initialRunView, runViewReducer, type RunHistory, type RunUpdate } from './runModel';

type Page<T> = { items: T[]; count: number | string };
type Query = { limit: number; offset: number };

const pageSize = 1000;
const flushMs = 250;

/** The newest `pageSize` rows of a run's history (its endpoints page oldest first) and how many rows there are. */
async function latest<T>(page: (query: Query) => Promise<Page<T>>): Promise<{ items: T[]; count: number }> {
  const first = await page({ limit: pageSize, offset: 0 });
  const count = Number(first.count);
  return { items: count <= pageSize ? first.items : (await page({ limit: pageSize, offset: count - pageSize })).items, count };
}

/**
 * The run's history. Its closed trades and positions are read before its fills: a fill after the fills read comes from
 * the stream and is counted (and told reducing or not, against those positions and the stream's position updates)
 * then; one in between is in the fills page and counted by neither, until the status has it.
 */
async function loadHistory(runId: string): Promise<RunHistory> {
  const path = { runId };
  const [stats, positions] = await Promise.all([
    unwrapData(getRunStats({ path })),
    latest((query: Query) => unwrapData(listRunPositions({ path, query }))),
  ]);
  const [orders, fills, logs, signals] = await Promise.all([
    latest((query: Query) => unwrapData(listRunOrders({ path, query }))),
    latest((query: Query) => unwrapData(listRunTrades({ path, query }))),
    latest((query: Query) => unwrapData(listRunLogs({ path, query }))),
    latest((query: Query) => unwrapData(listRunSignals({ path, query }))),
  ]);
  return {
    orders: orders.items, fills: fills.items, positions: positions.items, logs: logs.items, signals: signals.items,
    fillCount: fills.count, signalCount: signals.count, closedTrades: Number(stats.closed_trades),
  };
}

/**
 * The run's orders, fills, positions, logs, chart markers and fill, signal and closed-trade counts: the REST history, then the `orders`, `executions`,
 * `positions` and `runs` topics of this run (subscribed before the history is read, so nothing falls in between).
 */
export function useRunTables(runId: string) {
  const [state, dispatch] = useReducer(runViewReducer, initialRunView);
  const history = useQuery({ queryKey: ['run-history', runId], queryFn: () => loadHistory(runId), staleTime: Infinity, gcTime: 0 });
  useEffect(() => {
    if (history.data) dispatch({ type: 'history', history: history.data });
  }, [history.data]);
  // Updates are applied in batches every `flushMs`: a fast replay publishes hundreds a second.
  const batch = useRef<RunUpdate[]>([]);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  useEffect(() => () => clearTimeout(timer.current), []);
  const params = { run_id: runId };
  const onUpdate = (update: StreamUpdate) => {
    batch.current.push({ route: update.type.replace(/\.update$/, ''), event: update.event, payload: update.payload as RunUpdate['payload'] });
    timer.current ??= setTimeout(() => {
      timer.current = undefined;
      const updates = batch.current;
      batch.current = [];
      dispatch({ type: 'updates', updates });
    }, flushMs);
  };
  useStream('orders', params, onUpdate);
  useStream('executions', params, onUpdate);
  useStream('positions', params, onUpdate);
  useStream('runs', params, onUpdate);
  return { ...state, error: history.error, retry: () => void history.refetch() };
}
