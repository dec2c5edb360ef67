import { request, type Viewer } from './apiCache.ts';
import type { AreaFeatureCollection, AreaLevel } from './types.ts';
import { urls } from './urls.ts';

/**
 * `GET /api/areas?level=…[&parent=…][&shape=label]`: the areas of one administrative level (their
 * polygons, or only their label points), through the
 * screens' shared cache (apiCache.ts): every map on a page (the review's map, each meeting slide's)
 * shares one answer per level and data version instead of asking again. `release()` when the map
 * goes away.
 */
export function fetchAreas(viewer: Viewer, level: AreaLevel, options: { parent?: string; shape?: 'label' } = {}): { promise: Promise<AreaFeatureCollection>; release: () => void } {
  return request<AreaFeatureCollection>(viewer, urls.areas(level, options.parent, options.shape));
}
