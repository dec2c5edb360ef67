import type { Queryable } from '../db/openDatabase.ts';
import type { AreaLevel } from '../domain/areaCodes.ts';
import { seriesDates } from '../domain/campaignCalendar.ts';
import type { Indicator } from '../domain/indicators.ts';
import { valueBreaks, valueShare, type ValueMethod } from '../domain/legend.ts';
import { areaProgressSeries } from './areaProgress.ts';

/**
 * Value-mode class breaks for one indicator at one level, from every area's value at each month's
 * end of the year up to `to`: one scale for the whole period, so that playback keeps it and a
 * colour changes only when the value does (GET /api/progress/scale).
 */
export async function valueScale(db: Queryable, q: { level: AreaLevel; parent: string | null; indicator: Indicator; method: Exclude<ValueMethod, 'fixed'>; to: string; specialty?: number | null; minHouseholds: number | null }): Promise<{ dates: string[]; breaks: number[]; min: number | null; max: number | null }> {
  const dates = seriesDates(`${q.to.slice(0, 4)}-01-01`, q.to, 'month');
  const series = await areaProgressSeries(db, { level: q.level, parent: q.parent, indicators: [q.indicator], specialty: q.specialty ?? null, minHouseholds: q.minHouseholds }, dates);
  const values: number[] = [];
  for (const areas of series.values()) {
    for (const a of areas) {
      const v = a.suppressed ? null : valueShare(a.indicators[q.indicator.key], q.indicator.kind);
      if (v !== null && Number.isFinite(v)) values.push(v);
    }
  }
  const r4 = (x: number) => Math.round(x * 10000) / 10000;
  return { dates, breaks: valueBreaks(values, q.method), min: values.length ? r4(Math.min(...values)) : null, max: values.length ? r4(Math.max(...values)) : null };
}
