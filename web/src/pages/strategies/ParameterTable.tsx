import { Empty } from '../../ui/states';
import { rangeText, valueText, type ParameterSpec } from './schema';

/** A strategy's parameter schema: name, type, default, range or choices, required, description. */
export function ParameterTable({ specs }: { specs: ParameterSpec[] }) {
  if (specs.length === 0) return <Empty>This strategy has no parameters.</Empty>;
  return (
    <div className="table-wrap">
      <table className="parameters">
        <thead>
          <tr><th>Parameter</th><th>Type</th><th>Default</th><th>Range</th><th>Description</th></tr>
        </thead>
        <tbody>
          {specs.map((s) => (
            <tr key={s.name}>
              <td>{s.name}{s.required && <span className="required" title="required"> *</span>}</td>
              <td>{s.type}{s.nullable ? '?' : ''}</td>
              <td className="num">{valueText(s.default)}</td>
              <td>{s.choices ? s.choices.join(' | ') : rangeText(s)}</td>
              <td className="wrap">{s.description}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
