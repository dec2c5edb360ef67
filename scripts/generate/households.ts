/**
 * Synthetic registered poor households (建档立卡贫困户) and their state history for 2018.
 * Each household's history is a list of full-state rows; households.csv holds the last one.
 */
import type { MultiPoly, Pos } from './geom.ts';
import { bboxOf, distToBoundary, pointInMulti } from './geom.ts';
import type { Rng } from './random.ts';
import { pick, randInt, shuffle, weightedIndex } from './random.ts';
import { AS_OF_DAY, fromDayOfYear, planDay } from './dates.ts';
import type { PovertyVillage, VillageRef } from './campaign.ts';
import { fakePhone, personName } from './names.ts';

export const POVERTY_CAUSES = ['因病', '因残', '因学', '因灾', '缺劳力', '缺技术', '缺资金', '缺土地', '自身发展动力不足'] as const;
const CAUSE_W = [34, 12, 7, 3, 10, 12, 12, 3, 7];
export type Status = 'poor' | 'exited' | 'at_risk';

export interface HState {
  status: Status;
  income_per_capita: number;
  food_clothing: boolean;
  education: boolean;
  medical: boolean;
  housing: boolean;
  medical_insurance: boolean;
  employed_members: number;
  relocated: boolean;
  renovated: boolean;
}
export interface Household {
  id: string;
  village_code: string;
  lon: number;
  lat: number;
  size: number;
  labour_count: number;
  poverty_cause: string;
  needs_relocation: boolean;
  needs_renovation: boolean;
  exit_date: string;
  head_name: string;
  phone: string;
  state: HState;
}
export interface HistoryRow extends HState { household_id: string; date: string }

export interface HouseholdParams {
  people: number; // total people, e.g. 44000
  relocationPeople: number; // 1005
  renovationHouseholds: number; // 3228
  povertyVillageShare: number; // share of households in poverty villages, e.g. 0.26
}
export const DEFAULT_HOUSEHOLD_PARAMS: HouseholdParams = { people: 44000, relocationPeople: 1005, renovationHouseholds: 3228, povertyVillageShare: 0.26 };

/** A point strictly inside the polygon (at least `margin` degrees from its boundary), 6 decimals. */
export function pointInside(mp: MultiPoly, rng: Rng, margin = 1.5e-4): Pos {
  const [x0, y0, x1, y1] = bboxOf(mp);
  for (let m = margin, tries = 0; ; tries++) {
    if (tries > 0 && tries % 200 === 0) m /= 2;
    const p: Pos = [Math.round((x0 + rng() * (x1 - x0)) * 1e6) / 1e6, Math.round((y0 + rng() * (y1 - y0)) * 1e6) / 1e6];
    if (pointInMulti(p, mp) && distToBoundary(p, mp) > m) return p;
    if (tries > 5000) throw new Error('pointInside: failed');
  }
}

const SIZE_W = [14, 29, 26, 18, 9, 4]; // sizes 1..6

export function generateHouseholds(
  villages: (VillageRef & { geometry: MultiPoly })[],
  poverty: PovertyVillage[],
  perf: Map<string, number>,
  rng: Rng,
  params: HouseholdParams = DEFAULT_HOUSEHOLD_PARAMS,
): { households: Household[]; history: HistoryRow[] } {
  const pv = new Map(poverty.map((p) => [p.code, p]));
  const povList = villages.filter((v) => pv.has(v.code));
  const others = villages.filter((v) => !pv.has(v.code));
  const povW = povList.map((v) => Math.sqrt(v.areaKm2) * (0.7 + 0.6 * rng()));
  const othW = others.map((v) => (v.kind === 'community' ? 0.25 : 1) * Math.sqrt(v.areaKm2) * (0.5 + rng()));
  // sizes until the people total is reached exactly
  const sizes: number[] = [];
  let total = 0;
  while (total < params.people) {
    let s = weightedIndex(rng, SIZE_W) + 1;
    if (total + s > params.people) s = params.people - total;
    sizes.push(s);
    total += s;
  }
  const n = sizes.length;
  // relocation / renovation flags
  const reloc = new Array<boolean>(n).fill(false);
  const renov = new Array<boolean>(n).fill(false);
  const loc: (VillageRef & { geometry: MultiPoly })[] = sizes.map(() => (povList.length && rng() < params.povertyVillageShare ? povList[weightedIndex(rng, povW)] : others[weightedIndex(rng, othW)]));
  const order = shuffle(rng, sizes.map((_, i) => i));
  let rp = 0;
  for (const i of order) {
    if (rp >= params.relocationPeople) break;
    if (loc[i].kind === 'community') continue;
    const left = params.relocationPeople - rp;
    if (sizes[i] > left && left > 0) continue;
    reloc[i] = true;
    rp += sizes[i];
  }
  let rn = 0;
  for (const i of shuffle(rng, sizes.map((_, i) => i))) {
    if (rn >= params.renovationHouseholds) break;
    if (reloc[i]) continue;
    renov[i] = true;
    rn++;
  }
  const households: Household[] = [];
  const history: HistoryRow[] = [];
  for (let i = 0; i < n; i++) {
    const v = loc[i];
    const size = sizes[i];
    const f = perf.get(v.township) ?? 1;
    const p = pv.get(v.code);
    const cause = POVERTY_CAUSES[weightedIndex(rng, CAUSE_W)];
    let labour = Math.max(0, Math.min(size, Math.round(size * (0.25 + 0.5 * rng()))));
    if (cause === '缺劳力' || cause === '因残') labour = Math.min(labour, rng() < 0.5 ? 0 : 1);
    if (size === 1 && rng() < 0.45) labour = 0;
    const id = `H${String(i + 1).padStart(5, '0')}`;
    const init: HState = {
      status: 'poor',
      income_per_capita: Math.round((1700 + rng() * 1800) / 10) * 10,
      food_clothing: rng() < 0.93,
      education: cause === '因学' ? rng() < 0.7 : rng() < 0.96,
      medical: cause === '因病' ? rng() < 0.7 : rng() < 0.9,
      housing: !(reloc[i] || renov[i]),
      medical_insurance: rng() < 0.95,
      employed_members: Math.min(labour, rng() < 0.5 ? 0 : 1),
      relocated: false,
      renovated: false,
    };
    // exit decision
    let exitDay = 0;
    if (p && p.exit_status === 'exited') {
      const vd = Math.max(30, dayOfExit(p.exit_date) - 3);
      exitDay = planDay(rng(), vd, f > 1 ? 1.2 : 1);
    } else {
      const prob = p ? Math.min(0.9, 0.6 * f) : Math.max(0.2, Math.min(0.985, 0.93 * f));
      if (rng() < prob) exitDay = planDay(rng(), AS_OF_DAY, f > 1.05 ? 1.25 : f < 0.8 ? 0.8 : 1);
    }
    const events: { day: number; patch: Partial<HState> }[] = [];
    if (!init.medical_insurance && (exitDay > 0 || rng() < 0.85)) events.push({ day: randInt(rng, 10, 150), patch: { medical_insurance: true } });
    const incomeDay = randInt(rng, 150, 200);
    if (rng() < 0.6 && (exitDay === 0 || incomeDay < exitDay)) events.push({ day: incomeDay, patch: { income_per_capita: Math.round((init.income_per_capita + 200 + rng() * 900) / 10) * 10 } });
    if (labour > 0 && init.employed_members === 0 && rng() < 0.6) events.push({ day: randInt(rng, 40, exitDay > 0 ? Math.max(41, exitDay - 1) : AS_OF_DAY), patch: { employed_members: 1 } });
    const housingDay = exitDay > 0 ? Math.max(5, exitDay - randInt(rng, 5, 60)) : rng() < 0.6 ? randInt(rng, 60, AS_OF_DAY) : 0;
    if (housingDay > 0 && reloc[i]) events.push({ day: housingDay, patch: { relocated: true, housing: true } });
    if (housingDay > 0 && renov[i]) events.push({ day: housingDay, patch: { renovated: true, housing: true } });
    if (exitDay > 0) {
      const fail = rng() < 0.03 ? pick(rng, ['food_clothing', 'education', 'medical', 'housing'] as const) : null;
      const lowIncome = rng() < 0.012;
      const patch: Partial<HState> = {
        status: 'exited',
        income_per_capita: lowIncome ? Math.round((3100 + rng() * 480) / 10) * 10 : Math.round((3700 + Math.pow(rng(), 1.6) * 6300) / 10) * 10,
        food_clothing: fail !== 'food_clothing',
        education: fail !== 'education',
        medical: fail !== 'medical',
        medical_insurance: true,
        employed_members: labour > 0 ? Math.max(1, Math.min(labour, randInt(rng, 1, 2))) : 0,
      };
      if (fail === 'housing') {
        // the safe-housing work slipped: exit recorded without it (to be flagged)
        patch.housing = false;
        for (const e of events) if (e.patch.relocated || e.patch.renovated) e.day = 9999;
      } else if (!(reloc[i] || renov[i])) patch.housing = true;
      events.push({ day: exitDay, patch });
      if (rng() < 0.03) {
        const d = exitDay + randInt(rng, 20, 90);
        if (d <= AS_OF_DAY) events.push({ day: d, patch: { status: 'at_risk', income_per_capita: Math.round((3300 + rng() * 900) / 10) * 10 } });
      }
    } else if (rng() < 0.5) {
      events.push({ day: randInt(rng, 200, AS_OF_DAY), patch: { income_per_capita: Math.round((2200 + rng() * 2000) / 10) * 10, food_clothing: rng() < 0.97, education: rng() < 0.97, medical: rng() < 0.93 } });
    }
    const live = events.filter((e) => e.day <= AS_OF_DAY).sort((a, b) => a.day - b.day);
    let state: HState = { ...init };
    history.push({ household_id: id, date: fromDayOfYear(0), ...state });
    for (let k = 0; k < live.length; k++) {
      state = { ...state, ...live[k].patch };
      if (k + 1 < live.length && live[k + 1].day === live[k].day) continue;
      const date = fromDayOfYear(live[k].day);
      if (history[history.length - 1].household_id === id && history[history.length - 1].date === date) history.pop();
      history.push({ household_id: id, date, ...state });
    }
    const pt = pointInside(v.geometry, rng);
    households.push({
      id,
      village_code: v.code,
      lon: pt[0],
      lat: pt[1],
      size,
      labour_count: labour,
      poverty_cause: cause,
      needs_relocation: reloc[i],
      needs_renovation: renov[i],
      exit_date: exitDay > 0 && state.status !== 'poor' ? fromDayOfYear(exitDay) : '',
      head_name: personName(rng),
      phone: fakePhone(i + 1),
      state,
    });
  }
  return { households, history };
}

function dayOfExit(d: string): number {
  const t = Date.UTC(+d.slice(0, 4), +d.slice(5, 7) - 1, +d.slice(8, 10));
  return Math.round((t - Date.UTC(2018, 0, 1)) / 86400000);
}
