import * as polyclip from 'polyclip-ts';
import type { MultiPolygon, Polygon, Position } from 'geojson';

type Ring = Position[];

function cleanRing(ring: Ring): Ring | null {
  const out: Ring = [];
  for (const p of ring) {
    if (p.length < 2 || !Number.isFinite(p[0]) || !Number.isFinite(p[1])) return null;
    const last = out[out.length - 1];
    if (!last || last[0] !== p[0] || last[1] !== p[1]) out.push([p[0], p[1]]);
  }
  if (out.length > 1 && (out[0][0] !== out[out.length - 1][0] || out[0][1] !== out[out.length - 1][1])) out.push(out[0]);
  // A ring needs three distinct corners.
  return out.length >= 4 ? out : null;
}

/**
 * Makes a valid MultiPolygon of a possibly invalid polygon: drops degenerate rings and repeated
 * points, then lets a polygon-clipping union resolve self-intersections and overlapping parts.
 * Done in JavaScript so that both database backends receive the same, already valid shape
 * (the embedded PostGIS's ST_MakeValid silently loses some polygons).
 */
export function repairPolygon(geometry: Polygon | MultiPolygon): MultiPolygon {
  const polygons = geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates;
  const cleaned: polyclip.Geom[] = [];
  for (const polygon of polygons) {
    const [outer, ...holes] = polygon.map(cleanRing);
    if (!outer) continue;
    cleaned.push([outer, ...holes.filter((h): h is Ring => h !== null)] as polyclip.Geom);
  }
  if (cleaned.length === 0) return { type: 'MultiPolygon', coordinates: [] };
  // Each part is first made valid by itself (self-union), then all parts are merged.
  const parts = cleaned.map((p) => polyclip.union(p));
  const merged = parts.length === 1 ? parts[0] : polyclip.union(parts[0], ...parts.slice(1));
  return { type: 'MultiPolygon', coordinates: merged as Position[][][] };
}
