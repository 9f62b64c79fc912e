import { describe, expect, it } from 'vitest';
import { Text } from '@codemirror/state';
import { editorMarkers } from './editorMarkers';
import type { SourceProblem } from './sourceProblems';

const doc = Text.of(['public sealed class A', '{', '    int x = Undefined + 1;', '}']);
const problem = (line: number | null, column: number | null, kind: SourceProblem['kind'] = 'compile'): SourceProblem =>
  ({ kind, line, column, message: 'm', code: 'CS0103' });

describe('editorMarkers', () => {
  it('marks the identifier at the 1-based line and column', () => {
    const [marker] = editorMarkers(doc, [problem(3, 13)]);
    expect(doc.sliceString(marker.from, marker.to)).toBe('Undefined');
    expect(marker).toMatchObject({ severity: 'error', source: 'compiler CS0103', message: 'm' });
  });

  it('marks the run of non-space characters where no identifier starts', () => {
    const [marker] = editorMarkers(doc, [problem(2, 1, 'sandbox')]);
    expect(doc.sliceString(marker.from, marker.to)).toBe('{');
    expect(marker.source).toBe('sandbox');
  });

  it('clamps a place past the end of the document or line, and skips placeless problems', () => {
    const markers = editorMarkers(doc, [problem(99, 200), problem(null, null), problem(1, null)]);
    expect(markers).toHaveLength(2);
    expect(markers[0].from).toBe(doc.length);
    expect(markers[0].to).toBe(doc.length);
    expect(doc.sliceString(markers[1].from, markers[1].to)).toBe('public');
  });
});
