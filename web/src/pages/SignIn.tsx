import { useState, type FormEvent } from 'react';
import { Navigate, useLocation } from 'react-router';
import { useAuth } from '../auth/AuthContext';

/** Sign in with a user name and password, or with an API key (`bk_<id>.<secret>`). */
export function SignIn() {
  const { session, signInWithPassword, signInWithApiKey } = useAuth();
  const location = useLocation();
  const [mode, setMode] = useState<'password' | 'api_key'>('password');
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [apiKey, setApiKey] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  if (session) return <Navigate to={(location.state as { from?: string } | null)?.from ?? '/'} replace />;

  async function submit(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      if (mode === 'password') await signInWithPassword(username, password);
      else await signInWithApiKey(apiKey);
    } catch (e) {
      setError((e as Error).message);
    } finally {
      setBusy(false);
    }
  }

  return (
    <main className="sign-in">
      <form onSubmit={submit} aria-label="Sign in">
        <h1>Bourse</h1>
        <div className="tabs" role="tablist">
          <button type="button" role="tab" aria-selected={mode === 'password'} onClick={() => setMode('password')}>
            Password
          </button>
          <button type="button" role="tab" aria-selected={mode === 'api_key'} onClick={() => setMode('api_key')}>
            API key
          </button>
        </div>
        {mode === 'password' ? (
          <>
            <label>
              User name
              <input name="username" autoComplete="username" value={username} onChange={(e) => setUsername(e.target.value)} required />
            </label>
            <label>
              Password
              <input name="password" type="password" autoComplete="current-password" value={password}
                onChange={(e) => setPassword(e.target.value)} required />
            </label>
          </>
        ) : (
          <label>
            API key
            <input name="api_key" placeholder="bk_…" value={apiKey} onChange={(e) => setApiKey(e.target.value)} required />
          </label>
        )}
        {error && <p className="state state-error" role="alert">{error}</p>}
        <button type="submit" disabled={busy}>{busy ? 'Signing in…' : 'Sign in'}</button>
      </form>
    </main>
  );
}
