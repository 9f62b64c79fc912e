import { count, money, percent } from '../../ui/format';

/** How a figure reads: a fraction shown as %, a plain ratio, money, a count, a duration. */
export type Unit = 'percent' | 'ratio' | 'money' | 'count' | 'duration';

/**
 * Seconds in a .NET TimeSpan's text (`[-][d.]hh:mm:ss[.fffffff]`), or NaN when it is not one.
 */
export function parseTimeSpan(text: string): number {
  const match = /^(-)?(?:(\d+)\.)?(\d{1,2}):(\d{2}):(\d{2})(?:\.(\d+))?$/.exec(text.trim());
  if (!match) return NaN;
  const [, minus, days, hours, minutes, seconds, fraction] = match;
  const total = Number(days ?? 0) * 86400 + Number(hours) * 3600 + Number(minutes) * 60 + Number(seconds) + Number(`0.${fraction ?? 0}`);
  return minus ? -total : total;
}

/** A duration in words, largest two units: `3 d 4 h`, `12 min 5 s`, `0 s`. */
export function formatDuration(seconds: number): string {
  if (!Number.isFinite(seconds)) return '—';
  const parts: [number, string][] = [
    [Math.floor(seconds / 86400), 'd'],
    [Math.floor((seconds % 86400) / 3600), 'h'],
    [Math.floor((seconds % 3600) / 60), 'min'],
    [Math.floor(seconds % 60), 's'],
  ];
  const first = parts.findIndex(([n]) => n > 0);
  if (first < 0) return '0 s';
  return parts.slice(first, first + 2).filter(([n]) => n > 0).map(([n, unit]) => `${n} ${unit}`).join(' ');
}

/**
 * A figure as the report shows it, by its unit; `—` for a figure that is undefined for the backtest (null, NaN,
 * infinite, e.g. a Sharpe ratio without returns or a profit factor without losses).
 */
export function formatStatistic(value: number | string | null | undefined, unit: Unit, currency: string): string {
  if (value === null || value === undefined) return '—';
  if (unit === 'duration') return formatDuration(typeof value === 'string' ? parseTimeSpan(value) : value);
  const n = typeof value === 'number' ? value : Number(value);
  if (!Number.isFinite(n)) return '—';
  switch (unit) {
    case 'percent':
      return percent(n);
    case 'money':
      return `${money(n)} ${currency}`;
    case 'count':
      return count(n);
    case 'ratio':
      return money(n);
  }
}
