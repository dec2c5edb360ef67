import { useEffect, useState } from 'react';
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
