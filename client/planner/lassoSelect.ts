export type LonLat = readonly [number, number];

/** Whether a point lies inside a ring (even-odd rule, ray casting); the ring need not be closed. */
export function pointInRing(p: LonLat, ring: readonly LonLat[]): boolean {
  let inside = false;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [xi, yi] = ring[i];
    const [xj, yj] = ring[j];
    if ((yi > p[1]) !== (yj > p[1]) && p[0] < ((xj - xi) * (p[1] - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}

/**
 * The villages a lasso takes: those whose label point (a point inside the village) lies inside
 * the drawn ring, in code order. A ring of fewer than three points takes none.
 */
export function lassoSelect(ring: readonly LonLat[], villages: Iterable<{ code: string; labelLon: number; labelLat: number }>): string[] {
  if (ring.length < 3) return [];
  const out: string[] = [];
  for (const v of villages) if (pointInRing([v.labelLon, v.labelLat], ring)) out.push(v.code);
  return out.sort();
}
