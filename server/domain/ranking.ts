import type { IndicatorValue } from './evaluateIndicator.ts';
import type { Indicator } from './indicators.ts';

/** Codes are digits: plain comparison, not the (slow) locale-aware one. */
export const compareCodes = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** A week's change of a figure, to 4 decimals; null when either end has none. */
export const changeOf = (now: number | null, before: number | null | undefined): number | null =>
  (now === null || before === null || before === undefined ? null : Math.round((now - before) * 10000) / 10000);

export interface RankedValue extends IndicatorValue {
  /** 1 = furthest ahead of plan among the areas with the same parent; null: no lag to rank by. */
  rank: number | null;
}

/** What ranking needs of an area: its code, its parent and its figures. */
export interface Rankable {
  code: string;
  parent: string | null;
  indicators: Readonly<Record<string, IndicatorValue>>;
}

type RankOf = Pick<Indicator, 'key' | 'higherIsBetter'>;

/**
 * Ranks, within each parent, by how far ahead of plan (lagShare), best first; ties by code. Every
 * figure of every area gets a rank, null where it has no lagShare. Returns new areas.
 */
export function rankWithinParents<A extends Rankable>(areas: readonly A[], indicators: readonly RankOf[]): (Omit<A, 'indicators'> & { indicators: Record<string, RankedValue> })[] {
  const groups = new Map<string, number[]>();
  areas.forEach((a, i) => {
    const g = a.parent ?? '';
    if (!groups.has(g)) groups.set(g, []);
    groups.get(g)!.push(i);
  });
  const ranks = areas.map(() => new Map<string, number>());
  for (const { key, higherIsBetter } of indicators) {
    const sign = higherIsBetter ? 1 : -1;
    for (const group of groups.values()) {
      const scored = group.filter((i) => (areas[i].indicators[key]?.lagShare ?? null) !== null)
        .sort((x, y) => sign * (areas[y].indicators[key].lagShare! - areas[x].indicators[key].lagShare!) || compareCodes(areas[x].code, areas[y].code));
      scored.forEach((i, r) => ranks[i].set(key, r + 1));
    }
  }
  return areas.map((a, i) => ({
    ...a,
    indicators: Object.fromEntries(Object.entries(a.indicators).map(([k, v]) => [k, { ...v, rank: ranks[i].get(k) ?? null }])),
  }));
}

/** The areas with a lag on one indicator, furthest behind plan (by lagShare) first; ties by code. */
export function furthestBehind<A extends Rankable>(areas: readonly A[], indicator: RankOf, limit = Infinity): A[] {
  const key = indicator.key;
  const sign = indicator.higherIsBetter ? 1 : -1;
  return areas.filter((a) => a.indicators[key].lagShare !== null)
    .sort((a, b) => sign * (a.indicators[key].lagShare! - b.indicators[key].lagShare!) || compareCodes(a.code, b.code))
    .slice(0, limit);
}

export interface Contributor {
  code: string;
  name: string;
  lag: number | null;
  lagShare: number | null;
  status: IndicatorValue['status'];
}

/** The children of `parent` furthest behind plan on an indicator (by lag, worst first): why the parent lags. */
export function worstChildren(children: readonly (Rankable & { name: string })[], parent: string, indicator: RankOf, n = 3): Contributor[] {
  const key = indicator.key;
  const sign = indicator.higherIsBetter ? 1 : -1;
  return children
    .filter((c) => c.parent === parent && (c.indicators[key].lag ?? 0) * sign < 0)
    .sort((x, y) => sign * (x.indicators[key].lag! - y.indicators[key].lag!) || compareCodes(x.code, y.code))
    .slice(0, n)
    .map((c) => ({ code: c.code, name: c.name, lag: c.indicators[key].lag, lagShare: c.indicators[key].lagShare, status: c.indicators[key].status }));
}
