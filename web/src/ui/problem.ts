/**
 * A readable message out of an API error body: RFC 9457 problem details (`detail`, `title`, `errors` by field),
 * Alpaca's `{code, message}`, or anything else (the fallback).
 */
export function problemMessage(error: unknown, fallback: string): string {
  if (!error || typeof error !== 'object') return fallback;
  const body = error as { detail?: string; title?: string; message?: string; errors?: Record<string, string[]> };
  const fields = body.errors
    ? Object.entries(body.errors).map(([field, messages]) => `${field}: ${messages.join(' ')}`)
    : [];
  const head = body.detail ?? body.message ?? body.title;
  return [head, ...fields].filter(Boolean).join(' — ') || fallback;
}
