import { direction, signedMoney, type Decimal } from '../../ui/format';

/** A signed money figure and its CSS class (`up`/`down`). */
export function pnl(value: Decimal): { text: string; className: string } {
  return { text: signedMoney(value), className: direction(value) };
}

/** A market time (the feed's clock, UTC) as HH:MM:SS: the time column of the run's tables and events. */
export function time(iso: string | null | undefined): string {
  if (!iso) return '—';
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : date.toISOString().slice(11, 19);
}

export function shortId(id: string): string {
  return id.slice(0, 8);
}
