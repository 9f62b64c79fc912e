import { useQuery } from '@tanstack/react-query';
import { getPluginSource, listPlugins, replacePluginSource, uploadPlugin, type PluginDto } from '../../api';
import { unwrapData } from '../../ui/api';
import { problemMessage } from '../../ui/problem';
import { sourceProblems, type SourceProblem } from './sourceProblems';

/** The catalogue fits in one page (the server's maximum); the query key every change invalidates. */
export const pluginsKey = ['plugins'] as const;

/** The caller's catalogue: built-ins and its own plugins. */
export function usePlugins() {
  return useQuery({
    queryKey: pluginsKey,
    queryFn: () => unwrapData(listPlugins({ query: { limit: 500 } })),
  });
}

/** The C# source of a source strategy (`GET /api/v1/plugins/{id}/source`). */
export function usePluginSource(id: string) {
  return useQuery({
    queryKey: [...pluginsKey, id, 'source'],
    queryFn: () => unwrapData(getPluginSource({ path: { id } })),
    staleTime: Infinity,
  });
}

/** What the server said to an upload: the stored plugin, or why not (with the problems placed in the source). */
export type UploadOutcome =
  | { ok: true; message: string; plugin: PluginDto }
  | { ok: false; message: string; problems: SourceProblem[] };

/** The answer to a failed call as an outcome: the problem's message and its compile errors / sandbox violations. */
export function failedOutcome(error: unknown, status: number | undefined): UploadOutcome {
  const fallback = status ? `The server refused the upload (HTTP ${status}).` : 'The server could not be reached.';
  const problems = sourceProblems(error);
  // The problem's `errors` repeat the problems as text; the list below shows them, so the head is enough then.
  const head = error && typeof error === 'object' ? ((error as { detail?: string }).detail ?? null) : null;
  return { ok: false, message: problems.length > 0 && head ? head : problemMessage(error, fallback), problems };
}

/** Uploads a .cs or .dll file as multipart field `plugin` (`POST /api/v1/plugins/upload`). */
export async function uploadStrategy(file: File): Promise<UploadOutcome> {
  // The OpenAPI document describes the body as the file itself; the endpoint reads the form field 'plugin'.
  const answer = await uploadPlugin({ body: { plugin: file } as unknown as File });
  if (answer.data?.data) return { ok: true, message: answer.data.message, plugin: answer.data.data };
  return failedOutcome(answer.error, answer.response?.status);
}

/** Replaces a source strategy with a new version of its source (`PUT /api/v1/plugins/{id}/source`). */
export async function replaceSource(id: string, source: string): Promise<UploadOutcome> {
  const answer = await replacePluginSource({ path: { id }, body: { source } });
  if (answer.data?.data) return { ok: true, message: answer.data.message, plugin: answer.data.data };
  return failedOutcome(answer.error, answer.response?.status);
}
