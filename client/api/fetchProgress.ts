import { getJson } from './getJson.ts';
import type { AreaLevel, ProgressResponse } from './types.ts';

export interface ProgressQuery {
  level: AreaLevel;
  parent?: string | null;
  asOf: string;
  /** Indicator keys; all when omitted. */
  indicators?: string[];
}

const cache = new Map<string, Promise<ProgressResponse>>();
const MAX_CACHED = 200;

/** The URL of `GET /api/progress` for a query. */
export function progressUrl(query: ProgressQuery): string {
  const params = new URLSearchParams({ level: query.level, asOf: query.asOf });
  if (query.parent) params.set('parent', query.parent);
  if (query.indicators?.length) params.set('indicators', query.indicators.join(','));
  return `/api/progress?${params}`;
}

/**
 * `GET /api/progress`: every area of a level (under a parent) as of a date. Answers are cached
 * by URL, so stepping back and forth through time does not ask twice; failures are not cached.
 */
export function fetchProgress(query: ProgressQuery): Promise<ProgressResponse> {
  const url = progressUrl(query);
  let answer = cache.get(url);
  if (!answer) {
    answer = getJson<ProgressResponse>(url);
    answer.catch(() => cache.delete(url));
    if (cache.size >= MAX_CACHED) cache.delete(cache.keys().next().value!);
    cache.set(url, answer);
  }
  return answer;
}
