/**
 * Exact planar-partition tools on integer micro-degree coordinates:
 * - nodePartition: round to 6 decimals, snap near-coincident vertices, and insert into every
 *   edge the vertices of other parts lying on it, so neighbours share identical vertices;
 * - dissolve: union of noded parts by cancelling opposite directed edges (no new vertices);
 * - adjacency: which parts share an edge, and how long the shared boundary is.
 */
import type { MultiPoly, Poly, Pos, Ring } from './geom.ts';
import { pointInRing, signedAreaInt, toInt } from './geom.ts';

const key = (p: Pos) => `${p[0]},${p[1]}`;

function dedupe(r: Ring): Ring {
  const out: Ring = [];
  for (const p of r) {
    const q = out[out.length - 1];
    if (!q || q[0] !== p[0] || q[1] !== p[1]) out.push(p);
  }
  if (out.length > 1) {
    const a = out[0], b = out[out.length - 1];
    if (a[0] !== b[0] || a[1] !== b[1]) out.push([a[0], a[1]]);
  }
  return out;
}

/** Remove spikes (a,b,a) and collinear back-tracking; ring closed in, closed out. */
export function removeSpikes(ring: Ring): Ring {
  let pts = ring.slice(0, -1);
  let changed = true;
  while (changed && pts.length >= 3) {
    changed = false;
    const n = pts.length;
    for (let i = 0; i < n; i++) {
      const a = pts[(i + n - 1) % n], b = pts[i], c = pts[(i + 1) % n];
      const cross = (b[0] - a[0]) * (c[1] - a[1]) - (b[1] - a[1]) * (c[0] - a[0]);
      const dot = (a[0] - b[0]) * (c[0] - b[0]) + (a[1] - b[1]) * (c[1] - b[1]);
      const same = a[0] === c[0] && a[1] === c[1];
      if (same || (cross === 0 && dot > 0)) {
        pts.splice(i, 1);
        if (same && pts.length > 0) pts.splice(i % pts.length, 1);
        changed = true;
        break;
      }
    }
    pts = dedupe([...pts, pts[0]]).slice(0, -1);
  }
  if (pts.length < 3) return [];
  return [...pts, [pts[0][0], pts[0][1]]];
}

/** Orient: outer rings counter-clockwise, holes clockwise (RFC 7946). */
export function orientPoly(poly: Poly): Poly {
  return poly.map((r, i) => {
    const a = signedAreaInt(r);
    return (i === 0 ? a < 0 : a > 0) ? [...r].reverse() : r;
  });
}

/** Round lon/lat parts to integer micro-degrees and node them. */
export function nodePartition(parts: MultiPoly[], snap = 1, tol = 1.0): MultiPoly[] {
  // 1. round
  let ints: MultiPoly[] = parts.map((mp) => mp.map((poly) => poly.map((r) => dedupe(r.map(toInt)))));
  // 2. snap vertices within `snap` units to the first one seen
  const canon = new Map<string, Pos>();
  const snapPt = (p: Pos): Pos => {
    const k = key(p);
    const c = canon.get(k);
    if (c) return c;
    for (let dx = -snap; dx <= snap; dx++)
      for (let dy = -snap; dy <= snap; dy++) {
        const q = canon.get(`${p[0] + dx},${p[1] + dy}`);
        if (q && (q[0] !== p[0] + dx || q[1] !== p[1] + dy)) continue;
        if (q) {
          canon.set(k, q);
          return q;
        }
      }
    const own: Pos = [p[0], p[1]];
    canon.set(k, own);
    return own;
  };
  ints = ints.map((mp) => mp.map((poly) => poly.map((r) => dedupe(r.map(snapPt)))));
  // 3. grid of distinct vertices
  const G = 2000;
  const grid = new Map<string, Pos[]>();
  const seen = new Set<string>();
  for (const mp of ints)
    for (const poly of mp)
      for (const r of poly)
        for (const p of r) {
          const k = key(p);
          if (seen.has(k)) continue;
          seen.add(k);
          const gk = `${Math.floor(p[0] / G)},${Math.floor(p[1] / G)}`;
          let cell = grid.get(gk);
          if (!cell) grid.set(gk, (cell = []));
          cell.push(p);
        }
  // 4. insert vertices lying on edges
  const nodeRing = (r: Ring): Ring => {
    const out: Ring = [r[0]];
    for (let i = 0; i + 1 < r.length; i++) {
      const a = r[i], b = r[i + 1];
      const dx = b[0] - a[0], dy = b[1] - a[1];
      const L2 = dx * dx + dy * dy;
      const L = Math.sqrt(L2);
      const gx0 = Math.floor((Math.min(a[0], b[0]) - tol) / G), gx1 = Math.floor((Math.max(a[0], b[0]) + tol) / G);
      const gy0 = Math.floor((Math.min(a[1], b[1]) - tol) / G), gy1 = Math.floor((Math.max(a[1], b[1]) + tol) / G);
      const hits: { t: number; p: Pos }[] = [];
      for (let gx = gx0; gx <= gx1; gx++)
        for (let gy = gy0; gy <= gy1; gy++) {
          // skip grid cells far from the segment
          const cx = (gx + 0.5) * G, cy = (gy + 0.5) * G;
          if (Math.abs((cx - a[0]) * dy - (cy - a[1]) * dx) / L > G) continue;
          const cell = grid.get(`${gx},${gy}`);
          if (!cell) continue;
          for (const v of cell) {
            if ((v[0] === a[0] && v[1] === a[1]) || (v[0] === b[0] && v[1] === b[1])) continue;
            const t = ((v[0] - a[0]) * dx + (v[1] - a[1]) * dy) / L2;
            if (t <= 0 || t >= 1) continue;
            const dist = Math.abs((v[0] - a[0]) * dy - (v[1] - a[1]) * dx) / L;
            if (dist <= tol) hits.push({ t, p: v });
          }
        }
      hits.sort((x, y) => x.t - y.t);
      for (const h of hits) out.push(h.p);
      out.push(b);
    }
    return dedupe(out);
  };
  return ints.map((mp) =>
    mp
      .map((poly) => orientPoly(poly.map((r) => removeSpikes(nodeRing(r))).filter((r) => r.length >= 4)))
      .filter((poly) => poly.length > 0 && poly[0].length >= 4 && signedAreaInt(poly[0]) !== 0),
  );
}

/** Union of noded integer parts by cancelling shared (opposite) directed edges. */
export function dissolve(parts: MultiPoly[]): MultiPoly {
  const edges = new Map<string, { a: Pos; b: Pos; n: number }>();
  for (const mp of parts)
    for (const poly of orientAll(mp))
      for (const r of poly)
        for (let i = 0; i + 1 < r.length; i++) {
          const a = r[i], b = r[i + 1];
          const rk = `${key(b)}>${key(a)}`;
          const rev = edges.get(rk);
          if (rev && rev.n > 0) {
            rev.n--;
            if (rev.n === 0) edges.delete(rk);
            continue;
          }
          const k = `${key(a)}>${key(b)}`;
          const e = edges.get(k);
          if (e) e.n++;
          else edges.set(k, { a, b, n: 1 });
        }
  const out = new Map<string, { b: Pos; used: boolean }[]>();
  for (const e of edges.values()) {
    if (e.n !== 1) throw new Error(`dissolve: duplicated directed edge ${key(e.a)}>${key(e.b)} (overlap)`);
    const k = key(e.a);
    let l = out.get(k);
    if (!l) out.set(k, (l = []));
    l.push({ b: e.b, used: false });
  }
  const rings: Ring[] = [];
  for (const e of edges.values()) {
    const first = out.get(key(e.a))!.find((x) => !x.used && x.b[0] === e.b[0] && x.b[1] === e.b[1]);
    if (!first) continue;
    first.used = true;
    const start = e.a;
    const ring: Ring = [start, e.b];
    let prev = e.a, cur = e.b;
    let guard = 0;
    while (!(cur[0] === start[0] && cur[1] === start[1])) {
      if (++guard > 1e7) throw new Error('dissolve: runaway ring');
      const cands = (out.get(key(cur)) ?? []).filter((x) => !x.used);
      if (cands.length === 0) throw new Error(`dissolve: open ring at ${key(cur)}`);
      let pickE = cands[0];
      if (cands.length > 1) {
        const back = Math.atan2(prev[1] - cur[1], prev[0] - cur[0]);
        let bestAng = -1;
        for (const c of cands) {
          let ang = Math.atan2(c.b[1] - cur[1], c.b[0] - cur[0]) - back;
          while (ang <= 0) ang += 2 * Math.PI;
          while (ang > 2 * Math.PI) ang -= 2 * Math.PI;
          // leftmost turn = largest counter-clockwise angle from the reversed incoming direction
          if (ang > bestAng) {
            bestAng = ang;
            pickE = c;
          }
        }
      }
      pickE.used = true;
      prev = cur;
      cur = pickE.b;
      ring.push(cur);
    }
    rings.push(ring);
  }
  const outers: { ring: Ring; area: number; holes: Ring[] }[] = [];
  const holes: Ring[] = [];
  for (const r of rings) {
    const a = signedAreaInt(r);
    if (a > 0) outers.push({ ring: r, area: a, holes: [] });
    else if (a < 0) holes.push(r);
  }
  for (const h of holes) {
    const m: Pos = [(h[0][0] + h[1][0]) / 2, (h[0][1] + h[1][1]) / 2];
    let best: (typeof outers)[number] | null = null;
    for (const o of outers) if (pointInRing(m, o.ring) && (!best || o.area < best.area)) best = o;
    if (!best) throw new Error('dissolve: orphan hole');
    best.holes.push(h);
  }
  return outers.map((o) => [o.ring, ...o.holes]);
}

function orientAll(mp: MultiPoly): MultiPoly {
  return mp.map(orientPoly);
}

/** Parts sharing at least one edge; returns neighbour lists with shared length (integer units). */
export function adjacency(parts: MultiPoly[]): Map<number, number>[] {
  const owner = new Map<string, number[]>();
  const len = new Map<string, number>();
  parts.forEach((mp, idx) => {
    for (const poly of mp)
      for (const r of poly)
        for (let i = 0; i + 1 < r.length; i++) {
          const a = key(r[i]), b = key(r[i + 1]);
          const k = a < b ? `${a}|${b}` : `${b}|${a}`;
          let l = owner.get(k);
          if (!l) {
            owner.set(k, (l = []));
            len.set(k, Math.hypot(r[i + 1][0] - r[i][0], r[i + 1][1] - r[i][1]));
          }
          if (!l.includes(idx)) l.push(idx);
        }
  });
  const adj = parts.map(() => new Map<number, number>());
  for (const [k, l] of owner)
    for (let i = 0; i < l.length; i++)
      for (let j = 0; j < l.length; j++)
        if (i !== j) adj[l[i]].set(l[j], (adj[l[i]].get(l[j]) ?? 0) + len.get(k)!);
  return adj;
}
