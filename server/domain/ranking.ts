import type { IndicatorValue } from './evaluateIndicator.ts';
import type { Indicator } from './indicators.ts';

/** Codes are digits: plain comparison, not the (slow) locale-aware one. */
export const compareCodes = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** A week's change of a figure, to 4 decimals; null when either end has none. */
export const changeOf = (now: number | null, before: number | null | undefined): number | null =>
  (now === null || before === null || before === undefined ? null : Math.round((now - before) * 10000) / 10000);

export interface RankedValue extends IndicatorValue {
  /** 1 = furthest ahead of plan among the areas with the same parent; null: no lag, or a small unit (ranked apart). */
  rank: number | null;
}

/** What ranking needs of an area: its code, its parent and its figures. */
export interface Rankable {
  code: string;
  parent: string | null;
  indicators: Readonly<Record<string, IndicatorValue>>;
}

type RankOf = Pick<Indicator, 'key' | 'higherIsBetter' | 'unit' | 'projects'>;

/**
 * Below these sizes an area is a small unit: a target of fewer people or households, or a share
 * of fewer households. A unit of 11 people that has lifted none is 100 % behind, yet it is not
 * where the campaign is lost; small units are ranked apart, after the others, never first.
 * Villages, projects, training and job fairs have no floor: one village is a real target.
 */
export const SMALL_UNIT_FLOOR: Readonly<Partial<Record<Indicator['unit'], number>>> = { people: 20, households: 5, share: 5 };

/** Whether an area's figure is too small to rank among the others (see SMALL_UNIT_FLOOR). */
export function isSmallUnit(value: IndicatorValue, indicator: RankOf): boolean {
  const floor = SMALL_UNIT_FLOOR[indicator.unit];
  if (floor === undefined) return false;
  // A share's size is the households it counts; project funds (yuan) have no floor.
  const size = indicator.unit === 'share' ? (indicator.projects ? null : value.denominator ?? null) : value.target;
  return size !== null && size < floor;
}

/**
 * The one ranking rule, worst first: by lag in the indicator's own unit (people, households,
 * villages, share points…), ties by lag share, then by code. A number of people behind says
 * where the work is; a share alone would put the smallest units first.
 */
export function compareByLag(indicator: RankOf, bestFirst = false): (a: Rankable, b: Rankable) => number {
  const key = indicator.key;
  const sign = (indicator.higherIsBetter ? 1 : -1) * (bestFirst ? -1 : 1);
  return (a, b) => sign * (a.indicators[key].lag! - b.indicators[key].lag!) || sign * (a.indicators[key].lagShare! - b.indicators[key].lagShare!) || compareCodes(a.code, b.code);
}

/** Has a lag to rank by. */
const hasLag = (a: Rankable, key: string) => a.indicators[key]?.lag != null && a.indicators[key].lagShare !== null;

/**
 * Areas in ranking order, worst first: those with a lag by the rule, then the small units by the
 * same rule, then those without a lag (no plan, no data, hidden) by code. `small` says which are
 * small units, for the lists that show them apart.
 */
export function orderByLag<A extends Rankable>(areas: readonly A[], indicator: RankOf): { area: A; small: boolean }[] {
  const key = indicator.key;
  const cmp = compareByLag(indicator);
  const normal: A[] = [];
  const small: A[] = [];
  const rest: A[] = [];
  // One pass: a province has 25,000 villages, so no per-area search of another list.
  for (const a of areas) (!hasLag(a, key) ? rest : isSmallUnit(a.indicators[key], indicator) ? small : normal).push(a);
  normal.sort(cmp);
  small.sort(cmp);
  rest.sort((x, y) => compareCodes(x.code, y.code));
  return [...normal.map((area) => ({ area, small: false })), ...small.map((area) => ({ area, small: true })), ...rest.map((area) => ({ area, small: false }))];
}

/**
 * Ranks within each parent by the ranking rule, best first (1 = furthest ahead of plan). Small
 * units and areas without a lag get rank null. Returns new areas.
 */
export function rankWithinParents<A extends Rankable>(areas: readonly A[], indicators: readonly RankOf[]): (Omit<A, 'indicators'> & { indicators: Record<string, RankedValue> })[] {
  // Indices in the groups and one rank array per indicator: a county's villages × 17 indicators
  // are ten thousand figures.
  const groups = new Map<string, number[]>();
  areas.forEach((a, i) => {
    const g = a.parent ?? '';
    const list = groups.get(g);
    if (list) list.push(i);
    else groups.set(g, [i]);
  });
  const rankByKey = new Map<string, (number | null)[]>();
  for (const indicator of indicators) {
    const key = indicator.key;
    const ranks = new Array<number | null>(areas.length).fill(null);
    const cmp = compareByLag(indicator, true);
    for (const group of groups.values()) {
      const ranked = group.filter((i) => hasLag(areas[i], key) && !isSmallUnit(areas[i].indicators[key], indicator));
      ranked.sort((x, y) => cmp(areas[x], areas[y]));
      ranked.forEach((i, r) => (ranks[i] = r + 1));
    }
    rankByKey.set(key, ranks);
  }
  return areas.map((a, i) => {
    const out: Record<string, RankedValue> = {};
    for (const key in a.indicators) {
      // Object.assign, then the one new field: a spread with an added field was 5× slower here.
      const v = Object.assign({}, a.indicators[key]) as RankedValue;
      v.rank = rankByKey.get(key)?.[i] ?? null;
      out[key] = v;
    }
    return { ...a, indicators: out };
  });
}

/** The areas with a lag on one indicator in ranking order (worst first, small units after), each with its small-unit flag. */
export function furthestBehind<A extends Rankable>(areas: readonly A[], indicator: RankOf, limit = Infinity): { area: A; small: boolean }[] {
  return orderByLag(areas, indicator).filter((o) => hasLag(o.area, indicator.key)).slice(0, limit);
}

export interface Contributor {
  code: string;
  name: string;
  value: number | null;
  target: number | null;
  planned: number | null;
  lag: number | null;
  lagShare: number | null;
  status: IndicatorValue['status'];
  /** A small unit (see SMALL_UNIT_FLOOR): listed after the others. */
  smallUnit: boolean;
}

/** The children of `parent` behind plan on an indicator, in ranking order (worst first): why the parent lags. */
export function worstChildren(children: readonly (Rankable & { name: string })[], parent: string, indicator: RankOf, n = 3): Contributor[] {
  const key = indicator.key;
  const sign = indicator.higherIsBetter ? 1 : -1;
  return orderByLag(children.filter((c) => c.parent === parent && (c.indicators[key].lag ?? 0) * sign < 0), indicator)
    .slice(0, n)
    .map(({ area: c, small }) => {
      const v = c.indicators[key];
      return { code: c.code, name: c.name, value: v.value, target: v.target, planned: v.planned, lag: v.lag, lagShare: v.lagShare, status: v.status, smallUnit: small };
    });
}
