import { describe, expect, it } from 'vitest';
import { placeText, sourceProblems } from './sourceProblems';

describe('sourceProblems', () => {
  it('reads compile diagnostics and source violations of the problem details, by line', () => {
    const problem = {
      title: 'The strategy source does not compile.',
      errors: { plugin: ['(9,13): error CS0103: …'] },
      diagnostics: [{ line: 9, column: 13, message: "The name 'x' does not exist in the current context", id: 'CS0103' }],
      violations: [{ symbol: 'System.IO.File.ReadAllText(string)', rule: 'file system', line: 5, column: 33, used_in: null }],
    };
    expect(sourceProblems(problem)).toEqual([
      { kind: 'sandbox', line: 5, column: 33, message: 'System.IO.File.ReadAllText(string) is forbidden (file system)', code: 'file system' },
      { kind: 'compile', line: 9, column: 13, message: "The name 'x' does not exist in the current context", code: 'CS0103' },
    ]);
  });

  it("keeps a .dll's violation without a place, after the placed ones, with the member using it", () => {
    const problems = sourceProblems({
      violations: [
        { symbol: 'System.IO.File.ReadAllText', rule: 'file system', line: null, column: null, used_in: 'Evil.OnStart' },
        { symbol: 'System.Threading.Thread', rule: 'threads', line: 2, column: 1, used_in: null },
      ],
    });
    expect(problems.map((p) => [p.line, p.usedIn])).toEqual([[2, undefined], [null, 'Evil.OnStart']]);
    expect(placeText(problems[1])).toBe('Evil.OnStart');
    expect(placeText(problems[0])).toBe('line 2, column 1');
  });

  it('finds nothing in other answers', () => {
    expect(sourceProblems(undefined)).toEqual([]);
    expect(sourceProblems({ title: 'A plugin with this name exists.', status: 409 })).toEqual([]);
    expect(sourceProblems({ diagnostics: 'nope' })).toEqual([]);
  });
});
