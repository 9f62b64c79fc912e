import { useSearchParams } from 'react-router';
import { Failure } from '../../ui/states';
import { BacktestForm } from './BacktestForm';
import { BacktestHistory } from './BacktestHistory';
import { useBacktest } from './queries';
import './backtests.css';

/** /backtests — start a backtest (`?from=<id>`: with an earlier one's settings), and the history (open one, or tick two to compare them). */
export function BacktestsPage() {
  const [params] = useSearchParams();
  const from = params.get('from') ?? undefined;
  const preset = useBacktest(from);
  return (
    <div className="backtests">
      <h1>Backtests</h1>
      <section className="panel" aria-label="New backtest">
        <h2>New backtest</h2>
        {preset.isError && <Failure message={`The backtest to run again cannot be read: ${preset.error.message}`} />}
        {from && preset.isPending ? null : <BacktestForm preset={preset.data} />}
      </section>
      <BacktestHistory />
    </div>
  );
}
