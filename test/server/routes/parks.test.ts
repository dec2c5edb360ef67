import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../../server/app.ts';
import { MIN_SHARED_BORDER_M } from '../../../server/domain/adjacencyRule.ts';
import { connectedPieces } from '../../../server/domain/parkOptimiser.ts';
import { testConfig } from '../../helpers/testConfig.ts';

type Db = { query: <T>(sql: string, params?: unknown[]) => Promise<T[]> };

describe('village adjacency and park suggestions', () => {
  let app: FastifyInstance;
  let db: Db;
  let planner: Record<string, string>;
  beforeAll(async () => {
    app = await buildApp(testConfig(), { logger: false });
    db = (app as unknown as { db: Db }).db;
    const res = await app.inject({ method: 'POST', url: '/api/session', payload: { username: 'planner', password: 'demo-planner-2018' } });
    planner = { cookie: String(res.headers['set-cookie']).split(';')[0], 'x-csrf-token': res.json().csrfToken };
  });
  afterAll(async () => {
    await app.close();
  });
  const suggest = (payload: Record<string, unknown>, headers = planner) => app.inject({ method: 'POST', url: '/api/parks/suggest', headers, payload });

  it('knows which villages share a border of positive length', async () => {
    const [stats] = await db.query<{ pairs: number; short: number; far: number; lonely: number }>(`
      SELECT count(*)::int AS pairs, count(*) FILTER (WHERE shared_m < $1)::int AS short,
        (SELECT count(*) FROM village_adjacency v JOIN areas x ON x.code = v.a JOIN areas y ON y.code = v.b WHERE NOT ST_DWithin(x.geom, y.geom, 0.00001))::int AS far,
        (SELECT count(*) FROM areas a WHERE a.level = 'village' AND NOT EXISTS (SELECT 1 FROM village_adjacency v WHERE v.a = a.code OR v.b = a.code))::int AS lonely
      FROM village_adjacency`, [MIN_SHARED_BORDER_M]);
    // 1,230 villages tiling three counties: about three borders per village, none only a corner.
    expect(stats.pairs).toBeGreaterThan(3000);
    expect(stats.short).toBe(0);
    expect(stats.far).toBe(0);
    expect(stats.lonely).toBe(0);
  });

  it('suggests contiguous clusters within the limits, best first, with why', async () => {
    const res = await suggest({ scope: '512021101', maxVillages: 5, scatteredWeight: 2, count: 3 });
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json();
    expect(body.clusters.length).toBeGreaterThan(0);
    const edges = await db.query<{ a: string; b: string }>(`SELECT a, b FROM village_adjacency WHERE a LIKE '512021101%'`);
    const neighbours = new Map<string, string[]>();
    for (const e of edges) {
      neighbours.set(e.a, [...(neighbours.get(e.a) ?? []), e.b]);
      neighbours.set(e.b, [...(neighbours.get(e.b) ?? []), e.a]);
    }
    for (const c of body.clusters) {
      expect(c.villages.length).toBeLessThanOrEqual(5);
      expect(c.villages.every((v: string) => v.startsWith('512021101'))).toBe(true);
      expect(connectedPieces(c.villages, neighbours)).toHaveLength(1);
      expect(c.score).toBeCloseTo(c.povertyHouseholds + 2 * c.scatteredHouseholds, 6);
      expect(Math.abs(c.areaMu - c.areaHa * 15)).toBeLessThanOrEqual(1);
      expect(c.reason).toContain(`${c.villages.length} 个相邻村`);
    }
    for (let i = 1; i < body.clusters.length; i++) expect(body.clusters[i].score).toBeLessThanOrEqual(body.clusters[i - 1].score);
    // The households it reports are the records' own count.
    const [{ n }] = await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM households WHERE village_code = ANY($1::text[])`, [body.clusters[0].villages]);
    expect(body.clusters[0].povertyHouseholds + body.clusters[0].scatteredHouseholds).toBe(n);

    const [first] = body.clusters[0].villages;
    const withRequired = (await suggest({ scope: '512021101', maxVillages: 4, include: [first], exclude: body.clusters[0].villages.slice(1) })).json();
    for (const c of withRequired.clusters) {
      expect(c.villages).toContain(first);
      expect(c.villages.some((v: string) => body.clusters[0].villages.slice(1).includes(v))).toBe(false);
    }
  });

  it('refuses impossible limits with a 400 that says why, and stops at the time limit saying so', async () => {
    const k0 = await suggest({ scope: '512021101', maxVillages: 0 });
    expect(k0.statusCode).toBe(400);
    expect(k0.json().message).toContain('maxVillages');
    const tiny = await suggest({ scope: '512021101', maxVillages: 3, maxAreaHa: 0.5 });
    expect(tiny.statusCode).toBe(400);
    expect(tiny.json().message).toMatch(/maxAreaHa.*smallest village/);
    const outside = await suggest({ scope: '512021101', maxVillages: 3, include: ['512022103002'] });
    expect(outside.statusCode).toBe(400);
    expect(outside.json().message).toContain('not inside scope');
    const village = await suggest({ scope: '512021101001', maxVillages: 3 });
    expect(village.statusCode).toBe(400);
    const quick = await suggest({ scope: '512021', maxVillages: 30, timeLimitMs: 10 });
    expect(quick.statusCode).toBe(200);
    expect(quick.json().timedOut).toBe(true);
    expect(quick.json().clusters.length).toBeGreaterThan(0);
  });
});
