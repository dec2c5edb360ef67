import { describe, expect, it } from 'vitest';
import { connectedPieces, exactBest, measureCluster, suggestClusters, type ParkProblem, type ParkVillage } from '../../../server/domain/parkOptimiser.ts';

/** A deterministic pseudo-random grid-ish graph: villages on a w×h grid, some edges dropped. */
function grid(w: number, h: number, seed: number, limits: Partial<ParkProblem['limits']> = {}): ParkProblem {
  let x = seed;
  const rand = () => ((x = (x * 1103515245 + 12345) % 2147483648) / 2147483648);
  const villages = new Map<string, ParkVillage>();
  const neighbours = new Map<string, string[]>();
  const code = (i: number, j: number) => `v${String(i).padStart(2, '0')}${String(j).padStart(2, '0')}`;
  for (let i = 0; i < w; i++) for (let j = 0; j < h; j++) {
    const poverty = rand() < 0.3;
    const n = Math.floor(rand() * 40);
    villages.set(code(i, j), { code: code(i, j), areaHa: 100 + Math.floor(rand() * 400), povertyHouseholds: poverty ? n : 0, scatteredHouseholds: poverty ? 0 : Math.floor(n / 3) });
    neighbours.set(code(i, j), []);
  }
  const link = (a: string, b: string) => {
    neighbours.get(a)!.push(b);
    neighbours.get(b)!.push(a);
  };
  for (let i = 0; i < w; i++) for (let j = 0; j < h; j++) {
    if (i + 1 < w && rand() < 0.8) link(code(i, j), code(i + 1, j));
    if (j + 1 < h && rand() < 0.8) link(code(i, j), code(i, j + 1));
    if (i + 1 < w && j + 1 < h && rand() < 0.2) link(code(i, j), code(i + 1, j + 1));
  }
  return { villages, neighbours, limits: { maxVillages: 4, maxAreaHa: null, include: [], exclude: [], scatteredWeight: 1.5, ...limits } };
}

/** Every subset, checked one by one: the definition of the optimum. */
function bruteForce(p: ParkProblem) {
  const codes = [...p.villages.keys()].filter((c) => !p.limits.exclude.includes(c));
  let best: ReturnType<typeof measureCluster> | null = null;
  for (let mask = 1; mask < 1 << codes.length; mask++) {
    const set = codes.filter((_, i) => mask & (1 << i));
    if (set.length > p.limits.maxVillages || connectedPieces(set, p.neighbours).length !== 1) continue;
    const c = measureCluster(p, set);
    if (p.limits.maxAreaHa !== null && c.areaHa > p.limits.maxAreaHa) continue;
    if (!p.limits.include.every((i) => set.includes(i))) continue;
    if (!best || c.score > best.score + 1e-9) best = c;
  }
  return best;
}

describe('park optimiser', () => {
  it('the exact enumeration finds the brute-force optimum', () => {
    for (let seed = 1; seed <= 12; seed++) {
      const p = grid(4, 3, seed, { maxVillages: 2 + (seed % 5), maxAreaHa: seed % 3 === 0 ? 900 : null, include: seed % 4 === 0 ? ['v0101'] : [], exclude: seed % 5 === 0 ? ['v0000'] : [] });
      const exact = exactBest(p).best;
      const brute = bruteForce(p);
      expect(exact?.score ?? null, `seed ${seed}`).toBeCloseTo(brute?.score ?? (null as unknown as number), 6);
    }
  });

  it('counts each connected set once', () => {
    // A path of 4: connected sets are the 10 intervals.
    const p = grid(4, 1, 7, { maxVillages: 4 });
    const path = new Map([['a', ['b']], ['b', ['a', 'c']], ['c', ['b', 'd']], ['d', ['c']]]);
    const villages = new Map(['a', 'b', 'c', 'd'].map((c) => [c, { code: c, areaHa: 1, povertyHouseholds: 1, scatteredHouseholds: 0 }]));
    expect(exactBest({ ...p, villages, neighbours: path }).enumerated).toBe(10);
  });

  it('suggests contiguous, feasible clusters close to the optimum, distinct from each other', () => {
    let sum = 0, worst = 1, n = 0;
    for (let seed = 1; seed <= 20; seed++) {
      const p = grid(5, 4, seed * 7, { maxVillages: 3 + (seed % 6), maxAreaHa: seed % 2 ? 1500 : null });
      const { clusters } = suggestClusters(p, { count: 3 });
      const exact = exactBest(p).best!;
      expect(clusters.length).toBeGreaterThan(0);
      for (const c of clusters) {
        expect(connectedPieces(c.codes, p.neighbours)).toHaveLength(1);
        expect(c.codes.length).toBeLessThanOrEqual(p.limits.maxVillages);
        if (p.limits.maxAreaHa !== null) expect(c.areaHa).toBeLessThanOrEqual(p.limits.maxAreaHa);
      }
      for (let i = 1; i < clusters.length; i++) expect(clusters[i].score).toBeLessThanOrEqual(clusters[i - 1].score);
      const share = exact.score === 0 ? 1 : clusters[0].score / exact.score;
      sum += share;
      worst = Math.min(worst, share);
      n++;
    }
    expect(sum / n).toBeGreaterThanOrEqual(0.98);
    expect(worst).toBeGreaterThanOrEqual(0.9);
  });

  it('keeps required villages in, excluded ones out, and stops at the deadline saying so', () => {
    const p = grid(5, 4, 3, { maxVillages: 5, include: ['v0202'], exclude: ['v0203', 'v0102'] });
    const { clusters } = suggestClusters(p);
    for (const c of clusters) {
      expect(c.codes).toContain('v0202');
      expect(c.codes).not.toContain('v0203');
    }
    let t = 0;
    const stopped = suggestClusters(grid(5, 4, 3, { maxVillages: 8 }), { deadline: 5, now: () => t++ });
    expect(stopped.timedOut).toBe(true);
  });

  it('names the separate pieces of a selection', () => {
    const p = grid(3, 1, 1);
    const neighbours = new Map([['a', ['b']], ['b', ['a']], ['c', []]]);
    expect(connectedPieces(['c', 'a', 'b'], neighbours)).toEqual([['a', 'b'], ['c']]);
    expect(p.villages.size).toBe(3);
  });
});
