import { area, featureCollection, union } from '@turf/turf';
import type { Feature, MultiPolygon, Polygon } from 'geojson';
import { MU_PER_HA } from '../../server/domain/units.ts';


export interface BrowserMeasures {
  /** Polygons in the union of the selected villages: 1 when they form one contiguous area. */
  parts: number;
  areaHa: number;
  areaMu: number;
  outline: Feature<Polygon | MultiPolygon> | null;
}

/**
 * The selection's union, its number of separate parts and its area, computed in the browser with
 * turf as the planner clicks (the server's PostGIS measures must agree: a test checks it).
 */
export function measureInBrowser(villages: readonly Feature<Polygon | MultiPolygon>[]): BrowserMeasures {
  if (villages.length === 0) return { parts: 0, areaHa: 0, areaMu: 0, outline: null };
  const merged = villages.length === 1 ? (villages[0] as Feature<Polygon | MultiPolygon>) : union(featureCollection([...villages]));
  if (!merged) return { parts: 0, areaHa: 0, areaMu: 0, outline: null };
  const parts = merged.geometry.type === 'Polygon' ? 1 : merged.geometry.coordinates.length;
  const ha = area(merged) / 1e4;
  return { parts, areaHa: Math.round(ha * 100) / 100, areaMu: Math.round(ha * MU_PER_HA), outline: merged };
}
