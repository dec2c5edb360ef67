import { describe, expect, it } from 'vitest';
import { lassoSelect, pointInRing } from '../../client/planner/lassoSelect.ts';

describe('lasso selection', () => {
  const square = [[0, 0], [10, 0], [10, 10], [0, 10]] as const;

  it('tells inside from outside, for convex and concave rings', () => {
    expect(pointInRing([5, 5], square)).toBe(true);
    expect(pointInRing([15, 5], square)).toBe(false);
    // A U shape: the notch is outside.
    const u = [[0, 0], [9, 0], [9, 9], [6, 9], [6, 3], [3, 3], [3, 9], [0, 9]] as const;
    expect(pointInRing([4.5, 6], u)).toBe(false);
    expect(pointInRing([1.5, 6], u)).toBe(true);
    expect(pointInRing([4.5, 1], u)).toBe(true);
  });

  it('takes the villages whose label point is inside, in code order, and none for a stroke too short', () => {
    const villages = [
      { code: '3', labelLon: 1, labelLat: 1 },
      { code: '1', labelLon: 9, labelLat: 9 },
      { code: '2', labelLon: 11, labelLat: 5 },
    ];
    expect(lassoSelect(square, villages)).toEqual(['1', '3']);
    expect(lassoSelect([[0, 0], [10, 10]], villages)).toEqual([]);
  });
});
