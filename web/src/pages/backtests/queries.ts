import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { getBacktest, listBacktestInstruments, listBacktests, listPlugins, startBacktest, type BacktestDto, type StartBacktestRequest } from '../../api';
import { unwrapData } from '../../ui/api';

/** How often a running backtest is polled, ms (the server has no browser stream of backtest progress). */
export const pollInterval = 400;

const running = (b: BacktestDto | undefined) => b?.status === 'running';

/** A backtest, polled while it runs; its report once ended. */
export function useBacktest(id: string | undefined) {
  return useQuery({
    queryKey: ['backtests', 'one', id],
    queryFn: () => unwrapData(getBacktest({ path: { backtestId: id! } })),
    enabled: !!id,
    refetchInterval: (query) => (running(query.state.data) ? pollInterval : false),
  });
}

/** A page of the caller's backtests (newest first, without reports), polled while one of them runs. */
export function useBacktests(status: string, limit: number, offset: number) {
  return useQuery({
    queryKey: ['backtests', 'list', status, limit, offset],
    queryFn: () => unwrapData(listBacktests({ query: { status: status || undefined, limit, offset } })),
    refetchInterval: (query) => (query.state.data?.backtests.some(running) ? pollInterval * 2 : false),
  });
}

/** The strategy catalogue the caller sees (first 500). */
export function usePlugins() {
  return useQuery({
    queryKey: ['backtests', 'plugins'],
    queryFn: () => unwrapData(listPlugins({ query: { limit: 500 } })),
  });
}

/** The instruments of the server's data files: what a backtest may replay. */
export function useBacktestInstruments() {
  return useQuery({
    queryKey: ['backtests', 'instruments'],
    queryFn: () => unwrapData(listBacktestInstruments()),
  });
}

/** Starts a backtest; the lists refresh. */
export function useStartBacktest() {
  const queries = useQueryClient();
  return useMutation({
    mutationFn: (body: StartBacktestRequest) => unwrapData(startBacktest({ body })),
    onSuccess: () => queries.invalidateQueries({ queryKey: ['backtests', 'list'] }),
  });
}
