import type { Queryable } from '../db/openDatabase.ts';
import { addDays, phaseOf, type PhaseInfo } from '../domain/campaignCalendar.ts';
import { evaluateIndicator, type IndicatorValue } from '../domain/evaluateIndicator.ts';
import { appliesAt, CODE_LENGTH, HOUSEHOLD_BASED, indicatorByKey, LEVELS, type AreaLevel, type AreaTotals, type Indicator } from '../domain/indicators.ts';
import { queryTotals, type AreaRow } from './queryTotals.ts';

export interface RankedValue extends IndicatorValue {
  /** 1 = furthest ahead of plan among the areas with the same parent. */
  rank: number | null;
}

export interface AreaProgress extends AreaRow {
  indicators: Record<string, RankedValue>;
  /** Household figures hidden: fewer households than the public may see. */
  suppressed: boolean;
}

/**
 * Hides the household figures of an area with fewer than `min` households, so that no family can
 * be picked out of a public aggregate. Null `min`: the caller may see everything.
 */
function suppress(values: Record<string, RankedValue>, households: number, min: number | null): boolean {
  if (min === null || households >= min || households === 0) return false;
  for (const key of Object.keys(values)) {
    if (HOUSEHOLD_BASED.has(key)) values[key] = { key, value: null, target: null, planned: null, lag: null, lagShare: null, status: null, rank: null };
  }
  return true;
}

type TargetMap = Map<string, Map<string, number>>;

async function loadTargets(db: Queryable, year: number, codes: string[]): Promise<TargetMap> {
  const rows = await db.query<{ area_code: string; indicator: string; value: number }>(
    'SELECT area_code, indicator, value FROM targets WHERE year = $1 AND area_code = ANY($2::text[])', [year, codes]);
  const out: TargetMap = new Map();
  for (const r of rows) {
    if (!out.has(r.area_code)) out.set(r.area_code, new Map());
    out.get(r.area_code)!.set(r.indicator, Number(r.value));
  }
  return out;
}

/** Codes are digits: plain comparison, not the (slow) locale-aware one. */
export const compareCodes = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

const yearStart = (asOf: string) => `${asOf.slice(0, 4)}-01-01`;

/** `specialty`: project figures are of one specialty, so the stored all-project targets do not apply. */
function evaluateArea(level: AreaLevel, indicators: readonly Indicator[], totals: AreaTotals, baseline: AreaTotals, targets: Map<string, number> | undefined, asOf: string, specialty = false): Record<string, RankedValue> {
  const out: Record<string, RankedValue> = {};
  for (const ind of indicators) {
    if (!appliesAt(ind, level)) {
      out[ind.key] = { key: ind.key, value: null, target: null, planned: null, lag: null, lagShare: null, status: null, rank: null };
      continue;
    }
    const stored = specialty && ind.projects ? null : targets?.get(ind.key) ?? null;
    const value = evaluateIndicator(ind, totals, baseline, stored, asOf) as RankedValue;
    value.rank = null;
    out[ind.key] = value;
  }
  return out;
}

/** Ranks, within each parent, by how far ahead of plan (lagShare), best first; ties by code. */
function rank(areas: AreaProgress[], keys: string[]): void {
  const groups = new Map<string, AreaProgress[]>();
  for (const a of areas) {
    const g = a.parent ?? '';
    if (!groups.has(g)) groups.set(g, []);
    groups.get(g)!.push(a);
  }
  for (const key of keys) {
    const sign = indicatorByKey(key)!.higherIsBetter ? 1 : -1;
    for (const group of groups.values()) {
      const scored: [number, string, RankedValue][] = [];
      for (const a of group) {
        const v = a.indicators[key];
        if (v.lagShare !== null) scored.push([v.lagShare, a.code, v]);
      }
      scored.sort((x, y) => sign * (y[0] - x[0]) || compareCodes(x[1], y[1]));
      for (let i = 0; i < scored.length; i++) scored[i][2].rank = i + 1;
    }
  }
}

export interface ProgressQuery {
  level: AreaLevel;
  parent?: string | null;
  code?: string | null;
  asOf: string;
  indicators: readonly Indicator[];
  specialty?: number | null;
  /** Suppress household figures of areas with fewer households than this; null: show all. */
  minHouseholds?: number | null;
}

/** Every area of a level (under a parent) as of a date: each indicator against target and plan. */
export async function areaProgress(db: Queryable, q: ProgressQuery): Promise<AreaProgress[]> {
  return (await areaProgressSeries(db, q, [q.asOf])).get(q.asOf)!;
}

/**
 * `areaProgress` at several dates, from one totals query (each date's year start included):
 * a streak over many weeks costs one round trip, not one per week.
 */
export async function areaProgressSeries(db: Queryable, q: Omit<ProgressQuery, 'asOf'>, dates: readonly string[]): Promise<Map<string, AreaProgress[]>> {
  const bases = [...new Set(dates.map(yearStart))];
  const { areas, totals } = await queryTotals(db, { level: q.level, parent: q.parent, code: q.code, dates: [...new Set([...dates, ...bases])], specialty: q.specialty });
  const targetsByYear = new Map<string, TargetMap>();
  for (const base of bases) targetsByYear.set(base.slice(0, 4), await loadTargets(db, Number(base.slice(0, 4)), areas.map((a) => a.code)));
  const out = new Map<string, AreaProgress[]>();
  for (const asOf of dates) {
    const now = totals.get(asOf)!;
    const start = totals.get(yearStart(asOf))!;
    const targets = targetsByYear.get(asOf.slice(0, 4))!;
    const result: AreaProgress[] = areas.map((a) => {
      const indicators = evaluateArea(q.level, q.indicators, now.get(a.code)!, start.get(a.code)!, targets.get(a.code), asOf, !!q.specialty);
      return { ...a, indicators, suppressed: suppress(indicators, now.get(a.code)!.households, q.minHouseholds ?? null) };
    });
    rank(result, q.indicators.map((i) => i.key));
    out.set(asOf, result);
  }
  return out;
}

export interface HistoryPoint {
  date: string;
  indicators: Record<string, IndicatorValue>;
}

/** One area's indicators at each date of a series. */
export async function areaHistory(db: Queryable, code: string, level: AreaLevel, dates: string[], indicators: readonly Indicator[], minHouseholds: number | null = null): Promise<HistoryPoint[]> {
  const years = [...new Set(dates.map((d) => d.slice(0, 4)))];
  const bases = years.map((y) => `${y}-01-01`);
  const { totals } = await queryTotals(db, { level, code, dates: [...dates, ...bases] });
  const targetsByYear = new Map<string, Map<string, number> | undefined>();
  for (const y of years) targetsByYear.set(y, (await loadTargets(db, Number(y), [code])).get(code));
  return dates.map((date) => {
    const values = evaluateArea(level, indicators, totals.get(date)!.get(code)!, totals.get(yearStart(date))!.get(code)!, targetsByYear.get(date.slice(0, 4)), date);
    suppress(values, totals.get(date)!.get(code)!.households, minHouseholds);
    // One area has no siblings here: no rank.
    for (const v of Object.values(values)) delete (v as Partial<RankedValue>).rank;
    return { date, indicators: values };
  });
}

export interface LaggingArea {
  code: string;
  name: string;
  parent: string | null;
  value: IndicatorValue;
  /** Change since a week earlier: value and lagShare. */
  weekChange: { value: number | null; lagShare: number | null };
  /** The children that lag most, with their lag. */
  contributors: { code: string; name: string; lag: number | null; lagShare: number | null; status: IndicatorValue['status'] }[];
}

/** A week's change of a figure, to 4 decimals; null when either end has none. */
export const changeOf = (now: number | null, before: number | null | undefined): number | null =>
  (now === null || before === null || before === undefined ? null : Math.round((now - before) * 10000) / 10000);

export type Contributor = LaggingArea['contributors'][number];

/** The children of `parent` furthest behind plan on an indicator (by lag, worst first): why the parent lags. */
export function worstChildren(children: readonly AreaProgress[], parent: string, indicator: Indicator, n = 3): Contributor[] {
  const key = indicator.key;
  const sign = indicator.higherIsBetter ? 1 : -1;
  return children
    .filter((c) => c.parent === parent && (c.indicators[key].lag ?? 0) * sign < 0)
    .sort((x, y) => sign * (x.indicators[key].lag! - y.indicators[key].lag!) || compareCodes(x.code, y.code))
    .slice(0, n)
    .map((c) => ({ code: c.code, name: c.name, lag: c.indicators[key].lag, lagShare: c.indicators[key].lagShare, status: c.indicators[key].status }));
}

/** Areas of a level ranked by how far behind plan they are on one indicator, worst first. */
export async function laggingAreas(db: Queryable, q: { level: AreaLevel; asOf: string; limit: number; indicator: Indicator; parent?: string | null; minHouseholds?: number | null }): Promise<LaggingArea[]> {
  const weekAgo = addDays(q.asOf, -7);
  const min = q.minHouseholds ?? null;
  const [now, before] = await Promise.all([
    areaProgress(db, { level: q.level, parent: q.parent, asOf: q.asOf, indicators: [q.indicator], minHouseholds: min }),
    areaProgress(db, { level: q.level, parent: q.parent, asOf: weekAgo, indicators: [q.indicator], minHouseholds: min }),
  ]);
  const key = q.indicator.key;
  const sign = q.indicator.higherIsBetter ? 1 : -1;
  const ranked = now.filter((a) => a.indicators[key].lagShare !== null)
    .sort((a, b) => sign * (a.indicators[key].lagShare! - b.indicators[key].lagShare!) || compareCodes(a.code, b.code))
    .slice(0, q.limit);
  const childLevel = LEVELS[LEVELS.indexOf(q.level) + 1] as AreaLevel | undefined;
  const children = childLevel && appliesAt(q.indicator, childLevel)
    ? await areaProgress(db, { level: childLevel, parent: q.parent, asOf: q.asOf, indicators: [q.indicator], minHouseholds: min })
    : [];
  const beforeByCode = new Map(before.map((a) => [a.code, a.indicators[key]]));
  return ranked.map((a) => {
    const v = a.indicators[key];
    const prev = beforeByCode.get(a.code);
    const contributors = worstChildren(children, a.code, q.indicator);
    const { rank: _rank, ...value } = v;
    return { code: a.code, name: a.name, parent: a.parent, value, weekChange: { value: changeOf(v.value, prev?.value), lagShare: changeOf(v.lagShare, prev?.lagShare) }, contributors };
  });
}

export const SUMMARY_KEYS = ['poverty_villages_exited', 'people_lifted', 'households_exited', 'food_clothing', 'education', 'medical', 'housing', 'income_above_line', 'funds_disbursed', 'at_risk'] as const;

export interface Summary {
  asOf: string;
  weekAgo: string;
  phase: PhaseInfo;
  city: { code: string; name: string };
  headline: Record<string, IndicatorValue & { weekChange: number | null }>;
  householdsRemaining: { value: number; weekChange: number };
  counties: { code: string; name: string; people_lifted: IndicatorValue }[];
}

/** The city's headline figures and their change since a week earlier: the wall screen's one call. */
export async function citySummary(db: Queryable, asOf: string, minHouseholds: number | null = null): Promise<Summary> {
  const weekAgo = addDays(asOf, -7);
  const indicators = SUMMARY_KEYS.map((k) => indicatorByKey(k)!);
  const [[city], [cityBefore], counties] = await Promise.all([
    areaProgress(db, { level: 'city', asOf, indicators, minHouseholds }),
    areaProgress(db, { level: 'city', asOf: weekAgo, indicators, minHouseholds }),
    areaProgress(db, { level: 'county', asOf, indicators: [indicatorByKey('people_lifted')!], minHouseholds }),
  ]);
  const headline: Summary['headline'] = {};
  for (const k of SUMMARY_KEYS) {
    const { rank: _r, ...v } = city.indicators[k];
    const prev = cityBefore.indicators[k].value;
    headline[k] = { ...v, weekChange: v.value === null || prev === null ? null : Math.round((v.value - prev) * 10000) / 10000 };
  }
  const remaining = (a: AreaProgress) => (a.indicators.households_exited.target ?? 0) - (a.indicators.households_exited.value ?? 0);
  return {
    asOf, weekAgo, phase: phaseOf(asOf), city: { code: city.code, name: city.name }, headline,
    householdsRemaining: { value: remaining(city), weekChange: remaining(city) - remaining(cityBefore) },
    counties: counties.map((c) => {
      const { rank: _r, ...v } = c.indicators.people_lifted;
      return { code: c.code, name: c.name, people_lifted: v };
    }),
  };
}

