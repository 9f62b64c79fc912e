import type { PluginDto } from '../../api';

/** One parameter of a strategy's schema, as the catalogue serves it (`PluginDto.parameters`). */
export type ParameterSpec = {
  name: string;
  /** integer, number, boolean or string. */
  type: string;
  description: string;
  default: unknown;
  required: boolean;
  /** Inclusive bounds, or null. */
  min: number | null;
  max: number | null;
  nullable: boolean;
  /** Allowed values of an enum parameter, or null. */
  choices: string[] | null;
};

const numberOrNull = (value: unknown) => (typeof value === 'number' && Number.isFinite(value) ? value : null);

/** The parameter schema of a plugin; entries that are not objects with a name are skipped. */
export function parametersOf(plugin: Pick<PluginDto, 'parameters'>): ParameterSpec[] {
  if (!Array.isArray(plugin.parameters)) return [];
  return plugin.parameters.flatMap((raw: unknown) => {
    if (!raw || typeof raw !== 'object') return [];
    const p = raw as Record<string, unknown>;
    if (typeof p.name !== 'string') return [];
    return [{
      name: p.name,
      type: typeof p.type === 'string' ? p.type : 'string',
      description: typeof p.description === 'string' ? p.description : '',
      default: p.default ?? null,
      required: p.required === true,
      min: numberOrNull(p.min),
      max: numberOrNull(p.max),
      nullable: p.nullable === true,
      choices: Array.isArray(p.choices) ? p.choices.map(String) : null,
    }];
  });
}

/** "2 … 500", "≥ 1e-8", "≤ 10" or "" for a parameter's range. */
export function rangeText(spec: Pick<ParameterSpec, 'min' | 'max'>): string {
  if (spec.min !== null && spec.max !== null) return `${spec.min} … ${spec.max}`;
  if (spec.min !== null) return `≥ ${spec.min}`;
  if (spec.max !== null) return `≤ ${spec.max}`;
  return '';
}

/** A parameter value shown as text (null as "none"). */
export function valueText(value: unknown): string {
  if (value === null || value === undefined) return 'none';
  return typeof value === 'string' ? value : JSON.stringify(value);
}
