import { BacktestForm } from './BacktestForm';
import { BacktestHistory } from './BacktestHistory';
import './backtests.css';

/** /backtests — start a backtest, and the history of backtests (open one, or tick two to compare them). */
export function BacktestsPage() {
  return (
    <div className="backtests">
      <h1>Backtests</h1>
      <section className="panel" aria-label="New backtest">
        <h2>New backtest</h2>
        <BacktestForm />
      </section>
      <BacktestHistory />
    </div>
  );
}
