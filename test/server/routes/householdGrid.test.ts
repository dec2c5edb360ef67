/**
 * The public households grid (`/api/households/grid`), on both backends: each cell's counts
 * against the households themselves, cells of fewer than the public minimum left out for the
 * public, coarser cells the sums of the finest shown (so no hidden cell can be told by
 * difference), and a province's grid asked a city at a time.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../../server/app.ts';
import { GRID_CELLS } from '../../../server/domain/householdGrid.ts';
import { testConfig } from '../../helpers/testConfig.ts';

type Row = [number, number, number, number, number, number];

describe('households grid', () => {
  let app: FastifyInstance;
  let leader: { cookie: string };
  beforeAll(async () => {
    app = await buildApp(testConfig(), { logger: false });
    const res = await app.inject({ method: 'POST', url: '/api/session', payload: { username: 'leader', password: 'demo-leader-2018' } });
    expect(res.statusCode, res.body).toBe(200);
    leader = { cookie: String(res.headers['set-cookie']).split(';')[0] };
  }, 300_000);
  afterAll(async () => {
    await app?.close();
  });
  const grid = async (query: string, headers: Record<string, string> = {}) => {
    const res = await app.inject({ url: `/api/households/grid?${query}`, headers });
    expect(res.statusCode, res.body).toBe(200);
    return res.json() as { cell: number; min: number; columns: string[]; cells: Row[] };
  };

  it('counts every located household of the area in its cell, for an account that may see small counts', async () => {
    const body = await grid('cell=0.01&area=512021', leader);
    expect(body.min).toBe(1);
    expect(body.columns).toEqual(['i', 'j', 'households', 'poor', 'atRisk', 'exited']);
    const [{ total, poor }] = await app.db.query<{ total: number; poor: number }>(
      `SELECT count(*)::int AS total, count(*) FILTER (WHERE status = 'poor')::int AS poor FROM households WHERE geom IS NOT NULL AND village_code LIKE '512021%'`);
    expect(body.cells.reduce((s, c) => s + c[2], 0)).toBe(total);
    expect(body.cells.reduce((s, c) => s + c[3], 0)).toBe(poor);
    for (const c of body.cells) expect(c[3] + c[4] + c[5]).toBe(c[2]);
    // One cell checked against the households inside its square.
    const [i, j, households] = body.cells.reduce((a, b) => (b[2] > a[2] ? b : a));
    const [{ inside }] = await app.db.query<{ inside: number }>(
      `SELECT count(*)::int AS inside FROM households WHERE geom IS NOT NULL AND village_code LIKE '512021%'
         AND floor(ST_X(geom) / 0.01) = $1 AND floor(ST_Y(geom) / 0.01) = $2`, [i, j]);
    expect(households).toBe(inside);
  });

  it('leaves out the public\'s small cells, and sums only the shown fine cells into coarse ones', async () => {
    const fine = await grid('cell=0.01');
    expect(fine.min).toBe(5);
    expect(fine.cells.every((c) => c[2] >= 5)).toBe(true);
    const all = await grid('cell=0.01', leader);
    expect(all.cells.some((c) => c[2] < 5)).toBe(true);
    for (const cell of GRID_CELLS.slice(1)) {
      const coarse = await grid(`cell=${cell}`);
      const k = Math.round(cell / 0.01);
      const sums = new Map<string, number>();
      for (const c of fine.cells) {
        const key = `${Math.floor(c[0] / k)},${Math.floor(c[1] / k)}`;
        sums.set(key, (sums.get(key) ?? 0) + c[2]);
      }
      expect(new Map(coarse.cells.map((c) => [`${c[0]},${c[1]}`, c[2]])), `cell ${cell}`).toEqual(sums);
    }
  });

  it('refuses a cell size it does not offer, and an unknown area, by name', async () => {
    const bad = await app.inject({ url: '/api/households/grid?cell=0.03' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().message).toContain('cell');
    const unknown = await app.inject({ url: '/api/households/grid?cell=0.05&area=519999' });
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json().message).toContain('area');
  });

  it('answers 304 to a repeated request with its ETag', async () => {
    const first = await app.inject({ url: '/api/households/grid?cell=0.05' });
    const tag = String(first.headers.etag);
    expect(tag).toBeTruthy();
    const again = await app.inject({ url: '/api/households/grid?cell=0.05', headers: { 'if-none-match': tag } });
    expect(again.statusCode).toBe(304);
  });
});
