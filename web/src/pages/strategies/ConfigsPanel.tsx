import { Fragment, useState, type FormEvent, type ReactNode } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { Empty, Failure, Loading } from '../../ui/states';
import { problemMessage } from '../../ui/problem';
import { configsKey, createVersion, groupConfigs, useConfig, useConfigs } from './configsApi';
import { checkForm, initialValues, serverFieldErrors, type FormValues } from './parameterForm';
import { valueText, type ParameterSpec } from './schema';

/**
 * Versioned configs of a plugin: the caller's named parameter sets with their versions; picking a version shows its
 * values and starts the form from them; the form creates the next version of a name (checked here, then by the server).
 */
export function ConfigsPanel({ pluginId, specs }: { pluginId: string; specs: ParameterSpec[] }) {
  const configs = useConfigs(pluginId);
  const [picked, setPicked] = useState<string | null>(null);
  const version = useConfig(pluginId, picked);
  const [formKey, setFormKey] = useState(0);
  const [start, setStart] = useState<{ name: string; values: FormValues }>(() => ({ name: '', values: initialValues(specs) }));

  function startFrom(name: string, parameters: Record<string, unknown>) {
    setStart({ name, values: initialValues(specs, parameters) });
    setFormKey((k) => k + 1);
  }

  const groups = groupConfigs(configs.data?.configs ?? []);
  return (
    <div className="configs">
      {configs.isPending ? (
        <Loading what="configs" />
      ) : configs.isError ? (
        <Failure message={configs.error.message} onRetry={() => configs.refetch()} />
      ) : groups.length === 0 ? (
        <Empty>No configs yet: save a parameter set below.</Empty>
      ) : (
        <ul className="config-list" aria-label="Configs">
          {groups.map((group) => (
            <li key={group.name}>
              <span className="config-name">{group.name}</span>
              <span className="versions">
                {group.versions.map((v) => (
                  <button key={v.id} type="button" aria-pressed={v.id === picked} className={v.id === picked ? 'selected' : ''}
                    title={`created ${new Date(v.created_at).toLocaleString()}`} onClick={() => setPicked(v.id)}>
                    v{v.version}
                  </button>
                ))}
              </span>
            </li>
          ))}
        </ul>
      )}
      {picked && (version.isPending ? <Loading what="the version" /> : version.isError ? <Failure message={version.error.message} /> : (
        <div className="config-version">
          <p>
            <strong>{version.data.name}</strong> version {version.data.version} · {new Date(version.data.created_at).toLocaleString()} ·{' '}
            <code className="config-id">{version.data.id}</code>
          </p>
          <dl className="facts">
            {Object.entries((version.data.parameters ?? {}) as Record<string, unknown>).map(([k, v]) => (
              <Fragment key={k}><dt>{k}</dt><dd>{valueText(v)}</dd></Fragment>
            ))}
          </dl>
          <button type="button" onClick={() => startFrom(version.data.name, (version.data.parameters ?? {}) as Record<string, unknown>)}>
            Edit as a new version
          </button>
        </div>
      ))}
      <ConfigForm key={formKey} pluginId={pluginId} specs={specs} start={start} onCreated={setPicked} />
    </div>
  );
}

function ConfigForm({ pluginId, specs, start, onCreated }: {
  pluginId: string; specs: ParameterSpec[]; start: { name: string; values: FormValues }; onCreated: (configId: string) => void;
}) {
  const queries = useQueryClient();
  const [name, setName] = useState(start.name);
  const [values, setValues] = useState<FormValues>(start.values);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [general, setGeneral] = useState<string[]>([]);
  const [saved, setSaved] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setSaved(null);
    const checked = checkForm(specs, values);
    const found: Record<string, string> = name.trim() === '' ? { ...checked.errors, name: 'Required.' } : checked.errors;
    setErrors(found);
    setGeneral([]);
    if (Object.keys(found).length > 0) return;
    setBusy(true);
    try {
      const outcome = await createVersion(pluginId, name.trim(), checked.parameters);
      if (outcome.ok) {
        setSaved(outcome.message);
        await queries.invalidateQueries({ queryKey: configsKey(pluginId), exact: true });
        onCreated(outcome.config.id);
      } else {
        const mapped = serverFieldErrors(specs, outcome.error);
        setErrors(mapped.fields);
        setGeneral(mapped.general.length > 0 || Object.keys(mapped.fields).length > 0
          ? mapped.general : [problemMessage(outcome.error, `The server refused the config (HTTP ${outcome.status ?? '?'}).`)]);
      }
    } finally {
      setBusy(false);
    }
  }

  const set = (field: string, value: string) => setValues((old) => ({ ...old, [field]: value }));
  return (
    <form className="config-form" onSubmit={submit} noValidate aria-label="New config version">
      <h3>New version</h3>
      <Field label="Config name" error={errors.name} hint="a new name starts at version 1">
        <input value={name} onChange={(e) => setName(e.target.value)} maxLength={100} aria-invalid={!!errors.name} />
      </Field>
      {specs.map((spec) => (
        <Field key={spec.name} label={spec.name} error={errors[spec.name]} hint={spec.description}>
          <ParameterInput spec={spec} value={values[spec.name] ?? ''} invalid={!!errors[spec.name]} onChange={(v) => set(spec.name, v)} />
        </Field>
      ))}
      {general.length > 0 && <div className="state state-error" role="alert">{general.join(' ')}</div>}
      {saved && <p className="outcome-ok" role="status">{saved}</p>}
      <div className="toolbar">
        <button type="submit" className="primary" disabled={busy}>{busy ? 'Saving…' : 'Create version'}</button>
      </div>
    </form>
  );
}

function Field({ label, error, hint, children }: { label: string; error?: string; hint?: string; children: ReactNode }) {
  return (
    <label className={`field${error ? ' field-error' : ''}`}>
      <span>{label}{hint && <span className="hint"> — {hint}</span>}</span>
      {children}
      {error && <span className="error-text">{error}</span>}
    </label>
  );
}

function ParameterInput({ spec, value, invalid, onChange }: { spec: ParameterSpec; value: string; invalid: boolean; onChange: (value: string) => void }) {
  if (spec.type === 'boolean') {
    return <input type="checkbox" className="checkbox" checked={value === 'true'} onChange={(e) => onChange(String(e.target.checked))} />;
  }
  if (spec.choices) {
    return (
      <select value={value} onChange={(e) => onChange(e.target.value)} aria-invalid={invalid}>
        {!spec.required && <option value="">(default)</option>}
        {spec.choices.map((c) => <option key={c} value={c}>{c}</option>)}
      </select>
    );
  }
  const numeric = spec.type === 'integer' || spec.type === 'number';
  return (
    <input
      inputMode={numeric ? (spec.type === 'integer' ? 'numeric' : 'decimal') : undefined}
      value={value}
      placeholder={valueText(spec.default)}
      aria-invalid={invalid}
      onChange={(e) => onChange(e.target.value)}
    />
  );
}
