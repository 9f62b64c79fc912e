import { toNumber } from '../../ui/format';
import { useId, useMemo, useState, type FormEvent } from 'react';
import { useNavigate } from 'react-router';
import { Empty, Failure, Loading } from '../../ui/states';
import type { BacktestDto, InstrumentDto, PluginDto } from '../../api';
import { checkForm, initialValues, type FormValues } from '../strategies/parameterForm';
import { parametersOf, rangeText, type ParameterSpec } from '../strategies/schema';
import { useBacktestInstruments, usePlugins, useStartBacktest } from './queries';

/** Start a backtest: strategy, instruments of the data files, parameters (from the strategy's schema), starting cash; `preset` fills it from an earlier backtest. */
export function BacktestForm({ preset }: { preset?: BacktestDto }) {
  const plugins = usePlugins();
  const instruments = useBacktestInstruments();
  if (plugins.isPending || instruments.isPending) return <Loading what="strategies and data" />;
  if (plugins.isError) return <Failure message={plugins.error.message} onRetry={() => plugins.refetch()} />;
  if (instruments.isError) return <Failure message={instruments.error.message} onRetry={() => instruments.refetch()} />;
  if (plugins.data.plugins.length === 0) return <Empty>The catalogue has no strategy yet: upload one under Strategies.</Empty>;
  if (instruments.data.length === 0) return <Empty>The server's data folder holds no bar files to backtest on.</Empty>;
  return <BacktestFields key={preset?.id ?? 'new'} catalogue={plugins.data.plugins} instruments={instruments.data} preset={preset} />;
}

const specsOf = (plugin: PluginDto | undefined): ParameterSpec[] => (plugin ? parametersOf(plugin) : []);

function BacktestFields({ catalogue, instruments, preset }: { catalogue: PluginDto[]; instruments: InstrumentDto[]; preset?: BacktestDto }) {
  const start = useStartBacktest();
  const navigate = useNavigate();
  const presetPlugin = catalogue.find((p) => p.id === preset?.plugin_id);
  const [pluginId, setPluginId] = useState(presetPlugin?.id ?? '');
  const [symbols, setSymbols] = useState<string[]>(preset ? preset.symbols.filter((s) => instruments.some((i) => i.id === s)) : []);
  const [values, setValues] = useState<FormValues>(() => initialValues(specsOf(presetPlugin), (preset?.parameters ?? {}) as Record<string, unknown>));
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [cash, setCash] = useState(preset ? String(toNumber(preset.starting_cash)) : '100000');
  const plugin = catalogue.find((p) => p.id === pluginId);
  const specs = useMemo(() => specsOf(plugin), [plugin]);

  function choose(id: string) {
    setPluginId(id);
    setValues(initialValues(specsOf(catalogue.find((p) => p.id === id))));
    setErrors({});
  }

  function toggle(symbol: string, on: boolean) {
    setSymbols((s) => (on ? [...s, symbol] : s.filter((x) => x !== symbol)));
  }

  function submit(event: FormEvent) {
    event.preventDefault();
    const checked = checkForm(specs, values);
    setErrors(checked.errors);
    if (Object.keys(checked.errors).length > 0) return;
    start.mutate(
      { plugin_id: pluginId, symbols, parameters: checked.parameters, starting_cash: Number(cash), risk: null },
      { onSuccess: (backtest) => navigate(`/backtests/${backtest.id}`) },
    );
  }

  return (
    <form className="backtest-form" onSubmit={submit} aria-label="Start a backtest">
      <label>
        Strategy
        <select name="strategy" value={pluginId} onChange={(e) => choose(e.target.value)} required>
          <option value="" disabled>Choose a strategy…</option>
          {catalogue.map((p) => (
            <option key={p.id} value={p.id}>{p.name}</option>
          ))}
        </select>
      </label>
      {plugin && <p className="hint">{plugin.description} <span className="tag">{plugin.risk_level} risk</span> <span className="tag">{plugin.type}</span></p>}

      <fieldset>
        <legend>Data</legend>
        <div className="instruments">
          {instruments.map((i) => (
            <label key={i.id} className="check">
              <input type="checkbox" name="symbols" value={i.id} checked={symbols.includes(i.id)} onChange={(e) => toggle(i.id, e.target.checked)} />
              <span>{i.id}</span>
              <span className="hint">{i.asset_class}, {i.quote_currency}</span>
            </label>
          ))}
        </div>
      </fieldset>

      {specs.length > 0 && (
        <fieldset>
          <legend>Parameters</legend>
          <div className="parameters">
            {specs.map((spec) => (
              <ParameterField key={spec.name} spec={spec} value={values[spec.name] ?? ''} error={errors[spec.name]}
                onChange={(v) => setValues((old) => ({ ...old, [spec.name]: v }))} />
            ))}
          </div>
        </fieldset>
      )}

      <label>
        Starting cash ({instruments.find((i) => symbols.includes(i.id))?.quote_currency ?? instruments[0].quote_currency})
        <input name="starting_cash" type="number" min="0.01" step="any" value={cash} onChange={(e) => setCash(e.target.value)} required />
      </label>

      {start.isError && <Failure message={start.error.message} />}
      <div className="toolbar">
        <button className="primary" type="submit" disabled={!pluginId || symbols.length === 0 || start.isPending}>
          {start.isPending ? 'Starting…' : 'Run backtest'}
        </button>
      </div>
    </form>
  );
}

/** One parameter's input, by its type: number (with its range), checkbox, choice list or text; named by the parameter, described by its description, with its error. */
function ParameterField({ spec, value, error, onChange }: { spec: ParameterSpec; value: string; error?: string; onChange: (value: string) => void }) {
  const id = useId();
  const range = rangeText(spec);
  const common = { id, name: `parameters.${spec.name}`, 'aria-describedby': `${id}-help`, 'aria-invalid': !!error, required: spec.required };
  const input =
    spec.type === 'boolean' ? (
      <input {...common} type="checkbox" checked={value === 'true'} onChange={(e) => onChange(String(e.target.checked))} />
    ) : spec.choices ? (
      <select {...common} value={value} onChange={(e) => onChange(e.target.value)}>
        {!spec.required && <option value="">(default)</option>}
        {spec.choices.map((c) => <option key={c} value={c}>{c}</option>)}
      </select>
    ) : (
      <input
        {...common}
        type={spec.type === 'string' ? 'text' : 'number'}
        step={spec.type === 'integer' ? 1 : 'any'}
        min={spec.min ?? undefined}
        max={spec.max ?? undefined}
        value={value}
        onChange={(e) => onChange(e.target.value)}
      />
    );
  return (
    <div className="parameter">
      <div>
        {spec.type === 'boolean' && input} <label htmlFor={id}>{spec.name}{spec.required && ' *'}</label>
        {range && <span className="hint"> ({range})</span>}
      </div>
      {spec.type !== 'boolean' && input}
      {error && <span className="field-error">{spec.name} {error}</span>}
      <span className="hint" id={`${id}-help`}>{spec.description}</span>
    </div>
  );
}
