import { describe, expect, it } from 'vitest';
import { classOf, figureColor, quantile, LAG_CLASS_COLORS, lagColor, lagLegend, NO_DATA_COLOR, STATUS_COLORS, valueBreaks, valueColor, valueLegend, valueShare, VALUE_COLORS } from '../../../server/domain/legend.ts';
import { lagClassOf, statusOf, STATUS_THRESHOLDS } from '../../../server/domain/progressStatus.ts';

describe('lag classes', () => {
  it('are the status classes, with on track split at +5 %', () => {
    expect(lagLegend().map((c) => [c.lagClass, c.from, c.to])).toEqual([
      ['far_behind', -Infinity, -0.15], ['behind', -0.15, -0.05], ['on_track', -0.05, 0.05], ['ahead', 0.05, Infinity],
    ]);
    for (const s of [-0.5, -0.15, -0.1500001, -0.05, -0.0500001, 0, 0.05, 0.0500001, 2]) {
      const status = statusOf(s);
      const cls = lagClassOf(s)!;
      expect(cls === 'ahead' ? 'on_track' : cls, String(s)).toBe(status);
      expect(lagColor(s)).toBe(LAG_CLASS_COLORS[cls]);
    }
    expect(lagClassOf(STATUS_THRESHOLDS.ahead)).toBe('on_track');
    expect(lagColor(null)).toBe(NO_DATA_COLOR);
    // A figure is coloured by its status, decided on the unrounded share: −0.05 sent for −0.050004 stays behind.
    expect(figureColor({ status: 'behind', lagShare: -0.05 })).toBe(LAG_CLASS_COLORS.behind);
    expect(figureColor({ status: 'on_track', lagShare: 0.2 })).toBe(LAG_CLASS_COLORS.ahead);
    expect(figureColor({ status: null, lagShare: null })).toBe(NO_DATA_COLOR);
  });

  it('colour a status the same everywhere, red only behind plan', () => {
    expect(STATUS_COLORS.far_behind).toBe(LAG_CLASS_COLORS.far_behind);
    expect(STATUS_COLORS.on_track).toBe(LAG_CLASS_COLORS.on_track);
    // No value colour is an alarm colour.
    for (const c of VALUE_COLORS) expect(Object.values(LAG_CLASS_COLORS)).not.toContain(c);
  });
});

describe('value classes', () => {
  it('never make an empty or degenerate class', () => {
    expect(valueBreaks([0.13, 0.13, 0.13], 'quantile')).toEqual([]);
    expect(valueBreaks([], 'equal')).toEqual([]);
    expect(valueBreaks([0.1, 0.1, 0.1, 0.1, 0.9], 'quantile')).toHaveLength(1);
    const values = [0.1, 0.2, 0.2, 0.3, 0.5, 0.55, 0.6, 0.8, 0.9, 1];
    for (const method of ['quantile', 'equal'] as const) {
      const breaks = valueBreaks(values, method);
      expect(breaks.length).toBe(4);
      const used = new Set(values.map((v) => classOf(v, breaks)));
      expect(used.size, method).toBe(breaks.length + 1);
    }
    expect(valueBreaks([0, 1], 'equal')).toEqual([0.2]);
  });

  it('split 1..10 into five quantile classes of two, ignoring what is not a number, in any order', () => {
    const values = Array.from({ length: 10 }, (_, i) => i + 1);
    const breaks = valueBreaks(values, 'quantile');
    const counts = [0, 0, 0, 0, 0];
    for (const v of values) counts[classOf(v, breaks)]++;
    expect(counts).toEqual([2, 2, 2, 2, 2]);
    expect(valueBreaks([5, null, 1, NaN, 3, undefined, Infinity, 2, 4], 'quantile')).toEqual(valueBreaks([1, 2, 3, 4, 5], 'quantile'));
    expect(quantile([0, 10], 0.25)).toBe(2.5);
    expect(quantile([3], 0.9)).toBe(3);
  });

  it('spread the blue ramp over the classes, open-ended', () => {
    expect(valueLegend([]).map((c) => c.color)).toEqual([VALUE_COLORS[2]]);
    const legend = valueLegend([0.2, 0.4, 0.6, 0.8]);
    expect(legend.map((c) => c.color)).toEqual([...VALUE_COLORS]);
    expect(legend[0].from).toBe(-Infinity);
    expect(legend[4].to).toBe(Infinity);
    expect(valueColor(0.5, [0.2, 0.4, 0.6, 0.8])).toBe(VALUE_COLORS[2]);
    expect(valueColor(null, [0.2])).toBe(NO_DATA_COLOR);
  });

  it('colour a count by its share of target, a share as it is', () => {
    expect(valueShare({ value: 30, target: 120 }, 'count')).toBe(0.25);
    expect(valueShare({ value: 30, target: 0 }, 'count')).toBeNull();
    expect(valueShare({ value: 0.7, target: 1 }, 'share')).toBe(0.7);
    expect(valueShare({ value: null, target: 1 }, 'share')).toBeNull();
  });
});
