/** Topology checks for the area hierarchy: ring validity, nesting area error, sibling overlaps. */
import * as pc from 'polyclip-ts';
import * as turf from '@turf/turf';
import type { MultiPoly } from './geom.ts';
import { bboxOf, ringProblems, signedArea } from './geom.ts';

export interface AreaLike {
  code: string;
  parent: string | null;
  level: string;
  /** lon/lat degrees, 6 decimals */
  coordinates: MultiPoly;
}

export function ringIssues(f: AreaLike): string[] {
  const out: string[] = [];
  f.coordinates.forEach((poly, pi) =>
    poly.forEach((r, ri) => {
      const scaled = r.map((p) => [Math.round(p[0] * 1e6), Math.round(p[1] * 1e6)] as [number, number]);
      for (const p of ringProblems(scaled)) out.push(`${f.code} poly ${pi} ring ${ri}: ${p}`);
      const a = signedArea(scaled);
      if (ri === 0 && a <= 0) out.push(`${f.code} poly ${pi}: outer ring not counter-clockwise`);
      if (ri > 0 && a >= 0) out.push(`${f.code} poly ${pi} ring ${ri}: hole not clockwise`);
    }),
  );
  return out;
}

export function areaM2(mp: MultiPoly): number {
  return mp.length ? turf.area(turf.multiPolygon(mp)) : 0;
}

/** max over parents of |area(parent) - Σ area(children)| / area(parent) */
export function nestingError(fs: AreaLike[]): { max: number; worst: string } {
  const kids = new Map<string, AreaLike[]>();
  for (const f of fs) if (f.parent) (kids.get(f.parent) ?? kids.set(f.parent, []).get(f.parent)!).push(f);
  let max = 0, worst = '';
  for (const f of fs) {
    const ch = kids.get(f.code);
    if (!ch) continue;
    const a = areaM2(f.coordinates);
    const s = ch.reduce((t, c) => t + areaM2(c.coordinates), 0);
    const e = Math.abs(a - s) / a;
    if (e >= max) { max = e; worst = f.code; }
  }
  return { max, worst };
}

/** Total pairwise overlap area (m²) between siblings (same parent), over all parents. */
export function siblingOverlapM2(fs: AreaLike[]): { total: number; pairs: number; max: number } {
  const groups = new Map<string, AreaLike[]>();
  for (const f of fs) if (f.parent) (groups.get(f.parent) ?? groups.set(f.parent, []).get(f.parent)!).push(f);
  let total = 0, pairs = 0, max = 0;
  for (const g of groups.values()) {
    const boxes = g.map((f) => bboxOf(f.coordinates));
    for (let i = 0; i < g.length; i++)
      for (let j = i + 1; j < g.length; j++) {
        const a = boxes[i], b = boxes[j];
        if (a[0] > b[2] || b[0] > a[2] || a[1] > b[3] || b[1] > a[3]) continue;
        pairs++;
        const x = pc.intersection(g[i].coordinates as pc.Geom, g[j].coordinates as pc.Geom) as MultiPoly;
        const m = areaM2(x);
        total += m;
        max = Math.max(max, m);
      }
  }
  return { total, pairs, max };
}
