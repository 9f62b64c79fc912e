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
