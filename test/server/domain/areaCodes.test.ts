import { describe, expect, it } from 'vitest';
import { childLevel, childLevelOfCode, codePath, isWithin, levelOfCode, parentBelowCity, parentOfCode } from '../../../server/domain/areaCodes.ts';

describe('area codes', () => {
  it('reads the level from the length', () => {
    expect(levelOfCode('5120')).toBe('city');
    expect(levelOfCode('512002')).toBe('county');
    expect(levelOfCode('512002101')).toBe('township');
    expect(levelOfCode('512002101201')).toBe('village');
    expect(levelOfCode('51200')).toBeNull();
    expect(levelOfCode('51200a')).toBeNull();
    expect(levelOfCode('')).toBeNull();
  });

  it('gives the parent by prefix, the city for a county, and none below the city for the screens', () => {
    expect(parentOfCode('512002101201')).toBe('512002101');
    expect(parentOfCode('512002101')).toBe('512002');
    expect(parentOfCode('512002')).toBe('5120');
    expect(parentOfCode('5120')).toBeNull();
    expect(parentOfCode('12345')).toBeNull();
    expect(parentBelowCity('512002')).toBeNull();
    expect(parentBelowCity('512002101')).toBe('512002');
  });

  it('gives the child level and the path from the county down', () => {
    expect(childLevel('city')).toBe('county');
    expect(childLevel('village')).toBeNull();
    expect(childLevelOfCode('512002')).toBe('township');
    expect(childLevelOfCode('512002101201')).toBeNull();
    expect(childLevelOfCode('x')).toBeNull();
    expect(codePath('512002101201')).toEqual(['512002', '512002101', '512002101201']);
    expect(codePath('512002')).toEqual(['512002']);
    expect(isWithin('512002101201', '512002')).toBe(true);
    expect(isWithin('512021101201', '512002')).toBe(false);
  });
});
