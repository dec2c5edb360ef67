import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance, InjectOptions } from 'fastify';
import { buildApp } from '../../../server/app.ts';
import { openDatabase, type Database } from '../../../server/db/openDatabase.ts';
import { DEMO_ACCOUNTS, DEMO_DISPLAY_TOKEN } from '../../../server/auth/demoAccounts.ts';
import { hashToken } from '../../../server/auth/password.ts';
import { createScratchDatabase, type ScratchDatabase } from '../../helpers/scratchDatabase.ts';
import { roleOf } from '../../helpers/appRole.ts';
import { repoRoot, testConfig } from '../../helpers/testConfig.ts';

type Who = 'anonymous' | 'display' | 'leader' | 'planner' | 'clerkIn' | 'clerkOut' | 'admin';
interface Caller { headers: Record<string, string> }

const password = (u: string) => DEMO_ACCOUNTS.find((a) => a.username === u)!.password;

describe('accounts, roles, protected records and the audit trail', () => {
  let scratch: ScratchDatabase;
  let app: FastifyInstance;
  let db: Database;
  const callers = {} as Record<Who, Caller>;
  let inArea: { id: string; version: number; village_code: string };
  let outArea: { id: string };
  let personal: { head_name: string; phone: string };

  const login = async (username: string, pass = password(username)): Promise<Caller> => {
    const res = await app.inject({ method: 'POST', url: '/api/session', payload: { username, password: pass } });
    expect(res.statusCode, res.body).toBe(200);
    const cookie = String(res.headers['set-cookie']).split(';')[0];
    expect(String(res.headers['set-cookie'])).toMatch(/HttpOnly; SameSite=Strict/);
    return { headers: { cookie, 'x-csrf-token': res.json().csrfToken } };
  };
  const call = (who: Caller, opts: InjectOptions) => app.inject({ ...opts, headers: { ...who.headers, ...(opts.headers as Record<string, string>) } });

  beforeAll(async () => {
    scratch = await createScratchDatabase();
    app = await buildApp(testConfig({ databaseUrl: scratch.url }), { logger: false });
    db = await openDatabase({ databaseUrl: scratch.url, dataDir: '', statementTimeoutMs: 60000 });
    callers.anonymous = { headers: {} };
    callers.display = { headers: { authorization: `Bearer ${DEMO_DISPLAY_TOKEN}` } };
    callers.leader = await login('leader');
    callers.planner = await login('planner');
    callers.clerkIn = await login('clerk.512021101');
    callers.clerkOut = await login('clerk.512022103');
    callers.admin = await login('admin');
    [inArea] = await db.query(`SELECT id, version, village_code FROM households WHERE village_code LIKE '512021101%' ORDER BY id LIMIT 1`);
    [outArea] = await db.query(`SELECT id FROM households WHERE village_code LIKE '512022103%' ORDER BY id LIMIT 1`);
    [personal] = await db.query(`SELECT head_name, phone FROM households WHERE id = $1`, [inArea.id]);
  }, 300000);
  afterAll(async () => {
    await app?.close();
    await db?.close();
    await scratch?.drop();
  });

  it('walks every route of the OpenAPI document as every kind of caller', async () => {
    const doc = (await app.inject({ url: '/api/docs/json' })).json() as { paths: Record<string, Record<string, unknown>> };
    const pub = { anonymous: 200, display: 200, leader: 200, planner: 200, clerkIn: 200, clerkOut: 200, admin: 200 };
    const adminOnly = (ok: number) => ({ anonymous: 401, display: 401, leader: 403, planner: 403, clerkIn: 403, clerkOut: 403, admin: ok });
    // Every route must be listed here: a new route without an expectation fails this test.
    const policy: Record<string, { url: string; payload?: () => unknown; expect: Record<Who, number>; personal?: boolean; stream?: boolean }> = {
      'GET /api/health': { url: '/api/health', expect: pub },
      'GET /api/areas': { url: '/api/areas?level=county', expect: pub },
      'GET /api/areas/{code}': { url: '/api/areas/512021101', expect: pub },
      'GET /api/areas/{code}/contents': { url: '/api/areas/512021101/contents', expect: pub },
      'GET /api/indicators': { url: '/api/indicators', expect: pub },
      'GET /api/settings': { url: '/api/settings', expect: pub },
      'GET /api/events': { url: '/api/events', expect: pub, stream: true },
      'GET /api/progress': { url: '/api/progress?level=village&parent=512021101', expect: pub },
      'GET /api/progress/{code}/history': { url: '/api/progress/512021101/history', expect: pub },
      'GET /api/progress/scale': { url: '/api/progress/scale?level=township&indicator=people_lifted&method=quantile', expect: pub },
      'GET /api/lagging': { url: '/api/lagging?level=village', expect: pub },
      'GET /api/summary': { url: '/api/summary', expect: pub },
      'GET /api/problems': { url: '/api/problems?meeting=2018-06-30', expect: { anonymous: 401, display: 401, leader: 200, planner: 200, clerkIn: 200, clerkOut: 200, admin: 200 } },
      'POST /api/problems': { url: '/api/problems', payload: () => ({ areaCode: '512021101', description: '走查', raisedAt: '2018-06-30', owner: '张三', dueDate: '2018-07-15' }), expect: { anonymous: 401, display: 401, leader: 201, planner: 403, clerkIn: 403, clerkOut: 403, admin: 201 } },
      'PATCH /api/problems/{id}': { url: '/api/problems/1', payload: () => ({ version: 999, owner: '李四' }), expect: { anonymous: 401, display: 401, leader: 409, planner: 403, clerkIn: 403, clerkOut: 403, admin: 409 } },
      'GET /api/tasks': { url: '/api/tasks?month=2018-06', expect: { anonymous: 401, display: 401, leader: 200, planner: 200, clerkIn: 200, clerkOut: 200, admin: 200 } },
      'POST /api/tasks': { url: '/api/tasks', payload: () => ({ month: '2018-06', areaCode: '512021', title: '走查', department: '扶贫办', responsible: '王五', dueDate: '2018-06-30' }), expect: { anonymous: 401, display: 401, leader: 201, planner: 403, clerkIn: 403, clerkOut: 403, admin: 201 } },
      'PATCH /api/tasks/{id}': { url: '/api/tasks/1', payload: () => ({ version: 999, status: 'done' }), expect: { anonymous: 401, display: 401, leader: 409, planner: 403, clerkIn: 403, clerkOut: 403, admin: 409 } },
      'GET /api/review/workbook': { url: '/api/review/workbook?week=2018-06-30', expect: { anonymous: 401, display: 401, leader: 200, planner: 200, clerkIn: 200, clerkOut: 200, admin: 200 } },
      'GET /api/review': { url: '/api/review?week=2018-06-30&level=township&county=512021', expect: pub },
      'GET /api/review/changes': { url: '/api/review/changes?from=2018-06-23&to=2018-06-30&level=village&county=512022', expect: pub },
      'GET /api/specialties': { url: '/api/specialties', expect: pub },
      'GET /api/session': { url: '/api/session', expect: pub },
      'GET /api/parks': { url: '/api/parks', expect: pub },
      'GET /api/projects': { url: '/api/projects?area=512021', expect: pub },
      'GET /api/search': { url: `/api/search?q=${encodeURIComponent('安岳')}`, expect: pub },
      'GET /api/households/layer': { url: '/api/households/layer', expect: pub },
      'GET /api/households/grid': { url: '/api/households/grid?cell=0.05', expect: pub },
      'GET /tiles/{sources}/{z}/{x}/{y}.pbf': { url: '/tiles/county,township,village/10/810/422.pbf', expect: pub },
      'GET /tiles/{sources}.json': { url: '/tiles/county,village.json', expect: pub },
      'GET /api/households': { url: '/api/households?area=512021101', personal: true,
        expect: { anonymous: 401, display: 401, leader: 403, planner: 403, clerkIn: 200, clerkOut: 403, admin: 200 } },
      'GET /api/households/{id}': { url: `/api/households/${'IN'}`, personal: true,
        expect: { anonymous: 401, display: 401, leader: 403, planner: 403, clerkIn: 200, clerkOut: 404, admin: 200 } },
      'PATCH /api/households/{id}': { url: `/api/households/${'IN'}`, personal: true, payload: () => ({ version: 999, changes: { phone: '19999911111' } }),
        expect: { anonymous: 401, display: 401, leader: 403, planner: 403, clerkIn: 409, clerkOut: 404, admin: 403 } },
      'GET /api/users': { url: '/api/users', expect: adminOnly(200) },
      'POST /api/users': { url: '/api/users', payload: () => ({ username: `u${Math.random().toString(36).slice(2, 8)}`, password: 'a-long-password', role: 'leader', areaCode: '5120' }), expect: adminOnly(201) },
      'PUT /api/targets/{code}/{year}/{indicator}': { url: '/api/targets/512021/2018/training', payload: () => ({ value: 400 }), expect: adminOnly(200) },
      'GET /api/audit': { url: '/api/audit', expect: adminOnly(200) },
      'POST /api/parks/measure': { url: '/api/parks/measure', payload: () => ({ villages: ['512021101001'] }), expect: { anonymous: 401, display: 401, leader: 403, planner: 200, clerkIn: 403, clerkOut: 403, admin: 200 } },
      'GET /api/parks/proposals': { url: '/api/parks/proposals', expect: { anonymous: 401, display: 401, leader: 200, planner: 200, clerkIn: 403, clerkOut: 403, admin: 200 } },
      'POST /api/parks/proposals': { url: '/api/parks/proposals', payload: () => ({ name: '走查', villages: ['512021101001'] }), expect: { anonymous: 401, display: 401, leader: 403, planner: 201, clerkIn: 403, clerkOut: 403, admin: 201 } },
      'PATCH /api/parks/proposals/{id}': { url: '/api/parks/proposals/1', payload: () => ({ version: 999, notes: 'x' }), expect: { anonymous: 401, display: 401, leader: 403, planner: 409, clerkIn: 403, clerkOut: 403, admin: 409 } },
      'GET /api/parks/proposals/{id}/export': { url: '/api/parks/proposals/1/export?format=geojson', expect: { anonymous: 401, display: 401, leader: 200, planner: 200, clerkIn: 403, clerkOut: 403, admin: 200 } },
      'POST /api/parks/suggest': {
        url: '/api/parks/suggest', payload: () => ({ scope: '512021101', maxVillages: 3 }),
        expect: { anonymous: 401, display: 401, leader: 403, planner: 200, clerkIn: 403, clerkOut: 403, admin: 200 },
      },
      'GET /api/audit/integrity': { url: '/api/audit/integrity', expect: adminOnly(200) },
      'GET /api/integrity/exits': { url: '/api/integrity/exits?limit=5', expect: adminOnly(200) },
      'POST /api/integrity/samples': { url: '/api/integrity/samples', payload: () => ({ areaCode: '512021', asOf: '2018-11-30', seed: 3 }), expect: adminOnly(201), personal: true },
      'GET /api/integrity/samples': { url: '/api/integrity/samples', expect: adminOnly(200) },
      'GET /api/integrity/samples/{id}': { url: '/api/integrity/samples/999999', expect: adminOnly(404), personal: true },
      'PUT /api/integrity/samples/{id}/units/{householdId}': { url: '/api/integrity/samples/999999/units/H00001',
        payload: () => ({ version: 1, result: 'confirmed', visitedBy: '走查', visitedOn: '2018-12-01' }), expect: adminOnly(404), personal: true },
    };
    const routes = Object.entries(doc.paths).flatMap(([path, ops]) => Object.keys(ops).map((m) => `${m.toUpperCase()} ${path}`))
      .filter((r) => !r.includes('/api/docs') && r !== 'POST /api/session' && r !== 'DELETE /api/session');
    expect(routes.filter((r) => !policy[r])).toEqual([]);
    for (const route of routes) {
      const p = policy[route];
      const method = route.split(' ')[0] as InjectOptions['method'];
      for (const who of Object.keys(p.expect) as Who[]) {
        const url = p.url.replace('IN', inArea.id);
        if (p.stream) {
          // An event stream never ends: read its status and first event, then hang up.
          const res = await call(callers[who], { method, url, payloadAsStream: true });
          expect(res.statusCode, `${route} as ${who}`).toBe(p.expect[who]);
          const first = await new Promise<string>((ok) => res.stream().once('data', (chunk: Buffer) => ok(String(chunk))));
          expect(first).toMatch(/^retry: \d+|^event: hello/);
          res.stream().destroy();
          continue;
        }
        const res = await call(callers[who], { method, url, payload: p.payload?.() as InjectOptions['payload'] });
        expect(res.statusCode, `${route} as ${who}: ${res.body.slice(0, 200)}`).toBe(p.expect[who]);
        // A 409 answers with the current record: for a caller who may edit it.
        const mayReadPersonal = p.personal && (res.statusCode === 200 || res.statusCode === 201 || res.statusCode === 409);
        if (!mayReadPersonal) {
          expect(res.body, `${route} as ${who} leaks a name`).not.toContain(personal.head_name);
          expect(res.body, `${route} as ${who} leaks a phone`).not.toContain(personal.phone);
          expect(res.body).not.toMatch(/"head_name"|"phone"/);
        }
        expect(res.body, `${route} as ${who}`).not.toMatch(/at .+\.ts:\d+|SELECT |stack/);
      }
    }
  }, 300000);

  it('a clerk sees only households inside their area, whatever the URL says', async () => {
    const list = (await call(callers.clerkIn, { url: '/api/households?pageSize=500' })).json();
    expect(list.total).toBeGreaterThan(0);
    expect(list.households.every((h: { village_code: string }) => h.village_code.startsWith('512021101'))).toBe(true);
    expect((await call(callers.clerkIn, { url: `/api/households/${outArea.id}` })).statusCode).toBe(404);
    const patch = await call(callers.clerkIn, { method: 'PATCH', url: `/api/households/${outArea.id}`, payload: { version: 1, changes: { phone: '123456' } } });
    expect(patch.statusCode).toBe(404);
    const injection = (await call(callers.clerkIn, { url: `/api/households?q=${encodeURIComponent("' OR 1=1 --")}` })).json();
    expect(injection.total).toBe(0);
  });

  it('the households map layer: exact points only for a role that may read them, in its area; counts for the rest', async () => {
    const pub = (await call(callers.anonymous, { url: '/api/households/layer' })).json();
    expect(pub.features.length).toBeGreaterThan(100);
    expect(pub.features.every((f: { properties: { kind: string; households: number } }) => f.properties.kind === 'village' && f.properties.households >= 5)).toBe(true);
    const leader = (await call(callers.leader, { url: '/api/households/layer' })).json();
    expect(leader.features.some((f: { properties: { households: number } }) => f.properties.households < 5)).toBe(true);
    const clerk = (await call(callers.clerkIn, { url: '/api/households/layer' })).json();
    expect(clerk.features.length).toBeGreaterThan(10);
    expect(clerk.features.every((f: { properties: { kind: string; villageCode: string } }) => f.properties.kind === 'household' && f.properties.villageCode.startsWith('512021101'))).toBe(true);
    expect(clerk.features.some((f: { properties: { scattered: boolean } }) => f.properties.scattered)).toBe(true);
  });

  it('hides aggregates over fewer than 5 households from the public, not from accounts', async () => {
    const pub = (await call(callers.anonymous, { url: '/api/progress?level=village&indicators=people_lifted,poverty_villages_exited' })).json();
    const small = pub.areas.filter((a: { suppressed: boolean }) => a.suppressed);
    expect(small.length).toBeGreaterThan(0);
    for (const a of small) expect(a.indicators.people_lifted.value).toBeNull();
    const leader = (await call(callers.leader, { url: '/api/progress?level=village&indicators=people_lifted' })).json();
    expect(leader.areas.every((a: { suppressed: boolean }) => !a.suppressed)).toBe(true);
    const code = small[0].code;
    expect(leader.areas.find((a: { code: string }) => a.code === code).indicators.people_lifted.value).not.toBeNull();
    const display = (await call(callers.display, { url: `/api/progress/${code}/history?interval=month` })).json();
    expect(display.points.at(-1).indicators.people_lifted.value).toBeNull();
  });

  it('an exit that fails the standard is refused with the reasons, unless overridden, which is flagged', async () => {
    const [h] = await db.query<{ id: string; version: number }>(
      `SELECT id, version FROM households WHERE village_code LIKE '512021101%' AND status = 'poor' ORDER BY id LIMIT 1`);
    const refused = await call(callers.clerkIn, { method: 'PATCH', url: `/api/households/${h.id}`, payload: { version: h.version, effectiveDate: '2018-12-01', changes: { status: 'exited', income_per_capita: 3000, housing: false } } });
    expect(refused.statusCode).toBe(422);
    expect(refused.json().reasons).toEqual([expect.stringMatching(/^income: .*3000.*3600/), expect.stringMatching(/^housing:/)]);
    const short = await call(callers.clerkIn, { method: 'PATCH', url: `/api/households/${h.id}`, payload: { version: h.version, changes: { status: 'exited' }, override: { reason: 'short' } } });
    expect(short.statusCode).toBe(400);
    const ok = await call(callers.clerkIn, { method: 'PATCH', url: `/api/households/${h.id}`, payload: { version: h.version, effectiveDate: '2018-12-01', changes: { status: 'exited', income_per_capita: 3000, housing: false }, override: { reason: '县扶贫办核实：收入已达标，待补录凭证' } } });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json()).toMatchObject({ status: 'exited', exit_date: '2018-12-01', version: h.version + 1 });
    const audit = (await call(callers.admin, { url: `/api/audit?entity=household&entityId=${h.id}` })).json();
    expect(audit[0]).toMatchObject({ action: 'household.exit', actor: 'clerk.512021101', flagged: true, reason: '县扶贫办核实：收入已达标，待补录凭证' });
    expect(audit[0].before).toMatchObject({ status: 'poor' });
    expect(audit[0].after).toMatchObject({ status: 'exited' });
    const integrity = (await call(callers.admin, { url: '/api/audit/integrity' })).json();
    expect(integrity.overriddenExits.map((e: { householdId: string }) => e.householdId)).toContain(h.id);
    expect(integrity.incomeJumps.length).toBeGreaterThan(0);
    // The edit reaches the aggregates as of its date.
    const after = (await call(callers.leader, { url: `/api/progress?level=village&parent=${'512021101'}&asOf=2018-12-01&indicators=households_exited` })).json();
    const before = (await call(callers.leader, { url: `/api/progress?level=village&parent=${'512021101'}&asOf=2018-11-30&indicators=households_exited` })).json();
    const sum = (r: { areas: { indicators: { households_exited: { value: number } } }[] }) => r.areas.reduce((s, a) => s + a.indicators.households_exited.value, 0);
    expect(sum(after) - sum(before)).toBeGreaterThanOrEqual(1);
  });

  it('two clerks editing the same household: one wins, the other gets a 409 with the current record', async () => {
    const county = await login('clerk.anyue');
    const [h] = await db.query<{ id: string; version: number }>(`SELECT id, version FROM households WHERE village_code LIKE '512021101%' ORDER BY id DESC LIMIT 1`);
    const edit = (who: Caller, phone: string) => call(who, { method: 'PATCH', url: `/api/households/${h.id}`, payload: { version: h.version, changes: { phone } } });
    const [a, b] = await Promise.all([edit(callers.clerkIn, '19999922222'), edit(county, '19999933333')]);
    expect([a.statusCode, b.statusCode].sort()).toEqual([200, 409]);
    const winner = a.statusCode === 200 ? a : b;
    const loser = a.statusCode === 200 ? b : a;
    expect(loser.json().current).toMatchObject({ version: h.version + 1, phone: winner.json().phone });
    const [now] = await db.query<{ phone: string; version: number }>('SELECT phone, version FROM households WHERE id = $1', [h.id]);
    expect(now).toEqual({ phone: winner.json().phone, version: h.version + 1 });
    const rows = await db.query(`SELECT 1 FROM audit_log WHERE entity = 'household' AND entity_id = $1`, [h.id]);
    expect(rows).toHaveLength(1);
  });

  it('audit rows cannot be changed or removed through the application\'s connection, nor by the tables\' owner', async () => {
    const [{ n }] = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM audit_log');
    expect(n).toBeGreaterThan(0);
    // The append-only triggers refuse it for every role, the owner included. A least-privilege app
    // role (MIGRATION_DATABASE_URL set, npm run db:roles) is refused before them, for want of the right.
    const leastPrivilege = roleOf(scratch.url) !== roleOf(scratch.ownerUrl);
    const owner = leastPrivilege ? await openDatabase({ databaseUrl: scratch.ownerUrl, dataDir: '', statementTimeoutMs: 60000 }) : db;
    try {
      for (const [conn, refusal] of [[db, leastPrivilege ? /permission denied for table audit_log/ : /append-only/], [owner, /append-only/]] as const) {
        await expect(conn.query(`UPDATE audit_log SET actor = 'someone else'`)).rejects.toThrow(refusal);
        await expect(conn.query('DELETE FROM audit_log')).rejects.toThrow(refusal);
        await expect(conn.query('TRUNCATE audit_log')).rejects.toThrow(refusal);
      }
    } finally {
      if (owner !== db) await owner.close();
    }
    expect((await db.query<{ n: number }>('SELECT count(*)::int AS n FROM audit_log'))[0].n).toBe(n);
  });

  it('sessions: CSRF on changes, log-out, expiry, and throttled log-ins', async () => {
    const noCsrf = await app.inject({ method: 'PATCH', url: `/api/households/${inArea.id}`, headers: { cookie: callers.clerkIn.headers.cookie }, payload: { version: 1, changes: { phone: '123456' } } });
    expect(noCsrf.statusCode).toBe(403);
    expect(noCsrf.json().message).toMatch(/x-csrf-token/);
    const me = await login('planner');
    expect((await call(me, { url: '/api/session' })).json()).toMatchObject({ kind: 'user', user: { username: 'planner', role: 'planner' } });
    expect((await call(me, { method: 'DELETE', url: '/api/session' })).statusCode).toBe(204);
    expect((await call(me, { url: '/api/session' })).json().kind).toBe('anonymous');
    const other = await login('leader');
    await db.query(`UPDATE sessions SET expires_at = now() - interval '1 minute' WHERE token_hash = $1`, [hashToken(decodeURIComponent(other.headers.cookie.split('=')[1]))]);
    expect((await call(other, { url: '/api/session' })).json().kind).toBe('anonymous');
    for (let i = 0; i < 5; i++) {
      expect((await app.inject({ method: 'POST', url: '/api/session', payload: { username: 'admin', password: `wrong-${i}` } })).statusCode).toBe(401);
    }
    const blocked = await app.inject({ method: 'POST', url: '/api/session', payload: { username: 'admin', password: password('admin') } });
    expect(blocked.statusCode).toBe(429);
    expect(Number(blocked.headers['retry-after'])).toBeGreaterThan(0);
    expect((await app.inject({ url: '/api/households', headers: { authorization: 'Bearer not-a-token' } })).statusCode).toBe(401);
  });

  it('bad input gets a 4xx and changes nothing', async () => {
    const fresh = await login('clerk.anyue');
    const [before] = await db.query<{ version: number }>('SELECT version FROM households WHERE id = $1', [inArea.id]);
    const cases: [InjectOptions, number][] = [
      [{ method: 'PATCH', url: `/api/households/${inArea.id}`, payload: 'x'.repeat(300 * 1024), headers: { 'content-type': 'application/json' } }, 413],
      [{ method: 'PATCH', url: `/api/households/${inArea.id}`, payload: '{"version": 1, "changes": {', headers: { 'content-type': 'application/json' } }, 400],
      [{ method: 'PATCH', url: `/api/households/${inArea.id}`, payload: { version: before.version, changes: { phone: '19999900000' }, extra: 1 } }, 400],
      [{ method: 'PATCH', url: `/api/households/${inArea.id}`, payload: { version: before.version, changes: { size: 9 } } }, 400],
      [{ method: 'PATCH', url: `/api/households/${inArea.id}`, payload: { version: before.version, changes: {} } }, 400],
      [{ method: 'PATCH', url: `/api/households/${inArea.id}`, payload: { version: before.version, changes: { employed_members: 29 } } }, 400],
      [{ method: 'PATCH', url: `/api/households/${inArea.id}`, payload: { version: before.version, effectiveDate: '2017-01-01', changes: { phone: '19999900000' } } }, 400],
      // A future date would sit above every later edit and block them all.
      [{ method: 'PATCH', url: `/api/households/${inArea.id}`, payload: { version: before.version, effectiveDate: '2099-12-31', changes: { phone: '19999900000' } } }, 400],
      [{ method: 'PATCH', url: `/api/households/${inArea.id}`, payload: { version: before.version, effectiveDate: '9999-12-31', changes: { phone: '19999900000' } } }, 400],
      [{ method: 'PATCH', url: "/api/households/H1'%3BDROP%20TABLE%20households", payload: { version: 1, changes: { phone: '1' } } }, 400],
      // The schema is checked before the role: a malformed body is a 400 for anyone.
      [{ method: 'POST', url: '/api/users', payload: { username: 'x', password: 'short', role: 'king', areaCode: '5120' } }, 400],
      [{ method: 'POST', url: '/api/users', payload: { username: 'someone', password: 'a-long-password', role: 'admin', areaCode: '5120' } }, 403],
    ];
    for (const [opts, status] of cases) {
      const res = await call(fresh, opts);
      expect(res.statusCode, `${opts.method} ${opts.url} ${res.body.slice(0, 200)}`).toBe(status);
      expect(res.body).not.toMatch(/SELECT|at .+\.ts:\d+/);
    }
    const [after] = await db.query<{ version: number }>('SELECT version FROM households WHERE id = $1', [inArea.id]);
    expect(after.version).toBe(before.version);
    const badUser = await call(callers.admin, { method: 'POST', url: '/api/users', payload: { username: 'newclerk', password: 'a-long-password', role: 'clerk', areaCode: '5120' } });
    expect(badUser.statusCode).toBe(400);
    expect(badUser.json().message).toMatch(/a clerk works for a county or a township/);
    expect((await db.query(`SELECT 1 FROM users WHERE username = 'newclerk'`))).toHaveLength(0);
  });

  it('npm run user -- add creates an account that can log in; remove disables it', async () => {
    const run = promisify(execFile);
    const tsx = join(repoRoot, 'node_modules/.bin/tsx');
    // As an operator runs it; MIGRATION_DATABASE_URL must name the same database, not the shared one the suite's environment names.
    const env = { ...process.env, DATABASE_URL: scratch.url, MIGRATION_DATABASE_URL: scratch.ownerUrl };
    const added = await run(tsx, ['scripts/user.ts', 'add', 'ops.admin', '--role', 'admin', '--area', '5120', '--password', 'a-long-password-1'], { cwd: repoRoot, env });
    expect(added.stdout).toMatch(/created ops.admin \(admin of 5120\)/);
    await login('ops.admin', 'a-long-password-1');
    await run(tsx, ['scripts/user.ts', 'remove', 'ops.admin'], { cwd: repoRoot, env });
    expect((await app.inject({ method: 'POST', url: '/api/session', payload: { username: 'ops.admin', password: 'a-long-password-1' } })).statusCode).toBe(401);
    const bad = await run(tsx, ['scripts/user.ts', 'add', 'x'], { cwd: repoRoot, env }).catch((e: { code: number; stderr: string }) => e);
    expect((bad as { code: number }).code).toBe(2);
  }, 60000);
});
