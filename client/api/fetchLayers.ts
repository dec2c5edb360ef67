import { getJson } from './getJson.ts';
import type { HouseholdLayerCollection, ParkCollection, ProjectCollection, SearchResult } from './types.ts';

/** `GET /api/parks`: the industrial parks. */
export const fetchParks = (signal?: AbortSignal) => getJson<ParkCollection>('/api/parks', signal);

/** `GET /api/projects`: every project, points and lines. */
export const fetchProjects = (signal?: AbortSignal) => getJson<ProjectCollection>('/api/projects', signal);

/** `GET /api/households/layer`: village counts, or exact household points for a signed-in clerk. */
export const fetchHouseholdLayer = (signal?: AbortSignal) => getJson<HouseholdLayerCollection>('/api/households/layer', signal);

/** `GET /api/search?q=…&limit=…`. */
export function fetchSearch(q: string, limit = 10, signal?: AbortSignal): Promise<SearchResult[]> {
  const query = new URLSearchParams({ q, limit: String(limit) });
  return getJson<SearchResult[]>(`/api/search?${query}`, signal);
}
