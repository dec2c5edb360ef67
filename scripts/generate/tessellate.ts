/**
 * Seed placement and Voronoi tessellation of one county.
 * Township centres: capacity-constrained Lloyd relaxation (power diagram over a jittered sample
 * grid, so each township gets an area proportional to its target). Village seeds: communities
 * packed tightly around the township seat, rural villages spread over the township's samples and
 * Lloyd-relaxed. One Voronoi diagram of all village seeds of the county, clipped to the county.
 */
import { Delaunay } from 'd3-delaunay';
import * as pc from 'polyclip-ts';
import * as turf from '@turf/turf';
import type { MultiPoly, Pos, Projection, Ring } from './geom.ts';
import { bboxOf, pointInMulti } from './geom.ts';
import type { Rng } from './random.ts';
import { normal } from './random.ts';

export interface TownshipSpec {
  code: string;
  communities: number;
  villages: number;
  urban: boolean; // 街道
}
export interface Seed {
  p: Pos; // planar km
  township: number; // index into specs (intended)
  community: boolean;
}
export interface SeedResult {
  seeds: Seed[];
  centres: Pos[]; // planar km, one per township
}

export const COMMUNITY_KM2 = 0.6;

/** Jittered grid of sample points inside a planar polygon. */
export function samplePoints(poly: MultiPoly, spacing: number, rng: Rng): Pos[] {
  const [x0, y0, x1, y1] = bboxOf(poly);
  const out: Pos[] = [];
  for (let y = y0 + spacing / 2; y < y1; y += spacing)
    for (let x = x0 + spacing / 2; x < x1; x += spacing) {
      const p: Pos = [x + (rng() - 0.5) * spacing * 0.8, y + (rng() - 0.5) * spacing * 0.8];
      if (pointInMulti(p, poly)) out.push(p);
    }
  return out;
}

function d2(a: Pos, b: Pos): number {
  const dx = a[0] - b[0], dy = a[1] - b[1];
  return dx * dx + dy * dy;
}

/** Capacity-constrained power-diagram Lloyd: returns centres and sample→centre assignment. */
export function capacityLloyd(samples: Pos[], init: Pos[], targets: number[], rng: Rng, outer = 14, inner = 12): { centres: Pos[]; assign: Int32Array } {
  const K = init.length;
  const centres = init.map((p) => [p[0], p[1]] as Pos);
  const w = new Float64Array(K);
  const assign = new Int32Array(samples.length);
  const totalT = targets.reduce((a, b) => a + b, 0);
  const share = targets.map((t) => (t / totalT) * samples.length);
  void rng;
  const doAssign = () => {
    const cnt = new Float64Array(K);
    for (let i = 0; i < samples.length; i++) {
      let best = 0, bv = Infinity;
      for (let k = 0; k < K; k++) {
        const v = d2(samples[i], centres[k]) - w[k];
        if (v < bv) {
          bv = v;
          best = k;
        }
      }
      assign[i] = best;
      cnt[best]++;
    }
    return cnt;
  };
  for (let it = 0; it < outer; it++) {
    for (let j = 0; j < inner; j++) {
      const cnt = doAssign();
      for (let k = 0; k < K; k++) {
        const r2 = targets[k] / Math.PI; // km²
        w[k] += 0.6 * r2 * (share[k] - cnt[k]) / Math.max(share[k], 1);
      }
    }
    doAssign();
    const sx = new Float64Array(K), sy = new Float64Array(K), n = new Float64Array(K);
    for (let i = 0; i < samples.length; i++) {
      const k = assign[i];
      sx[k] += samples[i][0];
      sy[k] += samples[i][1];
      n[k]++;
    }
    for (let k = 0; k < K; k++) if (n[k] > 0) centres[k] = [sx[k] / n[k], sy[k] / n[k]];
  }
  doAssign();
  return { centres, assign };
}

/** Place township centres and village seeds for one county (all planar km). */
export function placeSeeds(countyPlanar: MultiPoly, seat: Pos, specs: TownshipSpec[], rng: Rng, spacing = 0.33): SeedResult {
  const samples = samplePoints(countyPlanar, spacing, rng);
  const cellKm2 = spacing * spacing;
  const totalKm2 = samples.length * cellKm2;
  const nComm = specs.reduce((s, t) => s + t.communities, 0);
  const nVill = specs.reduce((s, t) => s + t.villages, 0);
  const villKm2 = (totalKm2 - nComm * COMMUNITY_KM2) / Math.max(nVill, 1);
  const targets = specs.map((t) => t.communities * COMMUNITY_KM2 + t.villages * villKm2);
  // initial centres: urban streets near the seat, others by farthest-point sampling
  const init: Pos[] = [];
  const nearest = (p: Pos) => {
    let best = samples[0], bv = Infinity;
    for (const s of samples) {
      const v = d2(s, p);
      if (v < bv) {
        bv = v;
        best = s;
      }
    }
    return best;
  };
  specs.forEach((t, i) => {
    if (t.urban) {
      const ang = (2 * Math.PI * i) / specs.length + rng();
      init[i] = nearest([seat[0] + 2.5 * Math.cos(ang), seat[1] + 2.5 * Math.sin(ang)]);
    }
  });
  const chosen = init.filter(Boolean);
  if (chosen.length === 0) chosen.push(nearest(seat));
  const minD = new Float64Array(samples.length).fill(Infinity);
  for (let i = 0; i < samples.length; i++) for (const c of chosen) minD[i] = Math.min(minD[i], d2(samples[i], c));
  specs.forEach((t, i) => {
    if (init[i]) return;
    let best = 0;
    for (let s = 1; s < samples.length; s++) if (minD[s] * (0.7 + 0.3 * rng()) > minD[best]) best = s;
    init[i] = samples[best];
    for (let s = 0; s < samples.length; s++) minD[s] = Math.min(minD[s], d2(samples[s], samples[best]));
  });
  const { centres, assign } = capacityLloyd(samples, init, targets, rng);
  // move each centre to its nearest own sample (so the seat lies inside the township)
  const own: Pos[][] = specs.map(() => []);
  samples.forEach((s, i) => own[assign[i]].push(s));
  const seeds: Seed[] = [];
  specs.forEach((t, k) => {
    const mine = own[k].length ? own[k] : [centres[k]];
    let c = mine[0];
    for (const s of mine) if (d2(s, centres[k]) < d2(c, centres[k])) c = s;
    centres[k] = c;
    const rc = Math.sqrt((t.communities * COMMUNITY_KM2) / Math.PI);
    const pts: Seed[] = [];
    // communities: tight cluster around the seat
    for (let i = 0; i < t.communities; i++) {
      const sd = Math.max(rc * 0.55, 0.3);
      pts.push({ p: [c[0] + normal(rng) * sd, c[1] + normal(rng) * sd], township: k, community: true });
    }
    // villages: random own samples outside the community core
    const outer = mine.filter((s) => d2(s, c) > rc * rc);
    const pool = outer.length >= t.villages ? outer : mine;
    for (let i = 0; i < t.villages; i++) {
      const s = pool[Math.floor(rng() * pool.length)];
      pts.push({ p: [s[0] + (rng() - 0.5) * spacing, s[1] + (rng() - 0.5) * spacing], township: k, community: false });
    }
    // Lloyd relaxation inside the township: villages over outer samples, communities over core samples
    for (let it = 0; it < 6; it++) {
      const sx = new Float64Array(pts.length), sy = new Float64Array(pts.length), n = new Float64Array(pts.length);
      for (const s of mine) {
        let best = 0, bv = Infinity;
        for (let j = 0; j < pts.length; j++) {
          const v = d2(s, pts[j].p);
          if (v < bv) {
            bv = v;
            best = j;
          }
        }
        const inCore = d2(s, c) <= rc * rc * 1.44;
        if (pts[best].community !== inCore && t.villages > 0) continue;
        sx[best] += s[0];
        sy[best] += s[1];
        n[best]++;
      }
      for (let j = 0; j < pts.length; j++) if (n[j] > 0) pts[j].p = [sx[j] / n[j], sy[j] / n[j]];
    }
    // pull the innermost villages towards the seat so the communities' cells stay small
    if (t.communities > 0 && t.villages > 0) {
      const vill = pts.filter((q) => !q.community).sort((a, b) => d2(a.p, c) - d2(b.p, c));
      const maxD = rc * 1.1 + 0.75 + 0.2 * rng();
      for (const q of vill.slice(0, 5 + t.communities)) {
        const d = Math.sqrt(d2(q.p, c));
        if (d > maxD) q.p = [c[0] + ((q.p[0] - c[0]) * maxD) / d, c[1] + ((q.p[1] - c[1]) * maxD) / d];
      }
    }
    seeds.push(...pts);
  });
  // de-duplicate coincident seeds
  const seen = new Set<string>();
  for (const s of seeds) {
    let key = `${s.p[0].toFixed(5)},${s.p[1].toFixed(5)}`;
    while (seen.has(key)) {
      s.p = [s.p[0] + 0.01 * (rng() - 0.5), s.p[1] + 0.01 * (rng() - 0.5)];
      key = `${s.p[0].toFixed(5)},${s.p[1].toFixed(5)}`;
    }
    seen.add(key);
  }
  return { seeds, centres };
}

/**
 * Voronoi cells of the seeds, clipped to the county. `countyDeg` is the county in lon/lat;
 * cells are computed in planar km and mapped back with `proj.inv` (an affine map, so straight
 * edges stay straight). Returns one MultiPolygon (lon/lat, float) per seed.
 */
export function voronoiCells(seeds: Pos[], countyDeg: MultiPoly, countyPlanar: MultiPoly, proj: Projection): MultiPoly[] {
  const [x0, y0, x1, y1] = bboxOf(countyPlanar);
  const pad = 5;
  const del = Delaunay.from(seeds);
  const vor = del.voronoi([x0 - pad, y0 - pad, x1 + pad, y1 + pad]);
  const countyRings = countyDeg.flatMap((p) => p);
  const segBoxes: [number, number, number, number][] = [];
  for (const r of countyRings)
    for (let i = 0; i + 1 < r.length; i++)
      segBoxes.push([Math.min(r[i][0], r[i + 1][0]), Math.min(r[i][1], r[i + 1][1]), Math.max(r[i][0], r[i + 1][0]), Math.max(r[i][1], r[i + 1][1])]);
  const out: MultiPoly[] = [];
  for (let i = 0; i < seeds.length; i++) {
    const poly = vor.cellPolygon(i) as Pos[] | null;
    if (!poly) {
      out.push([]);
      continue;
    }
    const ring: Ring = poly.map((p) => proj.inv(p));
    ring[ring.length - 1] = [ring[0][0], ring[0][1]];
    const [bx0, by0, bx1, by1] = bboxOf([[ring]]);
    const crosses = segBoxes.some((b) => b[0] <= bx1 && b[2] >= bx0 && b[1] <= by1 && b[3] >= by0);
    if (!crosses && pointInMulti(ring[0], countyDeg)) {
      out.push([[ring]]);
      continue;
    }
    // pre-clip the county to a box around the cell (cheap), then exact clip with polyclip
    const m = Math.max(bx1 - bx0, by1 - by0) * 0.25 + 1e-4;
    const boxed = turf.bboxClip(turf.multiPolygon(countyDeg), [bx0 - m, by0 - m, bx1 + m, by1 + m]).geometry;
    const sub = (boxed.type === 'Polygon' ? [boxed.coordinates] : boxed.coordinates)
      .map((p) => (p as Ring[]).filter((r) => r.length >= 4))
      .filter((p) => p.length > 0) as MultiPoly;
    out.push(sub.length ? (pc.intersection([ring] as pc.Geom, sub as pc.Geom) as MultiPoly) : []);
  }
  return out;
}
