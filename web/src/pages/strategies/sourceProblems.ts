/**
 * What an upload of a strategy found wrong, out of the server's 400 problem details: compile errors
 * (`diagnostics`: line, column, message, id) and uses of what the sandbox forbids (`violations`: symbol, rule, line,
 * column for source, used_in for a .dll). Lines and columns are 1-based; null when the problem has no place in a
 * source file (a .dll's violation).
 */
export type SourceProblem = {
  kind: 'compile' | 'sandbox';
  line: number | null;
  column: number | null;
  message: string;
  /** Compiler id (CS0103) or the sandbox rule (file system). */
  code: string;
  /** For a .dll's violation: the type or method using the forbidden symbol. */
  usedIn?: string;
};

const positive = (value: unknown) => (typeof value === 'number' && Number.isInteger(value) && value > 0 ? value : null);
const text = (value: unknown) => (typeof value === 'string' ? value : '');

/** The compile errors and sandbox violations of an upload's error body, by line (placeless ones last). */
export function sourceProblems(error: unknown): SourceProblem[] {
  if (!error || typeof error !== 'object') return [];
  const body = error as { diagnostics?: unknown; violations?: unknown };
  const compile = (Array.isArray(body.diagnostics) ? body.diagnostics : []).map((raw): SourceProblem => {
    const d = (raw ?? {}) as Record<string, unknown>;
    return { kind: 'compile', line: positive(d.line), column: positive(d.column), message: text(d.message), code: text(d.id) };
  });
  const sandbox = (Array.isArray(body.violations) ? body.violations : []).map((raw): SourceProblem => {
    const v = (raw ?? {}) as Record<string, unknown>;
    const usedIn = text(v.used_in);
    return {
      kind: 'sandbox',
      line: positive(v.line),
      column: positive(v.column),
      message: `${text(v.symbol)} is forbidden (${text(v.rule)})`,
      code: text(v.rule),
      ...(usedIn ? { usedIn } : {}),
    };
  });
  return [...compile, ...sandbox].sort(
    (a, b) => (a.line ?? Infinity) - (b.line ?? Infinity) || (a.column ?? 0) - (b.column ?? 0),
  );
}

/** Where a problem is: "line 12, column 9", "line 12", the .dll member using it, or "". */
export function placeText(problem: Pick<SourceProblem, 'line' | 'column' | 'usedIn'>): string {
  if (problem.line === null) return problem.usedIn ?? '';
  return problem.column === null ? `line ${problem.line}` : `line ${problem.line}, column ${problem.column}`;
}
