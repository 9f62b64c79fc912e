import { problemMessage } from './problem';

/** What every generated operation returns: `data` on 2xx, `error` (the parsed error body) otherwise. */
type ApiResult<T> = { data?: T; error?: unknown; response?: Response };

/**
 * The data of a generated API call, or throws an Error carrying the server's message (problem details or
 * Alpaca's {code,message}); with react-query, `error.message` is what the page shows.
 */
export async function unwrap<T>(call: Promise<ApiResult<T>>): Promise<T> {
  const result = await call;
  if (result.error !== undefined || result.data === undefined) {
    const status = result.response ? ` (HTTP ${result.response.status})` : '';
    throw new Error(problemMessage(result.error, `The server refused the request${status}.`));
  }
  return result.data;
}

/** The `data` of Bourse's `{message, data}` envelope. */
export async function unwrapData<T>(call: Promise<ApiResult<{ message: string; data: T | null }>>): Promise<T> {
  const envelope = await unwrap(call);
  if (envelope.data === null) throw new Error(envelope.message);
  return envelope.data;
}
