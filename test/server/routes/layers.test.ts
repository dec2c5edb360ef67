import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../../server/app.ts';
import { testConfig } from '../../helpers/testConfig.ts';

describe('map layer and search routes', () => {
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

  it('serves the parks with their member villages', async () => {
    const { body } = await get('/api/parks');
    expect(body.features).toHaveLength(7);
    for (const f of body.features) {
      expect(f.geometry.type).toBe('MultiPolygon');
      expect(f.properties.villages.length).toBeGreaterThanOrEqual(2);
      expect(f.properties.areaKm2).toBeGreaterThan(1);
    }
  });

  it('serves the projects, filtered by specialty, area and status', async () => {
    const all = (await get('/api/projects')).body.features;
    expect(all).toHaveLength(340);
    expect(new Set(all.map((f: { properties: { specialty: number } }) => f.properties.specialty)).size).toBe(22);
    expect(new Set(all.map((f: { geometry: { type: string } }) => f.geometry.type))).toEqual(new Set(['Point', 'LineString']));
    const roads = (await get('/api/projects?specialty=15&status=completed')).body.features;
    expect(roads.every((f: { properties: { specialty: number; status: string; specialtyName: string } }) => f.properties.specialty === 15 && f.properties.status === 'completed' && f.properties.specialtyName === '交通建设扶贫')).toBe(true);
    const anyue = (await get('/api/projects?area=512021')).body.features;
    expect(anyue.length).toBeGreaterThan(0);
    expect(anyue.every((f: { properties: { areaCode: string } }) => f.properties.areaCode.startsWith('512021'))).toBe(true);
    expect((await get('/api/projects?specialty=23')).status).toBe(400);
  });

  it('finds areas, projects and parks by name or code, best match first', async () => {
    const byCode = (await get('/api/search?q=512021')).body;
    expect(byCode[0]).toMatchObject({ type: 'county', id: '512021', name: '安岳县' });
    expect(byCode[0].bbox).toHaveLength(4);
    const byName = (await get(`/api/search?q=${encodeURIComponent('乐至')}`)).body;
    expect(byName[0]).toMatchObject({ type: 'county', name: '乐至县' });
    const park = (await get(`/api/search?q=${encodeURIComponent('产业园')}`)).body;
    expect(park.some((r: { type: string }) => r.type === 'park')).toBe(true);
    expect((await get(`/api/search?q=${encodeURIComponent('%')}`)).body).toEqual([]);
    expect((await get('/api/search?q=')).status).toBe(400);
  });
});

describe('area contents', () => {
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

  it('counts what lies inside an area, the same as counting the records', async () => {
    const db = (app as unknown as { db: { query: <T>(sql: string, params?: unknown[]) => Promise<T[]> } }).db;
    for (const code of ['512021', '512022103', '5120']) {
      const { status, body } = await get(`/api/areas/${code}/contents?asOf=2018-11-30`);
      expect(status).toBe(200);
      // Counted directly from the base tables, not from the running totals the route reads.
      const [c] = await db.query<Record<string, number>>(
        `SELECT (SELECT count(*) FROM areas WHERE level = 'village' AND code LIKE $1 || '%')::int AS villages,
           (SELECT count(*) FROM poverty_villages WHERE code LIKE $1 || '%')::int AS pv,
           (SELECT count(*) FROM poverty_villages WHERE code LIKE $1 || '%' AND exit_date <= '2018-11-30')::int AS pv_exited,
           (SELECT count(*) FROM households WHERE village_code LIKE $1 || '%')::int AS households,
           (SELECT count(*) FROM households h WHERE village_code LIKE $1 || '%' AND NOT EXISTS (SELECT 1 FROM poverty_villages p WHERE p.code = h.village_code))::int AS scattered,
           (SELECT count(*) FROM households WHERE village_code LIKE $1 || '%' AND status = 'at_risk')::int AS at_risk,
           (SELECT count(*) FROM households WHERE village_code LIKE $1 || '%' AND status = 'poor')::int AS poor,
           (SELECT count(DISTINCT park_id) FROM park_villages WHERE village_code LIKE $1 || '%')::int AS parks,
           (SELECT count(*) FROM projects WHERE area_code LIKE $1 || '%')::int AS projects`, [code]);
      expect(body.villages).toBe(c.villages);
      expect(body.povertyVillages).toEqual({ total: c.pv, exited: c.pv_exited });
      // The shipped data ends on 2018-11-30: the current records are the state on that day.
      expect(body.households).toMatchObject({ total: c.households, scattered: c.scattered, atRisk: c.at_risk, poor: c.poor });
      expect(body.parks).toBe(c.parks);
      expect(body.projects.total).toBeLessThanOrEqual(c.projects);
    }
    const city = (await get('/api/areas/5120/contents?asOf=2018-11-30')).body;
    expect(city.povertyVillages.total).toBe(81);
    expect(city.households.total).toBe(15204);
    expect(city.households.people).toBe(44000);
    expect(city.parks).toBe(7);
    // Earlier in the year fewer households had exited.
    const march = (await get('/api/areas/5120/contents?asOf=2018-03-01')).body;
    expect(march.households.exited).toBeLessThan(city.households.exited);
  });

  it('names what is wrong with a bad request', async () => {
    expect(await get('/api/areas/999999/contents')).toMatchObject({ status: 404 });
    const bad = await get('/api/areas/512021/contents?asOf=2018-02-30');
    expect(bad.status).toBe(400);
    expect(bad.body.message).toContain('asOf');
  });
});
