/**
 * Repair the shipped county polygons and turn them into a clean partition.
 * 1. drop rings with fewer than 4 points and rings of (near) zero area;
 * 2. resolve self-intersections by a polyclip-ts union of every remaining polygon of a county;
 * 3. remove overlaps by differencing in a fixed order (later counties lose the overlap);
 * 4. fill interior gaps of the city (holes of the union of all counties that are not holes of
 *    a single county) by giving each gap to the county with which it shares most boundary;
 * 5. drop detached islands smaller than `minIslandKm2` (quantisation artefacts of the source).
 */
import * as pc from 'polyclip-ts';
import * as turf from '@turf/turf';
import type { MultiPoly, Poly, Ring } from './geom.ts';
import { closeRing } from './geom.ts';

export interface RawCounty {
  code: string;
  name: string;
  geometry: MultiPoly;
}
export interface RepairReport {
  droppedRings: number;
  overlapRemovedKm2: number;
  gapsFilled: number;
  gapsFilledKm2: number;
  islandsDropped: number;
  islandsDroppedKm2: number;
}

export function polyAreaKm2(mp: MultiPoly): number {
  if (mp.length === 0) return 0;
  return turf.area(turf.multiPolygon(mp)) / 1e6;
}

export function perimeterKm(mp: MultiPoly): number {
  let s = 0;
  for (const poly of mp) for (const ring of poly) s += turf.length(turf.lineString(ring), { units: 'kilometers' });
  return s;
}

/** Length of the boundary shared by two touching regions: (P(a)+P(b)-P(a∪b))/2. */
export function sharedBorderKm(a: MultiPoly, b: MultiPoly): number {
  const u = pc.union(a as pc.Geom, b as pc.Geom) as MultiPoly;
  return (perimeterKm(a) + perimeterKm(b) - perimeterKm(u)) / 2;
}

function cleanRing(r: Ring): Ring | null {
  const c = closeRing(r);
  const out: Ring = [];
  for (const p of c) {
    const q = out[out.length - 1];
    if (!q || q[0] !== p[0] || q[1] !== p[1]) out.push([p[0], p[1]]);
  }
  if (out.length < 4) return null;
  return out;
}

export function repairCounty(mp: MultiPoly, report?: RepairReport): MultiPoly {
  const polys: Poly[] = [];
  for (const poly of mp) {
    const rings: Ring[] = [];
    poly.forEach((r, i) => {
      const c = cleanRing(r);
      if (!c || turf.area(turf.polygon([c])) < 1) {
        if (report) report.droppedRings++;
        if (i === 0) rings.length = 0;
        return;
      }
      rings.push(c);
    });
    if (rings.length) polys.push(rings);
  }
  if (polys.length === 0) return [];
  // Union each polygon's rings through polyclip (resolves self-intersections), then all together.
  return pc.union(polys[0] as pc.Geom, ...(polys.slice(1) as pc.Geom[])) as MultiPoly;
}

export function repairCounties(raw: RawCounty[], minIslandKm2 = 0.5): { counties: RawCounty[]; report: RepairReport } {
  const report: RepairReport = { droppedRings: 0, overlapRemovedKm2: 0, gapsFilled: 0, gapsFilledKm2: 0, islandsDropped: 0, islandsDroppedKm2: 0 };
  const geoms = raw.map((c) => repairCounty(c.geometry, report));
  // remove overlaps: each county minus the ones before it
  for (let i = 1; i < geoms.length; i++) {
    const before = polyAreaKm2(geoms[i]);
    geoms[i] = pc.difference(geoms[i] as pc.Geom, ...(geoms.slice(0, i) as pc.Geom[])) as MultiPoly;
    report.overlapRemovedKm2 += before - polyAreaKm2(geoms[i]);
  }
  // fill gaps: holes of the union that are not holes of a county's own ring set
  const city = pc.union(geoms[0] as pc.Geom, ...(geoms.slice(1) as pc.Geom[])) as MultiPoly;
  for (const poly of city)
    for (const hole of poly.slice(1)) {
      const h: MultiPoly = [[[...hole].reverse()]];
      const areaKm2 = polyAreaKm2(h);
      if (areaKm2 > 5) continue; // a real enclave would be kept; none expected here
      let best = -1, bestLen = 0;
      geoms.forEach((g, i) => {
        const len = sharedBorderKm(g, h);
        if (len > bestLen + 1e-9) {
          bestLen = len;
          best = i;
        }
      });
      if (best >= 0) {
        geoms[best] = pc.union(geoms[best] as pc.Geom, h as pc.Geom) as MultiPoly;
        report.gapsFilled++;
        report.gapsFilledKm2 += areaKm2;
      }
    }
  // drop tiny detached islands, also fill tiny holes inside a county
  const out = geoms.map((g, i) => {
    const kept = g
      .filter((poly) => {
        const a = polyAreaKm2([poly]);
        if (a < minIslandKm2) {
          report.islandsDropped++;
          report.islandsDroppedKm2 += a;
          return false;
        }
        return true;
      })
      .map((poly) => [poly[0], ...poly.slice(1).filter((h) => polyAreaKm2([[[...h].reverse()]]) >= minIslandKm2)]);
    return { code: raw[i].code, name: raw[i].name, geometry: kept };
  });
  return { counties: out, report };
}
