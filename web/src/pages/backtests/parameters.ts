import type { ParameterSpec } from './model';

/** What the form holds per parameter: text for inputs and selects, a flag for checkboxes. */
export type FormValues = Record<string, string | boolean>;

/** The form's starting values: each parameter's default (empty text for a null default). */
export function initialValues(specs: ParameterSpec[]): FormValues {
  return Object.fromEntries(
    specs.map((p) => [p.name, p.type === 'boolean' ? p.default === true : p.default === null || p.default === undefined ? '' : String(p.default)]),
  );
}

/**
 * The form's starting values for running a backtest again: its parameter values (as the server stored them) over
 * the defaults; values of parameters the strategy no longer has are dropped.
 */
export function presetValues(specs: ParameterSpec[], given: unknown): FormValues {
  const values = initialValues(specs);
  const stored = given && typeof given === 'object' ? (given as Record<string, unknown>) : {};
  for (const spec of specs) {
    const key = Object.keys(stored).find((k) => k.toLowerCase() === spec.name.toLowerCase());
    if (key === undefined) continue;
    const value = stored[key];
    values[spec.name] = spec.type === 'boolean' ? value === true : value === null || value === undefined ? '' : String(value);
  }
  return values;
}

/**
 * The request's `parameters` from the form: numbers as numbers, flags as booleans, text as text. An empty field is
 * null when the parameter accepts null and is left out otherwise (the server then takes the default, or names the
 * required parameter at fault). The server validates ranges and types; this only converts.
 */
export function toRequestParameters(specs: ParameterSpec[], values: FormValues): Record<string, unknown> {
  const result: Record<string, unknown> = {};
  for (const spec of specs) {
    const value = values[spec.name];
    if (typeof value === 'boolean') {
      result[spec.name] = value;
    } else if (value === undefined || value.trim() === '') {
      if (spec.nullable) result[spec.name] = null;
    } else if (spec.type === 'integer' || spec.type === 'number') {
      const n = Number(value);
      result[spec.name] = Number.isFinite(n) ? n : value;
    } else {
      result[spec.name] = value;
    }
  }
  return result;
}
