import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { isPinyinQuery, normalizePinyin, pinyinIndexEntry, pinyinKeys, pinyinScore, placeNameEn } from '../../../server/domain/placeNames.ts';

describe('English place names', () => {
  it('writes the proper name in pinyin and the kind of unit in English', () => {
    expect(placeNameEn('资阳市', 'city')).toBe('Ziyang City');
    expect(placeNameEn('安岳县', 'county')).toBe('Anyue County');
    expect(placeNameEn('雁江区', 'county')).toBe('Yanjiang District');
    expect(placeNameEn('丹山镇', 'township')).toBe('Danshan Town');
    expect(placeNameEn('东胜乡', 'township')).toBe('Dongsheng Township');
    expect(placeNameEn('莲花街道', 'township')).toBe('Lianhua Subdistrict');
    expect(placeNameEn('宝台村民委员会', 'village')).toBe('Baotai Village');
    expect(placeNameEn('宝台村', 'village')).toBe('Baotai Village');
    expect(placeNameEn('雁中社区居民委员会', 'village')).toBe('Yanzhong Community');
    expect(placeNameEn('宝台寺居民委员会', 'village')).toBe('Baotaisi Community');
  });

  it('reads polyphones from the whole word (乐至 is Lezhi)', () => {
    expect(placeNameEn('乐至县', 'county')).toBe('Lezhi County');
    expect(placeNameEn('长乐乡')).toBe('Changle Township');
  });

  it('writes a name without a known suffix as plain pinyin in title case', () => {
    expect(placeNameEn('四川大堰劳动教养管理所', 'township')).toBe('Sichuan Dayan Laodong Jiaoyang Guanli Suo');
    expect(placeNameEn('观音阁')).toBe('Guanyinge');
  });

  it('marks a syllable boundary before a vowel and keeps ü', () => {
    expect(placeNameEn('西安村')).toBe("Xi'an Village");
    expect(placeNameEn('绿化村')).toBe('Lühua Village');
  });

  it('does not take a bare suffix for a name', () => {
    expect(placeNameEn('村')).toBe('Cun');
    expect(placeNameEn('')).toBe('');
  });

  it('gives every shipped area an English name of Latin letters only', () => {
    const areas = JSON.parse(readFileSync(new URL('../../../data/areas.geojson', import.meta.url), 'utf8')) as { features: { properties: { name: string; level: string } }[] };
    for (const { properties: p } of areas.features) {
      const en = placeNameEn(p.name, p.level);
      expect(en, p.name).toMatch(/^[A-Z][A-Za-zü' ]+$/);
    }
  });
});

describe('pinyin search keys', () => {
  it('gives the full pinyin and the initials, of the name and of its proper part', () => {
    expect(pinyinKeys('安岳')).toEqual(['anyue', 'ay']);
    expect(pinyinKeys('安岳县')).toEqual(['anyuexian', 'ayx', 'anyue', 'ay']);
    expect(pinyinKeys('乐至县')).toContain('lezhi');
    expect(pinyinKeys('绿化村')).toContain('luhua');
  });

  it('normalises a query: case, spaces, apostrophes, ü and v', () => {
    expect(normalizePinyin("Xi'an Village")).toBe('xianuillage');
    expect(normalizePinyin('Lühua')).toBe('luhua');
    expect(normalizePinyin('lvhua')).toBe('luhua');
  });

  it('scores a query like the Chinese search: exact, prefix, inside; else no match', () => {
    const anyue = pinyinIndexEntry('安岳县', 'county');
    expect(pinyinScore(anyue, 'Anyue')).toBe(0);
    expect(pinyinScore(anyue, 'anyue')).toBe(0);
    expect(pinyinScore(anyue, 'Anyue County')).toBe(0);
    expect(pinyinScore(anyue, 'ay')).toBe(1);
    expect(pinyinScore(anyue, 'any')).toBe(1);
    expect(pinyinScore(anyue, 'yue')).toBe(2);
    expect(pinyinScore(anyue, 'nyue')).toBeNull();
    expect(pinyinScore(anyue, 'lezhi')).toBeNull();
    expect(pinyinScore(pinyinIndexEntry('乐至县', 'county'), 'Lezhi')).toBe(0);
    expect(pinyinScore(pinyinIndexEntry('乐至县', 'county'), 'yuezhi')).toBeNull();
  });

  it('tells a pinyin query from a Chinese or numeric one', () => {
    expect(isPinyinQuery('Anyue')).toBe(true);
    expect(isPinyinQuery('安岳')).toBe(false);
    expect(isPinyinQuery('512021')).toBe(false);
    expect(isPinyinQuery('X0001')).toBe(true);
  });
});
