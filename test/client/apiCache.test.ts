import { afterEach, describe, expect, it, vi } from 'vitest';
import { cachedValue, cacheKey, invalidate, request, store } from '../../client/api/apiCache.ts';

const viewer = { user: 'leader', version: 3, token: null };

afterEach(() => vi.unstubAllGlobals());

/** A fetch that answers each call with the next number. */
function countingFetch() {
  let n = 0;
  const fetch = vi.fn(async () => new Response(JSON.stringify(++n), { status: 200, headers: { 'content-type': 'application/json' } }));
  vi.stubGlobal('fetch', fetch);
  return fetch;
}

describe('the answer cache', () => {
  it('shares one request per key, and asks again after invalidate (a viewer\'s own write)', async () => {
    const fetch = countingFetch();
    const url = '/api/problems?meeting=2018-11-25&status=open&t=1';
    const key = cacheKey(viewer, url);
    const a = request<number>(viewer, url);
    const b = request<number>(viewer, url);
    expect(await a.promise).toBe(1);
    expect(await b.promise).toBe(1);
    expect(fetch).toHaveBeenCalledTimes(1);
    expect(cachedValue(key)).toBe(1);

    invalidate(key);
    expect(cachedValue(key)).toBeUndefined();
    expect(await request<number>(viewer, url).promise).toBe(2);
    expect(fetch).toHaveBeenCalledTimes(2);
    expect(cachedValue(key)).toBe(2);
  });

  it('keeps a stored answer without asking, and a request in flight does not overwrite it', async () => {
    const fetch = countingFetch();
    const url = '/api/parks/proposals?t=2';
    const key = cacheKey(viewer, url);
    const inFlight = request<number>(viewer, url);
    store(key, 42);
    expect(cachedValue(key)).toBe(42);
    expect(await inFlight.promise).toBe(1);
    expect(cachedValue(key)).toBe(42);
    expect(await request<number>(viewer, url).promise).toBe(42);
    expect(fetch).toHaveBeenCalledTimes(1);
    inFlight.release();
    expect(cachedValue(key)).toBe(42);
  });
});
