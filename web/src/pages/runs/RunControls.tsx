import { useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  getLiveStrategy, pauseLiveStrategy, resumeLiveStrategy, startLiveStrategy, startRun, stopLiveStrategy, stopRun, type RunStatusDto,
} from '../../api';
import { unwrapData } from '../../ui/api';
import { Failure } from '../../ui/states';
import { KillSwitchDialog } from '../risk/KillSwitchDialog';
import { riskRequestOf } from '../risk/riskModel';

/**
 * Start, stop, pause/resume and the kill switch of a run. A run started directly has stop and kill (the API has no pause
 * for it) and, once ended, "Start again" (a new run with its strategy, instruments, parameters, risk and cash). The run of
 * a live strategy is steered through the strategy: pause/resume/stop, and start when the strategy is stopped.
 */
export function RunControls({ run, name }: { run: RunStatusDto; name: string }) {
  const queries = useQueryClient();
  const navigate = useNavigate();
  const [killing, setKilling] = useState(false);
  const liveId = run.live_strategy_id;
  const live = useQuery({
    queryKey: ['live-strategy', liveId],
    queryFn: () => unwrapData(getLiveStrategy({ path: { strategyId: liveId! } })),
    enabled: liveId !== null,
    refetchInterval: 5000,
  });
  const refresh = () => {
    void queries.invalidateQueries({ queryKey: ['run', run.run_id] });
    void queries.invalidateQueries({ queryKey: ['runs'] });
    void queries.invalidateQueries({ queryKey: ['live-strategy', liveId] });
    void queries.invalidateQueries({ queryKey: ['live-strategies'] });
  };
  const command = useMutation({
    mutationFn: async (action: 'stop' | 'again' | 'live-start' | 'pause' | 'resume' | 'live-stop'): Promise<string | null> => {
      const path = { runId: run.run_id };
      const strategy = { strategyId: liveId ?? '' };
      switch (action) {
        case 'stop': await unwrapData(stopRun({ path })); return null;
        case 'again': {
          const started = await unwrapData(startRun({
            body: {
              plugin_id: run.plugin_id, config_id: run.config_id, symbols: run.symbols,
              parameters: run.config_id ? {} : (run.parameters as Record<string, unknown>), risk: riskRequestOf(run.risk as Record<string, unknown>),
              starting_cash: run.starting_cash,
            },
          }));
          return started.run_id;
        }
        case 'live-start': return (await unwrapData(startLiveStrategy({ path: strategy }))).current_run_id;
        case 'pause': await unwrapData(pauseLiveStrategy({ path: strategy })); return null;
        case 'resume': await unwrapData(resumeLiveStrategy({ path: strategy })); return null;
        case 'live-stop': await unwrapData(stopLiveStrategy({ path: strategy })); return null;
      }
    },
    onSuccess: (newRun) => {
      refresh();
      if (newRun) void navigate(`/runs/${newRun}`);
    },
  });
  const running = run.status === 'running';
  const busy = command.isPending;
  const strategy = live.data;
  const current = strategy?.current_run_id === run.run_id;
  return (
    <div className="run-controls">
      <div className="toolbar">
        {liveId === null && running && <button disabled={busy} onClick={() => command.mutate('stop')}>Stop</button>}
        {liveId === null && !running && <button className="primary" disabled={busy} onClick={() => command.mutate('again')}>Start again</button>}
        {strategy && strategy.status === 'running' && current && <button disabled={busy} onClick={() => command.mutate('pause')}>Pause</button>}
        {strategy && strategy.status === 'paused' && current && <button className="primary" disabled={busy} onClick={() => command.mutate('resume')}>Resume</button>}
        {strategy && (strategy.status === 'running' || strategy.status === 'paused') && current && (
          <button disabled={busy} onClick={() => command.mutate('live-stop')}>Stop</button>
        )}
        {strategy && !strategy.running && strategy.status !== 'paused' && (
          <button className="primary" disabled={busy} onClick={() => command.mutate('live-start')}>Start {strategy.name}</button>
        )}
        {strategy && strategy.current_run_id && !current && <Link to={`/runs/${strategy.current_run_id}`}>Go to the strategy's current run</Link>}
        {running && <button className="danger" disabled={busy} onClick={() => setKilling(true)}>Kill switch…</button>}
        {strategy && <span className="muted">live strategy “{strategy.name}”: {strategy.status}</span>}
      </div>
      {command.isError && <Failure message={command.error.message} />}
      {live.isError && <Failure message={live.error.message} />}
      {killing && <KillSwitchDialog run={run} name={name} onClose={() => { setKilling(false); refresh(); }} />}
    </div>
  );
}
