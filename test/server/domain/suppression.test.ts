import { describe, expect, it } from 'vitest';
import { emptyValue, type IndicatorValue } from '../../../server/domain/evaluateIndicator.ts';
import { isSuppressed, suppressSmallCounts } from '../../../server/domain/suppression.ts';

const v = (key: string, value: number): IndicatorValue => ({ key, value, target: 10, planned: 5, lag: value - 5, lagShare: (value - 5) / 10, status: 'on_track' });
// people_lifted and food_clothing come from household records; training and funds_disbursed do not.
const values = () => ({ people_lifted: v('people_lifted', 7), food_clothing: v('food_clothing', 0.9), training: v('training', 30), funds_disbursed: v('funds_disbursed', 0.5) });

describe('small-count suppression', () => {
  it('hides the household figures of an area below the minimum, and only those', () => {
    const input = values();
    const { values: out, suppressed } = suppressSmallCounts(input, 4, 5);
    expect(suppressed).toBe(true);
    expect(out.people_lifted).toEqual(emptyValue('people_lifted'));
    expect(out.food_clothing).toEqual(emptyValue('food_clothing'));
    expect(out.training).toEqual(input.training);
    expect(out.funds_disbursed).toEqual(input.funds_disbursed);
    expect(Object.keys(out)).toEqual(Object.keys(input));
  });

  it('returns new values and leaves the input as it was', () => {
    const input = values();
    const copy = structuredClone(input);
    const { values: out } = suppressSmallCounts(input, 1, 5);
    expect(input).toEqual(copy);
    expect(out).not.toBe(input);
  });

  it('shows everything at or above the minimum', () => {
    for (const households of [5, 6, 500]) {
      const { values: out, suppressed } = suppressSmallCounts(values(), households, 5);
      expect(suppressed).toBe(false);
      expect(out).toEqual(values());
    }
  });

  it('shows everything to a caller with no minimum', () => {
    expect(suppressSmallCounts(values(), 1, null)).toEqual({ values: values(), suppressed: false });
    expect(isSuppressed(1, null)).toBe(false);
  });

  it('does not flag an area with no households: there is no family to pick out', () => {
    expect(suppressSmallCounts(values(), 0, 5)).toEqual({ values: values(), suppressed: false });
    expect(isSuppressed(0, 5)).toBe(false);
    expect(isSuppressed(1, 5)).toBe(true);
  });
});
