import { getJson } from './getJson.ts';
import type { SearchResult } from './types.ts';
import { urls } from './urls.ts';

/** `GET /api/search?q=…&limit=…`. */
export function fetchSearch(q: string, limit = 10, signal?: AbortSignal): Promise<SearchResult[]> {
  return getJson<SearchResult[]>(urls.search(q, limit), signal);
}
