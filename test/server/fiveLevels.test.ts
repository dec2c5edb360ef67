import { resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../server/app.ts';
import { INDICATORS } from '../../server/domain/indicators.ts';
import { createScratchDatabase, type ScratchDatabase } from '../helpers/scratchDatabase.ts';
import { repoRoot, testConfig } from '../helpers/testConfig.ts';

// The generated two-city fixture (test/fixtures/two-cities: 资阳市 5120 and 攀枝花市 5104 under 四川省 51,
// npm run data:generate -- --province 51 --cities 5104,5120 …), loaded into a database of its own
// and served with the province as the root.
const FIXTURE = resolve(repoRoot, 'test/fixtures/two-cities');

interface Area { code: string; name: string; parent: string | null; indicators: Record<string, { value: number | null; target: number | null; numerator?: number; denominator?: number }> }

describe('five levels: a province of two cities', () => {
  let scratch: ScratchDatabase;
  let app: FastifyInstance;
  const get = async (url: string, headers: Record<string, string> = {}) => {
    const res = await app.inject({ url, headers });
    return { status: res.statusCode, body: res.json() };
  };
  // Signed in at the province: no small counts hidden, so children add up exactly.
  let reader: Record<string, string> = {};
  // Every indicator, four at a time: a whole level's villages with all of them is more figures
  // than one answer holds (MAX_FIGURES).
  const progress = async (q: string): Promise<Area[]> => {
    const groups = q.includes('indicators=') ? [null] : Array.from({ length: Math.ceil(INDICATORS.length / 4) }, (_, i) => INDICATORS.slice(i * 4, i * 4 + 4).map((x) => x.key));
    const answers = await Promise.all(groups.map(async (keys) => {
      const r = await (keys ? get(`/api/progress?${q}&indicators=${keys.join(',')}`, reader) : get(`/api/progress?${q}`, reader));
      expect(r.status, `${q}: ${JSON.stringify(r.body).slice(0, 300)}`).toBe(200);
      return r.body.areas as Area[];
    }));
    return answers[0].map((a, i) => ({ ...a, indicators: Object.assign({}, ...answers.map((list) => list[i].indicators)) }));
  };
  const signIn = async (username: string, password: string) => {
    const res = await app.inject({ method: 'POST', url: '/api/session', payload: { username, password } });
    expect(res.statusCode).toBe(200);
    return { cookie: String(res.headers['set-cookie']).split(';')[0] };
  };

  beforeAll(async () => {
    scratch = await createScratchDatabase({ datasetDir: FIXTURE });
    app = await buildApp(testConfig({ databaseUrl: scratch.url, datasetDir: FIXTURE, rootArea: '51' }), { logger: false });
    reader = await signIn('leader.province', 'demo-leader-2018');
  }, 600000);
  afterAll(async () => {
    await app?.close();
    await scratch?.drop();
  });

  it('opens on the province, and its summary is the province with its cities', async () => {
    const settings = (await get('/api/settings')).body;
    expect(settings.root).toMatchObject({ code: '51', level: 'province' });
    const summary = (await get('/api/summary')).body;
    expect(summary.city).toMatchObject({ code: '51', level: 'province' });
    expect(summary.childLevel).toBe('city');
    expect(summary.counties.map((c: { code: string }) => c.code).sort()).toEqual(['5104', '5120']);
    const cities = await progress('level=city&indicators=people_lifted');
    expect(summary.headline.people_lifted.value).toBe(cities.reduce((s, c) => s + c.indicators.people_lifted.value!, 0));
  });

  it('children add up to their parent for every additive figure, at every level, from the province to the villages', async () => {
    const counts = INDICATORS.filter((i) => i.kind === 'count').map((i) => i.key);
    const shares = INDICATORS.filter((i) => i.kind === 'share').map((i) => i.key);
    const asOf = '2018-06-30';
    const [province] = await progress(`level=province&asOf=${asOf}`);
    expect(province.code).toBe('51');
    const cities = await progress(`level=city&asOf=${asOf}`);
    const counties = await progress(`level=county&asOf=${asOf}`);
    const townships = await progress(`level=township&asOf=${asOf}`);
    // A province's villages come one city at a time.
    const villages = (await Promise.all(cities.map((c) => progress(`level=village&parent=${c.code}&asOf=${asOf}`)))).flat();
    const levels = [[province], cities, counties, townships, villages];
    expect(levels.map((l) => l.length).every((n, i) => i === 0 || n > levels[i - 1].length)).toBe(true);
    for (let i = 0; i < 4; i++) {
      const [parents, children] = [levels[i], levels[i + 1]];
      for (const p of parents) {
        const kids = children.filter((c) => c.code.startsWith(p.code) && c.code.length === children[0].code.length);
        expect(kids.length, `children of ${p.code}`).toBeGreaterThan(0);
        for (const key of counts) {
          if (kids.every((c) => c.indicators[key].value === null)) continue; // recorded at a coarser level
          const sum = (f: 'value' | 'target') => kids.reduce((s, c) => s + (c.indicators[key][f] ?? 0), 0);
          expect(sum('value'), `${key} value of ${p.code}`).toBe(p.indicators[key].value);
          if (kids.some((c) => c.indicators[key].target !== null)) expect(sum('target'), `${key} target of ${p.code}`).toBe(p.indicators[key].target);
        }
        for (const key of shares) {
          expect(kids.reduce((s, c) => s + (c.indicators[key].denominator ?? 0), 0), `${key} denominator of ${p.code}`).toBe(p.indicators[key].denominator);
          expect(kids.reduce((s, c) => s + (c.indicators[key].numerator ?? 0), 0), `${key} numerator of ${p.code}`).toBe(p.indicators[key].numerator);
        }
      }
    }
    // The household figures match the records.
    const [{ n }] = await app.db.query<{ n: number }>('SELECT count(*)::int AS n FROM households');
    expect(province.indicators.households_exited.denominator ?? province.indicators.households_exited.target).toBeGreaterThan(0);
    expect(n).toBeGreaterThan(1000);
  }, 300000);

  it('reviews at every level below the province, inside any parent, and asks for a parent where a list would be the whole province\'s villages', async () => {
    for (const level of ['city', 'county', 'township']) {
      const res = await get(`/api/review?week=2018-06-30&level=${level}`);
      expect(res.status, level).toBe(200);
      expect(res.body.areas.length).toBeGreaterThan(0);
    }
    const inCity = await get('/api/review?week=2018-06-30&level=village&parent=5104');
    expect(inCity.status).toBe(200);
    expect(inCity.body.areas.every((a: { code: string }) => a.code.startsWith('5104'))).toBe(true);
    for (const url of ['/api/review?week=2018-06-30&level=village', '/api/progress?level=village', '/api/areas?level=village', '/api/households/layer']) {
      const res = await get(url);
      expect(res.status, url).toBe(400);
      expect(res.body.message, url).toMatch(/(parent|area): village areas are listed for a city or a smaller area/);
    }
    const cities = (await get('/api/areas?level=city')).body.features.map((f: { properties: { code: string } }) => f.properties.code);
    expect(cities.sort()).toEqual(['5104', '5120']);
  });

  it('lets a province account see both cities and keeps a city account inside its own', async () => {
    const province = await signIn('admin.province', 'demo-admin-2018');
    const city = await signIn('admin', 'demo-admin-2018');
    const panzhihua = await get('/api/households?area=5104', province);
    expect(panzhihua.status).toBe(200);
    expect(panzhihua.body.total ?? panzhihua.body.households?.length).toBeGreaterThan(0);
    expect((await get('/api/households?area=5104', city)).status).toBe(403);
    const points = await get('/api/households/layer?area=5104', province);
    expect(points.status).toBe(200);
    expect(points.body.features.every((f: { properties: { villageCode: string } }) => f.properties.villageCode.startsWith('5104'))).toBe(true);
    expect((await get('/api/households/layer?area=5104', city)).status).toBe(403);
  });
});
