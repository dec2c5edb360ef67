/** Plain geometry helpers shared by the generator (no I/O). */
export type Pos = [number, number];
export type Ring = Pos[];
export type Poly = Ring[];
export type MultiPoly = Poly[];

/** Integer coordinates in micro-degrees (6 decimals). */
export const SCALE = 1e6;
/** Offsets (micro-degrees) subtracted before multiplying integers, to stay well inside 2^53. */
const OX = 104_000_000;
const OY = 29_000_000;

export function toInt(p: Pos): Pos {
  return [Math.round(p[0] * SCALE), Math.round(p[1] * SCALE)];
}
export function toDeg(p: Pos): Pos {
  return [p[0] / SCALE, p[1] / SCALE];
}

/** Signed area (planar, in the ring's own units; positive = counter-clockwise). Closed ring expected. */
export function signedArea(ring: Ring): number {
  let s = 0;
  const n = ring.length;
  if (n < 3) return 0;
  const bx = ring[0][0];
  const by = ring[0][1];
  for (let i = 0; i < n - 1; i++) {
    const a = ring[i];
    const b = ring[i + 1];
    s += (a[0] - bx) * (b[1] - by) - (b[0] - bx) * (a[1] - by);
  }
  return s / 2;
}

/** Integer-safe signed area for micro-degree rings (relative to a fixed origin). */
export function signedAreaInt(ring: Ring): number {
  let s = 0;
  for (let i = 0; i < ring.length - 1; i++) {
    const ax = ring[i][0] - OX, ay = ring[i][1] - OY;
    const bx = ring[i + 1][0] - OX, by = ring[i + 1][1] - OY;
    s += ax * by - bx * ay;
  }
  return s / 2;
}

export function closeRing(r: Ring): Ring {
  if (r.length === 0) return r;
  const a = r[0];
  const b = r[r.length - 1];
  if (a[0] !== b[0] || a[1] !== b[1]) return [...r, [a[0], a[1]]];
  return r;
}

/** Ray-casting point in ring (closed ring). Points on the boundary may go either way. */
export function pointInRing(p: Pos, ring: Ring): boolean {
  let inside = false;
  const x = p[0];
  const y = p[1];
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const xi = ring[i][0], yi = ring[i][1];
    const xj = ring[j][0], yj = ring[j][1];
    if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}

export function pointInPoly(p: Pos, poly: Poly): boolean {
  if (!pointInRing(p, poly[0])) return false;
  for (let i = 1; i < poly.length; i++) if (pointInRing(p, poly[i])) return false;
  return true;
}

export function pointInMulti(p: Pos, mp: MultiPoly): boolean {
  return mp.some((poly) => pointInPoly(p, poly));
}

export function bboxOf(mp: MultiPoly): [number, number, number, number] {
  let x0 = Infinity, y0 = Infinity, x1 = -Infinity, y1 = -Infinity;
  for (const poly of mp)
    for (const p of poly[0]) {
      if (p[0] < x0) x0 = p[0];
      if (p[1] < y0) y0 = p[1];
      if (p[0] > x1) x1 = p[0];
      if (p[1] > y1) y1 = p[1];
    }
  return [x0, y0, x1, y1];
}

/** Distance from point p to segment ab (planar). */
export function distToSegment(p: Pos, a: Pos, b: Pos): number {
  const dx = b[0] - a[0];
  const dy = b[1] - a[1];
  const L = dx * dx + dy * dy;
  let t = L === 0 ? 0 : ((p[0] - a[0]) * dx + (p[1] - a[1]) * dy) / L;
  t = Math.max(0, Math.min(1, t));
  const qx = a[0] + t * dx - p[0];
  const qy = a[1] + t * dy - p[1];
  return Math.sqrt(qx * qx + qy * qy);
}

/** Minimum distance from p to any ring edge of the polygon. */
export function distToBoundary(p: Pos, mp: MultiPoly): number {
  let d = Infinity;
  for (const poly of mp)
    for (const ring of poly)
      for (let i = 0; i < ring.length - 1; i++) d = Math.min(d, distToSegment(p, ring[i], ring[i + 1]));
  return d;
}

function orient(a: Pos, b: Pos, c: Pos): number {
  const v = (b[0] - a[0]) * (c[1] - a[1]) - (b[1] - a[1]) * (c[0] - a[0]);
  return v > 0 ? 1 : v < 0 ? -1 : 0;
}
function onSeg(a: Pos, b: Pos, p: Pos): boolean {
  return Math.min(a[0], b[0]) <= p[0] && p[0] <= Math.max(a[0], b[0]) && Math.min(a[1], b[1]) <= p[1] && p[1] <= Math.max(a[1], b[1]);
}
/** True if closed segments ab and cd share any point (exact for integer input). */
export function segmentsIntersect(a: Pos, b: Pos, c: Pos, d: Pos): boolean {
  const o1 = orient(a, b, c), o2 = orient(a, b, d), o3 = orient(c, d, a), o4 = orient(c, d, b);
  if (o1 !== o2 && o3 !== o4) return true;
  if (o1 === 0 && onSeg(a, b, c)) return true;
  if (o2 === 0 && onSeg(a, b, d)) return true;
  if (o3 === 0 && onSeg(c, d, a)) return true;
  if (o4 === 0 && onSeg(c, d, b)) return true;
  return false;
}

/**
 * Validity problems of a ring (closed, >= 4 points, no repeated consecutive points,
 * no self-intersection or self-touch between non-adjacent edges). Empty array = valid.
 */
export function ringProblems(ring: Ring): string[] {
  const out: string[] = [];
  const n = ring.length;
  if (n < 4) return ['too few points'];
  if (ring[0][0] !== ring[n - 1][0] || ring[0][1] !== ring[n - 1][1]) out.push('not closed');
  for (let i = 0; i < n - 1; i++)
    if (ring[i][0] === ring[i + 1][0] && ring[i][1] === ring[i + 1][1]) out.push('repeated point');
  const m = n - 1; // number of edges
  const segs: { i: number; x0: number; x1: number }[] = [];
  for (let i = 0; i < m; i++) segs.push({ i, x0: Math.min(ring[i][0], ring[i + 1][0]), x1: Math.max(ring[i][0], ring[i + 1][0]) });
  segs.sort((a, b) => a.x0 - b.x0);
  for (let s = 0; s < segs.length && out.length < 3; s++) {
    const A = segs[s];
    for (let t = s + 1; t < segs.length && segs[t].x0 <= A.x1; t++) {
      const B = segs[t];
      const i = Math.min(A.i, B.i), j = Math.max(A.i, B.i);
      if (j === i + 1 || (i === 0 && j === m - 1)) {
        // adjacent edges: only collinear overlap is a problem (spike)
        const a = ring[i], b = ring[i + 1], c = ring[j + 1 === n ? 0 : j + 1];
        const shared = j === i + 1 ? ring[j] : ring[0];
        const p = j === i + 1 ? a : ring[1];
        const q = j === i + 1 ? c : ring[m - 1];
        void b;
        if (orient(p, shared, q) === 0) {
          const d1x = p[0] - shared[0], d1y = p[1] - shared[1], d2x = q[0] - shared[0], d2y = q[1] - shared[1];
          if (d1x * d2x + d1y * d2y > 0) out.push(`spike at ${i}`);
        }
        continue;
      }
      if (segmentsIntersect(ring[i], ring[i + 1], ring[j], ring[j + 1])) out.push(`self-intersection ${i}/${j}`);
    }
  }
  return out;
}

/** A point strictly inside the polygon: midpoint of the widest horizontal interior run, over several scan lines. */
export function labelPoint(mp: MultiPoly): Pos {
  let best: Pos | null = null;
  let bestW = -1;
  for (const poly of mp) {
    const [, y0, , y1] = bboxOf([poly]);
    for (let k = 1; k < 16; k++) {
      const y = y0 + ((y1 - y0) * k) / 16 + (y1 - y0) * 1e-7;
      const xs: number[] = [];
      for (const ring of poly)
        for (let i = 0; i < ring.length - 1; i++) {
          const a = ring[i], b = ring[i + 1];
          if (a[1] > y !== b[1] > y) xs.push(a[0] + ((y - a[1]) * (b[0] - a[0])) / (b[1] - a[1]));
        }
      xs.sort((a, b) => a - b);
      for (let i = 0; i + 1 < xs.length; i += 2) {
        const w = xs[i + 1] - xs[i];
        // weight by closeness to the middle scan line to favour central points
        const score = w * (1 - Math.abs(k - 8) / 16);
        if (score > bestW) {
          bestW = score;
          best = [(xs[i] + xs[i + 1]) / 2, y];
        }
      }
    }
  }
  if (!best) throw new Error('labelPoint: empty polygon');
  return best;
}

/** Perimeter-ish planar length of a polyline. */
export function polylineLength(pts: Pos[]): number {
  let s = 0;
  for (let i = 0; i + 1 < pts.length; i++) s += Math.hypot(pts[i + 1][0] - pts[i][0], pts[i + 1][1] - pts[i][1]);
  return s;
}

/** Local planar projection in km around a reference point (equirectangular). */
export interface Projection {
  fwd(p: Pos): Pos;
  inv(p: Pos): Pos;
}
export function localProjection(lon0: number, lat0: number): Projection {
  const kx = 111.32 * Math.cos((lat0 * Math.PI) / 180);
  const ky = 110.574;
  return {
    fwd: (p) => [(p[0] - lon0) * kx, (p[1] - lat0) * ky],
    inv: (p) => [p[0] / kx + lon0, p[1] / ky + lat0],
  };
}
