import { describe, expect, it } from 'vitest';
import { classOf, quantile, quantileBreaks } from '../../client/map/quantileBreaks.ts';
import { AHEAD_COLORS, areaMetric, BEHIND_COLORS, buildChoropleth, formatShare, legendDigits, NO_DATA_COLOR, ON_PLAN_COLOR } from '../../client/map/choropleth.ts';
import type { AreaProgress, Indicator } from '../../client/api/types.ts';

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

describe('buildChoropleth', () => {
  const count: Indicator = { key: 'k', nameZh: 'k', nameEn: 'k', unit: 'people', kind: 'count', higherIsBetter: true, target: null, projects: false, curve: 'exits' };
  const area = (code: string, value: number | null, target: number | null, lagShare: number | null, status: 'on_track' | null = 'on_track'): AreaProgress => ({
    code, name: code, parent: null, suppressed: false,
    indicators: { k: { key: 'k', value, target, planned: null, lag: null, lagShare, status } },
  });

  it('colours counts by value/target and marks missing data grey', () => {
    expect(areaMetric(area('a', 50, 200, 0), count, 'value')).toBe(0.25);
    expect(areaMetric(area('a', 50, null, 0), count, 'value')).toBeNull();
    expect(areaMetric(area('a', 50, 100, -0.1, null), count, 'lag')).toBeNull();
    const areas = [area('a', 10, 100, -0.2), area('b', 90, 100, 0.1), area('c', null, 100, null, null)];
    const c = buildChoropleth(areas, count, 'value');
    expect(c.colorByCode.get('c')).toBe(NO_DATA_COLOR);
    expect(c.colorByCode.get('a')).toBe(c.classes[0].color);
    expect(c.colorByCode.get('b')).toBe(c.classes[c.classes.length - 1].color);
    expect(c.colorByCode.get('a')).not.toBe(c.colorByCode.get('b'));
  });

  it('uses a diverging red–green palette for lag: red behind plan, green ahead', () => {
    const areas = [1, 2, 3, 4, 5].map((i) => area(String(i), i, 10, (i - 3) / 10));
    const c = buildChoropleth(areas, count, 'lag');
    expect(c.classes).toHaveLength(5);
    expect(c.colorByCode.get('1')).toBe(BEHIND_COLORS[0]);
    expect(c.colorByCode.get('3')).toBe(ON_PLAN_COLOR);
    expect(c.colorByCode.get('5')).toBe(AHEAD_COLORS[AHEAD_COLORS.length - 1]);
    const reversed = buildChoropleth(areas, { ...count, higherIsBetter: false }, 'lag');
    expect(reversed.colorByCode.get('5')).toBe(BEHIND_COLORS[0]);
    expect(reversed.colorByCode.get('1')).toBe(AHEAD_COLORS[AHEAD_COLORS.length - 1]);
  });

  it('never colours areas behind plan green, even when all are behind', () => {
    const areas = [-0.24, -0.224, -0.216].map((lag, i) => area(String(i), 1, 10, lag));
    const c = buildChoropleth(areas, count, 'lag');
    const colors = [...c.colorByCode.values()];
    for (const color of colors) expect(BEHIND_COLORS).toContain(color);
    expect(new Set(colors).size).toBe(3);
  });

  it('makes no more classes than distinct values', () => {
    const c = buildChoropleth([area('a', 10, 100, 0), area('b', 20, 100, 0), area('c', 30, 100, 0)], count, 'value');
    expect(c.classes).toHaveLength(3);
    expect(new Set(c.colorByCode.values()).size).toBe(3);
    expect(buildChoropleth([area('a', null, 100, null, null)], count, 'value').classes).toEqual([]);
  });

  it('formats legend bounds with enough decimals to tell them apart', () => {
    const classes = [{ color: 'x', from: 0.841, to: 0.844 }, { color: 'y', from: 0.844, to: 0.852 }];
    expect(legendDigits([{ color: 'x', from: 0.1, to: 0.5 }])).toBe(0);
    expect(legendDigits(classes)).toBe(1);
    expect(formatShare(0.852, false, 1)).toBe('85.2%');
    expect(formatShare(0.05, true)).toBe('+5.0%');
    expect(formatShare(-0.2, true)).toBe('-20%');
  });
});
