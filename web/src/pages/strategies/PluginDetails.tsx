import { lazy, Suspense, useEffect, useRef } from 'react';
import type { PluginDto } from '../../api';
import { ConfigsPanel } from './ConfigsPanel';
import { ParameterTable } from './ParameterTable';
import { parametersOf } from './schema';
import { Loading } from '../../ui/states';

const SourceEditor = lazy(() => import('./SourceEditor'));

/** The selected strategy: what it is, its parameters, its versioned configs and, for a source strategy, its editor (open while `editing`). */
export function PluginDetails({ plugin, editing, onEdit }: { plugin: PluginDto; editing: boolean; onEdit: (open: boolean) => void }) {
  const specs = parametersOf(plugin);
  const panel = useRef<HTMLDivElement>(null);
  // On a phone the details are below the catalogue: bring them into view when a strategy is picked.
  useEffect(() => {
    if (window.matchMedia?.('(max-width: 800px)').matches) panel.current?.scrollIntoView({ behavior: 'smooth', block: 'start' });
  }, []);
  return (
    <div ref={panel} className="panel details" aria-label={`${plugin.name} details`}>
      <div className="details-head">
        <h2>{plugin.name}</h2>
        {plugin.kind === 'source' && !editing && <button type="button" onClick={() => onEdit(true)}>Edit source</button>}
      </div>
      <p className="strategy-description">{plugin.description}</p>
      <dl className="facts">
        <dt>Risk</dt><dd><span className={`badge risk-${plugin.risk_level}`}>{plugin.risk_level}</span></dd>
        <dt>Type</dt><dd>{plugin.type.replace(/_/g, ' ')}</dd>
        <dt>Kind</dt><dd>{plugin.kind.replace(/_/g, ' ')}</dd>
        <dt>Version</dt><dd>{plugin.version}</dd>
        <dt>By</dt><dd>{plugin.created_by ?? 'system'} · {new Date(plugin.created_at).toLocaleString()}</dd>
      </dl>
      <h3>Parameters</h3>
      <ParameterTable specs={specs} />
      {editing && plugin.kind === 'source' && (
        <>
          <h3>Source</h3>
          <Suspense fallback={<Loading what="the editor" />}>
            <SourceEditor plugin={plugin} onClose={() => onEdit(false)} />
          </Suspense>
        </>
      )}
      <h3>Configs</h3>
      <ConfigsPanel pluginId={plugin.id} specs={specs} />
    </div>
  );
}
