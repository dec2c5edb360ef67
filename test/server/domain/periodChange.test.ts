import { describe, expect, it } from 'vitest';
import { periodChange, sumTotals } from '../../../server/domain/periodChange.ts';
import { TOTAL_KEYS, type AreaTotals } from '../../../server/domain/indicators.ts';

const totals = (over: Partial<AreaTotals>): AreaTotals => ({ ...Object.fromEntries(TOTAL_KEYS.map((k) => [k, 0])), ...over }) as AreaTotals;

describe('what changed between two weeks', () => {
  it('takes the differences of the running totals and the disbursed share in points', () => {
    const start = totals({ exitedHouseholds: 10, liftedPeople: 30, povertyVillagesExited: 1, projectsCompleted: 2, budget: 1000, disbursed: 400 });
    const end = totals({ exitedHouseholds: 14, liftedPeople: 41, povertyVillagesExited: 3, projectsCompleted: 2, budget: 2000, disbursed: 1100 });
    expect(periodChange(start, end, { newAtRisk: 2, atRiskCleared: 1 })).toEqual({
      householdsExited: 4, peopleLifted: 11, povertyVillagesExited: 2, newAtRisk: 2, atRiskCleared: 1,
      projectsCompleted: 0, fundsDisbursed: 700, disbursedShare: 0.15,
    });
  });

  it('has no share change without a budget at either end', () => {
    expect(periodChange(totals({}), totals({ budget: 100, disbursed: 10 }), { newAtRisk: 0, atRiskCleared: 0 }).disbursedShare).toBeNull();
  });

  it('sums areas, keeping figures not recorded at the level as null', () => {
    const sum = sumTotals([totals({ people: 3, trainingPersonTimes: null }), totals({ people: 4, trainingPersonTimes: null })]);
    expect(sum.people).toBe(7);
    expect(sum.trainingPersonTimes).toBeNull();
    expect(sumTotals([totals({ trainingPersonTimes: 5 }), totals({ trainingPersonTimes: 6 })]).trainingPersonTimes).toBe(11);
  });
});
