import type { Queryable } from '../db/openDatabase.ts';
import { addDays } from '../domain/campaignCalendar.ts';
import type { IndicatorValue } from '../domain/evaluateIndicator.ts';
import { childLevel, type AreaLevel } from '../domain/areaCodes.ts';
import { appliesAt, type Indicator } from '../domain/indicators.ts';
import { changeOf, orderByLag, worstChildren } from '../domain/ranking.ts';
import { weeksBehind } from '../domain/weeksBehind.ts';
import { isBehind } from '../domain/progressStatus.ts';
import { areaProgress, areaProgressSeries, groupByParent } from './areaProgress.ts';
import type { TargetMap } from './targets.ts';
import type { ReviewArea } from '../domain/responses.ts';

export type { ReviewArea };


/** Weeks fetched in one totals query: most streaks end within the first batch. */
const CHUNK = 8;

/**
 * The weekly meeting's table: the areas of a level ranked by lag against plan on one indicator,
 * worst first, with the change since the previous week and how long each has been behind.
 * The streak looks back at most `maxWeeks` weeks, and stops early once no area is still behind.
 */
export async function reviewWeek(db: Queryable, q: { week: string; level: AreaLevel; parent: string | null; indicator: Indicator; specialty?: number | null; minHouseholds: number | null; maxWeeks?: number }): Promise<{ previousWeek: string; areas: ReviewArea[] }> {
  const key = q.indicator.key;
  const maxWeeks = q.maxWeeks ?? 26;
  const query = { level: q.level, parent: q.parent, indicators: [q.indicator], specialty: q.specialty ?? null, minHouseholds: q.minHouseholds };
  // The first query loads the level's targets; the streak's weeks reuse them (the children, a level below, do not).
  const targetCache = new Map<string, TargetMap>();
  const weekAt = (w: number) => addDays(q.week, -7 * w);
  // This week and the one before in one query; then CHUNK weeks at a time while some area is still behind.
  let series = await areaProgressSeries(db, { ...query, targetCache }, [weekAt(0), weekAt(1)]);
  const now = series.get(q.week)!;
  const before = series.get(weekAt(1)) ?? [];
  const previousWeek = weekAt(1);
  const history = new Map(now.map((a) => [a.code, [a.indicators[key].status]]));
  const behind = now.filter((a) => isBehind(a.indicators[key].status));
  let open = behind.map((a) => a.code);
  // The children of the areas behind depend on this week only: fetched while the streak looks back.
  const below = childLevel(q.level);
  const childrenComing = below && appliesAt(q.indicator, below) && behind.length > 0
    ? areaProgress(db, { ...query, level: below, parents: behind.map((a) => a.code), asOf: q.week })
    : Promise.resolve([]);
  // Settled below; a failure here must not go unhandled while the streak's queries run.
  childrenComing.catch(() => {});
  for (let w = 1; w <= maxWeeks; w++) {
    if (w > 1 && open.length === 0) break;
    if (!series.has(weekAt(w))) {
      // Only the areas still behind: a streak ends at the first week on plan, so the others'
      // older weeks cannot change their count (at village level most areas are out by now).
      series = await areaProgressSeries(db, { ...query, codes: open, targetCache }, Array.from({ length: Math.min(CHUNK, maxWeeks - w + 1) }, (_, i) => weekAt(w + i)));
    }
    for (const r of series.get(weekAt(w))!) history.get(r.code)?.push(r.indicators[key].status);
    // Still open: behind in every week so far, this one included.
    open = open.filter((c) => isBehind(history.get(c)!.at(-1) ?? null));
  }
  const children = await childrenComing;
  // Each area's own children, grouped once: filtering every child for every area behind is
  // quadratic (1,500 townships × 26,000 villages at province scale).
  const byParent = groupByParent(children);
  const worst = new Map(behind.map((a) => [a.code, worstChildren(byParent.get(a.code) ?? [], a.code, q.indicator)]));
  // Village names are long (…村民委员会): the short names keep the table readable.
  const partCodes = [...worst.values()].flat().map((p) => p.code);
  const short = new Map((partCodes.length ? await db.query<{ code: string; short_name: string }>('SELECT code, short_name FROM areas WHERE code = ANY($1::text[])', [partCodes]) : [])
    .map((r) => [r.code, r.short_name || '']));
  const prev = new Map(before.map((a) => [a.code, a.indicators[key]]));
  // The one ranking rule: worst first by lag, small units after, areas without a lag last.
  const areas = orderByLag(now, q.indicator).map(({ area: a, small }) => {
    const value = a.indicators[key];
    const p = prev.get(a.code);
    return { code: a.code, name: a.name, parent: a.parent, value, change: { value: changeOf(value.value, p?.value), lagShare: changeOf(value.lagShare, p?.lagShare) }, weeksBehind: weeksBehind(history.get(a.code)!),
      smallUnit: small, worstParts: (worst.get(a.code) ?? []).map((p) => Object.assign({}, p, { shortName: short.get(p.code) || p.name })) };
  });
  return { previousWeek, areas };
}
