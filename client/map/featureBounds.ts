import type { LngLatBoundsLike } from 'maplibre-gl';
import type { AreaFeatureCollection } from '../api/types.ts';

/** The [[west, south], [east, north]] bounds of every polygon in a collection, or null if empty. */
export function featureBounds(areas: AreaFeatureCollection): LngLatBoundsLike | null {
  let west = Infinity;
  let south = Infinity;
  let east = -Infinity;
  let north = -Infinity;
  for (const feature of areas.features) {
    const geometry = feature.geometry;
    const polygons = geometry.type === 'MultiPolygon' ? geometry.coordinates : [geometry.coordinates];
    for (const polygon of polygons) {
      for (const ring of polygon) {
        for (const [lon, lat] of ring) {
          if (lon < west) west = lon;
          if (lon > east) east = lon;
          if (lat < south) south = lat;
          if (lat > north) north = lat;
        }
      }
    }
  }
  return Number.isFinite(west) ? [[west, south], [east, north]] : null;
}
