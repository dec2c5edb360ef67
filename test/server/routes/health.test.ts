import { afterEach, beforeEach, describe, expect, inject, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../../server/app.ts';
import { testConfig } from '../../helpers/testConfig.ts';

describe('GET /api/health', () => {
  let app: FastifyInstance;
  beforeEach(async () => {
    app = await buildApp(testConfig(), { logger: false });
  });
  afterEach(async () => {
    await app.close();
  });

  it('reports the backend, PostGIS and the shipped counts', async () => {
    const res = await app.inject({ method: 'GET', url: '/api/health' });
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.backend).toBe(inject('backend'));
    expect(body.postgis).toMatch(/^3\.\d+/);
    expect(body.counts).toMatchObject({ counties: 3, townships: 90, villages: 1230, communities: 267, povertyVillages: 81 });
    expect(body.counts.people).toBeGreaterThan(43_500);
    expect(body.counts.people).toBeLessThan(44_500);
    expect(body.counts.households).toBeGreaterThan(10_000);
    expect(body.synthetic).toBe(true);
    expect(body.dataAsOf).toMatch(/^2018-\d\d-\d\d$/);
  });

  it('publishes an OpenAPI document that lists the routes', async () => {
    const res = await app.inject({ method: 'GET', url: '/api/docs/json' });
    expect(res.statusCode).toBe(200);
    const doc = res.json();
    expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining(['/api/health', '/api/areas', '/api/areas/{code}', '/api/indicators', '/api/progress', '/api/progress/{code}/history', '/api/lagging', '/api/summary']));
    for (const path of ['/api/progress', '/api/lagging']) {
      expect(doc.paths[path].get.parameters.map((p: { name: string }) => p.name)).toEqual(expect.arrayContaining(['asOf']));
      expect(Object.keys(doc.paths[path].get.responses)).toEqual(expect.arrayContaining(['200', '400']));
    }
    const page = await app.inject({ method: 'GET', url: '/api/docs/' });
    expect(page.statusCode).toBe(200);
    expect(page.headers['content-type']).toMatch(/html/);
  });

  it('answers unknown API paths with a JSON 404', async () => {
    const res = await app.inject({ method: 'GET', url: '/api/nothing-here' });
    expect(res.statusCode).toBe(404);
    expect(res.json().message).toContain('/api/nothing-here');
  });
});
