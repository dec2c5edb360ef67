import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../../server/app.ts';
import { testConfig } from '../../helpers/testConfig.ts';

describe('areas routes', () => {
  let app: FastifyInstance;
  beforeEach(async () => {
    app = await buildApp(testConfig(), { logger: false });
  });
  afterEach(async () => {
    await app.close();
  });

  it('lists the three counties as GeoJSON MultiPolygons with Chinese names', async () => {
    const res = await app.inject({ method: 'GET', url: '/api/areas?level=county' });
    expect(res.statusCode).toBe(200);
    const fc = res.json();
    expect(fc.type).toBe('FeatureCollection');
    expect(fc.features.map((f: { properties: { name: string } }) => f.properties.name)).toEqual(['雁江区', '安岳县', '乐至县']);
    for (const f of fc.features) {
      expect(f.geometry.type).toBe('MultiPolygon');
      expect(f.properties).toMatchObject({ level: 'county', parent: '5120', synthetic: false, poverty: false });
      expect(f.properties.labelLon).toBeGreaterThan(104);
    }
  });

  it('lists the children of an area, and marks poverty villages', async () => {
    const townships = (await app.inject({ method: 'GET', url: '/api/areas?parent=512021' })).json();
    expect(townships.features.length).toBeGreaterThan(20);
    expect(townships.features.every((f: { properties: { parent: string; level: string } }) => f.properties.parent === '512021' && f.properties.level === 'township')).toBe(true);
    const villages = (await app.inject({ method: 'GET', url: '/api/areas?level=village' })).json();
    expect(villages.features).toHaveLength(1230);
    expect(villages.features.filter((f: { properties: { poverty: boolean } }) => f.properties.poverty)).toHaveLength(81);
    const community = villages.features.find((f: { properties: { kind: string } }) => f.properties.kind === 'community');
    expect(community.properties.shortName).not.toMatch(/委员会$/);
  });

  it('gives label points instead of polygons when asked, with the same areas and properties', async () => {
    const polygons = (await app.inject({ url: '/api/areas?parent=512021' })).json();
    const labels = (await app.inject({ url: '/api/areas?parent=512021&shape=label' })).json();
    expect(labels.features.map((f: { id: string }) => f.id)).toEqual(polygons.features.map((f: { id: string }) => f.id));
    for (const [i, f] of labels.features.entries()) {
      expect(f.properties).toEqual(polygons.features[i].properties);
      expect(f.geometry).toEqual({ type: 'Point', coordinates: [f.properties.labelLon, f.properties.labelLat] });
    }
    expect((await app.inject({ url: '/api/areas?level=county&shape=outline' })).statusCode).toBe(400);
  });

  it('lists a level within an area at any depth: a county\'s villages, a city\'s townships', async () => {
    const villages = (await app.inject({ url: '/api/areas?level=village&within=512021&shape=label' })).json();
    const [{ n }] = await app.db.query<{ n: number }>("SELECT count(*)::int AS n FROM areas WHERE level = 'village' AND code LIKE '512021%'");
    expect(villages.features.length).toBe(n);
    expect(n).toBeGreaterThan(100);
    expect(villages.features.every((f: { properties: { code: string; level: string } }) => f.properties.code.startsWith('512021') && f.properties.level === 'village')).toBe(true);
    const townships = (await app.inject({ url: '/api/areas?level=township&within=5120&shape=label' })).json();
    expect(townships.features.length).toBeGreaterThan(50);
    const both = await app.inject({ url: '/api/areas?level=village&within=512021&parent=512021101' });
    expect(both.statusCode).toBe(400);
    expect(both.json().message).toMatch(/within/);
    expect((await app.inject({ url: '/api/areas?level=village&within=519999' })).statusCode).toBe(404);
  });

  it('returns one area with its bounding box and children', async () => {
    const res = await app.inject({ method: 'GET', url: '/api/areas/512022' });
    expect(res.statusCode).toBe(200);
    const f = res.json();
    expect(f.properties.name).toBe('乐至县');
    expect(f.properties.children).toBeGreaterThan(10);
    const [minLon, minLat, maxLon, maxLat] = f.properties.bbox;
    expect(minLon).toBeLessThan(maxLon);
    expect(minLat).toBeLessThan(maxLat);
    expect(f.properties.areaKm2).toBeGreaterThan(1300);
    expect(f.properties.areaKm2).toBeLessThan(1550);
  });

  it('names the bad parameter in a 400', async () => {
    const bad = await app.inject({ method: 'GET', url: '/api/areas?level=state' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().message).toContain('level');
    const badParent = await app.inject({ method: 'GET', url: '/api/areas?parent=51x' });
    expect(badParent.statusCode).toBe(400);
    expect(badParent.json().message).toContain('parent');
    const badCode = await app.inject({ method: 'GET', url: '/api/areas/12345' });
    expect(badCode.statusCode).toBe(400);
    expect(badCode.json().message).toContain('code');
    const extra = await app.inject({ method: 'GET', url: '/api/areas?levle=county' });
    expect(extra.statusCode).toBe(400);
  });

  it('answers an unknown code with a 404', async () => {
    const res = await app.inject({ method: 'GET', url: '/api/areas/512099' });
    expect(res.statusCode).toBe(404);
    expect(res.json().message).toContain('512099');
    const parent = await app.inject({ method: 'GET', url: '/api/areas?parent=512099001' });
    expect(parent.statusCode).toBe(404);
  });
});
