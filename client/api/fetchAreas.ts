import { request, type Viewer } from './apiCache.ts';
import type { AreaFeatureCollection, AreaLevel } from './types.ts';
import { urls } from './urls.ts';

/**
 * `GET /api/areas?level=…[&parent=…]`: the boundaries of one administrative level, through the
 * screens' shared cache (apiCache.ts): every map on a page (the review's map, each meeting slide's)
 * shares one answer per level and data version instead of asking again. `release()` when the map
 * goes away.
 */
export function fetchAreas(viewer: Viewer, level: AreaLevel, parent?: string): { promise: Promise<AreaFeatureCollection>; release: () => void } {
  return request<AreaFeatureCollection>(viewer, urls.areas(level, parent));
}
