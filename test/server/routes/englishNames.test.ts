import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../../server/app.ts';
import { testConfig } from '../../helpers/testConfig.ts';

/** English names (pinyin) beside the Chinese ones, and search by pinyin: the same on both backends. */
describe('English names and pinyin search', () => {
  let app: FastifyInstance;
  beforeAll(async () => {
    app = await buildApp(testConfig(), { logger: false });
  });
  afterAll(async () => {
    await app.close();
  });
  const get = async (url: string) => {
    const res = await app.inject({ url });
    return { status: res.statusCode, body: res.json() };
  };
  const search = async (q: string) => (await get(`/api/search?q=${encodeURIComponent(q)}`)).body as { type: string; id: string; name: string; nameEn: string }[];

  it('gives every area its English name in the GeoJSON', async () => {
    const counties = (await get('/api/areas?level=county')).body;
    const byCode = new Map(counties.features.map((f: { properties: { code: string; nameEn: string } }) => [f.properties.code, f.properties.nameEn]));
    expect(byCode.get('512021')).toBe('Anyue County');
    expect(byCode.get('512002')).toBe('Yanjiang District');
    expect(byCode.get('512022')).toBe('Lezhi County');
    const villages = (await get('/api/areas?level=village')).body.features as { properties: { name: string; nameEn: string } }[];
    expect(villages.length).toBeGreaterThan(1000);
    for (const v of villages) expect(v.properties.nameEn, v.properties.name).toMatch(/^[A-Z][A-Za-zü' ]+ (Village|Community)$/);
    const one = (await get('/api/areas/512021')).body;
    expect(one.properties.nameEn).toBe('Anyue County');
  });

  it('finds a county by pinyin, initials and English name, and still by Chinese and code', async () => {
    for (const q of ['Anyue', 'anyue', 'ay', 'Anyue County']) {
      const hits = await search(q);
      expect(hits[0], q).toMatchObject({ type: 'county', id: '512021', name: '安岳县', nameEn: 'Anyue County' });
    }
    expect((await search('Lezhi'))[0]).toMatchObject({ id: '512022', nameEn: 'Lezhi County' });
    expect((await search('安岳'))[0]).toMatchObject({ id: '512021', nameEn: 'Anyue County' });
    expect((await search('512021'))[0]).toMatchObject({ id: '512021' });
    expect((await search('Danshan')).some((h) => h.type === 'township' && h.name === '丹山镇' && h.nameEn === 'Danshan Town')).toBe(true);
    expect(await search('qqqzzz')).toEqual([]);
    // Project ids still match exactly.
    expect((await search('X0001'))[0]).toMatchObject({ type: 'project', id: 'X0001' });
  });

  it('sends the English name with progress, lagging, summary and specialties', async () => {
    const progress = (await get('/api/progress?level=county&indicators=people_lifted')).body;
    expect(progress.areas.find((a: { code: string }) => a.code === '512021').nameEn).toBe('Anyue County');
    const lagging = (await get('/api/lagging?level=township&parent=512021&limit=3')).body;
    for (const a of lagging.areas) expect(a.nameEn).toMatch(/ (Town|Township|Subdistrict)$|^[A-Z]/);
    const summary = (await get('/api/summary')).body;
    expect(summary.city.nameEn).toBe('Ziyang City');
    expect(summary.counties.map((c: { nameEn: string }) => c.nameEn).sort()).toEqual(['Anyue County', 'Lezhi County', 'Yanjiang District']);
    const specialties = (await get('/api/specialties')).body as { code: number; nameEn: string }[];
    expect(specialties.find((s) => s.code === 15)?.nameEn).toBe('Transport');
    expect(specialties.every((s) => /^[A-Z][A-Za-z ,]+$/.test(s.nameEn))).toBe(true);
  });
});
