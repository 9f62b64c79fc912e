import { percent, utcDateTime } from '../../ui/format';
import { describe, expect, it } from 'vitest';
import { formatDuration, formatStatistic, parseTimeSpan } from './format';

describe('parseTimeSpan', () => {
  it("reads .NET's d.hh:mm:ss with and without days and fractions", () => {
    expect(parseTimeSpan('1640.23:43:00')).toBe(1640 * 86400 + 23 * 3600 + 43 * 60);
    expect(parseTimeSpan('00:05:30')).toBe(330);
    expect(parseTimeSpan('00:00:01.5000000')).toBe(1.5);
    expect(parseTimeSpan('-1.00:00:00')).toBe(-86400);
  });

  it('is NaN for text that is not a TimeSpan', () => {
    expect(parseTimeSpan('5 minutes')).toBeNaN();
    expect(parseTimeSpan('')).toBeNaN();
  });
});

describe('formatDuration', () => {
  it('shows the two largest units', () => {
    expect(formatDuration(1640 * 86400 + 23 * 3600 + 43 * 60)).toBe('1640 d 23 h');
    expect(formatDuration(3 * 3600 + 5)).toBe('3 h');
    expect(formatDuration(12 * 60 + 5)).toBe('12 min 5 s');
    expect(formatDuration(0)).toBe('0 s');
  });
});

describe('formatStatistic', () => {
  it('formats each unit with its sign', () => {
    expect(formatStatistic(-0.007142410444029844, 'percent', 'USD')).toBe('-0.71 %');
    expect(formatStatistic(-714.2410444029845, 'money', 'USD')).toBe('-714.24 USD');
    expect(formatStatistic(2893328.7632888444, 'money', 'USD')).toBe('2,893,328.76 USD');
    expect(formatStatistic(-11.482158307267184, 'ratio', 'USD')).toBe('-11.48');
    expect(formatStatistic(291, 'count', 'USD')).toBe('291');
    expect(formatStatistic('00:30:00', 'duration', 'USD')).toBe('30 min');
  });

  it('shows — for a figure undefined for the backtest (null, NaN, infinite)', () => {
    expect(formatStatistic(null, 'ratio', 'USD')).toBe('—');
    expect(formatStatistic('NaN', 'ratio', 'USD')).toBe('—');
    expect(formatStatistic('Infinity', 'ratio', 'USD')).toBe('—');
    expect(formatStatistic('garbage', 'duration', 'USD')).toBe('—');
  });

  it('reads decimals sent as strings', () => {
    expect(formatStatistic('0.25', 'percent', 'USD')).toBe(percent(0.25));
    expect(formatStatistic('1234.5', 'money', 'EUR')).toBe('1,234.50 EUR');
  });
});

describe('utcDateTime', () => {
  it('drops the T, the fraction and the Z', () => {
    expect(utcDateTime('2026-11-23T05:32:36.4997143Z')).toBe('2026-11-23 05:32:36');
    expect(utcDateTime('2013-10-07T08:01:00Z')).toBe('2013-10-07 08:01:00');
  });
});
