import { useEffect, useRef } from 'react';
import type { PluginDto } from '../../api';
import { ParameterTable } from './ParameterTable';
import { parametersOf } from './schema';

/** The selected strategy: what it is, its parameters. */
export function PluginDetails({ plugin }: { plugin: PluginDto }) {
  const specs = parametersOf(plugin);
  const panel = useRef<HTMLDivElement>(null);
  // On a phone the details are below the catalogue: bring them into view when a strategy is picked.
  useEffect(() => {
    if (window.matchMedia?.('(max-width: 800px)').matches) panel.current?.scrollIntoView({ behavior: 'smooth', block: 'start' });
  }, []);
  return (
    <div ref={panel} className="panel details" aria-label={`${plugin.name} details`}>
      <h2>{plugin.name}</h2>
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
    </div>
  );
}
