import { describe, expect, it } from 'vitest';
import type { IndicatorValue } from '../../client/api/types.ts';
import { messages } from '../../client/i18n/messages.ts';
import { lagClassText, lagColors, rankFigures, signedLag, signedShare, wallLegend, worstBadge } from '../../client/wall/wallFigures.ts';
import { LAG_CLASS_COLORS, NO_DATA_COLOR } from '../../server/domain/legend.ts';

const PEOPLE = { key: 'people_lifted', higherIsBetter: true, unit: 'people', projects: false } as const;
const fig = (target: number, lag: number, status: IndicatorValue['status']): IndicatorValue => ({
  key: 'people_lifted', value: target / 2 + lag, target, planned: target / 2, lag, lagShare: lag / target, status,
});
const text = messages.zh;

describe('the wall figures', () => {
  it('ranks by lag in people, small units after, and colours each by its own status', () => {
    const ranked = rankFigures([
      { code: 'a', name: 'small', value: fig(11, -11, 'far_behind') },
      { code: 'b', name: '回澜镇', value: fig(4000, -172, 'on_track') },
      { code: 'c', name: '丹山镇', value: fig(2000, -290, 'behind') },
      { code: 'd', name: 'ahead', value: fig(1000, 80, 'on_track') },
    ], PEOPLE);
    expect(ranked.map((r) => [r.code, r.small, r.lagClass, r.color])).toEqual([
      ['c', false, 'behind', LAG_CLASS_COLORS.behind],
      ['b', false, 'on_track', LAG_CLASS_COLORS.on_track],
      ['d', false, 'ahead', LAG_CLASS_COLORS.ahead],
      ['a', true, 'far_behind', LAG_CLASS_COLORS.far_behind],
    ]);
    expect(worstBadge(ranked)).toBe('c');
  });

  it('gives the badge to no one when the first in the ranking is on plan', () => {
    // 雁江区's case: furthest behind in people, yet on plan (−2.7 %): not "最滞后".
    const ranked = rankFigures([
      { code: 'y', name: '雁江区', value: fig(10000, -270, 'on_track') },
      { code: 'a', name: '安岳县', value: fig(20000, 100, 'on_track') },
    ], PEOPLE);
    expect(ranked[0].code).toBe('y');
    expect(worstBadge(ranked)).toBeNull();
    expect(worstBadge([])).toBeNull();
  });

  it('colours the map by each figure, grey without one', () => {
    const colors = lagColors([
      { code: 'x', indicators: { people_lifted: fig(100, -20, 'far_behind') } },
      { code: 'y', indicators: {} },
    ], 'people_lifted');
    expect([...colors]).toEqual([['x', LAG_CLASS_COLORS.far_behind], ['y', NO_DATA_COLOR]]);
  });

  it('writes lags with the precision that tells them from zero, never "−0"', () => {
    expect(signedLag(-43.4, 'zh')).toBe('−43');
    expect(signedLag(-1234.2, 'zh')).toBe('−1,234');
    expect(signedLag(-0.4, 'zh')).toBe('−0.4');
    expect(signedLag(-0.004, 'zh')).toBe('−0.004');
    expect(signedLag(12, 'zh')).toBe('+12');
    expect(signedLag(0, 'zh')).toBe('0');
    expect(signedLag(null, 'zh')).toBe('—');
    expect(signedShare(-0.027, 'zh')).toBe('−2.7%');
    expect(signedShare(-0.0002, 'zh')).toBe('−0.02%');
  });

  it('names the four lag classes with their thresholds', () => {
    expect(wallLegend(text).map((c) => `${c.label} ${c.range} ${c.color}`)).toEqual([
      `严重滞后 低于 −15% ${LAG_CLASS_COLORS.far_behind}`,
      `滞后 −15% ~ −5% ${LAG_CLASS_COLORS.behind}`,
      `正常 −5% ~ +5% ${LAG_CLASS_COLORS.on_track}`,
      `超前 高于 +5% ${LAG_CLASS_COLORS.ahead}`,
    ]);
    expect(lagClassText(null, text)).toBe(text.statusNone);
  });
});
