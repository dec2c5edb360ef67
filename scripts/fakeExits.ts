/**
 * Plants fake exits (数字脱贫) the way a clerk under pressure would enter them, through the API,
 * into a copy of the data: for `npm run bench -- integrity` and its test. Seven kinds, most made
 * to pass the exit standard and every old fixed rule by a small margin.
 */
import type { FastifyInstance } from 'fastify';
import type { Queryable } from '../server/db/openDatabase.ts';
import { INCOME_LINE_YUAN } from '../server/domain/indicators.ts';
import { seededRandom } from '../server/domain/verificationSample.ts';
import { HOUSING_SPECIALTIES } from '../server/integrity/exitEvidence.ts';

export const FAKE_KINDS = [
  /** Fails the standard; exited with an override and a reason. */
  'override',
  /** Income set just above the line inside the exit edit. */
  'nudge',
  /** Income raised just above the line three weeks before, then the exit. */
  'staged',
  /** A record that passes, exited with an effective date two months before it was entered. */
  'backdated',
  /** Housing turned safe inside the exit edit, with no renovation, relocation or housing project. */
  'housing',
  /** One account enters a dozen exits within minutes. */
  'burst',
  /** A 19 % rise over 35 days (under the old 20 % / 31-day rule) to just above the line, then the exit. */
  'margin',
] as const;
export type FakeKind = (typeof FAKE_KINDS)[number];

export interface PlantedFake {
  kind: FakeKind;
  householdId: string;
}

const PASSWORD = 'fake-exit-clerk-2018';
const ALL_TRUE = { food_clothing: true, education: true, medical: true, housing: true, medical_insurance: true };

function isoDay(d: Date, minusDays = 0): string {
  return new Date(d.getTime() - minusDays * 86_400_000).toISOString().slice(0, 10);
}

async function session(app: FastifyInstance, username: string, password: string) {
  const login = await app.inject({ method: 'POST', url: '/api/session', payload: { username, password } });
  if (login.statusCode !== 200) throw new Error(`log-in ${username}: ${login.statusCode} ${login.body}`);
  return { cookie: String(login.headers['set-cookie']).split(';')[0], 'x-csrf-token': login.json().csrfToken as string };
}

/**
 * Plants `perKind` fakes of each kind on poor households, chosen by `seed`, entered in turn by
 * seven clerk accounts per county (a few exits each, so only the burst kind is a burst) and one
 * more for the burst. Returns what it planted.
 */
export async function plantFakeExits(app: FastifyInstance, db: Queryable, perKind: number, seed: number, now = new Date()): Promise<PlantedFake[]> {
  const random = seededRandom(seed);
  const admin = await session(app, 'admin', 'demo-admin-2018');
  // Clerks work for a county: seven per county, entering in turn, and one more for the burst.
  const counties = (await db.query<{ code: string }>(`SELECT code FROM areas WHERE level = 'county' ORDER BY code`)).map((r) => r.code);
  const clerks = new Map<string, Awaited<ReturnType<typeof session>>[]>();
  const account = async (name: string, county: string) => {
    const username = `fake.${seed}.${name}`;
    const created = await app.inject({ method: 'POST', url: '/api/users', headers: admin, payload: { username, password: PASSWORD, role: 'clerk', areaCode: county } });
    if (created.statusCode !== 201) throw new Error(`create ${username}: ${created.statusCode} ${created.body}`);
    return session(app, username, PASSWORD);
  };
  for (const county of counties) {
    const list = [];
    for (let i = 0; i < 7; i += 1) list.push(await account(`${county}.${i}`, county));
    clerks.set(county, list);
  }
  const burstCounty = counties[0];
  const burstClerk = await account(`${burstCounty}.burst`, burstCounty);
  // Poor households below the line whose guarantees already hold (so only the kind's change makes them pass),
  // and, for the housing kind, ones with unsafe housing and no housing work anywhere near.
  const order = `md5(h.id || '${seed}')`;
  const readyRows = await db.query<{ id: string; village_code: string }>(`SELECT h.id, h.village_code FROM households h WHERE h.status = 'poor'
    AND h.income_per_capita <= ${INCOME_LINE_YUAN} AND h.food_clothing AND h.education AND h.medical AND h.housing AND h.medical_insurance ORDER BY ${order} LIMIT $1`, [perKind * 8]);
  const countyOf = new Map(readyRows.map((r) => [r.id, r.village_code.slice(0, 6)]));
  const burstIds = readyRows.filter((r) => r.village_code.startsWith(burstCounty)).slice(0, perKind).map((r) => r.id);
  const ready = readyRows.map((r) => r.id).filter((id) => !burstIds.includes(id));
  const unsafeRows = await db.query<{ id: string; village_code: string }>(`SELECT h.id, h.village_code FROM households h WHERE h.status = 'poor' AND NOT h.housing
    AND NOT EXISTS (SELECT 1 FROM household_history r WHERE r.household_id = h.id AND (r.relocated OR r.renovated))
    AND NOT EXISTS (SELECT 1 FROM projects p WHERE p.specialty = ANY($2::int[]) AND left(h.village_code, length(p.area_code)) = p.area_code)
    ORDER BY ${order} LIMIT $1`, [perKind, HOUSING_SPECIALTIES]);
  for (const r of unsafeRows) countyOf.set(r.id, r.village_code.slice(0, 6));
  const unsafe = unsafeRows.map((r) => r.id);
  if (ready.length < perKind * 5 || burstIds.length < perKind || unsafe.length < perKind) throw new Error(`not enough poor households to plant ${perKind} fakes of each kind`);

  let turn = 0;
  const edit = async (id: string, effectiveDate: string, changes: Record<string, unknown>, as?: typeof admin, override?: string) => {
    const list = clerks.get(countyOf.get(id)!)!;
    const headers = as ?? list[turn++ % list.length];
    const current = await app.inject({ url: `/api/households/${id}`, headers });
    const res = await app.inject({ method: 'PATCH', url: `/api/households/${id}`, headers,
      payload: { version: current.json().version, effectiveDate, changes, ...(override ? { override: { reason: override } } : {}) } });
    if (res.statusCode !== 200) throw new Error(`edit ${id}: ${res.statusCode} ${res.body}`);
  };
  const today = isoDay(now);
  const above = (max: number) => INCOME_LINE_YUAN + 1 + Math.floor(random() * max);
  const comfortable = () => 4300 + Math.floor(random() * 700);
  const planted: PlantedFake[] = [];
  const take = (kind: FakeKind, from: string[]) => from.splice(0, perKind).map((householdId) => ({ kind, householdId }));
  for (const f of take('override', ready)) {
    await edit(f.householdId, today, { status: 'exited', income_per_capita: 3000 + Math.floor(random() * 500) }, undefined, '已入户核实，家庭情况特殊，同意退出');
    planted.push(f);
  }
  for (const f of take('nudge', ready)) {
    await edit(f.householdId, today, { status: 'exited', income_per_capita: above(120) });
    planted.push(f);
  }
  for (const f of take('staged', ready)) {
    await edit(f.householdId, isoDay(now, 21), { income_per_capita: above(140) });
    await edit(f.householdId, today, { status: 'exited' });
    planted.push(f);
  }
  for (const f of take('backdated', ready)) {
    await edit(f.householdId, isoDay(now, 60), { status: 'exited', income_per_capita: comfortable() });
    planted.push(f);
  }
  for (const f of take('housing', unsafe)) {
    await edit(f.householdId, today, { status: 'exited', income_per_capita: comfortable(), ...ALL_TRUE });
    planted.push(f);
  }
  for (const f of take('burst', burstIds)) {
    await edit(f.householdId, today, { status: 'exited', income_per_capita: comfortable() }, burstClerk);
    planted.push(f);
  }
  for (const f of take('margin', ready)) {
    const base = 3060 + Math.floor(random() * 60);
    await edit(f.householdId, isoDay(now, 70), { income_per_capita: base });
    await edit(f.householdId, isoDay(now, 35), { income_per_capita: Math.max(INCOME_LINE_YUAN + 1, Math.round(base * 1.19)) });
    await edit(f.householdId, today, { status: 'exited' });
    planted.push(f);
  }
  return planted;
}

export interface DetectionResult {
  fakes: number;
  fakesFlagged: number;
  /** Fakes the four fixed rules of GET /api/audit/integrity name (the baseline). */
  fakesNamedByFixedRules: number;
  genuine: number;
  genuineFlagged: number;
  byKind: { kind: FakeKind; planted: number; flagged: number }[];
}

/** What the integrity report flags (medium or high risk) against what was planted. */
export async function measureDetection(app: FastifyInstance, planted: PlantedFake[]): Promise<DetectionResult> {
  const admin = await session(app, 'admin', 'demo-admin-2018');
  const res = await app.inject({ url: '/api/integrity/exits?limit=5000', headers: admin });
  if (res.statusCode !== 200) throw new Error(`integrity report: ${res.statusCode} ${res.body}`);
  const report = res.json() as { exits: number; bands: Record<string, number>; ranked: { householdId: string; band: string }[] };
  const flagged = new Set(report.ranked.filter((r) => r.band !== 'low').map((r) => r.householdId));
  const fakeIds = new Set(planted.map((p) => p.householdId));
  const fakesFlagged = planted.filter((p) => flagged.has(p.householdId)).length;
  const fixed = (await app.inject({ url: '/api/audit/integrity', headers: admin })).json() as {
    overriddenExits: { householdId: string }[]; incomeJumps: { householdId: string }[]; reversedExits: { householdId: string }[];
    exitBursts: { actor: string }[];
  };
  const burstActors = new Set(fixed.exitBursts.map((b) => b.actor));
  const named = new Set([...fixed.overriddenExits, ...fixed.incomeJumps, ...fixed.reversedExits].map((x) => x.householdId));
  const fakesNamedByFixedRules = (await Promise.all(planted.map(async (p) => {
    if (named.has(p.householdId)) return true;
    const audit = (await app.inject({ url: `/api/audit?entity=household&entityId=${p.householdId}&action=household.exit`, headers: admin })).json() as { actor: string }[];
    return audit.some((a) => burstActors.has(a.actor));
  }))).filter(Boolean).length;
  const flaggedCount = report.bands.medium + report.bands.high;
  return {
    fakes: planted.length,
    fakesFlagged,
    fakesNamedByFixedRules,
    genuine: report.exits - fakeIds.size,
    genuineFlagged: flaggedCount - fakesFlagged,
    byKind: FAKE_KINDS.map((kind) => ({ kind, planted: planted.filter((p) => p.kind === kind).length,
      flagged: planted.filter((p) => p.kind === kind && flagged.has(p.householdId)).length })),
  };
}
