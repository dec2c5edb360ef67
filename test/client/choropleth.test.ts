import { describe, expect, it } from 'vitest';
import { areaValue, buildChoropleth, classRange, formatShare, legendDigits, legendItems, NO_DATA_COLOR } from '../../client/map/choropleth.ts';
import { messages } from '../../client/i18n/messages.ts';
import type { AreaProgress, Indicator } from '../../client/api/types.ts';
import { FIXED_BREAKS, LAG_CLASS_COLORS, VALUE_COLORS, valueBreaks } from '../../server/domain/legend.ts';

const count: Indicator = { key: 'k', nameZh: 'k', nameEn: 'k', unit: 'people', kind: 'count', higherIsBetter: true, target: null, projects: false, curve: 'exits' } as Indicator;
type Status = 'on_track' | 'behind' | 'far_behind' | null;
const area = (code: string, value: number | null, target: number | null, lagShare: number | null, status: Status = 'on_track'): AreaProgress => ({
  code, name: code, parent: null, suppressed: false,
  indicators: { k: { key: 'k', value, target, planned: null, lag: null, lagShare, status } },
} as AreaProgress);

describe('buildChoropleth, lag mode', () => {
  it('colours every area by its status, never by where it falls among the others', () => {
    // The counties: all far behind, so all the same colour (not dark red, orange and yellow).
    const areas = [-0.24, -0.224, -0.215].map((s, i) => area(String(i), 1, 10, s, 'far_behind'));
    const c = buildChoropleth(areas, count, 'lag');
    expect(new Set(c.colorByCode.values())).toEqual(new Set([LAG_CLASS_COLORS.far_behind]));
  });

  it('uses the four status classes with their thresholds, whatever is on screen', () => {
    const areas = [area('a', 1, 10, -0.2, 'far_behind'), area('b', 1, 10, -0.1, 'behind'), area('c', 1, 10, 0, 'on_track'), area('d', 1, 10, 0.2, 'on_track'), area('e', null, 10, null, null)];
    const c = buildChoropleth(areas, count, 'lag');
    expect(Object.fromEntries(c.colorByCode)).toEqual({
      a: LAG_CLASS_COLORS.far_behind, b: LAG_CLASS_COLORS.behind, c: LAG_CLASS_COLORS.on_track, d: LAG_CLASS_COLORS.ahead, e: NO_DATA_COLOR,
    });
    expect(c.classes.map((k) => k.lagClass)).toEqual(['far_behind', 'behind', 'on_track', 'ahead']);
    expect(buildChoropleth([areas[0]], count, 'lag').classes).toEqual(c.classes);
  });

  it('follows the status the API sent at a threshold (decided on the unrounded share)', () => {
    const c = buildChoropleth([area('x', 1, 10, -0.05, 'behind')], count, 'lag');
    expect(c.colorByCode.get('x')).toBe(LAG_CLASS_COLORS.behind);
  });

  it('writes the legend as the status classes and their thresholds, in both languages', () => {
    const c = buildChoropleth([], count, 'lag');
    const zh = legendItems(c.classes, 'lag', messages.zh).map((i) => `${i.name} ${i.range}`);
    expect(zh).toEqual(['严重滞后 < −15%', '滞后 −15% ~ −5%', '正常 −5% ~ +5%', '超前 > +5%']);
    const en = legendItems(c.classes, 'lag', messages.en).map((i) => `${i.name} ${i.range}`);
    expect(en).toEqual(['Far behind < −15%', 'Behind −15% ~ −5%', 'On track −5% ~ +5%', 'Ahead of plan > +5%']);
  });
});

describe('buildChoropleth, value mode', () => {
  it('colours counts by value/target in blues at fixed 20 % steps by default, grey without data', () => {
    expect(areaValue(area('a', 50, 200, 0), count)).toBe(0.25);
    expect(areaValue(area('a', 50, null, 0), count)).toBeNull();
    expect(areaValue({ ...area('a', 50, 100, 0), suppressed: true }, count)).toBeNull();
    const c = buildChoropleth([area('a', 10, 100, -0.2), area('b', 90, 100, 0.1), area('c', null, 100, null, null)], count, 'value');
    expect(c.colorByCode.get('a')).toBe(VALUE_COLORS[0]);
    expect(c.colorByCode.get('b')).toBe(VALUE_COLORS[4]);
    expect(c.colorByCode.get('c')).toBe(NO_DATA_COLOR);
    for (const k of c.classes) expect(VALUE_COLORS).toContain(k.color);
    expect(legendItems(c.classes, 'value', messages.zh).map((i) => i.range)).toEqual(['< 20%', '20% ~ 40%', '40% ~ 60%', '60% ~ 80%', '≥ 80%']);
    expect(c.classes.map((k) => k.to).slice(0, 4)).toEqual([...FIXED_BREAKS]);
  });

  it('shows a share indicator\'s own share', () => {
    const share = { ...count, kind: 'share', unit: 'share' } as Indicator;
    expect(areaValue(area('a', 0.97, 1, 0), share)).toBe(0.97);
  });

  it('uses given (whole-period) breaks, and never writes two bounds the same', () => {
    const breaks = valueBreaks([0.841, 0.842, 0.844, 0.85, 0.852, 0.86, 0.13, 0.13], 'quantile');
    const c = buildChoropleth([area('a', 85, 100, 0)], count, 'value', breaks);
    const ranges = legendItems(c.classes, 'value', messages.en).map((i) => i.range);
    const bounds = ranges.flatMap((r) => r.replace(/[<≥]/g, '').split('~').map((b) => b.trim()));
    // Each break is written once as an upper and once as a lower bound, and no two differ only by rounding.
    expect(new Set(bounds).size).toBe(breaks.length);
    for (const r of ranges) {
      const [from, to] = r.split('~').map((b) => b.trim());
      if (to) expect(from).not.toBe(to);
    }
  });
});

describe('legend numbers', () => {
  it('formats shares with a real minus sign and never as −0', () => {
    expect(formatShare(-0.2, true)).toBe('−20%');
    expect(formatShare(0.05, true)).toBe('+5%');
    expect(formatShare(-0.0001, true)).toBe('0%');
    expect(formatShare(0.852, false, 1)).toBe('85.2%');
  });

  it('uses enough decimals to tell bounds apart', () => {
    expect(legendDigits([{ from: -Infinity, to: 0.1 }, { from: 0.1, to: 0.5 }])).toBe(0);
    expect(legendDigits([{ from: 0.841, to: 0.844 }, { from: 0.844, to: 0.852 }])).toBe(1);
    expect(classRange({ from: 0.2, to: Infinity }, 'value', 0)).toBe('≥ 20%');
  });
});
