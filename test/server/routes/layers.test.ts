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
