import type { PluginDto } from '../../api';
import { parametersOf } from './schema';

const words = (value: string) => value.replace(/_/g, ' ');

/** The catalogue as cards: name, risk level, type, kind, version, description, number of parameters. */
export function Catalogue({ plugins, selected, onSelect }: { plugins: PluginDto[]; selected: string | null; onSelect: (id: string) => void }) {
  return (
    <ul className="catalogue" aria-label="Catalogue">
      {plugins.map((plugin) => (
        <li key={plugin.id}>
          <button
            type="button"
            className={`strategy-card${plugin.id === selected ? ' selected' : ''}`}
            aria-pressed={plugin.id === selected}
            onClick={() => onSelect(plugin.id)}
          >
            <span className="strategy-head">
              <span className="strategy-name">{plugin.name}</span>
              <span className={`badge risk-${plugin.risk_level}`} title="risk level">{plugin.risk_level} risk</span>
            </span>
            <span className="strategy-meta">
              {words(plugin.type)} · {words(plugin.kind)} · v{plugin.version} · {parametersOf(plugin).length} parameter(s)
            </span>
            <span className="strategy-description">{plugin.description}</span>
          </button>
        </li>
      ))}
    </ul>
  );
}
