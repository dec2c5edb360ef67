import { describe, expect, it } from 'vitest';
import { classOf, quantile, quantileBreaks } from '../../client/map/quantileBreaks.ts';

describe('quantileBreaks', () => {
  it('splits 1..10 into five classes of two', () => {
    const values = Array.from({ length: 10 }, (_, i) => i + 1);
    const { breaks, min, max } = quantileBreaks(values, 5);
    expect(breaks).toHaveLength(4);
    expect(min).toBe(1);
    expect(max).toBe(10);
    const counts = [0, 0, 0, 0, 0];
    for (const v of values) counts[classOf(v, breaks)]++;
    expect(counts).toEqual([2, 2, 2, 2, 2]);
  });

  it('ignores null, NaN and infinities, and is order independent', () => {
    const a = quantileBreaks([5, null, 1, NaN, 3, undefined, Infinity, 2, 4]);
    const b = quantileBreaks([1, 2, 3, 4, 5]);
    expect(a).toEqual(b);
  });

  it('collapses repeated values into fewer classes', () => {
    const { breaks } = quantileBreaks([0, 0, 0, 0, 0, 0, 0, 0, 1, 1]);
    expect(breaks).toHaveLength(1);
    expect(breaks[0]).toBeCloseTo(0.2);
    expect(classOf(0, breaks)).toBe(0);
    expect(classOf(1, breaks)).toBe(1);
  });

  it('gives no breaks for no values, and one class for a single value', () => {
    expect(quantileBreaks([])).toEqual({ breaks: [], min: null, max: null });
    expect(quantileBreaks([0.4, 0.4])).toEqual({ breaks: [], min: 0.4, max: 0.4 });
  });

  it('interpolates quantiles linearly', () => {
    expect(quantile([0, 10], 0.25)).toBe(2.5);
    expect(quantile([3], 0.9)).toBe(3);
  });

  it('puts the maximum in the top class and the minimum in the bottom class', () => {
    const values = [0.1, 0.5, 0.52, 0.9, 0.3, 0.7, 0.05, 0.6];
    const { breaks } = quantileBreaks(values);
    expect(classOf(Math.min(...values), breaks)).toBe(0);
    expect(classOf(Math.max(...values), breaks)).toBe(breaks.length);
  });
});
