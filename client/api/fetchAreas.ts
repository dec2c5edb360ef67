import { getJson } from './getJson.ts';
import type { AreaFeatureCollection, AreaLevel } from './types.ts';
import { urls } from './urls.ts';

/** `GET /api/areas?level=…[&parent=…]`: the boundaries of one administrative level. */
export function fetchAreas(level: AreaLevel, options: { parent?: string; signal?: AbortSignal } = {}): Promise<AreaFeatureCollection> {
  return getJson<AreaFeatureCollection>(urls.areas(level, options.parent), options.signal);
}
