/**
 * Back-dating made visible: once a meeting has been shown a week, an edit dated into it needs a
 * reason and is flagged, and the review marks the figure that changed since it was first shown.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../../server/app.ts';
import type { Database } from '../../../server/db/openDatabase.ts';
import { createScratchDatabase, type ScratchDatabase } from '../../helpers/scratchDatabase.ts';
import { testConfig } from '../../helpers/testConfig.ts';

type Caller = Record<string, string>;
interface Area { code: string; value: { value: number | null }; shown: { value: number | null; at: string } | null; changedSinceShown: boolean }

describe('an edit dated into a week already shown', () => {
  let scratch: ScratchDatabase;
  let app: FastifyInstance;
  let leader: Caller;
  let clerk: Caller;
  const login = async (username: string, password: string): Promise<Caller> => {
    const res = await app.inject({ method: 'POST', url: '/api/session', payload: { username, password } });
    return { cookie: String(res.headers['set-cookie']).split(';')[0], 'x-csrf-token': res.json().csrfToken };
  };
  const review = async (who: Caller | undefined) =>
    (await app.inject({ url: '/api/review?week=2018-06-30&level=township&county=512021', headers: who })).json() as { areas: Area[] };

  beforeAll(async () => {
    scratch = await createScratchDatabase();
    app = await buildApp(testConfig({ databaseUrl: scratch.url }), { logger: false });
    leader = await login('leader', 'demo-leader-2018');
    clerk = await login('clerk.512021101', 'demo-clerk-2018');
  }, 300_000);
  afterAll(async () => {
    await app?.close();
    await scratch?.drop();
  });

  it('keeps what a signed-in meeting was first shown; the public showing keeps nothing', async () => {
    const anonymous = await review(undefined);
    expect(anonymous.areas.every((a) => a.shown === null && !a.changedSinceShown)).toBe(true);
    const meeting = await review(leader);
    const township = meeting.areas.find((a) => a.code === '512021101')!;
    expect(township.shown).toMatchObject({ value: township.value.value });
    expect(meeting.areas.some((a) => a.changedSinceShown)).toBe(false);
  });

  it('refuses an exit dated into that week without a reason, flags it with one, and the review marks the change', async () => {
    const db = (app as unknown as { db: Database }).db;
    // A poor household of 鸳大镇 with no recorded change after 2018-06-15.
    const [h] = await db.query<{ id: string; version: number }>(`SELECT h.id, h.version FROM households h WHERE h.village_code LIKE '512021101%' AND h.status = 'poor'
      AND NOT EXISTS (SELECT 1 FROM household_history x WHERE x.household_id = h.id AND x.valid_from > '2018-06-15') ORDER BY h.id LIMIT 1`);
    const exit = { status: 'exited', income_per_capita: 5200, food_clothing: true, education: true, medical: true, housing: true, medical_insurance: true };
    const refused = await app.inject({ method: 'PATCH', url: `/api/households/${h.id}`, headers: clerk, payload: { version: h.version, effectiveDate: '2018-06-15', changes: exit } });
    expect(refused.statusCode).toBe(422);
    expect(refused.json().message).toMatch(/2018-06-15 changes the week of 2018-06-30, already shown in a meeting; give backdateReason/);
    const ok = await app.inject({ method: 'PATCH', url: `/api/households/${h.id}`, headers: clerk,
      payload: { version: h.version, effectiveDate: '2018-06-15', changes: exit, backdateReason: '补录：6月入户核实时漏录' } });
    expect(ok.statusCode, ok.body).toBe(200);
    const [audit] = await db.query<{ flagged: boolean; reason: string }>(`SELECT flagged, reason FROM audit_log WHERE entity_id = $1 ORDER BY id DESC LIMIT 1`, [h.id]);
    expect(audit).toEqual({ flagged: true, reason: 'backdated into the week of 2018-06-30: 补录：6月入户核实时漏录' });
    const after = await review(leader);
    const township = after.areas.find((a) => a.code === '512021101')!;
    expect(township.changedSinceShown).toBe(true);
    expect(township.value.value).not.toBe(township.shown!.value);
    // An edit dated after every week shown needs no reason.
    const later = await app.inject({ method: 'PATCH', url: `/api/households/${h.id}`, headers: clerk, payload: { version: h.version + 1, changes: { phone: '13800000000' } } });
    expect(later.statusCode, later.body).toBe(200);
  });
});
