/**
 * Siting a contiguous multi-village park (联村连片): choose a connected set of villages, at most K
 * of them and at most an area, that reaches the most poor households, the scattered (插花式) ones
 * weighted. Pure functions: the graph and the villages' figures come in, sets go out.
 */

export interface ParkVillage {
  code: string;
  areaHa: number;
  /** Registered poor households in the village when it is a poverty village; else 0. */
  povertyHouseholds: number;
  /** Registered poor households when it is not a poverty village (插花式); else 0. */
  scatteredHouseholds: number;
}

export interface ParkLimits {
  maxVillages: number;
  maxAreaHa: number | null;
  include: readonly string[];
  exclude: readonly string[];
  /** Weight of a scattered household against one in a poverty village (default 1). */
  scatteredWeight: number;
}

export interface ParkProblem {
  villages: ReadonlyMap<string, ParkVillage>;
  /** Neighbours of each village (both directions). */
  neighbours: ReadonlyMap<string, readonly string[]>;
  limits: ParkLimits;
}

export interface ParkCluster {
  codes: string[];
  score: number;
  areaHa: number;
  povertyHouseholds: number;
  scatteredHouseholds: number;
}

export const villageScore = (v: ParkVillage, w: number) => v.povertyHouseholds + w * v.scatteredHouseholds;

export function measureCluster(problem: ParkProblem, codes: Iterable<string>): ParkCluster {
  const list = [...codes].sort();
  let areaHa = 0, poverty = 0, scattered = 0;
  for (const c of list) {
    const v = problem.villages.get(c)!;
    areaHa += v.areaHa;
    poverty += v.povertyHouseholds;
    scattered += v.scatteredHouseholds;
  }
  return { codes: list, score: poverty + problem.limits.scatteredWeight * scattered, areaHa, povertyHouseholds: poverty, scatteredHouseholds: scattered };
}

/** The connected pieces of a set of villages under the adjacency (one piece: contiguous). */
export function connectedPieces(codes: Iterable<string>, neighbours: ReadonlyMap<string, readonly string[]>): string[][] {
  const left = new Set(codes);
  const pieces: string[][] = [];
  for (const start of [...left].sort()) {
    if (!left.has(start)) continue;
    const piece: string[] = [];
    const stack = [start];
    left.delete(start);
    while (stack.length) {
      const c = stack.pop()!;
      piece.push(c);
      for (const n of neighbours.get(c) ?? []) if (left.delete(n)) stack.push(n);
    }
    pieces.push(piece.sort());
  }
  return pieces;
}

const feasible = (problem: ParkProblem, c: ParkCluster) =>
  c.codes.length <= problem.limits.maxVillages &&
  (problem.limits.maxAreaHa === null || c.areaHa <= problem.limits.maxAreaHa + 1e-9) &&
  problem.limits.include.every((code) => c.codes.includes(code));

export interface SearchResult {
  clusters: ParkCluster[];
  /** The time limit ended the search: the clusters are the best found so far. */
  timedOut: boolean;
  evaluated: number;
}

/**
 * Beam search over connected sets: from each seed (the required villages' first, else every
 * village), grow by one neighbour at a time, keeping the `beamWidth` best sets of each size, and
 * remember every feasible set met. Returns the best `count` clusters that differ enough from each
 * other (they share at most half their villages), best first.
 */
export function suggestClusters(problem: ParkProblem, opts: { count?: number; beamWidth?: number; deadline?: number; now?: () => number } = {}): SearchResult {
  const { limits, villages, neighbours } = problem;
  const count = opts.count ?? 3;
  const beamWidth = opts.beamWidth ?? 60;
  const now = opts.now ?? (() => performance.now());
  const deadline = opts.deadline ?? Number.POSITIVE_INFINITY;
  const excluded = new Set(limits.exclude);
  const include = new Set(limits.include);
  const w = limits.scatteredWeight;
  const found = new Map<string, ParkCluster>();
  let evaluated = 0;
  let timedOut = false;
  // Required villages first: a set that lacks them is ranked by how many it has, then by score.
  const rank = (codes: string[]) => {
    let s = 0, req = 0;
    for (const c of codes) {
      s += villageScore(villages.get(c)!, w);
      if (include.has(c)) req++;
    }
    return req * 1e12 + s;
  };
  const areaOf = (codes: Iterable<string>) => {
    let a = 0;
    for (const c of codes) a += villages.get(c)!.areaHa;
    return a;
  };
  const seeds = include.size > 0 ? [limits.include[0]] : [...villages.keys()].filter((c) => !excluded.has(c));
  let beam: string[][] = seeds.filter((c) => limits.maxAreaHa === null || villages.get(c)!.areaHa <= limits.maxAreaHa).map((c) => [c]);
  const consider = (codes: string[]) => {
    const key = codes.join(',');
    if (found.has(key)) return;
    const c = measureCluster(problem, codes);
    if (feasible(problem, c)) found.set(key, c);
  };
  for (const set of beam) consider(set);
  for (let size = 2; size <= limits.maxVillages && beam.length > 0; size++) {
    const next = new Map<string, { codes: string[]; rank: number }>();
    for (const set of beam) {
      if (now() > deadline) {
        timedOut = true;
        break;
      }
      const inSet = new Set(set);
      const area = areaOf(set);
      for (const c of set) {
        for (const n of neighbours.get(c) ?? []) {
          if (inSet.has(n) || excluded.has(n) || !villages.has(n)) continue;
          if (limits.maxAreaHa !== null && area + villages.get(n)!.areaHa > limits.maxAreaHa + 1e-9) continue;
          const codes = [...set, n].sort();
          const key = codes.join(',');
          if (next.has(key)) continue;
          evaluated++;
          next.set(key, { codes, rank: rank(codes) });
        }
      }
    }
    if (timedOut) break;
    beam = [...next.values()].sort((a, b) => b.rank - a.rank || (a.codes.join() < b.codes.join() ? -1 : 1)).slice(0, beamWidth).map((x) => x.codes);
    for (const set of beam) consider(set);
  }
  const ranked = [...found.values()].sort((a, b) => b.score - a.score || a.codes.length - b.codes.length || (a.codes.join() < b.codes.join() ? -1 : 1));
  const picked: ParkCluster[] = [];
  for (const c of ranked) {
    if (picked.length >= count) break;
    if (picked.every((p) => shared(p.codes, c.codes) <= Math.min(p.codes.length, c.codes.length) / 2)) picked.push(c);
  }
  return { clusters: picked, timedOut, evaluated };
}

const shared = (a: string[], b: string[]) => {
  const s = new Set(a);
  return b.filter((c) => s.has(c)).length;
};

/**
 * The exact optimum by enumerating every connected set of at most K villages once (ESU: each set
 * is grown from its smallest member through exclusive neighbours), for checking the search on
 * small instances. Exponential: a township of a few dozen villages is the intended size.
 */
export function exactBest(problem: ParkProblem): { best: ParkCluster | null; enumerated: number } {
  const { limits, villages, neighbours } = problem;
  const excluded = new Set(limits.exclude);
  const codes = [...villages.keys()].filter((c) => !excluded.has(c)).sort();
  const index = new Map(codes.map((c, i) => [c, i]));
  const near = (c: string) => (neighbours.get(c) ?? []).filter((n) => index.has(n));
  let best: ParkCluster | null = null;
  let enumerated = 0;
  const grow = (set: string[], area: number, ext: string[], root: number) => {
    enumerated++;
    const c = measureCluster(problem, set);
    if (feasible(problem, c) && (!best || c.score > best.score + 1e-9 || (Math.abs(c.score - best.score) <= 1e-9 && c.codes.length < best.codes.length))) best = c;
    if (set.length >= limits.maxVillages) return;
    const closed = new Set(set);
    for (const v of set) for (const n of near(v)) closed.add(n);
    const rest = [...ext];
    while (rest.length > 0) {
      const w = rest.pop()!;
      const a = area + villages.get(w)!.areaHa;
      // Areas are positive: every set with w is too large, and w is not used again in this branch.
      if (limits.maxAreaHa !== null && a > limits.maxAreaHa + 1e-9) continue;
      const next = [...rest];
      for (const u of near(w)) if (index.get(u)! > root && !closed.has(u) && !next.includes(u)) next.push(u);
      grow([...set, w], a, next, root);
    }
  };
  for (let r = 0; r < codes.length; r++) {
    const root = codes[r];
    const area = villages.get(root)!.areaHa;
    if (limits.maxAreaHa !== null && area > limits.maxAreaHa + 1e-9) continue;
    grow([root], area, near(root).filter((n) => index.get(n)! > r), r);
  }
  return { best, enumerated };
}
