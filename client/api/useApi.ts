import { createContext, createElement, useContext, useEffect, useState, type ReactNode } from 'react';
import { cachedValue, cacheKey, request, type Viewer } from './apiCache.ts';

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
    // `key` stands for the viewer and the URL.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key]);

  if (url === null || key === null) return { data: null, last: state?.value ?? null, error: null };
  const hit = cachedValue<T>(key);
  if (hit !== undefined) return { data: hit, last: hit, error: null };
  const sameData = `${viewer.user}|${viewer.token ?? ''}|${url}`;
  return { data: state && state.sameData === sameData ? state.value : null, last: state?.value ?? null, error };
}
