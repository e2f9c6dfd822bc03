import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { ApiError, onUnauthorized, setCsrfToken } from '../../api/client';
import type { LoginInput, SessionResponse, SessionUser } from '../../api/types';
import { authApi } from './auth.api';

export interface AuthContextValue {
  /** undefined while the session is being loaded, null when signed out. */
  user: SessionUser | null | undefined;
  login: (input: LoginInput) => Promise<SessionUser>;
  logout: () => Promise<void>;
  /** Reload the session (e.g. after a password change). */
  refresh: () => Promise<SessionUser | null>;
  can: (permission: string) => boolean;
}

const AuthContext = createContext<AuthContextValue | null>(null);

export function AuthProvider({ children }: { children: ReactNode }) {
  const [user, setUser] = useState<SessionUser | null | undefined>(undefined);

  const accept = useCallback((session: SessionResponse) => {
    setCsrfToken(session.csrfToken);
    setUser(session.user);
    return session.user;
  }, []);

  const signedOut = useCallback(() => {
    setCsrfToken(null);
    setUser(null);
    return null;
  }, []);

  const refresh = useCallback(async () => {
    try {
      return accept(await authApi.session());
    } catch (err) {
      if (err instanceof ApiError && err.status === 401) return signedOut();
      throw err;
    }
  }, [accept, signedOut]);

  useEffect(() => {
    refresh().catch(() => signedOut());
    return onUnauthorized(() => signedOut());
  }, [refresh, signedOut]);

  const login = useCallback(async (input: LoginInput) => accept(await authApi.login(input)), [accept]);

  const logout = useCallback(async () => {
    try {
      await authApi.logout();
    } finally {
      signedOut();
    }
  }, [signedOut]);

  const value = useMemo<AuthContextValue>(
    () => ({
      user,
      login,
      logout,
      refresh,
      can: (permission: string) => !!user?.permissions.includes(permission),
    }),
    [user, login, logout, refresh],
  );

  return <AuthContext.Provider value={value}>{children}</AuthContext.Provider>;
}

export function useAuth(): AuthContextValue {
  const ctx = useContext(AuthContext);
  if (!ctx) throw new Error('useAuth must be used inside <AuthProvider>');
  return ctx;
}

/** The signed-in user; only for components rendered behind <RequireAuth>. */
export function useSessionUser(): SessionUser {
  const { user } = useAuth();
  if (!user) throw new Error('useSessionUser needs a signed-in user');
  return user;
}
