import { useQuery } from '@tanstack/react-query';
import { getLiveDashboard, listLivePositions, listRecentLiveSignals } from '../../api';
import { unwrapData } from '../../ui/api';

/** How often the overview's figures are read again (they change with every bar of a running strategy). */
const refresh = 5_000;

/** Active/total strategies, signals and trades today, daily and total P&L, open positions (GET /api/v1/live-trading/dashboard). */
export const useDashboardSummary = () =>
  useQuery({ queryKey: ['live-trading', 'dashboard'], queryFn: () => unwrapData(getLiveDashboard()), refetchInterval: refresh });

/** The newest signals of the caller's live strategies (GET /api/v1/live-trading/signals/recent). */
export const useRecentSignals = (limit: number) =>
  useQuery({
    queryKey: ['live-trading', 'signals', limit],
    queryFn: () => unwrapData(listRecentLiveSignals({ query: { limit } })),
    refetchInterval: refresh,
  });

/** Open positions of the live strategies' latest runs (GET /api/v1/live-trading/positions). */
export const useOpenPositions = () =>
  useQuery({ queryKey: ['live-trading', 'positions'], queryFn: () => unwrapData(listLivePositions()), refetchInterval: refresh });
