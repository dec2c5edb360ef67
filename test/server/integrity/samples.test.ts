/**
 * 回头看 samples through the API: an inspector draws a sample, records visits (one wrong exit
 * reopened as 回头帮), and the estimate follows; each account acts only inside its area.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../../server/app.ts';
import { createScratchDatabase, type ScratchDatabase } from '../../helpers/scratchDatabase.ts';
import { testConfig } from '../../helpers/testConfig.ts';
import { sampleSize } from '../../../server/domain/verificationSample.ts';
import { exitFactsDrift } from '../../../server/integrity/exitFacts.ts';

type Caller = Record<string, string>;
interface Unit { householdId: string; villageCode: string; band: string; probability: number; result: string | null; version: number; phone: string | null; headName: string | null; exitDate: string }
interface SampleOut { id: number; seed: number; size: number; population: number; bands: { band: 'high' | 'medium' | 'low'; population: number; size: number }[]; units: Unit[]; estimate: { rate: number | null; low: number | null; high: number | null; visited: number; wrong: number; pending: number } }

describe('verification samples (回头看)', () => {
  let scratch: ScratchDatabase;
  let app: FastifyInstance;
  const as: Record<string, Caller> = {};
  let county: SampleOut;

  const login = async (username: string, password: string): Promise<Caller> => {
    const res = await app.inject({ method: 'POST', url: '/api/session', payload: { username, password } });
    expect(res.statusCode, res.body).toBe(200);
    return { cookie: String(res.headers['set-cookie']).split(';')[0], 'x-csrf-token': res.json().csrfToken };
  };
  const draw = (who: Caller, payload: Record<string, unknown>) => app.inject({ method: 'POST', url: '/api/integrity/samples', headers: who, payload });
  const record = (who: Caller, sample: number, unit: Unit, payload: Record<string, unknown>) =>
    app.inject({ method: 'PUT', url: `/api/integrity/samples/${sample}/units/${unit.householdId}`, headers: who,
      payload: { version: unit.version, visitedBy: '张督查', visitedOn: '2026-11-30', ...payload } });

  beforeAll(async () => {
    scratch = await createScratchDatabase();
    app = await buildApp(testConfig({ databaseUrl: scratch.url }), { logger: false });
    as.inspector = await login('inspector', 'demo-inspector-2018');
    as.anyue = await login('inspector.anyue', 'demo-inspector-2018');
    as.admin = await login('admin', 'demo-admin-2018');
    as.clerk = await login('clerk.anyue', 'demo-clerk-2018');
  }, 300_000);
  afterAll(async () => {
    await app?.close();
    await scratch?.drop();
  });

  it('draws a county sample sized for the margin, reproducible from its seed, and audits the draw', async () => {
    const res = await draw(as.anyue, { areaCode: '512021', asOf: '2018-11-30', seed: 7 });
    expect(res.statusCode, res.body).toBe(201);
    county = res.json();
    const populations = Object.fromEntries(county.bands.map((b) => [b.band, b.population])) as Record<'high' | 'medium' | 'low', number>;
    expect(county.population).toBe(populations.high + populations.medium + populations.low);
    expect(county.size).toBe(county.bands.reduce((n, b) => n + b.size, 0));
    expect(county.size).toBeGreaterThanOrEqual(sampleSize(populations) - 2);
    expect(county.units.every((u) => u.villageCode.startsWith('512021') && u.probability > 0 && u.result === null)).toBe(true);
    // Inspectors may not read phone numbers; the names are on the visit list.
    expect(county.units.every((u) => u.phone === null && u.headName !== null)).toBe(true);
    expect(county.estimate).toMatchObject({ rate: null, visited: 0, pending: county.size });
    const again = (await draw(as.inspector, { areaCode: '512021', asOf: '2018-11-30', seed: 7 })).json() as SampleOut;
    expect(again.units.map((u) => u.householdId)).toEqual(county.units.map((u) => u.householdId));
    const audit = (await app.inject({ url: `/api/audit?action=verification.draw&entityId=${county.id}`, headers: as.admin })).json();
    expect(audit).toHaveLength(1);
    expect(audit[0].after).toMatchObject({ seed: 7, size: county.size, asOf: '2018-11-30' });
    const listed = (await app.inject({ url: '/api/integrity/samples', headers: as.anyue })).json() as { id: number }[];
    expect(listed.map((s) => s.id)).toEqual(expect.arrayContaining([county.id, again.id]));
    // An administrator may read phone numbers.
    const byAdmin = (await app.inject({ url: `/api/integrity/samples/${county.id}`, headers: as.admin })).json() as SampleOut;
    expect(byAdmin.units.some((u) => u.phone !== null)).toBe(true);
  });

  it('records visits: the estimate follows at once, and a wrong exit is reopened as 回头帮', async () => {
    const [first, second] = county.units;
    const ok = await record(as.anyue, county.id, first, { result: 'confirmed' });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json().estimate).toMatchObject({ rate: 0, visited: 1, wrong: 0 });
    const noReason = await record(as.anyue, county.id, second, { result: 'wrong' });
    expect(noReason.statusCode).toBe(400);
    expect(noReason.json().message).toMatch(/names the standard it fails/);
    const wrong = await record(as.anyue, county.id, second, { result: 'wrong', failed: ['income'], reopen: { status: 'poor', reason: '入户核实收入未达标' } });
    expect(wrong.statusCode, wrong.body).toBe(200);
    const after = wrong.json() as SampleOut;
    expect(after.estimate.visited).toBe(2);
    expect(after.estimate.wrong).toBe(1);
    expect(after.estimate.rate).toBeGreaterThan(0);
    expect(after.estimate.high).toBeGreaterThan(after.estimate.rate!);
    const household = (await app.inject({ url: `/api/households/${second.householdId}`, headers: as.admin })).json();
    expect(household.status).toBe('poor');
    // The reopened exit's stored facts follow: reversed on the reopening's date, as the history says.
    expect(await exitFactsDrift(app.db)).toBe(0);
    const [stored] = await app.db.query<{ reversed: string | null }>(`SELECT max(reversed_on)::text AS reversed FROM household_exits WHERE household_id = $1`, [second.householdId]);
    expect(stored.reversed).toBe('2026-11-30');
    const trail = (await app.inject({ url: `/api/audit?entityId=${second.householdId}&action=household.reopen`, headers: as.admin })).json();
    expect(trail[0]).toMatchObject({ actor: 'inspector.anyue', reason: '入户核实收入未达标', after: { status: 'poor', effectiveDate: '2026-11-30' } });
    // The weekly review gives each county's estimate beside its exits, to a signed-in meeting only.
    const changes = (await app.inject({ url: '/api/review/changes?from=2018-06-02&to=2018-06-30&level=county', headers: as.admin })).json();
    const anyue = changes.areas.find((a: { code: string }) => a.code === '512021');
    const [newest] = (await app.inject({ url: '/api/integrity/samples', headers: as.anyue })).json() as { id: number; estimate: { visited: number; rate: number | null } }[];
    expect(anyue.wrongExit).toMatchObject({ sampleId: newest.id, visited: newest.estimate.visited, rate: newest.estimate.rate });
    expect(changes.areas.find((a: { code: string }) => a.code === '512022').wrongExit).toBeNull();
    const pub = (await app.inject({ url: '/api/review/changes?from=2018-06-02&to=2018-06-30&level=county' })).json();
    expect(pub.areas.every((a: object) => !('wrongExit' in a))).toBe(true);
    // The same visit again, from the old version, is a conflict.
    expect((await record(as.anyue, county.id, first, { result: 'wrong', failed: ['housing'] })).statusCode).toBe(409);
  });

  it('keeps every account inside its area: other counties, other roles', async () => {
    expect((await draw(as.anyue, { areaCode: '512022', asOf: '2018-11-30' })).statusCode).toBe(403);
    expect((await draw(as.anyue, { areaCode: '5120', asOf: '2018-11-30' })).statusCode).toBe(403);
    expect((await draw(as.clerk, { areaCode: '512021', asOf: '2018-11-30' })).statusCode).toBe(403);
    expect((await draw(as.inspector, { areaCode: '512021101', asOf: '2018-11-30' })).statusCode).toBe(400);
    const city = (await draw(as.inspector, { areaCode: '5120', asOf: '2018-11-30', seed: 11 })).json() as SampleOut;
    const elsewhere = city.units.find((u) => !u.villageCode.startsWith('512021'))!;
    const denied = await record(as.anyue, city.id, elsewhere, { result: 'confirmed' });
    expect(denied.statusCode).toBe(403);
    expect(denied.json().message).toMatch(/outside your area 512021/);
    expect((await app.inject({ url: `/api/integrity/samples/${city.id}`, headers: as.anyue })).statusCode).toBe(403);
    expect((await app.inject({ url: '/api/integrity/samples', headers: as.clerk })).statusCode).toBe(403);
    expect((await record(as.inspector, city.id, elsewhere, { result: 'confirmed' })).statusCode).toBe(200);
    // An inspector writes verification results only.
    const h = city.units[0];
    expect((await app.inject({ method: 'PATCH', url: `/api/households/${h.householdId}`, headers: as.inspector, payload: { version: 1, changes: { phone: '13800000000' } } })).statusCode).toBe(403);
  });
});
