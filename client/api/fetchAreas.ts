import { getJson } from './getJson.ts';
import type { AreaFeatureCollection, AreaLevel } from './types.ts';

/** `GET /api/areas?level=…[&parent=…]`: the boundaries of one administrative level. */
export function fetchAreas(
  level: AreaLevel,
  options: { parent?: string; signal?: AbortSignal } = {},
): Promise<AreaFeatureCollection> {
  const query = new URLSearchParams({ level });
  if (options.parent) query.set('parent', options.parent);
  return getJson<AreaFeatureCollection>(`/api/areas?${query}`, options.signal);
}
