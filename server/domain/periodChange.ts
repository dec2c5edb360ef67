import type { AreaTotals } from './indicators.ts';

/** Households that changed to or from 回头看 watch (at risk) between two dates. */
export interface RiskMoves {
  /** At risk at the end and not at the start (a new registration counts). */
  newAtRisk: number;
  /** At risk at the start and no longer at the end. */
  atRiskCleared: number;
}

/** What moved in an area between two weeks: the weekly meeting's "what changed". */
export interface PeriodChange {
  householdsExited: number;
  peopleLifted: number;
  povertyVillagesExited: number;
  newAtRisk: number;
  atRiskCleared: number;
  projectsCompleted: number;
  /** Yuan disbursed in the period. */
  fundsDisbursed: number;
  /** Change of the disbursed share of the budget, in share points (0.05 = 5 points); null without a budget. */
  disbursedShare: number | null;
}

/** The figures that come from household records: hidden from the public in small areas. */
export const HOUSEHOLD_CHANGE_KEYS = ['householdsExited', 'peopleLifted', 'newAtRisk', 'atRiskCleared'] as const satisfies readonly (keyof PeriodChange)[];

const share = (t: AreaTotals) => (t.budget > 0 ? t.disbursed / t.budget : null);

/** The change of one area between its totals at the start and at the end of a period. */
export function periodChange(start: AreaTotals, end: AreaTotals, risks: RiskMoves): PeriodChange {
  const s0 = share(start), s1 = share(end);
  return {
    householdsExited: end.exitedHouseholds - start.exitedHouseholds,
    peopleLifted: end.liftedPeople - start.liftedPeople,
    povertyVillagesExited: end.povertyVillagesExited - start.povertyVillagesExited,
    newAtRisk: risks.newAtRisk,
    atRiskCleared: risks.atRiskCleared,
    projectsCompleted: end.projectsCompleted - start.projectsCompleted,
    fundsDisbursed: end.disbursed - start.disbursed,
    disbursedShare: s0 === null || s1 === null ? null : Math.round((s1 - s0) * 10000) / 10000,
  };
}

/** The sum of several areas' totals; a figure not recorded at their level stays null. */
export function sumTotals(rows: readonly AreaTotals[]): AreaTotals {
  const out = {} as Record<string, number | null>;
  for (const r of rows) {
    for (const [k, v] of Object.entries(r) as [keyof AreaTotals, number | null][]) {
      out[k] = v === null ? (out[k] ?? null) : ((out[k] as number | null) ?? 0) + v;
    }
  }
  return out as unknown as AreaTotals;
}
