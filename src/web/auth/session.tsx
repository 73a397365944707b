import { useQuery, useQueryClient } from '@tanstack/react-query';
import { createContext, useCallback, useContext, useEffect, useMemo, type ReactNode } from 'react';
import { useNavigate } from 'react-router';
import type { Permission } from '../../domain/permissions';
import { api, ApiError, setSessionEventHandler } from '../api/client';
import type { Me, SiteInfo } from '../api/types';
import { queryKeys } from '../api/query-keys';

export const ME_KEY = queryKeys.session.me;
export const SITE_KEY = queryKeys.session.site;

/** The signed-in account, or null when there is no (valid) session. */
export async function fetchMe(): Promise<Me | null> {
  try {
    return await api.get<Me>('/api/auth/me');
  } catch (error) {
    if (error instanceof ApiError && error.status === 401) return null;
    throw error;
  }
}

export const fetchSite = (): Promise<SiteInfo> => api.get<SiteInfo>('/api/site');

/** Public site settings (title, login notice, password length); shared by the login page and the shell. */
export function useSite() {
  return useQuery({ queryKey: SITE_KEY, queryFn: fetchSite, staleTime: 5 * 60_000 });
}

export interface LoginRedirectState {
  /** Where to go back to after signing in. */
  from?: string;
  /** The session ended by itself (expired, revoked): say so on the login page. */
  expired?: boolean;
}

interface SessionValue {
  /** undefined while loading, null when signed out. */
  me: Me | null | undefined;
  loading: boolean;
  error: unknown;
  hasPermission: (permission: Permission | null | undefined) => boolean;
  /** Reloads the account from `GET /api/auth/me`; resolves with the fresh value. */
  refresh: () => Promise<Me | null>;
  /** Ends the session on the server, forgets every cached answer and goes to the login page. */
  signOut: () => Promise<void>;
}

const SessionContext = createContext<SessionValue | null>(null);

/**
 * Set when the server said the session is gone (expired, revoked) while the user was working; the guard then
 * sends them to the login page with `expired`, which says so. Cleared by the next login.
 */
let sessionLost = false;
export const wasSessionLost = (): boolean => sessionLost;

/** Drops cached answers that belonged to the previous account (everything except the public site settings). */
function forgetAccountData(queryClient: ReturnType<typeof useQueryClient>): void {
  queryClient.removeQueries({ predicate: (q) => q.queryKey[0] !== SITE_KEY[0] && q.queryKey[0] !== ME_KEY[0] });
}

export function SessionProvider({ children }: { children: ReactNode }) {
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const query = useQuery({ queryKey: ME_KEY, queryFn: fetchMe, staleTime: 60_000 });

  useEffect(
    () =>
      setSessionEventHandler((event) => {
        if (event === 'unauthenticated') {
          // <RequireSession> sees the account gone and redirects to /login, remembering the page
          sessionLost = true;
          forgetAccountData(queryClient);
          queryClient.setQueryData(ME_KEY, null);
        } else {
          void queryClient.invalidateQueries({ queryKey: ME_KEY });
        }
      }),
    [queryClient, navigate],
  );

  const me = query.data;
  const hasPermission = useCallback((permission: Permission | null | undefined) => !permission || (me?.permissions.includes(permission) ?? false), [me]);
  const refresh = useCallback(() => queryClient.fetchQuery({ queryKey: ME_KEY, queryFn: fetchMe, staleTime: 0 }), [queryClient]);
  const signOut = useCallback(async () => {
    try {
      await api.post('/api/auth/logout');
    } catch {
      // the session may already be gone; signing out locally is what matters
    }
    queryClient.clear();
    queryClient.setQueryData(ME_KEY, null);
    await navigate('/login', { replace: true });
  }, [queryClient, navigate]);

  const value = useMemo<SessionValue>(
    () => ({ me, loading: query.isPending, error: query.error, hasPermission, refresh, signOut }),
    [me, query.isPending, query.error, hasPermission, refresh, signOut],
  );
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSession(): SessionValue {
  const value = useContext(SessionContext);
  if (!value) throw new Error('useSession must be used inside <SessionProvider>');
  return value;
}

/** The signed-in account; only for components rendered behind <RequireSession>. */
export function useMe(): Me {
  const { me } = useSession();
  if (!me) throw new Error('useMe used outside a signed-in route');
  return me;
}

/** After a successful login: forget the previous account's cached data and load the new one. */
export function useAfterLogin(): () => Promise<Me | null> {
  const queryClient = useQueryClient();
  return useCallback(async () => {
    sessionLost = false;
    forgetAccountData(queryClient);
    return queryClient.fetchQuery({ queryKey: ME_KEY, queryFn: fetchMe, staleTime: 0 });
  }, [queryClient]);
}

/** The first-login step the account still has to take, or null when it may use the system. */
export function pendingStepPath(me: Me): string | null {
  if (me.pendingActions.includes('changePassword')) return '/first-login/password';
  if (me.pendingActions.includes('enrolTotp')) return '/first-login/totp';
  return null;
}
