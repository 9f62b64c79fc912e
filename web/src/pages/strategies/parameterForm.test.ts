import { describe, expect, it } from 'vitest';
import { checkForm, initialValues, serverFieldErrors } from './parameterForm';
import { parametersOf, rangeText } from './schema';

// The schema of samples/strategies/BreakoutTrader.cs as the catalogue serves it, plus an enum and a flag.
const specs = parametersOf({
  parameters: [
    { name: 'Lookback', type: 'integer', description: 'Bars', default: 20, required: false, min: 2, max: 500, nullable: false, choices: null },
    { name: 'Quantity', type: 'number', description: 'Units', default: 1, required: false, min: 1e-8, max: null, nullable: false, choices: null },
    { name: 'Side', type: 'string', description: '', default: 'Long', required: true, min: null, max: null, nullable: false, choices: ['Long', 'Short'] },
    { name: 'Hedge', type: 'boolean', description: '', default: false, required: false, min: null, max: null, nullable: false, choices: null },
    'not a parameter',
  ],
});

describe('parameter form', () => {
  it('starts from a config version where it has the name (any case), else the defaults', () => {
    expect(initialValues(specs, { lookback: 5 })).toEqual({ Lookback: '5', Quantity: '1', Side: 'Long', Hedge: 'false' });
  });

  it('converts valid values to their JSON types and leaves empty optional ones out', () => {
    const result = checkForm(specs, { Lookback: ' 5 ', Quantity: '', Side: 'Short', Hedge: 'true' });
    expect(result).toEqual({ parameters: { Lookback: 5, Side: 'Short', Hedge: true }, errors: {} });
  });

  it('names each field at fault: whole numbers, ranges, choices, required values', () => {
    expect(checkForm(specs, { Lookback: '2.5', Quantity: '0', Side: '', Hedge: 'false' }).errors).toEqual({
      Lookback: 'Must be a whole number.', Quantity: 'Must be at least 1e-8.', Side: 'Required.',
    });
    expect(checkForm(specs, { Lookback: '501', Quantity: 'abc', Side: 'Flat', Hedge: 'false' }).errors).toEqual({
      Lookback: 'Must be at most 500.', Quantity: 'Must be a number.', Side: 'Must be one of Long, Short.',
    });
  });

  it("puts the server's field errors on their fields", () => {
    const problem = { title: 'x', errors: { 'parameters.lookback': ['must be between 2 and 500.'], name: ['is required.'], 'parameters.Nope': ['unknown'] } };
    expect(serverFieldErrors(specs, problem)).toEqual({
      fields: { Lookback: 'must be between 2 and 500.', name: 'is required.' },
      general: ['parameters.Nope: unknown'],
    });
    expect(serverFieldErrors(specs, { detail: 'Plugin not found.' })).toEqual({ fields: {}, general: ['Plugin not found.'] });
  });

  it('describes ranges', () => {
    expect(specs.map(rangeText)).toEqual(['2 … 500', '≥ 1e-8', '', '']);
  });
});
