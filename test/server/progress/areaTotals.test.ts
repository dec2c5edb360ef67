/**
 * The running totals kept for every area (household_totals, project_totals; refreshDeltas.ts):
 * after household edits through the API, and after a full rebuild, every level's stored figures
 * equal a straightforward recomputation from the histories, children add up to their parents,
 * the totals query answers as the old per-village roll-up did, and generated targets equal the
 * old join's.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../../server/app.ts';
import type { Database } from '../../../server/db/openDatabase.ts';
import { refreshDeltas, refreshHouseholdTotals } from '../../../server/progress/refreshDeltas.ts';
import { generateTargets } from '../../../server/progress/generateTargets.ts';
import { queryTotals } from '../../../server/progress/queryTotals.ts';
import { INCOME_LINE_YUAN, INDICATORS } from '../../../server/domain/indicators.ts';
import { areaProgressSeries } from '../../../server/progress/areaProgress.ts';
import { createScratchDatabase, type ScratchDatabase } from '../../helpers/scratchDatabase.ts';
import { testConfig } from '../../helpers/testConfig.ts';

type Caller = Record<string, string>;

const DATES = ['2018-01-01', '2018-12-19', '2018-12-20', '2018-03-31', '2018-06-09', '2018-06-10', '2018-06-30', '2018-08-19', '2018-08-20', '2018-09-30', '2018-12-31'];

// Written out here, not taken from server/domain/totalsColumns.ts: each household's latest state
// as of each date, summed over every area whose code its village's code starts with.
const RECOMPUTED_SQL = `
WITH d AS (SELECT unnest($1::date[]) AS d),
s AS (
  SELECT DISTINCT ON (d.d, h.household_id) d.d, h.*
  FROM d JOIN household_history h ON h.valid_from <= d.d
  ORDER BY d.d, h.household_id, h.valid_from DESC
)
SELECT s.d::text AS date, a.code,
  count(*)::int AS households, sum(x.size)::int AS people,
  count(*) FILTER (WHERE s.status <> 'poor')::int AS exited_households,
  coalesce(sum(x.size) FILTER (WHERE s.status <> 'poor'), 0)::int AS lifted_people,
  count(*) FILTER (WHERE s.status = 'at_risk')::int AS at_risk_households,
  count(*) FILTER (WHERE s.income_per_capita > $2)::int AS income_above_line,
  count(*) FILTER (WHERE s.food_clothing)::int AS food_clothing,
  count(*) FILTER (WHERE s.education)::int AS education,
  count(*) FILTER (WHERE s.medical)::int AS medical,
  count(*) FILTER (WHERE s.housing)::int AS housing,
  count(*) FILTER (WHERE s.medical_insurance)::int AS insured,
  count(*) FILTER (WHERE x.labour_count > 0)::int AS labour_households,
  count(*) FILTER (WHERE x.labour_count > 0 AND s.employed_members > 0)::int AS employed_households,
  coalesce(sum(x.size) FILTER (WHERE s.relocated), 0)::int AS relocated_people,
  coalesce(sum(x.size) FILTER (WHERE x.needs_relocation), 0)::int AS relocation_people,
  count(*) FILTER (WHERE s.renovated)::int AS renovated_households,
  count(*) FILTER (WHERE x.needs_renovation)::int AS renovation_households
FROM s JOIN households x ON x.id = s.household_id
CROSS JOIN (VALUES (2), (4), (6), (9), (12)) l(len) JOIN areas a ON a.code = left(x.village_code, l.len)
GROUP BY s.d, a.code`;

// What is stored: each area's own row as of each date.
const STORED_SQL = `
SELECT d.d::text AS date, t.* FROM unnest($1::date[]) AS d(d)
CROSS JOIN areas a
CROSS JOIN LATERAL (SELECT * FROM household_totals t WHERE t.area_code = a.code AND t.day <= d.d ORDER BY t.day DESC LIMIT 1) t`;

// The projects as of each date, straight from their history, per area and for all specialties.
const PROJECTS_RECOMPUTED_SQL = `
WITH d AS (SELECT unnest($1::date[]) AS d),
s AS (
  SELECT DISTINCT ON (d.d, h.project_id) d.d, h.project_id, h.status, h.funds_disbursed
  FROM d JOIN project_history h ON h.valid_from <= d.d ORDER BY d.d, h.project_id, h.valid_from DESC
)
SELECT s.d::text AS date, a.code, count(*)::int AS projects, count(*) FILTER (WHERE s.status = 'completed')::int AS projects_completed,
  sum(p.budget)::float8 AS budget, sum(s.funds_disbursed)::float8 AS disbursed
FROM s JOIN projects p ON p.id = s.project_id
CROSS JOIN (VALUES (2), (4), (6), (9), (12)) l(len) JOIN areas a ON a.code = left(p.area_code, l.len)
GROUP BY s.d, a.code`;

const PROJECTS_STORED_SQL = `
SELECT d.d::text AS date, a.code, t.projects, t.projects_completed, t.budget::float8 AS budget, t.disbursed::float8 AS disbursed
FROM unnest($1::date[]) AS d(d) CROSS JOIN areas a
CROSS JOIN LATERAL (SELECT * FROM project_totals t WHERE t.area_code = a.code AND t.specialty = 0 AND t.day <= d.d ORDER BY t.day DESC LIMIT 1) t`;

// The totals query as it was before every level had its own rows: one probe per village, rolled
// up by left(code, n); projects summed from their changes per day. Kept to compare answers.
const OLD_TOTALS_SQL = `
WITH d AS (SELECT DISTINCT unnest($1::date[]) AS d),
hs AS (
  SELECT d.d, left(v.code, $2) AS code, sum(t.households)::int AS households, sum(t.people)::int AS people,
    sum(t.exited_households)::int AS exited_households, sum(t.medical)::int AS medical, sum(t.relocated_people)::int AS relocated_people
  FROM d CROSS JOIN (SELECT code FROM areas WHERE level = 'village' AND code LIKE $3 || '%') v
  CROSS JOIN LATERAL (SELECT * FROM household_totals t WHERE t.area_code = v.code AND t.day <= d.d ORDER BY t.day DESC LIMIT 1) t
  GROUP BY 1, 2
),
pd AS (
  SELECT left(area_code, $2) AS code, day, sum(projects)::int AS projects, sum(projects_completed)::int AS projects_completed,
    sum(budget)::float8 AS budget, sum(disbursed)::float8 AS disbursed
  FROM project_deltas WHERE area_code LIKE $3 || '%' AND ($4::int IS NULL OR specialty = $4) GROUP BY 1, 2
),
pj AS (
  SELECT d.d, pd.code, sum(pd.projects)::int AS projects, sum(pd.projects_completed)::int AS projects_completed,
    sum(pd.budget)::float8 AS budget, sum(pd.disbursed)::float8 AS disbursed
  FROM d JOIN pd ON pd.day <= d.d GROUP BY 1, 2
),
due AS (
  SELECT d.d, left(p.area_code, $2) AS code,
    count(*) FILTER (WHERE p.end_date <= make_date(extract(year FROM d.d)::int, 12, 31))::int AS projects_due
  FROM d CROSS JOIN projects p WHERE p.area_code LIKE $3 || '%' AND ($4::int IS NULL OR p.specialty = $4) GROUP BY 1, 2
),
pv AS (
  SELECT d.d, left(p.code, $2) AS code, count(*)::int AS poverty_villages, count(*) FILTER (WHERE p.exit_date <= d.d)::int AS poverty_villages_exited
  FROM d CROSS JOIN poverty_villages p WHERE p.code LIKE $3 || '%' GROUP BY 1, 2
),
act AS (
  SELECT d.d, left(a.area_code, $2) AS code,
    coalesce(sum(a.person_times) FILTER (WHERE a.kind = 'training' AND a.held_on <= d.d), 0)::int AS training,
    count(*) FILTER (WHERE a.kind = 'job_fair' AND a.held_on <= d.d)::int AS job_fairs
  FROM d CROSS JOIN activities a WHERE a.area_code LIKE $3 || '%' AND length(a.area_code) >= $2 GROUP BY 1, 2
)
SELECT d.d::text AS date, ar.code, hs.households, hs.people, hs.exited_households, hs.medical, hs.relocated_people,
  pv.poverty_villages, pv.poverty_villages_exited, pj.projects, due.projects_due, pj.projects_completed, pj.budget, pj.disbursed, act.training, act.job_fairs
FROM d CROSS JOIN (SELECT code FROM areas WHERE level = $5 AND code LIKE $3 || '%') ar
LEFT JOIN hs ON hs.d = d.d AND hs.code = ar.code LEFT JOIN pv ON pv.d = d.d AND pv.code = ar.code
LEFT JOIN pj ON pj.d = d.d AND pj.code = ar.code LEFT JOIN due ON due.d = d.d AND due.code = ar.code
LEFT JOIN act ON act.d = d.d AND act.code = ar.code
ORDER BY d.d, ar.code`;

// The targets as generated before: every unit joined to every record by left(code, n) = code.
const OLD_TARGET_COUNTS_SQL = `
WITH units AS (SELECT code, length(code) AS len FROM areas WHERE level IN ('city', 'county', 'township'))
SELECT u.code, 'people_lifted' AS indicator, coalesce(sum(h.size), 0)::float8 AS value FROM units u LEFT JOIN households h ON left(h.village_code, u.len) = u.code GROUP BY u.code
UNION ALL SELECT u.code, 'households_exited', count(h.id) FROM units u LEFT JOIN households h ON left(h.village_code, u.len) = u.code GROUP BY u.code
UNION ALL SELECT u.code, 'relocation', coalesce(sum(h.size) FILTER (WHERE h.needs_relocation), 0) FROM units u LEFT JOIN households h ON left(h.village_code, u.len) = u.code GROUP BY u.code
UNION ALL SELECT u.code, 'renovation', count(h.id) FILTER (WHERE h.needs_renovation) FROM units u LEFT JOIN households h ON left(h.village_code, u.len) = u.code GROUP BY u.code
UNION ALL SELECT u.code, 'poverty_villages_exited', count(p.code) FROM units u LEFT JOIN poverty_villages p ON left(p.code, u.len) = u.code AND p.planned_exit_year = $1::int GROUP BY u.code
UNION ALL SELECT u.code, 'projects_completed', count(p.id) FROM units u LEFT JOIN projects p ON left(p.area_code, u.len) = u.code AND p.end_date <= make_date($1::int, 12, 31) GROUP BY u.code`;

const key = (r: { date: string; code?: string; area_code?: string }) => `${r.date} ${r.code ?? r.area_code}`;
const numbers = (r: Record<string, unknown>) => Object.fromEntries(Object.entries(r).filter(([k]) => !['date', 'code', 'area_code', 'day'].includes(k)).map(([k, v]) => [k, Number(v)]));

describe('running totals at every level', () => {
  let scratch: ScratchDatabase;
  let app: FastifyInstance;
  let db: Database;
  const login = async (username: string, password: string): Promise<Caller> => {
    const res = await app.inject({ method: 'POST', url: '/api/session', payload: { username, password } });
    return { cookie: String(res.headers['set-cookie']).split(';')[0], 'x-csrf-token': res.json().csrfToken };
  };

  /** Stored equals recomputed, for every area (every level) at every date; zero where nothing is stored. */
  async function expectStoredEqualsRecomputed() {
    const recomputed = new Map((await db.query<Record<string, unknown> & { date: string; code: string }>(RECOMPUTED_SQL, [DATES, INCOME_LINE_YUAN])).map((r) => [key(r), numbers(r)]));
    const stored = new Map((await db.query<Record<string, unknown> & { date: string; area_code: string }>(STORED_SQL, [DATES])).map((r) => [key(r), numbers(r)]));
    expect(recomputed.size).toBeGreaterThan(1000);
    const zero = (m: Record<string, number>) => Object.values(m).every((v) => v === 0);
    for (const [k, v] of recomputed) expect(stored.get(k), k).toEqual(v);
    for (const [k, v] of stored) if (!recomputed.has(k)) expect(zero(v), k).toBe(true);
  }

  beforeAll(async () => {
    scratch = await createScratchDatabase();
    app = await buildApp(testConfig({ databaseUrl: scratch.url }), { logger: false });
    db = (app as unknown as { db: Database }).db;
  }, 300_000);
  afterAll(async () => {
    await app?.close();
    await scratch?.drop();
  });

  it('has rows at every level of the shipped data, and they equal a recomputation from the history', async () => {
    const lengths = await db.query<{ len: number }>('SELECT DISTINCT length(area_code) AS len FROM household_totals ORDER BY 1');
    expect(lengths.map((r) => r.len)).toEqual([4, 6, 9, 12]);
    await expectStoredEqualsRecomputed();
  });

  it('follows household edits through the API at every level, and a full rebuild gives the same rows', async () => {
    const clerks = [await login('clerk.anyue', 'demo-clerk-2018'), await login('clerk.512022103', 'demo-clerk-2018')];
    const pick = (prefix: string, status: string, n: number) => db.query<{ id: string; version: number }>(
      `SELECT h.id, h.version FROM households h WHERE h.village_code LIKE $1 || '%' AND h.status = $2
       AND NOT EXISTS (SELECT 1 FROM household_history x WHERE x.household_id = h.id AND x.valid_from > '2018-06-01') ORDER BY h.id LIMIT $3`, [prefix, status, n]);
    const edits: [Caller, { id: string; version: number }, string, Record<string, unknown>][] = [];
    const exit = { status: 'exited', income_per_capita: 5200, food_clothing: true, education: true, medical: true, housing: true, medical_insurance: true };
    for (const [i, h] of (await pick('512021', 'poor', 3)).entries()) edits.push([clerks[0], h, i === 0 ? '2018-06-10' : '2018-08-20', exit]);
    for (const h of await pick('512022103', 'poor', 2)) edits.push([clerks[1], h, '2018-06-10', { status: 'at_risk', medical: false }]);
    expect(edits.length).toBe(5);
    for (const [clerk, h, effectiveDate, changes] of edits) {
      const res = await app.inject({ method: 'PATCH', url: `/api/households/${h.id}`, headers: clerk, payload: { version: h.version, effectiveDate, changes } });
      expect(res.statusCode, res.body).toBe(200);
    }
    // The same household again on the same day (the history row is replaced, not added).
    const [again] = edits.slice(-1);
    const res = await app.inject({ method: 'PATCH', url: `/api/households/${again[1].id}`, headers: again[0],
      payload: { version: again[1].version + 1, effectiveDate: '2018-06-10', changes: { medical: true, employed_members: 1 } } });
    expect(res.statusCode, res.body).toBe(200);
    await expectStoredEqualsRecomputed();

    const rows = 'SELECT * FROM household_totals ORDER BY area_code, day';
    const incremental = await db.query(rows);
    await db.transaction((tx) => refreshDeltas(tx));
    expect(await db.query(rows)).toEqual(incremental);
    await expectStoredEqualsRecomputed();
  });

  it('adds children up to their parents at every level and date', async () => {
    const mismatches = await db.query(`
      WITH d AS (SELECT unnest($1::date[]) AS d),
      asof AS (
        SELECT d.d, a.code, a.parent_code, t.households, t.people, t.exited_households, t.at_risk_households, t.employed_households
        FROM d CROSS JOIN areas a
        LEFT JOIN LATERAL (SELECT * FROM household_totals t WHERE t.area_code = a.code AND t.day <= d.d ORDER BY t.day DESC LIMIT 1) t ON true
      ),
      children AS (
        SELECT d, parent_code AS code, sum(coalesce(households, 0)) AS households, sum(coalesce(people, 0)) AS people,
          sum(coalesce(exited_households, 0)) AS exited, sum(coalesce(at_risk_households, 0)) AS at_risk, sum(coalesce(employed_households, 0)) AS employed
        FROM asof WHERE parent_code IS NOT NULL GROUP BY 1, 2
      )
      SELECT c.d, c.code FROM children c JOIN asof p ON p.d = c.d AND p.code = c.code
      WHERE (c.households, c.people, c.exited, c.at_risk, c.employed)
        IS DISTINCT FROM (coalesce(p.households, 0), coalesce(p.people, 0), coalesce(p.exited_households, 0), coalesce(p.at_risk_households, 0), coalesce(p.employed_households, 0))`, [DATES]);
    expect(mismatches).toEqual([]);
    const [{ parents }] = await db.query<{ parents: number }>(`SELECT count(DISTINCT parent_code)::int AS parents FROM areas WHERE parent_code IS NOT NULL`);
    expect(parents).toBe(94);
  });

  it('keeps the projects at every level equal to their history', async () => {
    const recomputed = await db.query<Record<string, unknown> & { date: string; code: string }>(PROJECTS_RECOMPUTED_SQL, [DATES]);
    const stored = new Map((await db.query<Record<string, unknown> & { date: string; code: string }>(PROJECTS_STORED_SQL, [DATES])).map((r) => [key(r), numbers(r)]));
    expect(recomputed.length).toBeGreaterThan(100);
    for (const r of recomputed) expect(stored.get(key(r)), key(r)).toEqual(numbers(r));
  });

  it.each([
    { level: 'city', parent: null, specialty: null },
    { level: 'county', parent: null, specialty: 15 },
    { level: 'township', parent: '512022', specialty: null },
    { level: 'village', parent: '512021101', specialty: 3 },
    { level: 'village', parent: null, specialty: null },
  ] as const)('answers as the per-village roll-up did: $level under $parent, specialty $specialty', async ({ level, parent, specialty }) => {
    const length = { city: 4, county: 6, township: 9, village: 12 }[level];
    const old = await db.query<Record<string, unknown> & { date: string; code: string }>(OLD_TOTALS_SQL, [DATES, length, parent ?? '', specialty, level]);
    const { totals } = await queryTotals(db, { level, parent, dates: DATES, specialty });
    expect(old.length).toBeGreaterThan(DATES.length - 1);
    for (const r of old) {
      const t = totals.get(r.date)!.get(r.code)!;
      const n = (v: unknown) => Number(v ?? 0);
      expect({ households: t.households, people: t.people, exited: t.exitedHouseholds, medical: t.medical, relocated: t.relocatedPeople,
        pv: t.povertyVillages, pvExited: t.povertyVillagesExited, projects: t.projects, due: t.projectsDue, completed: t.projectsCompleted,
        budget: t.budget, disbursed: t.disbursed, training: t.trainingPersonTimes ?? 0, fairs: t.jobFairs ?? 0 }, key(r)).toEqual({
        households: n(r.households), people: n(r.people), exited: n(r.exited_households), medical: n(r.medical), relocated: n(r.relocated_people),
        pv: n(r.poverty_villages), pvExited: n(r.poverty_villages_exited), projects: n(r.projects), due: n(r.projects_due), completed: n(r.projects_completed),
        budget: n(r.budget), disbursed: n(r.disbursed), training: length <= 9 ? n(r.training) : 0, fairs: length <= 6 ? n(r.job_fairs) : 0 });
    }
  });

  it('serves any root: a second city cloned beside the first is rolled up alike, and an edit there refreshes only its own ancestors', async () => {
    // 5121: the shipped city again under new codes, a second root (no province row: the schema
    // of this version knows four levels). Households and their history come along.
    await db.transaction(async (tx) => {
      await tx.query(`INSERT INTO areas (code, level, kind, name, short_name, parent_code, geom, label_point, synthetic)
        SELECT '5121' || substr(code, 5), level, kind, name || '二', short_name, CASE WHEN parent_code IS NULL THEN NULL ELSE '5121' || substr(parent_code, 5) END, geom, label_point, true
        FROM areas WHERE code LIKE '5120%'`);
      await tx.query(`INSERT INTO households (id, village_code, size, labour_count, employed_members, income_per_capita, status, food_clothing, education, medical, housing, medical_insurance, needs_relocation, needs_renovation)
        SELECT 'B' || id, '5121' || substr(village_code, 5), size, labour_count, employed_members, income_per_capita, status, food_clothing, education, medical, housing, medical_insurance, needs_relocation, needs_renovation
        FROM households WHERE village_code LIKE '512021%'`);
      await tx.query(`INSERT INTO household_history (household_id, valid_from, status, income_per_capita, food_clothing, education, medical, housing, medical_insurance, employed_members, relocated, renovated)
        SELECT 'B' || s.household_id, valid_from, s.status, s.income_per_capita, s.food_clothing, s.education, s.medical, s.housing, s.medical_insurance, s.employed_members, relocated, renovated
        FROM household_history s JOIN households h ON h.id = s.household_id WHERE h.village_code LIKE '512021%'`);
      await refreshDeltas(tx);
    });
    await expectStoredEqualsRecomputed();
    const [{ n }] = await db.query<{ n: number }>(`SELECT count(DISTINCT area_code)::int AS n FROM household_totals WHERE area_code IN ('5120', '5121', '512121')`);
    expect(n).toBe(3);
    // An edit in the clone: its village and ancestors follow; the first city's rows stay as they were.
    const first = await db.query(`SELECT * FROM household_totals WHERE area_code LIKE '5120%' ORDER BY area_code, day`);
    const [h] = await db.query<{ id: string; village_code: string }>(`SELECT h.id, h.village_code FROM households h WHERE h.id LIKE 'B%' AND h.status = 'poor' ORDER BY h.id LIMIT 1`);
    await db.transaction(async (tx) => {
      await tx.query(`INSERT INTO household_history (household_id, valid_from, status, income_per_capita, food_clothing, education, medical, housing, medical_insurance, employed_members, relocated, renovated)
        SELECT household_id, '2018-12-20', 'exited', 6000, true, true, true, true, true, employed_members, relocated, renovated
        FROM household_history WHERE household_id = $1 ORDER BY valid_from DESC LIMIT 1`, [h.id]);
      await refreshHouseholdTotals(tx, h.village_code);
    });
    await expectStoredEqualsRecomputed();
    expect(await db.query(`SELECT * FROM household_totals WHERE area_code LIKE '5120%' ORDER BY area_code, day`)).toEqual(first);
    const [{ exited }] = await db.query<{ exited: number }>(`SELECT exited_households AS exited FROM household_totals WHERE area_code = '5121' ORDER BY day DESC LIMIT 1`);
    const [{ before }] = await db.query<{ before: number }>(`SELECT exited_households AS before FROM household_totals WHERE area_code = '5121' AND day < '2018-12-20' ORDER BY day DESC LIMIT 1`);
    expect(exited).toBe(before + 1);
  });

  it('a query for one indicator fetches only the totals it reads, and gives the same figures as the full query', async () => {
    for (const level of ['county', 'township'] as const) {
      const dates = ['2018-06-30'];
      const full = (await areaProgressSeries(db, { level, indicators: INDICATORS }, dates)).get('2018-06-30')!;
      for (const ind of INDICATORS) {
        const one = (await areaProgressSeries(db, { level, indicators: [ind] }, dates)).get('2018-06-30')!;
        expect(one.map((a) => [a.code, a.indicators[ind.key]]), `${ind.key} at ${level}`).toEqual(full.map((a) => [a.code, a.indicators[ind.key]]));
      }
    }
  }, 120_000);

  it('generates the same targets as the join on left(code, n) did', async () => {
    await db.transaction((tx) => generateTargets(tx, 2018));
    const old = await db.query<{ code: string; indicator: string; value: number }>(OLD_TARGET_COUNTS_SQL, [2018]);
    const stored = new Map((await db.query<{ area_code: string; indicator: string; value: string }>('SELECT area_code, indicator, value FROM targets WHERE year = 2018'))
      .map((r) => [`${r.area_code} ${r.indicator}`, Number(r.value)]));
    expect(old.length).toBe(2 * 94 * 6);
    for (const r of old) expect(stored.get(`${r.code} ${r.indicator}`), `${r.code} ${r.indicator}`).toBe(Number(r.value));
    // Training: each township's share, and the city's and counties' the sum of their townships'.
    const [{ bad }] = await db.query<{ bad: number }>(`SELECT count(*)::int AS bad FROM areas a JOIN targets t ON t.area_code = a.code AND t.year = 2018 AND t.indicator = 'training'
      WHERE a.level IN ('city', 'county') AND t.value <> (SELECT sum(x.value) FROM targets x WHERE x.year = 2018 AND x.indicator = 'training' AND length(x.area_code) = 9 AND x.area_code LIKE a.code || '%')`);
    expect(bad).toBe(0);
    const [{ total }] = await db.query<{ total: string }>(`SELECT sum(value) AS total FROM targets WHERE area_code IN ('5120', '5121') AND year = 2018 AND indicator = 'training'`);
    expect(Number(total)).toBe(1160);
  });
});
