import { describe, expect, it } from 'vitest';
import { CITY_RATES, povertyVillageShare, splitByWeight } from '../../scripts/generate/province.ts';

describe('the province generator\'s rules', () => {
  it('splits a total by weight so that the parts add up exactly', () => {
    expect(splitByWeight(10, [1, 1, 1])).toEqual([4, 3, 3]);
    expect(splitByWeight(1_000_000, [963, 267 / 4, 500]).reduce((a, b) => a + b, 0)).toBe(1_000_000);
    expect(splitByWeight(5, [0, 2, 0])).toEqual([0, 5, 0]);
  });

  it('puts households in poverty villages at the shipped city\'s density', () => {
    // Ziyang: 81 of 963 rural villages hold 26 % of the households.
    expect(povertyVillageShare(81 / 963)).toBeCloseTo(0.26, 6);
    expect(povertyVillageShare(0)).toBe(0);
    expect(povertyVillageShare(0.3)).toBeGreaterThan(0.3);
    expect(CITY_RATES.peoplePerHousehold).toBeCloseTo(2.894, 3);
  });
});
