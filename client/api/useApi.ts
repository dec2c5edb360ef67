import { createContext, createElement, useCallback, useContext, useEffect, useState, type ReactNode } from 'react';
import { cachedValue, cacheKey, invalidate, request, store, type Viewer } from './apiCache.ts';

const ViewerContext = createContext<Viewer>({ user: '', version: 0, token: null });

/** Who asks and which data version: every `useApi` below it keys its answers by these. */
export function ApiScope({ viewer, children }: { viewer: Viewer; children: ReactNode }) {
  return createElement(ViewerContext.Provider, { value: viewer }, children);
}

export const useViewer = () => useContext(ViewerContext);

export interface ApiAnswer<T> {
  /** The answer for this URL and viewer; while a newer data version loads, the previous version's. */
  data: T | null;
  /** The last answer this hook received, for any URL (to keep a figure on screen while the next loads). */
  last: T | null;
  error: unknown;
  /**
   * Asks again now (after this viewer's own write), without waiting for the change feed to bump
   * the data version; the current answer stays on screen until the new one arrives.
   */
  refresh: () => void;
  /** Replaces the current answer without asking (a write whose answer is the new state). */
  update: (change: (old: T | null) => T) => void;
}

/**
 * `GET url` as JSON, cached by URL, viewer and data version (see apiCache.ts); null asks for
 * nothing. The request is released (aborted if no one else waits) when the key changes or the
 * component unmounts. `onError` hears failures other than aborts.
 */
export function useApi<T>(url: string | null, onError?: (reason: unknown) => void): ApiAnswer<T> {
  const viewer = useContext(ViewerContext);
  const key = url === null ? null : cacheKey(viewer, url);
  const [state, setState] = useState<{ key: string; sameData: string; value: T } | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [asked, setAsked] = useState(0);

  useEffect(() => {
    if (url === null) return;
    const { promise, release } = request<T>(viewer, url);
    let current = true;
    promise.then(
      (value) => {
        if (!current) return;
        setState({ key: key!, sameData: `${viewer.user}|${viewer.token ?? ''}|${url}`, value });
        setError(null);
      },
      (reason: unknown) => {
        if (!current) return;
        setError(reason);
        onError?.(reason);
      },
    );
    return () => {
      current = false;
      release();
    };
    // `key` stands for the viewer and the URL; `asked` counts refreshes.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key, asked]);

  const refresh = useCallback(() => {
    if (key === null) return;
    invalidate(key);
    setAsked((n) => n + 1);
  }, [key]);

  const sameData = `${viewer.user}|${viewer.token ?? ''}|${url}`;
  const hit = key === null ? undefined : cachedValue<T>(key);
  const current = url === null ? null : hit !== undefined ? hit : state && state.sameData === sameData ? state.value : null;
  const update = useCallback((change: (old: T | null) => T) => {
    if (key === null) return;
    const value = change(current);
    store(key, value);
    setState({ key, sameData, value });
    // A request in flight would bring the old answer: ask again, which finds the stored one.
    setAsked((n) => n + 1);
  }, [key, sameData, current]);

  if (url === null || key === null) return { data: null, last: state?.value ?? null, error: null, refresh, update };
  if (hit !== undefined) return { data: hit, last: hit, error: null, refresh, update };
  return { data: current, last: state?.value ?? null, error, refresh, update };
}
