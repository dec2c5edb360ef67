import { describe, expect, it } from 'vitest';
import { INDICATORS, indicatorByKey, totalsUsed } from '../../../server/domain/indicators.ts';
import { partsFor } from '../../../server/progress/queryTotals.ts';

describe('totalsUsed: the raw totals an indicator reads', () => {
  it('finds what each kind of indicator reads', () => {
    expect([...totalsUsed([indicatorByKey('people_lifted')!])].sort()).toEqual(['liftedPeople', 'people']);
    expect([...totalsUsed([indicatorByKey('funds_disbursed')!])].sort()).toEqual(['budget', 'disbursed']);
    expect([...totalsUsed([indicatorByKey('medical')!])].sort()).toEqual(['households', 'medical']);
  });
  it('leaves the project and activity parts out of a household indicator, and keeps them for the whole catalogue', () => {
    expect(partsFor(totalsUsed([indicatorByKey('people_lifted')!]))).toEqual({ projects: false, projectsDue: false, povertyVillages: false, activities: false });
    expect(partsFor(totalsUsed([indicatorByKey('projects_completed')!]))).toEqual({ projects: true, projectsDue: true, povertyVillages: false, activities: false });
    expect(partsFor(totalsUsed(INDICATORS))).toEqual({ projects: true, projectsDue: true, povertyVillages: true, activities: true });
  });
});
