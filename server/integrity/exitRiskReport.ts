import type { Queryable } from '../db/openDatabase.ts';
import { dataVersion } from '../audit/auditQueries.ts';
import { EXIT_RISK, rankExits, SIGNAL_POINTS, type RiskBand } from '../domain/exitRisk.ts';
import type { ExitRiskReport } from '../domain/responses.ts';
import { gatherExitEvidence } from './exitEvidence.ts';

type RankedExit = ExitRiskReport['ranked'][number];
interface Scored { version: string; exits: number; bands: Record<RiskBand, number>; ranked: RankedExit[] }

/**
 * Scored exits by database, area and date, kept while the data version holds: scoring weighs
 * every exit of the area against the others (bunching), a city's 36,000 exits take a second to
 * gather, and inspectors page and filter the same report many times between two edits.
 */
const kept = new WeakMap<Queryable, Map<string, Scored>>();
const KEPT_REPORTS = 8;

async function scoredExits(db: Queryable, area: string, asOf: string): Promise<Scored> {
  const version = await dataVersion(db);
  const key = `${area} ${asOf}`;
  let byKey = kept.get(db);
  if (!byKey) kept.set(db, (byKey = new Map()));
  const hit = byKey.get(key);
  if (hit?.version === version) return hit;
  const evidence = await gatherExitEvidence(db, area, asOf);
  const byId = new Map(evidence.map((e) => [`${e.householdId} ${e.exitDate}`, e]));
  const bands: Record<RiskBand, number> = { low: 0, medium: 0, high: 0 };
  const ranked = rankExits(evidence).map((r): RankedExit => {
    bands[r.band] += 1;
    const e = byId.get(`${r.householdId} ${r.exitDate}`)!;
    return {
      householdId: e.householdId, villageCode: e.villageCode, exitDate: e.exitDate, enteredAt: e.enteredAt, actor: e.actor,
      incomeBefore: e.incomeBefore, incomeAtExit: e.incomeAtExit, score: r.score, band: r.band, signals: r.signals,
    };
  });
  const scored = { version, exits: evidence.length, bands, ranked };
  byKey.delete(key);
  byKey.set(key, scored);
  // The oldest kept report goes first (a Map iterates in insertion order).
  if (byKey.size > KEPT_REPORTS) byKey.delete(byKey.keys().next().value!);
  return scored;
}

/** Every exit inside `area` up to `asOf`, scored; the `limit` riskiest listed, highest first. */
export async function exitRiskReport(db: Queryable, area: string, asOf: string, limit: number, band?: RiskBand): Promise<ExitRiskReport> {
  const { exits, bands, ranked } = await scoredExits(db, area, asOf);
  return {
    area, asOf, exits, bands: { ...bands }, rules: { thresholds: EXIT_RISK, points: SIGNAL_POINTS },
    ranked: (band ? ranked.filter((r) => r.band === band) : ranked).slice(0, limit),
  };
}
