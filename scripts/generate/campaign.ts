/** Campaign-level synthetic facts: township performance, poverty villages, training and job fairs. */
import type { Rng } from './random.ts';
import { randInt, shuffle } from './random.ts';
import { AS_OF_DAY, addDays, fromDayOfYear, planDay } from './dates.ts';

export interface VillageRef { code: string; kind: 'village' | 'community'; township: string; county: string; areaKm2: number }

/** Per-township performance factor: ~1 on plan, < 0.75 well behind, > 1.05 ahead. */
export function townshipPerformance(townships: string[], rng: Rng): Map<string, number> {
  const m = new Map<string, number>();
  for (const t of townships) {
    const u = rng();
    const f = u < 0.12 ? 0.5 + 0.2 * rng() : u < 0.3 ? 0.8 + 0.12 * rng() : u < 0.85 ? 0.95 + 0.1 * rng() : 1.06 + 0.06 * rng();
    m.set(t, Math.round(f * 1000) / 1000);
  }
  return m;
}

export interface PovertyVillage { code: string; planned_exit_year: number; exit_status: 'exited' | 'pending'; exit_date: string }

/** Choose `total` rural villages, per county proportional to rural counts, at most `perTownship` each. */
export function choosePovertyVillages(villages: VillageRef[], perf: Map<string, number>, rng: Rng, total = 81, perTownship = 3): PovertyVillage[] {
  const rural = villages.filter((v) => v.kind === 'village');
  const counties = [...new Set(rural.map((v) => v.county))].sort();
  const counts = counties.map((c) => (rural.filter((v) => v.county === c).length / rural.length) * total);
  const alloc = counts.map(Math.floor);
  let rest = total - alloc.reduce((a, b) => a + b, 0);
  counts.map((c, i) => [c - Math.floor(c), i] as const).sort((a, b) => b[0] - a[0]).forEach(([, i]) => { if (rest-- > 0) alloc[i]++; });
  const out: PovertyVillage[] = [];
  counties.forEach((c, ci) => {
    const pool = shuffle(rng, rural.filter((v) => v.county === c).sort((a, b) => (a.code < b.code ? -1 : 1)));
    const perT = new Map<string, number>();
    const chosen: VillageRef[] = [];
    // first pass: at most 2 per township, then allow up to perTownship
    for (const cap of [2, perTownship])
      for (const v of pool) {
        if (chosen.length >= alloc[ci]) break;
        if (chosen.includes(v) || (perT.get(v.township) ?? 0) >= cap) continue;
        chosen.push(v);
        perT.set(v.township, (perT.get(v.township) ?? 0) + 1);
      }
    for (const v of chosen) {
      const f = perf.get(v.township) ?? 1;
      const exited = rng() < Math.min(0.95, 0.62 * f);
      // village exits cluster in Q3/Q4
      const day = exited ? Math.max(planDay(0.35 + 0.65 * rng(), AS_OF_DAY, f > 1 ? 1.3 : 1), 185) : 0;
      out.push({ code: v.code, planned_exit_year: 2018, exit_status: exited ? 'exited' : 'pending', exit_date: exited ? fromDayOfYear(day) : '' });
    }
  });
  return out.sort((a, b) => (a.code < b.code ? -1 : 1));
}

export interface Activity { id: string; kind: 'training' | 'job_fair'; area_code: string; date: string; person_times: number }

/** Training sessions at township level (summing to just over `trainingTarget`) and 2–4 county job fairs. */
export function activities(townships: string[], counties: string[], perf: Map<string, number>, rng: Rng, trainingTarget = 1160): Activity[] {
  const acts: Omit<Activity, 'id'>[] = [];
  let sum = 0;
  const weights = townships.map((t) => Math.pow(perf.get(t) ?? 1, 2));
  const order = shuffle(rng, townships.map((_, i) => i));
  let k = 0;
  while (sum < trainingTarget) {
    const i = order[k++ % order.length];
    if (rng() > weights[i] * 0.8) continue;
    const n = randInt(rng, 15, 48);
    const day = planDay(rng(), AS_OF_DAY - 3, 0.8);
    acts.push({ kind: 'training', area_code: townships[i], date: fromDayOfYear(day), person_times: n });
    sum += n;
  }
  const fairs = ['2018-02-23', '2018-03-02', '2018-09-14', '2018-06-08'];
  counties.forEach((c, i) => {
    if (i >= 3) return;
    acts.push({ kind: 'job_fair', area_code: c, date: addDays(fairs[i], randInt(rng, 0, 3)), person_times: randInt(rng, 600, 2600) });
  });
  acts.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : a.area_code < b.area_code ? -1 : 1));
  return acts.map((a, i) => ({ id: `A${String(i + 1).padStart(4, '0')}`, ...a }));
}
