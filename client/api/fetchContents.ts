import { getJson } from './getJson.ts';
import type { AreaContents } from './types.ts';

/** `GET /api/areas/:code/contents`: what lies inside an area as of a date. */
export function fetchContents(code: string, asOf: string, signal?: AbortSignal): Promise<AreaContents> {
  return getJson<AreaContents>(`/api/areas/${encodeURIComponent(code)}/contents?asOf=${asOf}`, signal);
}
