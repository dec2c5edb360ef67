import type { Queryable } from '../db/openDatabase.ts';
import { EXIT_RISK, rankExits, SIGNAL_POINTS, type RiskBand } from '../domain/exitRisk.ts';
import type { ExitRiskReport } from '../domain/responses.ts';
import { gatherExitEvidence } from './exitEvidence.ts';

/** Every exit inside `area` up to `asOf`, scored; the `limit` riskiest listed, highest first. */
export async function exitRiskReport(db: Queryable, area: string, asOf: string, limit: number, band?: RiskBand): Promise<ExitRiskReport> {
  const evidence = await gatherExitEvidence(db, area, asOf);
  const byId = new Map(evidence.map((e) => [`${e.householdId} ${e.exitDate}`, e]));
  const risks = rankExits(evidence);
  const bands: Record<RiskBand, number> = { low: 0, medium: 0, high: 0 };
  for (const r of risks) bands[r.band] += 1;
  const ranked = risks.filter((r) => !band || r.band === band).slice(0, limit).map((r) => {
    const e = byId.get(`${r.householdId} ${r.exitDate}`)!;
    return {
      householdId: e.householdId, villageCode: e.villageCode, exitDate: e.exitDate, enteredAt: e.enteredAt, actor: e.actor,
      incomeBefore: e.incomeBefore, incomeAtExit: e.incomeAtExit, score: r.score, band: r.band, signals: r.signals,
    };
  });
  return { area, asOf, exits: evidence.length, bands, rules: { thresholds: EXIT_RISK, points: SIGNAL_POINTS }, ranked };
}
