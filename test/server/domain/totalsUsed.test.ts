import { describe, expect, it } from 'vitest';
import { INDICATORS, indicatorByKey, totalsUsed } from '../../../server/domain/indicators.ts';
import { partsFor } from '../../../server/progress/queryTotals.ts';
import { HOUSEHOLD_TOTALS } from '../../../server/domain/totalsColumns.ts';

describe('totalsUsed: the raw totals an indicator reads', () => {
  it('finds what each kind of indicator reads', () => {
    expect([...totalsUsed([indicatorByKey('people_lifted')!])].sort()).toEqual(['liftedPeople', 'people']);
    expect([...totalsUsed([indicatorByKey('funds_disbursed')!])].sort()).toEqual(['budget', 'disbursed']);
    expect([...totalsUsed([indicatorByKey('medical')!])].sort()).toEqual(['households', 'medical']);
  });
  it('leaves the project and activity parts out of a household indicator, and keeps them for the whole catalogue', () => {
    expect(partsFor(totalsUsed([indicatorByKey('people_lifted')!]))).toEqual({ household: ['households', 'people', 'lifted_people'],
      projects: false, projectsDue: false, povertyVillages: false, activities: false });
    // The household count always comes: small-count suppression reads it.
    expect(partsFor(totalsUsed([indicatorByKey('projects_completed')!]))).toEqual({ household: ['households'],
      projects: true, projectsDue: true, povertyVillages: false, activities: false });
    expect(partsFor(totalsUsed(INDICATORS))).toMatchObject({ projects: true, projectsDue: true, povertyVillages: true, activities: true });
    expect(partsFor(totalsUsed(INDICATORS)).household).toHaveLength(HOUSEHOLD_TOTALS.length);
  });
});
