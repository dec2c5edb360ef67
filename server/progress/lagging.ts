import type { Queryable } from '../db/openDatabase.ts';
import { childLevel, type AreaLevel } from '../domain/areaCodes.ts';
import { addDays } from '../domain/campaignCalendar.ts';
import type { IndicatorValue } from '../domain/evaluateIndicator.ts';
import { appliesAt, type Indicator } from '../domain/indicators.ts';
import { changeOf, furthestBehind, worstChildren } from '../domain/ranking.ts';
import { areaProgress, groupByParent } from './areaProgress.ts';
import type { LaggingArea } from '../domain/responses.ts';

export type { LaggingArea };


/** Areas of a level in ranking order on one indicator (the one rule, worst first, small units after; GET /api/lagging). */
export async function laggingAreas(db: Queryable, q: { level: AreaLevel; asOf: string; limit: number; indicator: Indicator; parent?: string | null; minHouseholds?: number | null }): Promise<LaggingArea[]> {
  const weekAgo = addDays(q.asOf, -7);
  const min = q.minHouseholds ?? null;
  const [now, before] = await Promise.all([
    areaProgress(db, { level: q.level, parent: q.parent, asOf: q.asOf, indicators: [q.indicator], minHouseholds: min }),
    areaProgress(db, { level: q.level, parent: q.parent, asOf: weekAgo, indicators: [q.indicator], minHouseholds: min }),
  ]);
  const key = q.indicator.key;
  const ranked = furthestBehind(now, q.indicator, q.limit);
  const below = childLevel(q.level);
  const children = below && appliesAt(q.indicator, below)
    // Only the children of the areas listed: the others' are never shown.
    ? await areaProgress(db, { level: below, parent: q.parent, parents: ranked.map((r) => r.area.code), asOf: q.asOf, indicators: [q.indicator], minHouseholds: min })
    : [];
  const byParent = groupByParent(children);
  const beforeByCode = new Map(before.map((a) => [a.code, a.indicators[key]]));
  return ranked.map(({ area: a, small }) => {
    const value = a.indicators[key];
    const prev = beforeByCode.get(a.code);
    return { code: a.code, name: a.name, parent: a.parent, value, weekChange: { value: changeOf(value.value, prev?.value), lagShare: changeOf(value.lagShare, prev?.lagShare) }, smallUnit: small, contributors: worstChildren(byParent.get(a.code) ?? [], a.code, q.indicator) };
  });
}
