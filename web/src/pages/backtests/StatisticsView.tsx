import { formatStatistic } from './format';
import type { Statistics } from './model';
import { headlineKeys, signClass, statisticDefs, statisticGroups, statisticNumber } from './statistics';

/** The report's key figures as cards, then every figure by group (label, value with its unit; the label's tooltip says what it is). */
export function StatisticsView({ statistics, currency }: { statistics: Statistics; currency: string }) {
  const cell = (key: string) => {
    const def = statisticDefs.find((d) => d.key === key)!;
    const value = def.read(statistics);
    return { def, text: formatStatistic(value, def.unit, currency), sign: signClass(def, statisticNumber(value, def.unit)) };
  };
  return (
    <>
      <div className="cards" aria-label="Key statistics">
        {headlineKeys.map(cell).map(({ def, text, sign }) => (
          <div className="card" key={def.key} title={def.help}>
            <div className="label">{def.label}</div>
            <div className={`value ${sign}`}>{text}</div>
          </div>
        ))}
      </div>
      <div className="statistics-groups">
        {statisticGroups.map((group) => (
          <table key={group} className="statistics" aria-label={`Statistics: ${group}`}>
            <caption>{group}</caption>
            <tbody>
              {statisticDefs.filter((d) => d.group === group).map((d) => cell(d.key)).map(({ def, text, sign }) => (
                <tr key={def.key}>
                  <th scope="row" title={def.help}>{def.label}</th>
                  <td className={`num ${sign}`}>{text}</td>
                </tr>
              ))}
            </tbody>
          </table>
        ))}
      </div>
    </>
  );
}
