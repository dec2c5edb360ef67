import type { Queryable } from '../db/openDatabase.ts';
import { addDays, phaseOf, type PhaseInfo } from '../domain/campaignCalendar.ts';
import type { IndicatorValue } from '../domain/evaluateIndicator.ts';
import { indicatorByKey } from '../domain/indicators.ts';
import { changeOf } from '../domain/ranking.ts';
import { areaProgress, type AreaProgress } from './areaProgress.ts';
import { childLevel, type AreaLevel } from '../domain/areaCodes.ts';
import type { Summary } from '../domain/responses.ts';

export type { Summary };

export const SUMMARY_KEYS = ['poverty_villages_exited', 'people_lifted', 'households_exited', 'food_clothing', 'education', 'medical', 'housing', 'income_above_line', 'funds_disbursed', 'at_risk'] as const;


/**
 * The root area's headline figures (the configured city or province) and their change since a week
 * earlier, with its children's progress: the wall screen's one call (GET /api/summary).
 */
export async function citySummary(db: Queryable, root: { code: string; level: AreaLevel }, asOf: string, minHouseholds: number | null = null): Promise<Summary> {
  const weekAgo = addDays(asOf, -7);
  const indicators = SUMMARY_KEYS.map((k) => indicatorByKey(k)!);
  const below = childLevel(root.level) ?? root.level;
  const [[city], [cityBefore], counties] = await Promise.all([
    areaProgress(db, { level: root.level, code: root.code, asOf, indicators, minHouseholds }),
    areaProgress(db, { level: root.level, code: root.code, asOf: weekAgo, indicators, minHouseholds }),
    areaProgress(db, { level: below, parent: root.code, asOf, indicators: [indicatorByKey('people_lifted')!], minHouseholds }),
  ]);
  const headline: Summary['headline'] = {};
  for (const k of SUMMARY_KEYS) {
    const v = city.indicators[k];
    headline[k] = { ...v, weekChange: changeOf(v.value, cityBefore.indicators[k].value) };
  }
  const remaining = (a: AreaProgress) => (a.indicators.households_exited.target ?? 0) - (a.indicators.households_exited.value ?? 0);
  return {
    asOf, weekAgo, phase: phaseOf(asOf), city: { code: city.code, name: city.name, level: root.level }, childLevel: below, headline,
    householdsRemaining: { value: remaining(city), weekChange: remaining(city) - remaining(cityBefore) },
    counties: counties.map((c) => ({ code: c.code, name: c.name, people_lifted: c.indicators.people_lifted })),
  };
}
