import type { Queryable } from '../db/openDatabase.ts';
import { HOUSEHOLD_CHANGE_KEYS, periodChange, sumTotals, type PeriodChange } from '../domain/periodChange.ts';
import { CODE_LENGTH, type AreaLevel } from '../domain/areaCodes.ts';
import type { AreaTotals } from '../domain/indicators.ts';
import { queryTotals } from './queryTotals.ts';
import { riskMoves } from './riskMoves.ts';
import type { ChangeFigures, ChangeArea } from '../domain/responses.ts';

export type { ChangeFigures, ChangeArea };



const NO_MOVES = { newAtRisk: 0, atRiskCleared: 0 };

function hide(c: PeriodChange, households: number, min: number | null): ChangeFigures {
  if (min === null || households === 0 || households >= min) return c;
  const out: ChangeFigures = { ...c };
  for (const k of HOUSEHOLD_CHANGE_KEYS) out[k] = null;
  return out;
}

/**
 * What changed between two weeks in every area of a level (under a parent): exits, households
 * newly at risk, projects completed, funds disbursed. `specialty` restricts the project figures.
 */
export async function reviewChanges(db: Queryable, q: { from: string; to: string; level: AreaLevel; parent: string | null; specialty: number | null; minHouseholds: number | null }): Promise<{ total: ChangeFigures; areas: ChangeArea[] }> {
  const [{ areas, totals }, moves] = await Promise.all([
    queryTotals(db, { level: q.level, parent: q.parent, dates: [q.from, q.to], specialty: q.specialty }),
    riskMoves(db, { from: q.from, to: q.to, length: CODE_LENGTH[q.level], prefix: q.parent ?? '' }),
  ]);
  const start = totals.get(q.from)!, end = totals.get(q.to)!;
  const out = areas.map((a) => {
    const change = periodChange(start.get(a.code)!, end.get(a.code)!, moves.get(a.code) ?? NO_MOVES);
    return Object.assign({}, a, { change: hide(change, end.get(a.code)!.households, q.minHouseholds) });
  });
  const all = (m: Map<string, AreaTotals>) => sumTotals(areas.map((a) => m.get(a.code)!));
  const risks = { newAtRisk: 0, atRiskCleared: 0 };
  for (const a of areas) {
    const m = moves.get(a.code);
    if (m) (risks.newAtRisk += m.newAtRisk), (risks.atRiskCleared += m.atRiskCleared);
  }
  const endAll = all(end);
  return { total: hide(periodChange(all(start), endAll, risks), endAll.households, q.minHouseholds), areas: out };
}
