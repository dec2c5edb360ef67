import type { Map as MapLibreMap, PointLike } from 'maplibre-gl';
import type { AreaLevel } from '../api/types.ts';
import { BoundaryLayers } from './BoundaryLayers.ts';
import { ChoroplethLayers } from './ChoroplethLayers.ts';

/**
 * The area clicked: one of the coloured areas of the current level, else the county under the
 * point (to jump across to another county), else null.
 */
export function pickArea(map: MapLibreMap, point: PointLike, level: AreaLevel): string | null {
  const [hit] = map.queryRenderedFeatures(point, { layers: [ChoroplethLayers.fillIds[level]] });
  if (hit) return String(hit.properties.code);
  const [county] = map.queryRenderedFeatures(point, { layers: [BoundaryLayers.layerIds.countyFill] });
  return county ? String(county.properties.code) : null;
}
