import { client } from '../api/client.gen';

/**
 * Who is signed in: an access token (JWT from POST /api/v1/auth/login, with its refresh token) or an API key
 * (`bk_<id>.<secret>`), both sent as `Authorization: Bearer <token>` and as `?access_token=` on the WebSocket.
 * Kept in sessionStorage so a reload keeps the sign-in and closing the tab ends it.
 */
export type Session = {
  token: string;
  kind: 'password' | 'api_key';
  username: string;
  role: string;
  refreshToken?: string;
};

const storageKey = 'bourse.session';

export function loadSession(): Session | null {
  const stored = sessionStorage.getItem(storageKey);
  if (!stored) return null;
  try {
    return JSON.parse(stored) as Session;
  } catch {
    sessionStorage.removeItem(storageKey);
    return null;
  }
}

export function saveSession(session: Session | null): void {
  if (session) sessionStorage.setItem(storageKey, JSON.stringify(session));
  else sessionStorage.removeItem(storageKey);
  applySession(session);
}

/** Points the generated API client at this origin with the session's bearer token (none when signed out). */
export function applySession(session: Session | null): void {
  client.setConfig({
    baseUrl: '',
    // The generated operations list bearer first, then Alpaca's key headers: answer for bearer only.
    auth: (auth) => (auth.scheme === 'bearer' ? session?.token : undefined),
  });
}
