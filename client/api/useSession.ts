import { useCallback, useEffect, useMemo, useState } from 'react';
import type { Viewer } from './apiCache.ts';
import { useDataVersion } from './changeFeed.ts';
import { fetchSession, logIn, logOut, type Session } from './session.ts';

/** Who the browser is signed in as (null while unknown), with log-in and log-out that update it. */
export function useSession(fail: (reason: unknown) => void) {
  const [session, setSession] = useState<Session | null>(null);
  useEffect(() => {
    const abort = new AbortController();
    fetchSession(abort.signal)
      .then(setSession)
      .catch((reason: unknown) => !abort.signal.aborted && fail(reason));
    return () => abort.abort();
  }, [fail]);
  return {
    session,
    logIn: async (username: string, password: string) => setSession(await logIn(username, password)),
    logOut: () => {
      void logOut(session?.csrfToken ?? null).then(() => setSession({ user: null, csrfToken: null }), fail);
    },
  };
}

/**
 * What every screen starts from: its error line, the session, and the viewer that its answers are
 * keyed by (the signed-in user and the data version from the change feed), for `ApiScope`.
 */
export function useScreenSession() {
  const [error, setError] = useState<string | null>(null);
  const fail = useCallback((reason: unknown) => setError(reason instanceof Error ? reason.message : String(reason)), []);
  const auth = useSession(fail);
  const version = useDataVersion();
  const viewer = useMemo<Viewer>(() => ({ user: auth.session?.user?.username ?? '', version, token: null }), [auth.session, version]);
  return { error, setError, fail, viewer, ...auth };
}
