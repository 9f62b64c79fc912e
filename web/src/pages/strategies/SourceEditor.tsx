import { useEffect, useMemo, useRef, useState } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import CodeMirror, { type EditorView } from '@uiw/react-codemirror';
import { StreamLanguage } from '@codemirror/language';
import { csharp } from '@codemirror/legacy-modes/mode/clike';
import { lintGutter, setDiagnostics } from '@codemirror/lint';
import type { PluginDto } from '../../api';
import { Failure, Loading } from '../../ui/states';
import { editorMarkers } from './editorMarkers';
import { ProblemList } from './ProblemList';
import { pluginsKey, replaceSource, usePluginSource, type UploadOutcome } from './strategiesApi';
import type { SourceProblem } from './sourceProblems';

const extensions = [StreamLanguage.define(csharp), lintGutter()];

/**
 * A C# editor for a source strategy: loads its stored source, saves an edit as the plugin's new version, and shows
 * the server's compile errors and sandbox violations at their lines (gutter markers and underlines) and in a list.
 * Loaded on demand (CodeMirror is a chunk of its own).
 */
export default function SourceEditor({ plugin, onClose }: { plugin: PluginDto; onClose: () => void }) {
  const stored = usePluginSource(plugin.id);
  if (stored.isPending) return <Loading what="the source" />;
  if (stored.isError) return <Failure message={stored.error.message} onRetry={() => stored.refetch()} />;
  return <Editor plugin={plugin} original={stored.data.source} onClose={onClose} />;
}

function Editor({ plugin, original, onClose }: { plugin: PluginDto; original: string; onClose: () => void }) {
  const queries = useQueryClient();
  const view = useRef<EditorView | null>(null);
  const [source, setSource] = useState(original);
  const [saving, setSaving] = useState(false);
  const [outcome, setOutcome] = useState<UploadOutcome | null>(null);
  const problems = useMemo(() => (outcome && !outcome.ok ? outcome.problems : []), [outcome]);

  // The server's problems as editor diagnostics, placed in the document as it is now.
  useEffect(() => {
    const editor = view.current;
    if (editor) editor.dispatch(setDiagnostics(editor.state, editorMarkers(editor.state.doc, problems)));
  }, [problems]);

  async function save() {
    setSaving(true);
    try {
      const result = await replaceSource(plugin.id, source);
      setOutcome(result);
      if (result.ok) {
        queries.setQueryData([...pluginsKey, plugin.id, 'source'], { id: plugin.id, name: result.plugin.name, source });
        await queries.invalidateQueries({ queryKey: pluginsKey, exact: true });
      }
    } catch (e) {
      setOutcome({ ok: false, message: (e as Error).message, problems: [] });
    } finally {
      setSaving(false);
    }
  }

  function goTo(problem: SourceProblem) {
    const editor = view.current;
    const [marker] = editor ? editorMarkers(editor.state.doc, [problem]) : [];
    if (!editor || !marker) return;
    editor.dispatch({ selection: { anchor: marker.from, head: marker.to }, scrollIntoView: true });
    editor.focus();
  }

  const changed = source !== original;
  return (
    <div className="source-editor">
      <div className="toolbar">
        <button type="button" className="primary" disabled={saving || !changed} onClick={save}>
          {saving ? 'Compiling…' : 'Save new version'}
        </button>
        <button type="button" disabled={saving || !changed} onClick={() => { setSource(original); setOutcome(null); }}>Revert</button>
        <button type="button" onClick={onClose}>Close editor</button>
        <span className="muted">{changed ? 'edited' : 'as stored'}</span>
      </div>
      <CodeMirror
        value={source}
        onChange={setSource}
        theme="dark"
        height="min(60vh, 640px)"
        extensions={extensions}
        onCreateEditor={(editor) => { view.current = editor; }}
        aria-label={`C# source of ${plugin.name}`}
      />
      {outcome && (
        <div className={`outcome ${outcome.ok ? 'outcome-ok' : 'outcome-error'}`} role={outcome.ok ? 'status' : 'alert'}>
          <p>{outcome.message}</p>
          {!outcome.ok && <ProblemList problems={problems} onSelect={goTo} />}
        </div>
      )}
    </div>
  );
}
