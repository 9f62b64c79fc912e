import type { ParameterSpec } from './schema';

/** What the form's inputs hold, by parameter name: text for numbers and strings, "true"/"false" for booleans. */
export type FormValues = Record<string, string>;

/** The parameters to send (omitted ones take their default on the server), or the errors by parameter name. */
export type FormCheck = { parameters: Record<string, unknown>; errors: Record<string, string> };

const asText = (value: unknown) => (value === null || value === undefined ? '' : String(value));

/** Starting values: `from` (a config version's parameters) where it has the name, else the schema's default. */
export function initialValues(specs: ParameterSpec[], from?: Record<string, unknown>): FormValues {
  const given = new Map(Object.entries(from ?? {}).map(([k, v]) => [k.toLowerCase(), v]));
  return Object.fromEntries(
    specs.map((s) => [s.name, asText(given.has(s.name.toLowerCase()) ? given.get(s.name.toLowerCase()) : s.default)]),
  );
}

function checkNumber(spec: ParameterSpec, raw: string): number | string {
  const value = Number(raw);
  if (!Number.isFinite(value)) return 'Must be a number.';
  if (spec.type === 'integer' && !/^[+-]?\d+$/.test(raw)) return 'Must be a whole number.';
  if (spec.min !== null && value < spec.min) return `Must be at least ${spec.min}.`;
  if (spec.max !== null && value > spec.max) return `Must be at most ${spec.max}.`;
  return value;
}

/**
 * Checks the form as the server will (types, ranges, choices, required values) so most mistakes show before the
 * request; the server stays the judge (the strategy's own checks run there). An empty optional field is left out.
 */
export function checkForm(specs: ParameterSpec[], values: FormValues): FormCheck {
  const parameters: Record<string, unknown> = {};
  const errors: Record<string, string> = {};
  for (const spec of specs) {
    const raw = (values[spec.name] ?? '').trim();
    if (raw === '') {
      if (spec.required) errors[spec.name] = 'Required.';
      continue;
    }
    if (spec.type === 'boolean') {
      parameters[spec.name] = raw === 'true';
    } else if (spec.type === 'integer' || spec.type === 'number') {
      const checked = checkNumber(spec, raw);
      if (typeof checked === 'string') errors[spec.name] = checked;
      else parameters[spec.name] = checked;
    } else if (spec.choices && !spec.choices.includes(raw)) {
      errors[spec.name] = `Must be one of ${spec.choices.join(', ')}.`;
    } else {
      parameters[spec.name] = raw;
    }
  }
  return { parameters, errors };
}

/**
 * The server's field errors of a config create (`errors` of its problem details) by form field: `parameters.<Name>`
 * (any case) goes to that parameter, `name` to the config name; the rest (and `parameters` itself) to `general`.
 */
export function serverFieldErrors(specs: ParameterSpec[], error: unknown): { fields: Record<string, string>; general: string[] } {
  const fields: Record<string, string> = {};
  const general: string[] = [];
  const body = (error && typeof error === 'object' ? error : {}) as { errors?: Record<string, string[]>; detail?: string; title?: string };
  const byLower = new Map(specs.map((s) => [s.name.toLowerCase(), s.name]));
  for (const [key, messages] of Object.entries(body.errors ?? {})) {
    const message = messages.join(' ');
    const match = /^parameters\.(.+)$/i.exec(key);
    const field = match ? byLower.get(match[1].toLowerCase()) : key.toLowerCase() === 'name' ? 'name' : undefined;
    if (field) fields[field] = message;
    else general.push(`${key}: ${message}`);
  }
  if (Object.keys(fields).length === 0 && general.length === 0) {
    const head = body.detail ?? body.title;
    if (head) general.push(head);
  }
  return { fields, general };
}
