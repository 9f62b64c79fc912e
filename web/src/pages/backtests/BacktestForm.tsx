import { useId, useMemo, useState, type FormEvent } from 'react';
import { useNavigate } from 'react-router';
import { Empty, Failure, Loading } from '../../ui/states';
import type { BacktestDto, InstrumentDto, PluginDto } from '../../api';
import { num, parametersOf, type ParameterSpec } from './model';
import { initialValues, presetValues, toRequestParameters, type FormValues } from './parameters';
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

function BacktestFields({ catalogue, instruments, preset }: { catalogue: PluginDto[]; instruments: InstrumentDto[]; preset?: BacktestDto }) {
  const start = useStartBacktest();
  const navigate = useNavigate();
  const presetPlugin = catalogue.find((p) => p.id === preset?.plugin_id);
  const [pluginId, setPluginId] = useState(presetPlugin?.id ?? '');
  const [symbols, setSymbols] = useState<string[]>(preset ? preset.symbols.filter((s) => instruments.some((i) => i.id === s)) : []);
  const [values, setValues] = useState<FormValues>(() => presetValues(parametersOf(presetPlugin), preset?.parameters));
  const [cash, setCash] = useState(preset ? String(num(preset.starting_cash)) : '100000');
  const plugin = catalogue.find((p) => p.id === pluginId);
  const specs = useMemo(() => parametersOf(plugin), [plugin]);

  function choose(id: string) {
    setPluginId(id);
    setValues(initialValues(parametersOf(catalogue.find((p) => p.id === id))));
  }

  function toggle(symbol: string, on: boolean) {
    setSymbols((s) => (on ? [...s, symbol] : s.filter((x) => x !== symbol)));
  }

  function submit(event: FormEvent) {
    event.preventDefault();
    start.mutate(
      { plugin_id: pluginId, symbols, parameters: toRequestParameters(specs, values), starting_cash: Number(cash), risk: null },
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
              <ParameterField key={spec.name} spec={spec} value={values[spec.name]} onChange={(v) => setValues((old) => ({ ...old, [spec.name]: v }))} />
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

/** One parameter's input, by its type: number (with its range), checkbox, choice list or text; named by the parameter, described by its description. */
function ParameterField({ spec, value, onChange }: { spec: ParameterSpec; value: string | boolean | undefined; onChange: (value: string | boolean) => void }) {
  const id = useId();
  const range = [spec.min !== null ? `≥ ${spec.min}` : '', spec.max !== null ? `≤ ${spec.max}` : ''].filter(Boolean).join(', ');
  const common = { id, name: `parameters.${spec.name}`, 'aria-describedby': `${id}-help`, required: spec.required };
  const text = typeof value === 'string' ? value : '';
  const input =
    spec.type === 'boolean' ? (
      <input {...common} type="checkbox" checked={value === true} onChange={(e) => onChange(e.target.checked)} />
    ) : spec.choices ? (
      <select {...common} value={text} onChange={(e) => onChange(e.target.value)}>
        {spec.nullable && <option value="">(none)</option>}
        {spec.choices.map((c) => <option key={c} value={c}>{c}</option>)}
      </select>
    ) : (
      <input
        {...common}
        type={spec.type === 'string' ? 'text' : 'number'}
        step={spec.type === 'integer' ? 1 : 'any'}
        min={spec.min ?? undefined}
        max={spec.max ?? undefined}
        value={text}
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
      <span className="hint" id={`${id}-help`}>{spec.description}</span>
    </div>
  );
}
