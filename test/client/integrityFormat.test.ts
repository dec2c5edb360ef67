import { describe, expect, it } from 'vitest';
import { messages } from '../../client/i18n/messages.ts';
import { drawableAreas } from '../../client/integrity/api.ts';
import {
  BAND_COLORS, formatEstimate, formatProgress, groupVisitList, NO_VISIT_COLOR, percent, signalText, standardText,
  WRONG_SHARE_CLASSES, wrongShareClass, wrongShareColor, wrongShareLegend,
} from '../../client/integrity/integrityFormat.ts';
import type { SampleUnit } from '../../client/integrity/integrityTypes.ts';
import { LAG_CLASS_COLORS } from '../../server/domain/legend.ts';
import { SIGNAL_POINTS } from '../../server/domain/exitRisk.ts';

const zh = messages.zh;
const en = messages.en;

describe('the wrong-exit estimate in words', () => {
  it('gives the rate and its 95 % interval with one decimal', () => {
    expect(formatEstimate({ rate: 0.0347, low: 0.012, high: 0.0981 }, zh)).toBe('错退率 3.5 %（95 % 区间 1.2–9.8 %）');
    expect(formatEstimate({ rate: 0.0347, low: 0.012, high: 0.0981 }, en, 'en')).toBe('Wrong exits 3.5 % (95 % interval 1.2–9.8 %)');
    expect(formatEstimate({ rate: 0, low: 0, high: 0.56 }, zh)).toBe('错退率 0.0 %（95 % 区间 0.0–56.0 %）');
  });

  it('says there is no estimate before a visit with a result', () => {
    expect(formatEstimate({ rate: null, low: null, high: null }, zh)).toBe(zh.integrityNoEstimate);
    expect(formatEstimate({ rate: null, low: null, high: null }, en, 'en')).toBe(en.integrityNoEstimate);
  });

  it('counts the visits', () => {
    expect(formatProgress({ visited: 3, wrong: 1, notVisited: 0, pending: 377 }, zh)).toBe('已走访 3 户（错退 1 户）· 未能走访 0 户 · 待走访 377 户');
    expect(percent(0.1, 'en')).toBe('10.0');
  });
});

describe('the class of a township\'s wrong-exit share', () => {
  it('has fixed bounds: none, under 5 %, 5–10 %, 10–20 %, 20 % and more; grey before a visit', () => {
    expect(wrongShareClass(null)).toBeNull();
    expect(wrongShareClass(0)).toBe(0);
    expect(wrongShareClass(0.0001)).toBe(1);
    expect(wrongShareClass(0.0499)).toBe(1);
    expect(wrongShareClass(0.05)).toBe(2);
    expect(wrongShareClass(0.0999)).toBe(2);
    expect(wrongShareClass(0.1)).toBe(3);
    expect(wrongShareClass(0.2)).toBe(4);
    expect(wrongShareClass(1)).toBe(4);
    expect(wrongShareColor(null)).toBe(NO_VISIT_COLOR);
    expect(wrongShareColor(0.3)).toBe(WRONG_SHARE_CLASSES[4].color);
    expect(wrongShareLegend(zh).map((c) => c.label)).toEqual([zh.integrityShareNone, '< 5 %', '5–10 %', '10–20 %', '≥ 20 %']);
  });

  it('is a sequential purple, darker for more, and never the red or orange of behind plan', () => {
    const lightness = (hex: string) => [1, 3, 5].reduce((s, i) => s + parseInt(hex.slice(i, i + 2), 16), 0);
    const colors = WRONG_SHARE_CLASSES.map((c) => c.color);
    for (let k = 1; k < colors.length; k++) expect(lightness(colors[k])).toBeLessThan(lightness(colors[k - 1]));
    for (const c of [...colors, ...Object.values(BAND_COLORS)]) {
      const [r, g, b] = [1, 3, 5].map((i) => parseInt(c.slice(i, i + 2), 16));
      // Purple (blue at least red) or brown/grey: red is never far above both green and blue.
      expect(r - Math.max(g, b), c).toBeLessThan(60);
      expect(Object.values(LAG_CLASS_COLORS)).not.toContain(c);
    }
  });
});

describe('signals and standards in words', () => {
  it('names every signal the score uses, with its threshold', () => {
    for (const s of Object.keys(SIGNAL_POINTS)) {
      expect(signalText(s, zh), s).not.toBe(s);
      expect(signalText(s, zh), s).not.toMatch(/[{}]/);
      expect(signalText(s, en), s).not.toMatch(/[{}]/);
    }
    expect(signalText('near_line', zh)).toContain('150 元');
    expect(signalText('backdated', en)).toContain('14+ days');
    expect(signalText('something_new', zh)).toBe('something_new');
    expect(standardText('housing', zh)).toBe('住房安全');
  });
});

describe('the visit list', () => {
  const unit = (householdId: string, villageCode: string): SampleUnit => ({
    householdId, villageCode, villageName: `村${villageCode.slice(-3)}`, township: villageCode.slice(0, 9), townshipName: `镇${villageCode.slice(6, 9)}`,
    exitDate: '2018-06-30', band: 'low', probability: 0.1, signals: [], headName: '张三', phone: null, result: null, failed: [],
    visitedBy: null, visitedOn: null, note: '', version: 1,
  });

  it('is grouped by township, then village, households in id order', () => {
    const groups = groupVisitList([unit('H3', '512021102001'), unit('H2', '512021101002'), unit('H1', '512021101002'), unit('H4', '512021101001')]);
    expect(groups.map((g) => [g.township, g.units])).toEqual([['512021101', 3], ['512021102', 1]]);
    expect(groups[0].villages.map((v) => [v.villageCode, v.units.map((u) => u.householdId)])).toEqual([
      ['512021101001', ['H4']], ['512021101002', ['H1', 'H2']],
    ]);
  });
});

describe('the areas a sample may be drawn for', () => {
  const named = [{ code: '5104', name: '攀枝花市' }, { code: '510402', name: '东区' }, { code: '5120', name: '资阳市' },
    { code: '512002', name: '雁江区' }, { code: '512021', name: '安岳县' }, { code: '512022', name: '乐至县' }];
  it('are the city and each county for a city-wide account, the own county otherwise, none below', () => {
    expect(drawableAreas('5120', named).map((a) => a.code)).toEqual(['5120', '512002', '512021', '512022']);
    expect(drawableAreas('512021', named)).toEqual([{ code: '512021', name: '安岳县' }]);
    expect(drawableAreas('512021101', named)).toEqual([]);
  });

  it('are every city and county of the province for a province-wide account, never the whole province', () => {
    expect(drawableAreas('51', [{ code: '51', name: '四川省' }, ...named]).map((a) => a.code)).toEqual(['5104', '510402', '5120', '512002', '512021', '512022']);
  });
});
