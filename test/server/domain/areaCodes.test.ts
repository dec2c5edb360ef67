import { describe, expect, it } from 'vitest';
import { childLevel, childLevelOfCode, codePath, isAbove, isWithin, levelOfCode, levelsBelow, parentBelowRoot, parentOfCode } from '../../../server/domain/areaCodes.ts';

describe('area codes', () => {
  it('reads the level from the length, five levels from the province down', () => {
    expect(levelOfCode('51')).toBe('province');
    expect(levelOfCode('5120')).toBe('city');
    expect(levelOfCode('512002')).toBe('county');
    expect(levelOfCode('512002101')).toBe('township');
    expect(levelOfCode('512002101201')).toBe('village');
    expect(levelOfCode('5')).toBeNull();
    expect(levelOfCode('51200')).toBeNull();
    expect(levelOfCode('51200a')).toBeNull();
    expect(levelOfCode('')).toBeNull();
  });

  it('gives the parent by prefix up to the province, and none at or above the root', () => {
    expect(parentOfCode('512002101201')).toBe('512002101');
    expect(parentOfCode('512002101')).toBe('512002');
    expect(parentOfCode('512002')).toBe('5120');
    expect(parentOfCode('5120')).toBe('51');
    expect(parentOfCode('51')).toBeNull();
    expect(parentOfCode('12345')).toBeNull();
    // Under a city root a county's siblings are the city's counties; under a province root a
    // county has its city as the parent, and a city has none.
    expect(parentBelowRoot('512002', '5120')).toBeNull();
    expect(parentBelowRoot('512002101', '5120')).toBe('512002');
    expect(parentBelowRoot('512002', '51')).toBe('5120');
    expect(parentBelowRoot('5120', '51')).toBeNull();
  });

  it('gives the child level, the levels below a root and the path from the root\'s child down', () => {
    expect(childLevel('province')).toBe('city');
    expect(childLevel('city')).toBe('county');
    expect(childLevel('village')).toBeNull();
    expect(levelsBelow('province')).toEqual(['city', 'county', 'township', 'village']);
    expect(levelsBelow('city')).toEqual(['county', 'township', 'village']);
    expect(isAbove('province', 'city')).toBe(true);
    expect(isAbove('county', 'county')).toBe(false);
    expect(childLevelOfCode('51')).toBe('city');
    expect(childLevelOfCode('512002')).toBe('township');
    expect(childLevelOfCode('512002101201')).toBeNull();
    expect(childLevelOfCode('x')).toBeNull();
    expect(codePath('512002101201', '5120')).toEqual(['512002', '512002101', '512002101201']);
    expect(codePath('512002101201', '51')).toEqual(['5120', '512002', '512002101', '512002101201']);
    expect(codePath('512002', '5120')).toEqual(['512002']);
    expect(isWithin('512002101201', '512002')).toBe(true);
    expect(isWithin('512021101201', '512002')).toBe(false);
  });
});
