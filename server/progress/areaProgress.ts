import type { Queryable } from '../db/openDatabase.ts';
import { CODE_LENGTH, type AreaLevel } from '../domain/areaCodes.ts';
import { evaluateArea, type IndicatorValue } from '../domain/evaluateIndicator.ts';
import { totalsUsed, type Indicator } from '../domain/indicators.ts';
import { rankWithinParents, type RankedValue } from '../domain/ranking.ts';
import { suppressSmallCounts } from '../domain/suppression.ts';
import { partsFor, queryTotals, type AreaRow } from './queryTotals.ts';
import { loadLevelTargets, loadTargets, type TargetMap } from './targets.ts';

export interface AreaProgress extends AreaRow {
  indicators: Record<string, IndicatorValue>;
  /** Household figures hidden: fewer households than the caller may see. */
  suppressed: boolean;
}

/** An area's progress with each figure ranked among its siblings (GET /api/progress). */
export interface RankedAreaProgress extends AreaRow {
  indicators: Record<string, RankedValue>;
  suppressed: boolean;
}

export interface ProgressQuery {
  level: AreaLevel;
  parent?: string | null;
  code?: string | null;
  /** Only these areas of the level; null or absent: all. */
  codes?: readonly string[] | null;
  /** Only the areas whose parent is one of these; null or absent: all. */
  parents?: readonly string[] | null;
  asOf: string;
  indicators: readonly Indicator[];
  specialty?: number | null;
  /** Suppress household figures of areas with fewer households than this; null: show all. */
  minHouseholds?: number | null;
  /**
   * Targets by year already loaded for these areas or more (a streak's later weeks ask for fewer
   * of the same level's areas): used, and filled, instead of a query per call.
   */
  targetCache?: Map<string, TargetMap>;
}

const yearStart = (asOf: string) => `${asOf.slice(0, 4)}-01-01`;

/** Every area of a level (under a parent) as of a date: each indicator against target and plan. */
export async function areaProgress(db: Queryable, q: ProgressQuery): Promise<AreaProgress[]> {
  return (await areaProgressSeries(db, q, [q.asOf])).get(q.asOf)!;
}

/** `areaProgress` with each figure ranked among the areas of the same parent. */
export async function rankedAreaProgress(db: Queryable, q: ProgressQuery): Promise<RankedAreaProgress[]> {
  return rankWithinParents(await areaProgress(db, q), q.indicators);
}

/**
 * `areaProgress` at several dates, from one totals query (each date's year start included):
 * a streak over many weeks costs one round trip, not one per week.
 */
export async function areaProgressSeries(db: Queryable, q: Omit<ProgressQuery, 'asOf'>, dates: readonly string[]): Promise<Map<string, AreaProgress[]>> {
  const bases = [...new Set(dates.map(yearStart))];
  // Only a share's plan starts from the year's start (evaluateIndicator): counts need no baseline,
  // and a review of one count indicator probes half the totals without it.
  const needsBaseline = q.indicators.some((i) => i.kind === 'share');
  const { areas, totals } = await queryTotals(db, { level: q.level, parent: q.parent, code: q.code, codes: q.codes, parents: q.parents,
    dates: [...new Set([...dates, ...(needsBaseline ? bases : [])])], specialty: q.specialty,
    // Only what the indicators read: one indicator's review skips the project and activity parts it does not use.
    parts: partsFor(totalsUsed(q.indicators)) });
  const targetsByYear = new Map<string, TargetMap>();
  // A few areas (a streak's open ones, a parent's children): their own targets; else every
  // target of the level under the prefix by key range, a superset looked up by code.
  const few = (q.codes || q.parents) && areas.length < 2000;
  const prefix = q.code ?? q.parent ?? '';
  for (const base of bases) {
    const cached = q.targetCache?.get(base.slice(0, 4));
    if (cached) {
      targetsByYear.set(base.slice(0, 4), cached);
      continue;
    }
    const year = Number(base.slice(0, 4));
    // Only the asked indicators' targets: a review of one indicator reads one row per area, not 17.
    const keys = q.indicators.map((i) => i.key);
    const loaded = few ? await loadTargets(db, year, areas.map((a) => a.code), keys) : await loadLevelTargets(db, year, CODE_LENGTH[q.level], prefix, keys);
    targetsByYear.set(base.slice(0, 4), loaded);
    q.targetCache?.set(base.slice(0, 4), loaded);
  }
  const out = new Map<string, AreaProgress[]>();
  for (const asOf of dates) {
    const now = totals.get(asOf)!;
    const start = needsBaseline ? totals.get(yearStart(asOf))! : now;
    const targets = targetsByYear.get(asOf.slice(0, 4))!;
    out.set(asOf, areas.map((a) => {
      const evaluated = evaluateArea(q.level, q.indicators, now.get(a.code)!, start.get(a.code)!, targets.get(a.code), asOf, !!q.specialty);
      const { values, suppressed } = suppressSmallCounts(evaluated, now.get(a.code)!.households, q.minHouseholds ?? null);
      // Named fields, not a spread with fields added: a scale over a province's townships maps
      // 20,000 of these, and the spread's reshaping cost more than the evaluation.
      return { code: a.code, name: a.name, parent: a.parent, indicators: values, suppressed };
    }));
  }
  return out;
}

/** Areas by their parent's code, each list in the given order. */
export function groupByParent<T extends { parent: string | null }>(areas: readonly T[]): Map<string | null, T[]> {
  const out = new Map<string | null, T[]>();
  for (const a of areas) {
    const list = out.get(a.parent);
    if (list) list.push(a);
    else out.set(a.parent, [a]);
  }
  return out;
}

export interface HistoryPoint {
  date: string;
  indicators: Record<string, IndicatorValue>;
}

/** One area's name and its indicators at each date of a series (one area has no siblings here: no rank). */
export async function areaHistory(db: Queryable, q: { code: string; level: AreaLevel; dates: readonly string[]; indicators: readonly Indicator[]; minHouseholds: number | null }): Promise<{ name: string; points: HistoryPoint[] }> {
  const { code, level, dates } = q;
  const years = [...new Set(dates.map((d) => d.slice(0, 4)))];
  const bases = years.map((y) => `${y}-01-01`);
  const { areas, totals } = await queryTotals(db, { level, code, dates: [...dates, ...bases] });
  const targetsByYear = new Map<string, Map<string, number> | undefined>();
  for (const y of years) targetsByYear.set(y, (await loadTargets(db, Number(y), [code])).get(code));
  const points = dates.map((date) => {
    const evaluated = evaluateArea(level, q.indicators, totals.get(date)!.get(code)!, totals.get(yearStart(date))!.get(code)!, targetsByYear.get(date.slice(0, 4)), date);
    return { date, indicators: suppressSmallCounts(evaluated, totals.get(date)!.get(code)!.households, q.minHouseholds).values };
  });
  return { name: areas[0].name, points };
}
