/**
 * Every account acts inside its area. The demo accounts are mostly city-wide; here accounts of
 * every role scoped to a county (安岳县 512021) and to a township (鸳大镇 512021101) each try every
 * write and every read of personal or audit data, inside their area and in the neighbouring
 * county (乐至县 512022), where records were made by city-wide accounts.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance, InjectOptions } from 'fastify';
import { buildApp } from '../../../server/app.ts';
import { createUser } from '../../../server/auth/users.ts';
import type { Role } from '../../../server/auth/access.ts';
import type { Database } from '../../../server/db/openDatabase.ts';
import { createScratchDatabase, type ScratchDatabase } from '../../helpers/scratchDatabase.ts';
import { testConfig } from '../../helpers/testConfig.ts';

type Caller = Record<string, string>;
const ROLES: Role[] = ['admin', 'leader', 'planner', 'clerk', 'inspector'];
const SCOPES = { county: '512021', township: '512021101' } as const;
const NEIGHBOUR = { county: '512022', township: '512022103', village: '512022103002' };
const OWN_VILLAGE = '512021101001';
const PASSWORD = 'a-long-scoped-password';

describe('every account stays inside its area', () => {
  let scratch: ScratchDatabase;
  let app: FastifyInstance;
  let db: Database;
  const callers = new Map<string, Caller>();
  const theirs = {} as { visit: { sample: number; householdId: string; version: number }; problem: { id: number; version: number }; task: { id: number; version: number }; proposal: { id: number; version: number }; household: { id: string; version: number } };
  const ours = {} as { household: { id: string; version: number } };

  const login = async (username: string, password: string): Promise<Caller> => {
    const res = await app.inject({ method: 'POST', url: '/api/session', payload: { username, password } });
    expect(res.statusCode, res.body).toBe(200);
    return { cookie: String(res.headers['set-cookie']).split(';')[0], 'x-csrf-token': res.json().csrfToken };
  };
  const call = (who: Caller, opts: InjectOptions) => app.inject({ ...opts, headers: who });

  beforeAll(async () => {
    scratch = await createScratchDatabase();
    app = await buildApp(testConfig({ databaseUrl: scratch.url }), { logger: false });
    db = (app as unknown as { db: Database }).db;
    const system = { actorId: null, actor: 'test', ip: '' };
    for (const role of ROLES) {
      for (const [level, area] of Object.entries(SCOPES)) {
        const username = `${role}.${level}`;
        await createUser(db, { username, password: PASSWORD, role, areaCode: area }, system);
        callers.set(username, await login(username, PASSWORD));
      }
    }
    // The neighbour's records, made by city-wide demo accounts.
    const leader = await login('leader', 'demo-leader-2018');
    const planner = await login('planner', 'demo-planner-2018');
    theirs.problem = (await call(leader, { method: 'POST', url: '/api/problems', payload: { areaCode: NEIGHBOUR.township, description: '乐至的问题', raisedAt: '2018-06-29', owner: '乐至', dueDate: '2018-07-13' } })).json();
    theirs.task = (await call(leader, { method: 'POST', url: '/api/tasks', payload: { month: '2018-06', areaCode: NEIGHBOUR.county, title: '乐至的任务', department: '扶贫办', responsible: '乐至', dueDate: '2018-06-30' } })).json();
    const [edge] = await db.query<{ a: string; b: string }>(`SELECT a, b FROM village_adjacency WHERE a LIKE $1 AND b LIKE $1 ORDER BY a, b LIMIT 1`, [`${NEIGHBOUR.township}%`]);
    theirs.proposal = (await call(planner, { method: 'POST', url: '/api/parks/proposals', payload: { name: '乐至园区', villages: [edge.a, edge.b] } })).json();
    [theirs.household] = await db.query(`SELECT id, version FROM households WHERE village_code LIKE $1 ORDER BY id LIMIT 1`, [`${NEIGHBOUR.county}%`]);
    [ours.household] = await db.query(`SELECT id, version FROM households WHERE village_code LIKE $1 ORDER BY id LIMIT 1`, [`${SCOPES.township}%`]);
    // A city-wide sample, drawn by the city's inspector; one of its households in the neighbour's county.
    const inspector = await login('inspector', 'demo-inspector-2018');
    const sample = (await call(inspector, { method: 'POST', url: '/api/integrity/samples', payload: { areaCode: '5120', asOf: '2018-11-30', seed: 5 } })).json();
    const unit = sample.units.find((u: { villageCode: string }) => u.villageCode.startsWith(NEIGHBOUR.county));
    theirs.visit = { sample: sample.id, householdId: unit.householdId, version: unit.version };
    expect([theirs.problem.id, theirs.task.id, theirs.proposal.id].every(Number.isInteger)).toBe(true);
  }, 300_000);
  afterAll(async () => {
    await app?.close();
    await scratch?.drop();
  });

  /** One attempt: what it asks, and the status each role expects (inside or in the neighbour's county). */
  interface Attempt { name: string; request: (scope: string) => InjectOptions; expect: Record<Role, number> }
  const deny = { admin: 403, leader: 403, planner: 403, clerk: 403, inspector: 403 };
  const unique = () => Math.random().toString(36).slice(2, 8);
  const attempts: Attempt[] = [
    { name: 'create a city-wide admin', request: () => ({ method: 'POST', url: '/api/users', payload: { username: `x${unique()}`, password: PASSWORD, role: 'admin', areaCode: '5120' } }), expect: deny },
    { name: 'create an admin in the neighbouring county', request: () => ({ method: 'POST', url: '/api/users', payload: { username: `x${unique()}`, password: PASSWORD, role: 'admin', areaCode: NEIGHBOUR.county } }), expect: deny },
    { name: 'create a clerk inside its area', request: (scope) => ({ method: 'POST', url: '/api/users', payload: { username: `x${unique()}`, password: PASSWORD, role: 'clerk', areaCode: scope } }), expect: { ...deny, admin: 201 } },
    { name: "set the neighbour's target", request: () => ({ method: 'PUT', url: `/api/targets/${NEIGHBOUR.county}/2018/training`, payload: { value: 1 } }), expect: deny },
    { name: 'set a target inside its area', request: (scope) => ({ method: 'PUT', url: `/api/targets/${scope}/2018/training`, payload: { value: 300 } }), expect: { ...deny, admin: 200 } },
    { name: 'raise a problem in the neighbouring county', request: () => ({ method: 'POST', url: '/api/problems', payload: { areaCode: NEIGHBOUR.township, description: 'x', raisedAt: '2018-06-29', owner: '甲', dueDate: '2018-07-13' } }), expect: deny },
    { name: 'raise a problem inside its area', request: (scope) => ({ method: 'POST', url: '/api/problems', payload: { areaCode: scope, description: 'x', raisedAt: '2018-06-29', owner: '甲', dueDate: '2018-07-13' } }), expect: { ...deny, admin: 201, leader: 201 } },
    { name: "close the neighbour's problem", request: () => ({ method: 'PATCH', url: `/api/problems/${theirs.problem.id}`, payload: { version: theirs.problem.version, close: { closedAt: '2018-07-01', resolution: '越权' } } }), expect: deny },
    { name: 'add a task in the neighbouring county', request: () => ({ method: 'POST', url: '/api/tasks', payload: { month: '2018-06', areaCode: NEIGHBOUR.county, title: 'x', department: 'x', responsible: '甲', dueDate: '2018-06-30' } }), expect: deny },
    { name: "mark the neighbour's task done", request: () => ({ method: 'PATCH', url: `/api/tasks/${theirs.task.id}`, payload: { version: theirs.task.version, status: 'done' } }), expect: deny },
    { name: 'propose a park in the neighbouring county', request: () => ({ method: 'POST', url: '/api/parks/proposals', payload: { name: 'x', villages: [NEIGHBOUR.village] } }), expect: deny },
    { name: 'propose a park inside its area', request: () => ({ method: 'POST', url: '/api/parks/proposals', payload: { name: 'x', villages: [OWN_VILLAGE] } }), expect: { ...deny, admin: 201, planner: 201 } },
    { name: "approve the neighbour's proposal", request: () => ({ method: 'PATCH', url: `/api/parks/proposals/${theirs.proposal.id}`, payload: { version: theirs.proposal.version, status: 'approved' } }), expect: deny },
    { name: "rename the neighbour's proposal", request: () => ({ method: 'PATCH', url: `/api/parks/proposals/${theirs.proposal.id}`, payload: { version: theirs.proposal.version, name: '越权' } }), expect: deny },
    { name: "record a visit to the neighbour's household", request: () => ({ method: 'PUT', url: `/api/integrity/samples/${theirs.visit.sample}/units/${theirs.visit.householdId}`, payload: { version: theirs.visit.version, result: 'confirmed', visitedBy: '越权', visitedOn: '2018-12-01' } }), expect: deny },
    { name: 'draw a sample of the neighbouring county', request: () => ({ method: 'POST', url: '/api/integrity/samples', payload: { areaCode: NEIGHBOUR.county, asOf: '2018-11-30' } }), expect: deny },
    { name: "read the city's sample", request: () => ({ url: `/api/integrity/samples/${theirs.visit.sample}` }), expect: deny },
    { name: "score the neighbouring county's exits", request: () => ({ url: `/api/integrity/exits?area=${NEIGHBOUR.county}&limit=1` }), expect: deny },
    { name: "map the neighbouring county's exact household points", request: () => ({ url: `/api/households/layer?area=${NEIGHBOUR.county}` }), expect: { ...deny, leader: 200, planner: 200, inspector: 200 } },
    // Households outside the area do not exist for a clerk (404, as in auth.test.ts).
    { name: "edit the neighbour's household", request: () => ({ method: 'PATCH', url: `/api/households/${theirs.household.id}`, payload: { version: theirs.household.version, changes: { phone: '19999900000' } } }), expect: { admin: 403, leader: 403, planner: 403, clerk: 404, inspector: 403 } },
    { name: "read the neighbour's household", request: () => ({ url: `/api/households/${theirs.household.id}` }), expect: { admin: 404, leader: 403, planner: 403, clerk: 404, inspector: 403 } },
    { name: 'read a household inside its area', request: () => ({ url: `/api/households/${ours.household.id}` }), expect: { admin: 200, leader: 403, planner: 403, clerk: 200, inspector: 403 } },
  ];

  it('walks every write and personal or audit read as every role, scoped to a county and to a township', async () => {
    let tried = 0;
    for (const [username, who] of callers) {
      const [role, level] = username.split('.') as [Role, keyof typeof SCOPES];
      for (const a of attempts) {
        const res = await call(who, a.request(SCOPES[level]));
        expect(res.statusCode, `${username}: ${a.name}: ${res.body.slice(0, 200)}`).toBe(a.expect[role]);
        expect(res.body, `${username}: ${a.name}`).not.toContain('乐至的问题');
        tried++;
      }
    }
    expect(tried).toBe(attempts.length * ROLES.length * Object.keys(SCOPES).length);
    // Nothing of the neighbour's changed.
    const [problem] = await db.query<{ status: string; version: number }>('SELECT status, version FROM problems WHERE id = $1', [theirs.problem.id]);
    expect(problem).toEqual({ status: 'open', version: theirs.problem.version });
    const [proposal] = await db.query<{ status: string; name: string }>('SELECT status, name FROM park_proposals WHERE id = $1', [theirs.proposal.id]);
    expect(proposal).toEqual({ status: 'proposal', name: '乐至园区' });
  }, 300_000);

  it('shows an administrator only the accounts, audit rows and integrity findings of its area', async () => {
    for (const [level, area] of Object.entries(SCOPES)) {
      const admin = callers.get(`admin.${level}`)!;
      const users = (await call(admin, { url: '/api/users' })).json() as { areaCode: string }[];
      expect(users.length).toBeGreaterThan(0);
      expect(users.every((u) => u.areaCode.startsWith(area))).toBe(true);
      const audit = (await call(admin, { url: '/api/audit?limit=1000' })).json() as { areaCode: string | null; actor: string }[];
      expect(audit.length).toBeGreaterThan(0);
      expect(audit.filter((r) => !r.areaCode?.startsWith(area))).toEqual([]);
      const integrity = (await call(admin, { url: '/api/audit/integrity' })).json() as Record<string, { villageCode?: string }[]>;
      for (const rows of Object.values(integrity)) for (const r of rows) if (r.villageCode) expect(r.villageCode.startsWith(area)).toBe(true);
      const exits = (await call(admin, { url: '/api/integrity/exits?limit=5000' })).json() as { area: string; exits: number; ranked: { villageCode: string }[] };
      expect(exits.area).toBe(area);
      expect(exits.exits).toBeGreaterThan(0);
      expect(exits.ranked.filter((r) => !r.villageCode.startsWith(area))).toEqual([]);
    }
    // The city-wide administrator sees the neighbour's rows too.
    const city = await login('admin', 'demo-admin-2018');
    const all = (await call(city, { url: '/api/audit?limit=1000' })).json() as { areaCode: string | null }[];
    expect(all.some((r) => r.areaCode?.startsWith(NEIGHBOUR.county))).toBe(true);
  }, 120_000);
});
