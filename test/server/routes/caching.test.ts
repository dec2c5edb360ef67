/**
 * Answers compressed as the client accepts, and data answers tagged with the data version: asked
 * again with the tag, a 304 before any work; after an edit, the new answer.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../../server/app.ts';
import { DATA_ETAG_ROUTES, etagMatches } from '../../../server/plugins/dataEtag.ts';
import { dataVersion } from '../../../server/audit/auditQueries.ts';
import { createScratchDatabase, type ScratchDatabase } from '../../helpers/scratchDatabase.ts';
import { testConfig } from '../../helpers/testConfig.ts';
import { precompressDir } from '../../../scripts/precompress.ts';

describe('compression and data-version ETags', () => {
  let scratch: ScratchDatabase;
  let app: FastifyInstance;
  beforeAll(async () => {
    scratch = await createScratchDatabase();
    app = await buildApp(testConfig({ databaseUrl: scratch.url }), { logger: false });
  }, 300_000);
  afterAll(async () => {
    await app?.close();
    await scratch?.drop();
  });
  const signIn = async (username: string, password: string) => {
    const res = await app.inject({ method: 'POST', url: '/api/session', payload: { username, password } });
    expect(res.statusCode, res.body).toBe(200);
    return { cookie: String(res.headers['set-cookie']).split(';')[0], 'x-csrf-token': res.json().csrfToken as string };
  };

  it('compresses answers above 1 KB with br or gzip, as accepted, to the same bytes; small ones and unaccepting clients get them plain', async () => {
    const url = '/api/areas?level=township';
    const plain = await app.inject({ url });
    expect(plain.headers['content-encoding']).toBeUndefined();
    const br = await app.inject({ url, headers: { 'accept-encoding': 'br, gzip' } });
    expect(br.headers['content-encoding']).toBe('br');
    expect(brotliDecompressSync(br.rawPayload).toString()).toBe(plain.body);
    expect(br.rawPayload.length).toBeLessThan(plain.rawPayload.length / 4);
    const gz = await app.inject({ url, headers: { 'accept-encoding': 'gzip' } });
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(gunzipSync(gz.rawPayload).toString()).toBe(plain.body);
    const small = await app.inject({ url: '/api/settings', headers: { 'accept-encoding': 'br, gzip' } });
    expect(small.rawPayload.length).toBeLessThan(1024);
    expect(small.headers['content-encoding']).toBeUndefined();
  });

  it('answers a repeated data request with 304 until the data change, and tags each caller apart', async () => {
    const url = '/api/progress?level=county&indicators=people_lifted';
    // A tile reads the version in its own query when asked afresh: its tag must be the one the
    // separate version query gives, or a repeat would never be a 304.
    const tileUrl = '/tiles/county,township,village/10/810/422.pbf';
    const tile = await app.inject({ url: tileUrl });
    const tileTag = String(tile.headers.etag);
    expect(tileTag).toMatch(/^W\/".+"$/);
    expect((await app.inject({ url: tileUrl, headers: { 'if-none-match': tileTag } })).statusCode).toBe(304);
    const first = await app.inject({ url });
    expect(first.statusCode).toBe(200);
    const tag = String(first.headers.etag);
    expect(tag).toMatch(/^W\/".+"$/);
    expect(first.headers['cache-control']).toBe('private, no-cache');
    const again = await app.inject({ url, headers: { 'if-none-match': tag } });
    expect(again.statusCode).toBe(304);
    expect(again.body).toBe('');
    // Another caller may see other figures (small counts): another tag.
    const clerk = await signIn('clerk.anyue', 'demo-clerk-2018');
    const asClerk = await app.inject({ url, headers: { ...clerk, 'if-none-match': tag } });
    expect(asClerk.statusCode).toBe(200);
    expect(asClerk.headers.etag).not.toBe(tag);
    // An edit (audited) changes the version: the old tag no longer holds, and the answer is new.
    const [poor] = await app.db.query<{ id: string }>(`SELECT h.id FROM households h JOIN users u ON h.village_code LIKE u.area_code || '%'
      WHERE u.username = 'clerk.anyue' AND h.status = 'poor' ORDER BY h.id LIMIT 1`);
    const current = (await app.inject({ url: `/api/households/${poor.id}`, headers: clerk })).json();
    const edit = await app.inject({ method: 'PATCH', url: `/api/households/${poor.id}`, headers: clerk,
      payload: { version: current.version, effectiveDate: '2018-11-30', changes: { status: 'exited', income_per_capita: 4600, food_clothing: true, education: true, medical: true, housing: true } } });
    expect(edit.statusCode, edit.body).toBe(200);
    const tileAfter = await app.inject({ url: tileUrl, headers: { 'if-none-match': tileTag } });
    expect(tileAfter.statusCode).toBe(200);
    expect(tileAfter.headers.etag).not.toBe(tileTag);
    expect((await app.inject({ url: tileUrl })).headers.etag).toBe(tileAfter.headers.etag);
    const after = await app.inject({ url, headers: { 'if-none-match': tag } });
    expect(after.statusCode).toBe(200);
    expect(after.headers.etag).not.toBe(tag);
    const anyue = (body: string) => JSON.parse(body).areas.find((a: { code: string }) => a.code === '512021').indicators.people_lifted.value;
    expect(anyue(after.body)).toBeGreaterThan(anyue(first.body));
  });

  // Two writers on PostgreSQL: the first to take an audit id commits last. The newest id does not
  // move when it commits; the version must.
  it.runIf(inject('backend') === 'postgres')('changes the data version when an earlier-numbered write commits after a later one', async () => {
    const [a, b] = [new pg.Client({ connectionString: scratch.url }), new pg.Client({ connectionString: scratch.url })];
    await a.connect();
    await b.connect();
    const audit = (c: pg.Client) => c.query(`INSERT INTO audit_log (actor, action, entity, entity_id) VALUES ('test', 'test.write', 'test', 'x') RETURNING id`);
    try {
      await a.query('BEGIN');
      const first = Number((await audit(a)).rows[0].id);
      await b.query('BEGIN');
      const second = Number((await audit(b)).rows[0].id);
      expect(second).toBeGreaterThan(first);
      await b.query('COMMIT');
      const before = await dataVersion(app.db);
      await a.query('COMMIT');
      expect(await dataVersion(app.db)).not.toBe(before);
    } finally {
      await a.end();
      await b.end();
    }
  });

  it('tags no refusal, and every tagged route exists', async () => {
    const bad = await app.inject({ url: '/api/progress?level=village' });
    expect(bad.statusCode).toBe(400);
    expect(bad.headers.etag).toBeUndefined();
    for (const url of DATA_ETAG_ROUTES) expect(app.hasRoute({ method: 'GET', url }), url).toBe(true);
    expect(etagMatches('"a", W/"b"', 'W/"b"')).toBe(true);
    expect(etagMatches('W/"a"', 'W/"b"')).toBe(false);
    expect(etagMatches('*', 'W/"b"')).toBe(false);
  });
});

describe('the built client, pre-compressed at build', () => {
  let app: FastifyInstance;
  let dir: string;
  const script = `export const words = ${JSON.stringify(Array.from({ length: 400 }, (_, i) => `村${i}`))};\n`;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'campaign-client-'));
    mkdirSync(join(dir, 'assets'));
    writeFileSync(join(dir, 'index.html'), `<!doctype html><html><head><title>攻坚图</title></head><body>${'<div></div>'.repeat(200)}</body></html>`);
    writeFileSync(join(dir, 'assets', 'app.js'), script);
    writeFileSync(join(dir, 'assets', 'tiny.js'), 'export {};\n');
    const written = precompressDir(dir).map((w) => w.file.slice(dir.length));
    expect(written.sort()).toEqual(['/assets/app.js', '/index.html']);
    app = await buildApp(testConfig({ clientDir: dir }), { logger: false });
  });
  afterAll(async () => {
    await app?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('sends the .br or .gz written at build, as accepted, and the file itself otherwise', async () => {
    const br = await app.inject({ url: '/assets/app.js', headers: { 'accept-encoding': 'br, gzip' } });
    expect(br.statusCode).toBe(200);
    expect(br.headers['content-encoding']).toBe('br');
    expect(brotliDecompressSync(br.rawPayload).toString()).toBe(script);
    const gz = await app.inject({ url: '/assets/app.js', headers: { 'accept-encoding': 'gzip' } });
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(gunzipSync(gz.rawPayload).toString()).toBe(script);
    const plain = await app.inject({ url: '/assets/app.js' });
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.body).toBe(script);
    // No .br beside it: the file itself, which the server may still compress as it streams it.
    const tiny = await app.inject({ url: '/assets/tiny.js', headers: { 'accept-encoding': 'br' } });
    expect(tiny.statusCode).toBe(200);
    expect((tiny.headers['content-encoding'] === 'br' ? brotliDecompressSync(tiny.rawPayload) : tiny.rawPayload).toString()).toBe('export {};\n');
  });
});
