import { createContext, useCallback, useContext, useMemo, useState, type ReactNode } from 'react';
import { getMe, login } from '../api';
import { applySession, loadSession, saveSession, type Session } from './session';
import { problemMessage } from '../ui/problem';

type AuthState = {
  session: Session | null;
  signInWithPassword: (username: string, password: string) => Promise<void>;
  signInWithApiKey: (apiKey: string) => Promise<void>;
  signOut: () => void;
};

const AuthContext = createContext<AuthState | null>(null);

export function AuthProvider({ children }: { children: ReactNode }) {
  const [session, setSession] = useState<Session | null>(() => {
    const stored = loadSession();
    applySession(stored);
    return stored;
  });

  const remember = useCallback((next: Session | null) => {
    saveSession(next);
    setSession(next);
  }, []);

  const signInWithToken = useCallback(
    async (token: string, kind: Session['kind'], refreshToken?: string) => {
      applySession({ token, kind, username: '', role: '' });
      const me = await getMe();
      if (!me.data?.data) {
        applySession(null);
        throw new Error(problemMessage(me.error, 'The server did not accept this credential.'));
      }
      remember({ token, kind, refreshToken, username: me.data.data.username, role: me.data.data.role });
    },
    [remember],
  );

  const signInWithPassword = useCallback(
    async (username: string, password: string) => {
      const answer = await login({ body: { username, password } });
      const tokens = answer.data?.data;
      if (!tokens) throw new Error(problemMessage(answer.error, 'Wrong user name or password.'));
      await signInWithToken(tokens.access_token, 'password', tokens.refresh_token);
    },
    [signInWithToken],
  );

  const signInWithApiKey = useCallback((apiKey: string) => signInWithToken(apiKey.trim(), 'api_key'), [signInWithToken]);
  const signOut = useCallback(() => remember(null), [remember]);

  const value = useMemo(
    () => ({ session, signInWithPassword, signInWithApiKey, signOut }),
    [session, signInWithPassword, signInWithApiKey, signOut],
  );
  return <AuthContext.Provider value={value}>{children}</AuthContext.Provider>;
}

/** The sign-in state and its actions; only inside <AuthProvider>. */
export function useAuth(): AuthState {
  const state = useContext(AuthContext);
  if (!state) throw new Error('useAuth outside <AuthProvider>');
  return state;
}
