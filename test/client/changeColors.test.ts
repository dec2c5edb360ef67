import { describe, expect, it } from 'vitest';
import { BACKWARD_COLOR, changeColors, NO_CHANGE_COLOR } from '../../client/review/changeColors.ts';
import { NO_DATA_COLOR } from '../../client/map/choropleth.ts';

describe('colours of what changed', () => {
  it('sets no movement, backward movement and hidden areas apart from the classes of forward movement', () => {
    const values = new Map<string, number | null>([['a', 0], ['b', -2], ['c', null], ['d', 1], ['e', 5], ['f', 9], ['g', 20]]);
    const { colorByCode, classes } = changeColors(values, true);
    expect(colorByCode.get('a')).toBe(NO_CHANGE_COLOR);
    expect(colorByCode.get('b')).toBe(BACKWARD_COLOR);
    expect(colorByCode.get('c')).toBe(NO_DATA_COLOR);
    expect(classes).toHaveLength(4);
    expect(classes[0].from).toBe(1);
    expect(classes[3].to).toBe(20);
    // More movement, a darker class.
    expect(colorByCode.get('d')).toBe(classes[0].color);
    expect(colorByCode.get('g')).toBe(classes[3].color);
    expect(colorByCode.get('g')).not.toBe(colorByCode.get('d'));
  });

  it('uses the warning ramp for a measure where more is worse, and one class when one value moved', () => {
    const good = changeColors(new Map([['a', 3]]), true);
    const bad = changeColors(new Map([['a', 3]]), false);
    expect(good.classes).toHaveLength(1);
    expect(good.colorByCode.get('a')).not.toBe(bad.colorByCode.get('a'));
    expect(changeColors(new Map([['a', 0]]), true).classes).toEqual([]);
  });
});
