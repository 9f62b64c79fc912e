import { describe, expect, it } from 'vitest';
import type { ParameterSpec } from './model';
import { initialValues, presetValues, toRequestParameters } from './parameters';

const spec = (name: string, type: ParameterSpec['type'], defaultValue: unknown, extra: Partial<ParameterSpec> = {}): ParameterSpec => ({
  name, type, description: '', default: defaultValue, required: false, min: null, max: null, nullable: false, choices: null, ...extra,
});

const specs = [
  spec('FastPeriod', 'integer', 12, { min: 2, max: 200 }),
  spec('Width', 'number', 2),
  spec('Short', 'boolean', false),
  spec('Mode', 'string', 'Close', { choices: ['Close', 'Typical'] }),
  spec('Note', 'string', null, { nullable: true }),
];

describe('parameter form', () => {
  it('starts from the defaults', () => {
    expect(initialValues(specs)).toEqual({ FastPeriod: '12', Width: '2', Short: false, Mode: 'Close', Note: '' });
  });

  it('sends numbers as numbers, flags as booleans, empty nullable fields as null', () => {
    const values = { ...initialValues(specs), FastPeriod: '5', Width: '1.5', Short: true };
    expect(toRequestParameters(specs, values)).toEqual({ FastPeriod: 5, Width: 1.5, Short: true, Mode: 'Close', Note: null });
  });

  it('leaves out an emptied field that is not nullable (the server takes the default or names it), and passes bad numbers on for the server to name', () => {
    expect(toRequestParameters(specs, { ...initialValues(specs), FastPeriod: ' ', Width: 'abc' })).toEqual({ Width: 'abc', Short: false, Mode: 'Close', Note: null });
  });
});

describe('presetValues', () => {
  it("takes an earlier backtest's values over the defaults, matching names case-insensitively, dropping unknown ones", () => {
    expect(presetValues(specs, { fastperiod: 5, Short: true, Note: 'x', Gone: 1 })).toEqual({ FastPeriod: '5', Width: '2', Short: true, Mode: 'Close', Note: 'x' });
  });

  it('is the defaults without stored values', () => {
    expect(presetValues(specs, null)).toEqual(initialValues(specs));
  });
});
