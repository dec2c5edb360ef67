import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import type { Feature, FeatureCollection, MultiPolygon, Polygon } from 'geojson';
import { unzipSync, strFromU8 } from 'fflate';
import * as shapefile from 'shapefile';
import { buildApp } from '../../../server/app.ts';
import { measureInBrowser } from '../../../client/planner/measureInBrowser.ts';
import { createScratchDatabase, type ScratchDatabase } from '../../helpers/scratchDatabase.ts';
import { testConfig } from '../../helpers/testConfig.ts';

type Db = { query: <T>(sql: string, params?: unknown[]) => Promise<T[]> };

describe('park selections and proposals', () => {
  let scratch: ScratchDatabase;
  let app: FastifyInstance;
  let db: Db;
  let planner: Record<string, string>;
  let leader: Record<string, string>;
  let villages: Map<string, Feature<Polygon | MultiPolygon>>;
  beforeAll(async () => {
    scratch = await createScratchDatabase();
    app = await buildApp(testConfig({ databaseUrl: scratch.url }), { logger: false });
    db = (app as unknown as { db: Db }).db;
    const res = await app.inject({ method: 'POST', url: '/api/session', payload: { username: 'planner', password: 'demo-planner-2018' } });
    planner = { cookie: String(res.headers['set-cookie']).split(';')[0], 'x-csrf-token': res.json().csrfToken };
    const lead = await app.inject({ method: 'POST', url: '/api/session', payload: { username: 'leader', password: 'demo-leader-2018' } });
    leader = { cookie: String(lead.headers['set-cookie']).split(';')[0], 'x-csrf-token': lead.json().csrfToken };
    const fc = (await app.inject({ url: '/api/areas?level=village&parent=512021101' })).json() as FeatureCollection<Polygon | MultiPolygon, { code: string }>;
    villages = new Map(fc.features.map((f) => [f.properties.code, f]));
  }, 300000);
  afterAll(async () => {
    await app?.close();
    await scratch?.drop();
  });
  const measure = async (codes: string[]) => {
    const res = await app.inject({ method: 'POST', url: '/api/parks/measure', headers: planner, payload: { villages: codes } });
    expect(res.statusCode, res.body).toBe(200);
    return res.json();
  };

  it('measures a selection the same in the browser (turf) and on the server (PostGIS)', async () => {
    const edges = await db.query<{ a: string; b: string }>(`SELECT a, b FROM village_adjacency WHERE a LIKE '512021101%' AND b LIKE '512021101%' ORDER BY a, b`);
    const codes = [...villages.keys()].sort();
    const far = codes.find((c) => c !== codes[0] && !edges.some((e) => (e.a === codes[0] && e.b === c) || (e.b === codes[0] && e.a === c)))!;
    const selections = [
      [codes[0]],
      [edges[0].a, edges[0].b],
      [edges[0].a, edges[0].b, far].filter((c, i, all) => all.indexOf(c) === i),
      codes.slice(0, 5),
      codes,
    ];
    for (const sel of selections) {
      const server = await measure(sel);
      const browser = measureInBrowser(sel.map((c) => villages.get(c)!));
      expect(browser.parts, sel.join(',')).toBe(server.unionParts);
      expect(server.pieces.length, sel.join(',')).toBe(server.unionParts);
      expect(server.contiguous).toBe(server.pieces.length === 1);
      expect(Math.abs(browser.areaHa - server.areaHa) / server.areaHa, sel.join(',')).toBeLessThan(0.005);
    }
    const whole = await measure(codes);
    expect(whole.contiguous).toBe(true);
    const [{ n, people }] = await db.query<{ n: number; people: number }>(`SELECT count(*)::int AS n, sum(size)::int AS people FROM households WHERE village_code LIKE '512021101%'`);
    expect(whole.povertyHouseholds + whole.scatteredHouseholds).toBe(n);
    expect(whole.people).toBe(people);
    expect(whole.nearestLineM).toBeGreaterThanOrEqual(0);
    expect(Math.abs(whole.areaMu - whole.areaHa * 15)).toBeLessThanOrEqual(1);
  });

  it('saves a contiguous selection as a proposal, approves it, audits both, and exports files GIS software opens', async () => {
    const [edge] = await db.query<{ a: string; b: string }>(`SELECT a, b FROM village_adjacency WHERE a LIKE '512021101%' AND b LIKE '512021101%' ORDER BY a, b LIMIT 1`);
    const created = await app.inject({ method: 'POST', url: '/api/parks/proposals', headers: planner, payload: { name: '柠檬产业园（试）', villages: [edge.a, edge.b], industries: ['柠檬', '生猪'], notes: '测试' } });
    expect(created.statusCode, created.body).toBe(201);
    const proposal = created.json();
    expect(proposal.measures.contiguous).toBe(true);
    // A planner proposes; approving is a leader's (or an administrator's) decision.
    const byPlanner = await app.inject({ method: 'PATCH', url: `/api/parks/proposals/${proposal.id}`, headers: planner, payload: { version: 1, status: 'approved' } });
    expect(byPlanner.statusCode, byPlanner.body).toBe(403);
    const approved = await app.inject({ method: 'PATCH', url: `/api/parks/proposals/${proposal.id}`, headers: leader, payload: { version: 1, status: 'approved' } });
    expect(approved.statusCode, approved.body).toBe(200);
    expect(approved.json()).toMatchObject({ status: 'approved', version: 2 });
    const stale = await app.inject({ method: 'PATCH', url: `/api/parks/proposals/${proposal.id}`, headers: planner, payload: { version: 1, notes: 'x' } });
    expect(stale.statusCode).toBe(409);
    const audit = await db.query<{ action: string }>(`SELECT action FROM audit_log WHERE entity = 'park_proposal' AND entity_id = $1 ORDER BY id`, [String(proposal.id)]);
    expect(audit.map((a) => a.action)).toEqual(['proposal.create', 'proposal.approve']);
    const list = (await app.inject({ url: '/api/parks/proposals', headers: planner })).json();
    expect(list.map((p: { id: number }) => p.id)).toContain(proposal.id);

    const dir = mkdtempSync(join(tmpdir(), 'proposal-'));
    try {
      const geojson = await app.inject({ url: `/api/parks/proposals/${proposal.id}/export?format=geojson`, headers: planner });
      expect(geojson.headers['content-type']).toContain('geo+json');
      const fc = geojson.json();
      expect(fc.features[0].properties.name).toBe('柠檬产业园（试）');
      expect(['Polygon', 'MultiPolygon']).toContain(fc.features[0].geometry.type);

      const kml = await app.inject({ url: `/api/parks/proposals/${proposal.id}/export?format=kml`, headers: planner });
      expect(kml.body).toContain('<kml xmlns="http://www.opengis.net/kml/2.2">');
      expect(kml.body).toContain('柠檬产业园（试）');
      writeFileSync(join(dir, 'p.kml'), kml.body);

      const zip = await app.inject({ url: `/api/parks/proposals/${proposal.id}/export?format=shp`, headers: planner });
      expect(zip.headers['content-type']).toBe('application/zip');
      const files = unzipSync(new Uint8Array(zip.rawPayload));
      const name = `park-proposal-${proposal.id}`;
      expect(Object.keys(files).sort()).toEqual([`${name}.cpg`, `${name}.dbf`, `${name}.prj`, `${name}.shp`, `${name}.shx`]);
      expect(strFromU8(files[`${name}.prj`])).toContain('WGS_1984');
      const source = await shapefile.open(files[`${name}.shp`].buffer as ArrayBuffer, files[`${name}.dbf`].buffer as ArrayBuffer, { encoding: 'utf-8' });
      const first = await source.read();
      expect(first.done).toBe(false);
      expect((first.value.properties as Record<string, string>).NAME).toBe('柠檬产业园（试）');
      expect(first.value.geometry.type).toMatch(/Polygon/);
      // GDAL (ogrinfo) must read both files too: required under CI, which installs gdal-bin.
      try {
        for (const [f, data] of Object.entries(files)) writeFileSync(join(dir, f), data);
        const info = execFileSync('ogrinfo', ['-so', '-al', join(dir, `${name}.shp`)], { encoding: 'utf8' });
        expect(info).toContain('Feature Count: 1');
        expect(execFileSync('ogrinfo', ['-so', '-al', join(dir, 'p.kml')], { encoding: 'utf8' })).toContain('Feature Count: 1');
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'ENOENT' || process.env.CI) throw error;
        console.warn('[proposals] ogrinfo not found: the exports were read with the shapefile package only');
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('refuses what cannot be saved, and saves nothing', async () => {
    const codes = [...villages.keys()].sort();
    const edges = await db.query<{ a: string; b: string }>(`SELECT a, b FROM village_adjacency WHERE a LIKE '512021101%' AND b LIKE '512021101%'`);
    const far = codes.find((c) => c !== codes[0] && !edges.some((e) => (e.a === codes[0] && e.b === c) || (e.b === codes[0] && e.a === c)))!;
    const [{ before }] = await db.query<{ before: number }>('SELECT count(*)::int AS before FROM park_proposals');
    const split = await app.inject({ method: 'POST', url: '/api/parks/proposals', headers: planner, payload: { name: 'x', villages: [codes[0], far] } });
    expect(split.statusCode).toBe(400);
    expect(split.json().message).toContain('not contiguous');
    const unknown = await app.inject({ method: 'POST', url: '/api/parks/proposals', headers: planner, payload: { name: 'x', villages: ['512021101999'] } });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().message).toContain('512021101999');
    const noName = await app.inject({ method: 'POST', url: '/api/parks/proposals', headers: planner, payload: { villages: [codes[0]] } });
    expect(noName.statusCode).toBe(400);
    expect((await app.inject({ url: '/api/parks/proposals/99999/export?format=kml', headers: planner })).statusCode).toBe(404);
    const [{ after }] = await db.query<{ after: number }>('SELECT count(*)::int AS after FROM park_proposals');
    expect(after).toBe(before);
  });
});
