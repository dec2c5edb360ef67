// The park optimiser against the exact optimum, on the shipped data: for townships across the
// city and K from 3 to 10, the beam search's best cluster as a share of the true optimum (an
// exhaustive enumeration of connected sets), and both times. Printed as a table.
import type { Queryable } from '../server/db/openDatabase.ts';
import { exactBest, suggestClusters } from '../server/domain/parkOptimiser.ts';
import { loadParkProblem } from '../server/parks/loadParkProblem.ts';

export interface ParkBenchRow { township: string; villages: number; k: number; optimum: number; found: number; share: number; oursMs: number; exactMs: number; enumerated: number }

const KS = [3, 5, 7, 10];

export async function benchParks(db: Queryable, opts: { townships?: number; weight?: number } = {}): Promise<ParkBenchRow[]> {
  const all = await db.query<{ code: string; name: string }>(`SELECT code, name FROM areas WHERE level = 'township' ORDER BY code`);
  const wanted = opts.townships ?? 12;
  const step = Math.max(1, Math.floor(all.length / wanted));
  const picked = all.filter((_, i) => i % step === 0).slice(0, wanted);
  const rows: ParkBenchRow[] = [];
  for (const t of picked) {
    for (const k of KS) {
      const problem = await loadParkProblem(db, t.code, { maxVillages: k, maxAreaHa: null, include: [], exclude: [], scatteredWeight: opts.weight ?? 1.5 });
      let t0 = performance.now();
      const ours = suggestClusters(problem, { count: 3 });
      const oursMs = performance.now() - t0;
      t0 = performance.now();
      const exact = exactBest(problem);
      const exactMs = performance.now() - t0;
      const optimum = exact.best?.score ?? 0;
      const found = ours.clusters[0]?.score ?? 0;
      rows.push({ township: `${t.name} ${t.code}`, villages: problem.villages.size, k, optimum, found, share: optimum === 0 ? 1 : found / optimum, oursMs, exactMs, enumerated: exact.enumerated });
    }
  }
  return rows;
}

export function printParkBench(rows: ParkBenchRow[]): void {
  const w = Math.max(...rows.map((r) => r.township.length), 8);
  console.log(`\npark suggestions against the exact optimum (weight of scattered households 1.5)`);
  console.log(`${'township'.padEnd(w)} ${'villages'.padStart(8)} ${'K'.padStart(3)} ${'optimum'.padStart(9)} ${'found'.padStart(9)} ${'share'.padStart(7)} ${'ours ms'.padStart(8)} ${'exact ms'.padStart(9)} ${'sets'.padStart(9)}`);
  for (const r of rows) {
    console.log(`${r.township.padEnd(w)} ${String(r.villages).padStart(8)} ${String(r.k).padStart(3)} ${r.optimum.toFixed(1).padStart(9)} ${r.found.toFixed(1).padStart(9)} ${(r.share * 100).toFixed(1).padStart(6)}% ${r.oursMs.toFixed(1).padStart(8)} ${r.exactMs.toFixed(1).padStart(9)} ${String(r.enumerated).padStart(9)}`);
  }
  const mean = rows.reduce((s, r) => s + r.share, 0) / rows.length;
  const worst = Math.min(...rows.map((r) => r.share));
  const slowest = Math.max(...rows.map((r) => r.oursMs));
  const med = [...rows.map((r) => r.oursMs)].sort((a, b) => a - b)[Math.floor(rows.length / 2)];
  console.log(`${rows.length} instances: mean ${(mean * 100).toFixed(2)}% of the optimum, worst ${(worst * 100).toFixed(1)}%; ours median ${med.toFixed(1)} ms, slowest ${slowest.toFixed(1)} ms`);
}

/** Whole counties (hundreds of villages; too big for the exact method): how long a suggestion takes. */
export async function benchCountySuggestions(db: Queryable): Promise<void> {
  const counties = await db.query<{ code: string; name: string }>(`SELECT code, name FROM areas WHERE level = 'county' ORDER BY code`);
  console.log(`\nsuggestions over a whole county (no exact optimum at this size), 5 runs each`);
  for (const c of counties) {
    for (const k of [5, 10, 20]) {
      const problem = await loadParkProblem(db, c.code, { maxVillages: k, maxAreaHa: null, include: [], exclude: [], scatteredWeight: 1.5 });
      const times: number[] = [];
      let score = 0;
      for (let i = 0; i < 5; i++) {
        const t0 = performance.now();
        score = suggestClusters(problem, { count: 3 }).clusters[0]?.score ?? 0;
        times.push(performance.now() - t0);
      }
      times.sort((a, b) => a - b);
      console.log(`${c.name} ${c.code}  ${problem.villages.size} villages  K=${String(k).padStart(2)}  best ${score.toFixed(1).padStart(7)}  median ${times[2].toFixed(1)} ms  max ${times[4].toFixed(1)} ms`);
    }
  }
}
