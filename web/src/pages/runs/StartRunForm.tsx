import { useMemo, useState, type FormEvent } from 'react';
import { useNavigate } from 'react-router';
import { useMutation, useQuery } from '@tanstack/react-query';
import { listInstruments, listPlugins, startRun, type PluginDto, type RiskRequest } from '../../api';
import { unwrapData } from '../../ui/api';
import { Failure, Loading } from '../../ui/states';
import { checkForm, initialValues, type FormValues } from '../strategies/parameterForm';
import { parametersOf } from '../strategies/schema';

/** The risk fields the form offers (the rest of README "Risk and accounting" keeps its defaults). */
const riskFields: { key: keyof RiskRequest; label: string; step: string }[] = [
  { key: 'max_position_size', label: 'Max position value', step: 'any' },
  { key: 'max_positions', label: 'Max open positions', step: '1' },
  { key: 'daily_loss_limit', label: 'Daily loss limit', step: 'any' },
  { key: 'position_size_pct', label: 'Signal order size (share of equity)', step: 'any' },
  { key: 'signal_strength_threshold', label: 'Signal strength threshold', step: 'any' },
];

/** Starts a run of a strategy on the server's replay feed: strategy, instruments, parameters, cash and main risk limits. */
export function StartRunForm() {
  const navigate = useNavigate();
  const plugins = useQuery({ queryKey: ['plugins'], queryFn: () => unwrapData(listPlugins({ query: { limit: 500 } })) });
  const instruments = useQuery({ queryKey: ['instruments'], queryFn: () => unwrapData(listInstruments()) });
  const [pluginId, setPluginId] = useState('');
  const [symbols, setSymbols] = useState<string[]>([]);
  const [values, setValues] = useState<FormValues>({});
  const [cash, setCash] = useState('100000');
  const [risk, setRisk] = useState<Record<string, string>>({});
  const [autoExecute, setAutoExecute] = useState(true);
  const plugin: PluginDto | undefined = plugins.data?.plugins.find((p) => p.id === pluginId);
  const parameters = useMemo(() => (plugin ? parametersOf(plugin) : []), [plugin]);
  const checked = checkForm(parameters, values);
  const invalid = Object.keys(checked.errors).length > 0;
  const start = useMutation({
    mutationFn: () => {
      const limits: Record<string, unknown> = { auto_execute: autoExecute };
      for (const { key } of riskFields) if (risk[key]) limits[key] = Number(risk[key]);
      return unwrapData(startRun({ body: { plugin_id: pluginId, config_id: null, symbols, parameters: checked.parameters, risk: limits as RiskRequest, starting_cash: Number(cash) } }));
    },
    onSuccess: (started) => void navigate(`/runs/${started.run_id}`),
  });
  if (plugins.isPending || instruments.isPending) return <Loading what="strategies and instruments" />;
  if (plugins.isError) return <Failure message={plugins.error.message} onRetry={() => void plugins.refetch()} />;
  if (instruments.isError) return <Failure message={instruments.error.message} onRetry={() => void instruments.refetch()} />;
  const submit = (e: FormEvent) => {
    e.preventDefault();
    start.mutate();
  };
  const choose = (id: string) => {
    setPluginId(id);
    const chosen = plugins.data.plugins.find((p) => p.id === id);
    setValues(chosen ? initialValues(parametersOf(chosen)) : {});
  };
  return (
    <form className="start-form" onSubmit={submit} aria-label="Start a run">
      <label>
        Strategy
        <select value={pluginId} onChange={(e) => choose(e.target.value)} required name="plugin">
          <option value="">Choose a strategy…</option>
          {plugins.data.plugins.map((p) => <option key={p.id} value={p.id}>{p.name} ({p.type}, {p.risk_level} risk)</option>)}
        </select>
      </label>
      {plugin && <p className="muted">{plugin.description}</p>}
      <fieldset>
        <legend>Instruments (replay feed)</legend>
        {instruments.data.map((i) => (
          <label key={i.id} className="check">
            <input
              type="checkbox" name="symbol" value={i.id} checked={symbols.includes(i.id)}
              onChange={(e) => setSymbols(e.target.checked ? [...symbols, i.id] : symbols.filter((s) => s !== i.id))}
            />
            {i.id} <span className="muted">{i.asset_class}</span>
          </label>
        ))}
      </fieldset>
      {parameters.length > 0 && (
        <fieldset className="fields">
          <legend>Parameters</legend>
          {parameters.map((p) => (
            <label key={p.name} title={p.description}>
              {p.name}
              {p.type === 'boolean' || (p.choices && p.choices.length > 0) ? (
                <select name={`parameter-${p.name}`} value={values[p.name] ?? ''} onChange={(e) => setValues({ ...values, [p.name]: e.target.value })}>
                  {!p.required && <option value="">default</option>}
                  {(p.choices ?? ['true', 'false']).map((c) => <option key={c} value={c}>{c}</option>)}
                </select>
              ) : (
                <input
                  name={`parameter-${p.name}`}
                  type={p.type === 'integer' || p.type === 'number' ? 'number' : 'text'}
                  step={p.type === 'integer' ? '1' : 'any'}
                  min={p.min ?? undefined} max={p.max ?? undefined}
                  required={p.required}
                  aria-invalid={p.name in checked.errors}
                  value={values[p.name] ?? ''}
                  onChange={(e) => setValues({ ...values, [p.name]: e.target.value })}
                />
              )}
              {checked.errors[p.name] && <span className="field-error">{p.name} {checked.errors[p.name]}</span>}
            </label>
          ))}
        </fieldset>
      )}
      <fieldset className="fields">
        <legend>Cash and risk</legend>
        <label>
          Starting cash
          <input name="starting_cash" type="number" min="0" step="any" value={cash} onChange={(e) => setCash(e.target.value)} required />
        </label>
        {riskFields.map(({ key, label, step }) => (
          <label key={key}>
            {label}
            <input name={`risk-${key}`} type="number" step={step} min="0" placeholder="none" value={risk[key] ?? ''} onChange={(e) => setRisk({ ...risk, [key]: e.target.value })} />
          </label>
        ))}
        <label className="check">
          <input type="checkbox" name="auto_execute" checked={autoExecute} onChange={(e) => setAutoExecute(e.target.checked)} />
          Auto-execute signals
        </label>
      </fieldset>
      {start.isError && <Failure message={start.error.message} />}
      <div className="toolbar">
        <button className="primary" type="submit" disabled={start.isPending || !pluginId || symbols.length === 0 || invalid}>
          {start.isPending ? 'Starting…' : 'Start run'}
        </button>
      </div>
    </form>
  );
}
