import type { LiveDashboardDto } from '../../api';
import { count, direction, signedMoney } from '../../ui/format';

/** The overview's headline figures, one card each. */
export function SummaryCards({ summary }: { summary: LiveDashboardDto }) {
  const cards: [string, string, string?][] = [
    ['Active strategies', `${count(summary.active_strategies)} / ${count(summary.total_strategies)}`],
    ['Signals today', count(summary.signals_today)],
    ['Trades today', count(summary.trades_today)],
    ['Daily P&L', signedMoney(summary.daily_pnl), direction(summary.daily_pnl)],
    ['Total P&L', signedMoney(summary.total_pnl), direction(summary.total_pnl)],
    ['Open positions', count(summary.open_positions)],
  ];
  return (
    <div className="cards" aria-label="Summary">
      {cards.map(([label, value, tone]) => (
        <div className="card" key={label}>
          <div className="label">{label}</div>
          <div className={`value ${tone ?? ''}`}>{value}</div>
        </div>
      ))}
    </div>
  );
}
