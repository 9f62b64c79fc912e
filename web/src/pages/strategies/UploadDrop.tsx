import { useRef, useState, type DragEvent } from 'react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { ProblemList } from './ProblemList';
import { pluginsKey, uploadStrategy, type UploadOutcome } from './strategiesApi';

const accepted = /\.(cs|dll)$/i;

/**
 * Upload a strategy: drop a .cs or .dll on the zone or pick one; shows the server's answer (the new plugin, or its
 * compile errors / sandbox violations with their lines). `onUploaded` gets the new plugin's id.
 */
export function UploadDrop({ onUploaded }: { onUploaded: (pluginId: string) => void }) {
  const queries = useQueryClient();
  const picker = useRef<HTMLInputElement>(null);
  const [over, setOver] = useState(false);
  const [outcome, setOutcome] = useState<UploadOutcome | null>(null);
  const upload = useMutation({
    mutationFn: uploadStrategy,
    onSuccess: async (result) => {
      setOutcome(result);
      if (result.ok) {
        await queries.invalidateQueries({ queryKey: pluginsKey });
        onUploaded(result.plugin.id);
      }
    },
    onError: (error) => setOutcome({ ok: false, message: (error as Error).message, problems: [] }),
  });

  function send(files: FileList | null) {
    const file = files?.[0];
    if (!file) return;
    if (!accepted.test(file.name)) {
      setOutcome({ ok: false, message: `'${file.name}' is neither a C# source file (.cs) nor an assembly (.dll).`, problems: [] });
      return;
    }
    upload.mutate(file);
  }

  function drop(event: DragEvent) {
    event.preventDefault();
    setOver(false);
    send(event.dataTransfer.files);
  }

  return (
    <div className="panel upload">
      <div
        className={`dropzone${over ? ' dropzone-over' : ''}`}
        data-testid="upload-dropzone"
        onDragOver={(e) => { e.preventDefault(); setOver(true); }}
        onDragLeave={() => setOver(false)}
        onDrop={drop}
      >
        <p>Drop a strategy here: C# source (<code>.cs</code>) or a built assembly (<code>.dll</code>).</p>
        <button type="button" className="primary" disabled={upload.isPending} onClick={() => picker.current?.click()}>
          {upload.isPending ? 'Uploading…' : 'Choose a file…'}
        </button>
        <input
          ref={picker}
          type="file"
          accept=".cs,.dll"
          hidden
          aria-label="Strategy file"
          onChange={(e) => { send(e.target.files); e.target.value = ''; }}
        />
      </div>
      {outcome && (
        <div className={`outcome ${outcome.ok ? 'outcome-ok' : 'outcome-error'}`} role={outcome.ok ? 'status' : 'alert'}>
          <p>{outcome.message}</p>
          {!outcome.ok && <ProblemList problems={outcome.problems} />}
        </div>
      )}
    </div>
  );
}
