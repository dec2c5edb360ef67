import { dayNumber } from './campaignCalendar.ts';

/**
 * Planned curves: the cumulative share of the year's target due by the end of each quarter
 * (春季攻势, 夏季战役, 秋季攻坚, 冬季冲刺), linear within a quarter.
 */
export const CURVES = {
  /** Exits are back-loaded: households exit after the year's work has raised their income. */
  exits: [0.1, 0.3, 0.6, 1],
  /** Construction (relocation, renovation, projects): slow start, built over summer and autumn. */
  works: [0.1, 0.35, 0.7, 1],
  /** Fund spending: the plan's 95% by year end, paid as projects progress. */
  spending: [0.15, 0.4, 0.7, 1],
  /** Training and job fairs: spread over the year, front-loaded to the slack farming season. */
  training: [0.25, 0.5, 0.8, 1],
} as const;

export type CurveKey = keyof typeof CURVES;

/** Share of the target due by the end of `date`: 0 at the start of the year, 1 on 31 December (and after). */
export function plannedShare(curve: CurveKey, date: string): number {
  const key = `${curve} ${date}`;
  let share = cache.get(key);
  if (share === undefined) {
    if (cache.size > 10_000) cache.clear();
    cache.set(key, (share = computeShare(curve, date)));
  }
  return share;
}

// A request evaluates thousands of areas at the same few dates.
const cache = new Map<string, number>();

function computeShare(curve: CurveKey, date: string): number {
  const points = CURVES[curve];
  const year = Number(date.slice(0, 4));
  const month = Number(date.slice(5, 7));
  const q = Math.floor((month - 1) / 3);
  // Quarters are the campaign phases: from the first day of its first month to its last day.
  const start = dayNumber(`${year}-${String(q * 3 + 1).padStart(2, '0')}-01`);
  const end = dayNumber(q === 3 ? `${year + 1}-01-01` : `${year}-${String(q * 3 + 4).padStart(2, '0')}-01`);
  const f = (dayNumber(date) + 1 - start) / (end - start);
  const before = q === 0 ? 0 : points[q - 1];
  return before + (points[q] - before) * f;
}
