/**
 * Display formats for the API's values. Decimals arrive as JSON numbers or, for exactness, as strings (`number | string`
 * in the generated types); times are ISO 8601 UTC. Everything is shown in the browser's locale, times in its time zone.
 */
export type Decimal = number | string | null | undefined;

/** The value as a number (NaN when absent or not numeric). */
export function toNumber(value: Decimal): number {
  return value === null || value === undefined || value === '' ? NaN : Number(value);
}

/** 1,234.56 with 2 decimals (money in the quote currency); "—" when absent. */
export function money(value: Decimal): string {
  const n = toNumber(value);
  return Number.isNaN(n) ? '—' : n.toLocaleString(undefined, { minimumFractionDigits: 2, maximumFractionDigits: 2 });
}

/** A P&L: money with its sign (+12.50, −3.00, 0.00). */
export function signedMoney(value: Decimal): string {
  const n = toNumber(value);
  if (Number.isNaN(n)) return '—';
  return n > 0 ? `+${money(n)}` : money(n);
}

/** "up" or "down" (the CSS classes that color gains and losses), "" for zero or absent. */
export function direction(value: Decimal): '' | 'up' | 'down' {
  const n = toNumber(value);
  return n > 0 ? 'up' : n < 0 ? 'down' : '';
}

/** A quantity or price with up to 8 decimals, as many as it has (0.5, 7419, 0.00012345). */
export function decimal(value: Decimal): string {
  const n = toNumber(value);
  return Number.isNaN(n) ? '—' : n.toLocaleString(undefined, { maximumFractionDigits: 8 });
}

/** A whole count (1,234). */
export function count(value: Decimal): string {
  const n = toNumber(value);
  return Number.isNaN(n) ? '—' : Math.trunc(n).toLocaleString();
}

/** Date and time to the second in the browser's time zone, e.g. "23/11/2026, 18:21:28". */
export function dateTime(iso: string | null | undefined): string {
  if (!iso) return '—';
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : date.toLocaleString(undefined, { dateStyle: 'short', timeStyle: 'medium' });
}

/** A fraction as a percentage with 2 decimals: 0.0123 → "1.23 %"; "—" when absent. */
export function percent(fraction: Decimal): string {
  const n = toNumber(fraction);
  return Number.isFinite(n) ? `${(n * 100).toLocaleString(undefined, { minimumFractionDigits: 2, maximumFractionDigits: 2 })} %` : '—';
}

/** An ISO 8601 UTC time as "2026-11-23 05:32:36" (UTC, fractions of a second dropped): times of market data. */
export function utcDateTime(iso: string | null | undefined): string {
  return iso ? iso.replace('T', ' ').replace(/(\.\d+)?(Z|[+-]00:00)$/, '') : '—';
}
