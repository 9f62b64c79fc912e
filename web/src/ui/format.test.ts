import { describe, expect, it } from 'vitest';
import { count, decimal, direction, money, signedMoney, toNumber } from './format';

describe('format', () => {
  it('reads decimals sent as numbers or exact strings', () => {
    expect(toNumber('7419.25')).toBe(7419.25);
    expect(toNumber(3)).toBe(3);
    expect(toNumber(null)).toBeNaN();
    expect(toNumber('')).toBeNaN();
  });

  it('shows money with two decimals and a dash when absent', () => {
    expect(money('1234.5')).toBe((1234.5).toLocaleString(undefined, { minimumFractionDigits: 2 }));
    expect(money(undefined)).toBe('—');
  });

  it('signs a P&L and gives the direction class', () => {
    expect(signedMoney(12.5)).toBe(`+${money(12.5)}`);
    expect(signedMoney('-3')).toBe(money(-3));
    expect(signedMoney(0)).toBe(money(0));
    expect([direction(1), direction('-0.01'), direction(0), direction(null)]).toEqual(['up', 'down', '', '']);
  });

  it('keeps every decimal of a quantity up to 8 and truncates counts', () => {
    expect(decimal('0.00012345')).toBe((0.00012345).toLocaleString(undefined, { maximumFractionDigits: 8 }));
    expect(count('42')).toBe('42');
    expect(count(undefined)).toBe('—');
  });
});
