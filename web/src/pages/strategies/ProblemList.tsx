import { placeText, type SourceProblem } from './sourceProblems';

/** Compile errors and sandbox violations, one per row with their place; a placed one can be clicked to go there. */
export function ProblemList({ problems, onSelect }: { problems: SourceProblem[]; onSelect?: (problem: SourceProblem) => void }) {
  if (problems.length === 0) return null;
  return (
    <ul className="problems" aria-label="Problems">
      {problems.map((p, i) => (
        <li key={i} className={`problem problem-${p.kind}`}>
          {onSelect && p.line !== null ? (
            <button type="button" className="place link" onClick={() => onSelect(p)}>{placeText(p)}</button>
          ) : (
            <span className="place">{placeText(p)}</span>
          )}
          <span className="kind">{p.kind === 'compile' ? p.code || 'error' : 'sandbox'}</span>
          <span className="message">{p.message}</span>
        </li>
      ))}
    </ul>
  );
}
