/** Display formats of the run and risk pages: numbers as they come from the API (JSON numbers or decimal strings). */
export function num(value: number | string | null | undefined, digits = 2): string {
  if (value === null || value === undefined || value === '') return '—';
  return Number(value).toLocaleString(undefined, { maximumFractionDigits: digits });
}

/** A signed money figure and its CSS class (`up`/`down`). */
export function pnl(value: number | string | null | undefined): { text: string; className: string } {
  const n = Number(value ?? 0);
  return { text: `${n > 0 ? '+' : ''}${num(n)}`, className: n > 0 ? 'up' : n < 0 ? 'down' : '' };
}

/** A UTC time as HH:MM:SS (the tables' time column), or the date too when `withDate`. */
export function time(iso: string | null | undefined, withDate = false): string {
  if (!iso) return '—';
  const text = new Date(iso).toISOString();
  return withDate ? `${text.slice(0, 10)} ${text.slice(11, 19)}` : text.slice(11, 19);
}

export function shortId(id: string): string {
  return id.slice(0, 8);
}
