import { describe, expect, it } from 'vitest';
import { badgeTextColor, decimalsToTellApart, lagFormatter, lagLegendItems, lagShareFormatter, lagUnitLabel, signed, smallUnitsWhy } from '../../client/review/lagFormat.ts';
import { messages } from '../../client/i18n/messages.ts';
import { LAG_CLASS_COLORS } from '../../server/domain/legend.ts';
import { statusColors } from '../../client/review/statusColors.ts';

describe('the number a review list is sorted by', () => {
  it('is written with the fewest decimals that tell neighbours apart', () => {
    expect(decimalsToTellApart([-289.9, -172, -156.7])).toBe(0);
    // −61.4 and −61.2 both read −61 without a decimal.
    expect(decimalsToTellApart([-62, -61.4, -61.2])).toBe(1);
    expect(decimalsToTellApart([-1.234, -1.238])).toBe(2);
    // Equal neighbours are told apart by the share beside them, not by more decimals.
    expect(decimalsToTellApart([-5, -5, -4])).toBe(0);
    expect(decimalsToTellApart([null, -3, null])).toBe(0);
    // Capped: beyond two decimals the share tells them apart.
    expect(decimalsToTellApart([-1.2501, -1.2502])).toBe(2);
  });

  it('never reads "−0": a small lag gets a decimal, and zero is a plain 0', () => {
    expect(decimalsToTellApart([-0.3, -2])).toBe(1);
    const f = lagFormatter([-0.3, -2, 0], 'count');
    expect(f(-0.3)).toBe('−0.3');
    expect(f(0)).toBe('0.0');
    expect(signed(-0.004, 1)).toBe('0.0');
    expect(signed(-0.4, 0)).toBe('0');
    expect(signed(-289.9, 0)).toBe('−290');
    expect(signed(12, 0)).toBe('+12');
    expect(signed(-1234.5, 1)).toBe('−1,234.5');
    for (const v of [-0.001, -0.0049, -0.4]) for (const d of [0, 1, 2]) expect(signed(v, d)).not.toMatch(/^−0(\.0*)?$/);
  });

  it('writes a share indicator\'s lag in percentage points and the lag share as a percentage', () => {
    const f = lagFormatter([-0.0321, -0.0312], 'share');
    expect(f(-0.0321)).toBe('−3.2');
    expect(f(null)).toBe('—');
    // One decimal, unless the share is what orders two rows of equal lag.
    const rows = (pairs: [number, number][]) => pairs.map(([lag, lagShare]) => ({ lag, lagShare }));
    expect(lagShareFormatter(rows([[-290, -0.1867], [-172, -0.1869]]))(-0.1867)).toBe('−18.7%');
    expect(lagShareFormatter(rows([[-5, -0.1867], [-5, -0.1869]]))(-0.1867)).toBe('−18.67%');
    // A share that is not zero never reads as zero.
    expect(lagShareFormatter(rows([[-0.1, -0.0004]]))(-0.0004)).toBe('−0.04%');
    expect(lagShareFormatter(rows([[0, 0]]))(0)).toBe('0.0%');
    expect(lagShareFormatter([])(null)).toBe('—');
  });

  it('names the unit and the small-unit floors', () => {
    expect(lagUnitLabel('people', messages.zh)).toBe('人');
    expect(lagUnitLabel('share', messages.en)).toBe('points');
    expect(smallUnitsWhy(messages.zh)).toContain('20 人');
    expect(smallUnitsWhy(messages.zh)).toContain('5 户');
    expect(smallUnitsWhy(messages.en)).not.toContain('{');
  });
});

describe('the review\'s colours', () => {
  it('are the status classes of the main map, with the thresholds in the legend', () => {
    expect(lagLegendItems().map((c) => [c.lagClass, c.color, c.range])).toEqual([
      ['far_behind', LAG_CLASS_COLORS.far_behind, '< −15%'],
      ['behind', LAG_CLASS_COLORS.behind, '−15% ~ −5%'],
      ['on_track', LAG_CLASS_COLORS.on_track, '−5% ~ +5%'],
      ['ahead', LAG_CLASS_COLORS.ahead, '> +5%'],
    ]);
    const colors = statusColors([
      { code: 'a', value: { status: 'far_behind', lagShare: -0.19 } },
      { code: 'b', value: { status: 'on_track', lagShare: 0.2 } },
      { code: 'c', value: { status: null, lagShare: null } },
    ]);
    expect(colors.get('a')).toBe(LAG_CLASS_COLORS.far_behind);
    expect(colors.get('b')).toBe(LAG_CLASS_COLORS.ahead);
    expect(colors.get('c')).not.toBe(LAG_CLASS_COLORS.on_track);
  });

  it('put legible text on a badge', () => {
    expect(badgeTextColor(LAG_CLASS_COLORS.far_behind)).toBe('#ffffff');
    expect(badgeTextColor(LAG_CLASS_COLORS.on_track)).not.toBe('#ffffff');
    expect(badgeTextColor(LAG_CLASS_COLORS.behind)).not.toBe('#ffffff');
  });
});
