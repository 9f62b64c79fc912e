import type { Text } from '@codemirror/state';
import type { Diagnostic } from '@codemirror/lint';
import type { SourceProblem } from './sourceProblems';

/**
 * CodeMirror diagnostics for the problems that have a place in `doc`: each starts at its 1-based line and column
 * (clamped to the document) and spans the identifier or the run of non-space characters there, at least one
 * character (or the end of the line). Compile errors and sandbox violations are both errors.
 */
export function editorMarkers(doc: Text, problems: SourceProblem[]): Diagnostic[] {
  return problems.flatMap((problem) => {
    if (problem.line === null) return [];
    const line = doc.line(Math.min(problem.line, doc.lines));
    const offset = Math.min(Math.max((problem.column ?? 1) - 1, 0), line.length);
    const from = line.from + offset;
    const rest = line.text.slice(offset);
    const token = /^[A-Za-z_][A-Za-z0-9_]*/.exec(rest)?.[0] ?? /^\S+/.exec(rest)?.[0] ?? '';
    const to = token.length > 0 ? from + token.length : Math.min(from + 1, line.to);
    return [{
      from,
      to,
      severity: 'error' as const,
      source: problem.kind === 'compile' ? `compiler ${problem.code}`.trim() : 'sandbox',
      message: problem.message,
    }];
  });
}
