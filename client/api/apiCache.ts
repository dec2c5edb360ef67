import { getJson } from './getJson.ts';

/**
 * The answers the screens share, keyed by who asks, which data version and which URL: signing in
 * or a change on the server makes a new key, so an answer meant for the public or for old data is
 * never shown again. A request nobody waits for any more is aborted.
 */
export interface Viewer {
  /** The signed-in user's name; '' for the public. */
  user: string;
  /** The data version from the change feed (0 until known). */
  version: number;
  /** A display token (the wall), sent as a bearer. */
  token: string | null;
}

export const cacheKey = (viewer: Viewer, url: string) => `${viewer.user}|${viewer.token ?? ''}|${viewer.version}|${url}`;

interface Entry {
  promise: Promise<unknown>;
  abort: AbortController;
  waiting: number;
  settled: boolean;
  value?: unknown;
}

const MAX_CACHED = 200;
const entries = new Map<string, Entry>();

/** A settled answer for the key, if there is one (read during render: no flicker on a cache hit). */
export function cachedValue<T>(key: string): T | undefined {
  const entry = entries.get(key);
  return entry?.settled ? (entry.value as T) : undefined;
}

/**
 * Waits for the answer to `url` for this viewer; `release()` says the caller no longer waits, and
 * the request is aborted once no one does. Failures are not kept.
 */
export function request<T>(viewer: Viewer, url: string): { promise: Promise<T>; release: () => void } {
  const key = cacheKey(viewer, url);
  let entry = entries.get(key);
  if (!entry) {
    const abort = new AbortController();
    const created: Entry = { abort, waiting: 0, settled: false, promise: Promise.resolve() };
    created.promise = getJson<T>(url, abort.signal, viewer.token).then(
      (value) => {
        created.settled = true;
        created.value = value;
        return value;
      },
      (reason: unknown) => {
        if (entries.get(key) === created) entries.delete(key);
        throw reason;
      },
    );
    if (entries.size >= MAX_CACHED) entries.delete(entries.keys().next().value!);
    entries.set(key, created);
    entry = created;
  }
  const held = entry;
  held.waiting += 1;
  let released = false;
  return {
    promise: held.promise as Promise<T>,
    release: () => {
      if (released) return;
      released = true;
      held.waiting -= 1;
      if (held.waiting === 0 && !held.settled) {
        held.abort.abort();
        if (entries.get(key) === held) entries.delete(key);
      }
    },
  };
}

/**
 * Forgets the answer under `key` (after the viewer's own write): the next `request` asks the
 * server again instead of waiting for the change feed to bump the data version. A request still
 * in flight is left to its waiters but is no longer shared.
 */
export function invalidate(key: string): void {
  entries.delete(key);
}

/**
 * Keeps `value` as the settled answer under `key` (a write whose answer is the new state). A
 * request still in flight is no longer shared; its waiters release (and so abort) it.
 */
export function store(key: string, value: unknown): void {
  entries.delete(key);
  if (entries.size >= MAX_CACHED) entries.delete(entries.keys().next().value!);
  entries.set(key, { promise: Promise.resolve(value), abort: new AbortController(), waiting: 0, settled: true, value });
}
