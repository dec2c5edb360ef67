import { useEffect, useState } from 'react';
import { urls } from './urls.ts';

const RECONNECT_MS = 4_000;

export interface ChangeFeedHandlers {
  /** The data version: on connecting (`hello`) and on every change. */
  onVersion: (version: number, event: 'hello' | 'change') => void;
  /** The stream dropped (the browser retries, or we do after an HTTP error). */
  onLost?: () => void;
}

/**
 * Listens to `GET /api/events` (Server-Sent Events: `hello` and `change`, each with `{ version }`)
 * until the returned function is called. The browser retries a dropped stream itself but gives up
 * on an HTTP error (a proxy's 502): then we reconnect after a pause.
 */
export function openChangeFeed(token: string | null, handlers: ChangeFeedHandlers): () => void {
  let events: EventSource | null = null;
  let retry: number | undefined;
  const versionOf = (event: Event) => {
    try {
      const version = Number((JSON.parse((event as MessageEvent<string>).data) as { version?: unknown }).version);
      return Number.isFinite(version) ? version : 0;
    } catch {
      return 0;
    }
  };
  const connect = () => {
    events = new EventSource(urls.events(token));
    events.addEventListener('hello', (e) => handlers.onVersion(versionOf(e), 'hello'));
    events.addEventListener('change', (e) => handlers.onVersion(versionOf(e), 'change'));
    events.addEventListener('error', () => {
      handlers.onLost?.();
      if (events?.readyState === EventSource.CLOSED) {
        events.close();
        retry = window.setTimeout(connect, RECONNECT_MS);
      }
    });
  };
  connect();
  return () => {
    events?.close();
    window.clearTimeout(retry);
  };
}

/**
 * The server's data version as a cache key part: 0 until the data changes, then the version the
 * feed announces. The first `hello` is not a change (what was fetched is current); one after a
 * lost connection is, since changes may have been missed meanwhile.
 */
export function useDataVersion(token: string | null = null): number {
  const [version, setVersion] = useState(0);
  useEffect(() => {
    let lost = false;
    return openChangeFeed(token, {
      onVersion: (v, event) => {
        if (event === 'change' || lost) setVersion(v);
        lost = false;
      },
      onLost: () => {
        lost = true;
      },
    });
  }, [token]);
  return version;
}
