import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../../server/app.ts';
import { addDays } from '../../../server/domain/campaignCalendar.ts';
import { weeksBehind } from '../../../server/domain/weeksBehind.ts';
import { testConfig } from '../../helpers/testConfig.ts';

describe('weekly review', () => {
  let app: FastifyInstance;
  beforeAll(async () => {
    app = await buildApp(testConfig(), { logger: false });
  });
  afterAll(async () => {
    await app.close();
  });
  const get = async (url: string) => {
    const res = await app.inject({ url });
    return { status: res.statusCode, body: res.json() };
  };
  const statusAt = async (code: string, parent: string, date: string) =>
    (await get(`/api/progress?level=township&parent=${parent}&asOf=${date}&indicators=people_lifted`)).body.areas.find((a: { code: string }) => a.code === code).indicators.people_lifted;

  it('counts the weeks in a row behind', () => {
    expect(weeksBehind(['far_behind', 'behind', 'on_track', 'behind'])).toBe(2);
    expect(weeksBehind(['on_track', 'behind'])).toBe(0);
    expect(weeksBehind([null])).toBe(0);
  });

  it('ranks the townships of mid-2018 worst first, with the change since last week and the streak behind', async () => {
    const { status, body } = await get('/api/review?week=2018-06-30&level=township');
    expect(status).toBe(200);
    expect(body).toMatchObject({ week: '2018-06-30', previousWeek: '2018-06-23', level: 'township', indicator: 'people_lifted' });
    expect(body.areas).toHaveLength(90);
    // The one ranking rule: by lag in people (worst first), small units after the others, no lag last.
    type Row = { name: string; smallUnit: boolean; value: { lag: number | null } };
    const ranked: Row[] = body.areas.filter((a: Row) => a.value.lag !== null);
    const normal = ranked.filter((a) => !a.smallUnit);
    const small = ranked.filter((a) => a.smallUnit);
    expect(ranked.map((a) => a.name)).toEqual([...normal, ...small].map((a) => a.name));
    expect(body.areas.slice(0, ranked.length).map((a: Row) => a.name)).toEqual(ranked.map((a) => a.name));
    for (const list of [normal, small]) expect(list.map((a) => a.value.lag)).toEqual(list.map((a) => a.value.lag).sort((x, y) => x! - y!));
    expect(body.areas[0].smallUnit).toBe(false);
    const top = body.areas.slice(0, 3);
    for (const a of top) {
      expect(['behind', 'far_behind']).toContain(a.value.status);
      expect(a.weeksBehind).toBeGreaterThanOrEqual(1);
      // The streak and the change agree with the progress API, week by week.
      const parent = a.code.slice(0, 6);
      const prev = await statusAt(a.code, parent, '2018-06-23');
      expect(a.change.value).toBeCloseTo(a.value.value - prev.value, 6);
      for (let w = 0; w < a.weeksBehind; w++) expect(['behind', 'far_behind']).toContain((await statusAt(a.code, parent, addDays('2018-06-30', -7 * w))).status);
      if (a.weeksBehind < 26) expect(['behind', 'far_behind']).not.toContain((await statusAt(a.code, parent, addDays('2018-06-30', -7 * a.weeksBehind))).status);
    }
    const onPlan = body.areas.find((a: { value: { status: string } }) => a.value.status === 'on_track');
    expect(onPlan.weeksBehind).toBe(0);
    expect(onPlan.worstParts).toEqual([]);
    // Why: each lagging township's villages furthest behind, as the village figures give them.
    for (const a of top) {
      const villages = (await get(`/api/progress?level=village&parent=${a.code}&asOf=2018-06-30&indicators=people_lifted`)).body.areas
        .map((v: { code: string; name: string; indicators: { people_lifted: { lag: number | null } } }) => ({ code: v.code, name: v.name, lag: v.indicators.people_lifted.lag }))
        .filter((v: { lag: number | null }) => v.lag !== null && v.lag < 0)
        .sort((x: { lag: number; code: string }, y: { lag: number; code: string }) => x.lag - y.lag || (x.code < y.code ? -1 : 1));
      expect(a.worstParts.map((p: { code: string }) => p.code)).toEqual(villages.slice(0, 3).map((v: { code: string }) => v.code));
      expect(a.worstParts.length).toBeGreaterThan(0);
    }
    const village = (await get('/api/review?week=2018-06-30&level=village&county=512022')).body;
    expect(village.areas.every((a: { worstParts: unknown[] }) => a.worstParts.length === 0)).toBe(true);
  });

  it('filters by county and indicator, and defaults to the latest week', async () => {
    const { body } = await get('/api/review?county=512021&indicator=medical');
    expect(body.week).toBe('2018-11-30');
    expect(body.indicator).toBe('medical');
    expect(body.areas.length).toBeGreaterThan(10);
    expect(body.areas.every((a: { parent: string }) => a.parent === '512021')).toBe(true);
  });

  it('names what is wrong with a bad request', async () => {
    for (const [url, status, word] of [
      ['/api/review?week=2019-03-01', 400, 'outside the data'],
      ['/api/review?week=2018-01-03', 400, 'outside the data'],
      ['/api/review?week=2018-02-30', 400, 'week'],
      ['/api/review?indicator=at_risk', 400, 'no plan'],
      ['/api/review?indicator=nope', 400, 'indicators'],
      ['/api/review?county=999999', 404, 'county'],
      ['/api/review?county=512021101', 400, 'county'],
      ['/api/review?specialty=3', 400, 'not a project indicator'],
      ['/api/review?specialty=23&indicator=funds_disbursed', 400, 'specialty'],
      ['/api/review/changes?from=2018-06-30&to=2018-06-23', 400, 'from: 2018-06-30 must be before'],
      ['/api/review/changes?from=2018-06-30&to=2018-06-30', 400, 'must be before'],
      ['/api/review/changes?from=2017-12-01&to=2018-06-30', 400, 'from: 2017-12-01 is outside the data'],
      ['/api/review/changes?to=2019-01-05', 400, 'to: 2019-01-05 is outside the data'],
      ['/api/review/changes?to=2018-13-01', 400, 'to'],
      ['/api/review/changes?county=999999', 404, 'county'],
      ['/api/review/changes?level=province', 400, 'level'],
      ['/api/review?level=township&parent=512021101', 400, 'parent'],
    ] as const) {
      const res = await get(url);
      expect(res.status, url).toBe(status);
      expect(res.body.message, url).toContain(word);
    }
  });

  it('filters the review by specialty: project figures of that specialty only', async () => {
    const { body: specialties } = await get('/api/specialties');
    expect(specialties).toHaveLength(22);
    const used = specialties.filter((s: { projects: number }) => s.projects > 0);
    expect(used.length).toBeGreaterThan(3);
    const code = used[0].code;
    const { status, body } = await get(`/api/review?week=2018-06-30&level=county&indicator=projects_completed&specialty=${code}`);
    expect(status).toBe(200);
    expect(body.specialty).toBe(code);
    const { body: all } = await get('/api/review?week=2018-06-30&level=county&indicator=projects_completed');
    const progress = (await get(`/api/progress?level=county&asOf=2018-06-30&indicators=projects_completed&specialty=${code}`)).body.areas;
    for (const a of body.areas) {
      expect(a.value.value).toBe(progress.find((p: { code: string }) => p.code === a.code).indicators.projects_completed.value);
      expect(a.value.target).toBeLessThanOrEqual(all.areas.find((x: { code: string }) => x.code === a.code).value.target);
    }
  });

  it('says what changed between two weeks, and agrees with the progress figures at both ends', async () => {
    const [from, to] = ['2018-06-02', '2018-06-30'];
    const { status, body } = await get(`/api/review/changes?from=${from}&to=${to}&level=township`);
    expect(status).toBe(200);
    expect(body).toMatchObject({ from, to, level: 'township', county: null, specialty: null });
    expect(body.areas).toHaveLength(90);
    const keys = 'people_lifted,households_exited,poverty_villages_exited,at_risk,projects_completed';
    const at = async (d: string) => new Map((await get(`/api/progress?level=township&asOf=${d}&indicators=${keys}`)).body.areas.map((a: { code: string; indicators: Record<string, { value: number }> }) => [a.code, a.indicators]));
    const [start, end] = [await at(from), await at(to)];
    // Hidden from the public at either end (a township with few households): hidden here too.
    const delta = (code: string, key: string) => {
      const [a, b] = [(start.get(code) as Record<string, { value: number | null }>)[key].value, (end.get(code) as Record<string, { value: number | null }>)[key].value];
      return a === null || b === null ? null : b - a;
    };
    let moved = 0;
    for (const a of body.areas) {
      expect(a.change.peopleLifted).toBe(delta(a.code, 'people_lifted'));
      expect(a.change.householdsExited).toBe(delta(a.code, 'households_exited'));
      expect(a.change.povertyVillagesExited).toBe(delta(a.code, 'poverty_villages_exited'));
      expect(a.change.projectsCompleted).toBe(delta(a.code, 'projects_completed'));
      // The risk moves come from the household history, the at-risk count from the running totals.
      if (a.change.newAtRisk !== null) expect(a.change.newAtRisk - a.change.atRiskCleared).toBe(delta(a.code, 'at_risk'));
      if (a.change.peopleLifted > 0) moved++;
    }
    expect(moved).toBeGreaterThan(30);
    const sum = (k: string) => body.areas.reduce((s: number, a: { change: Record<string, number> }) => s + a.change[k], 0);
    for (const k of ['projectsCompleted', 'povertyVillagesExited']) expect(body.total[k], k).toBe(sum(k));
    // Hidden areas are still counted in the total (the city's figure is public).
    for (const k of ['peopleLifted', 'householdsExited', 'newAtRisk']) expect(body.total[k], k).toBeGreaterThanOrEqual(sum(k));
    expect(body.total.fundsDisbursed).toBeCloseTo(sum('fundsDisbursed'), 0);
    const city = (await get(`/api/summary?asOf=${to}`)).body;
    expect(body.total.fundsDisbursed).toBeGreaterThan(0);
    expect(body.total.disbursedShare).toBeGreaterThan(0);
    expect(body.total.disbursedShare).toBeLessThan(city.headline.funds_disbursed.value);

    // Signed in, nothing is hidden: the total is the sum of the areas.
    const login = await app.inject({ method: 'POST', url: '/api/session', payload: { username: 'leader', password: 'demo-leader-2018' } });
    const cookie = String(login.headers['set-cookie']).split(';')[0];
    const full = (await app.inject({ url: `/api/review/changes?from=${from}&to=${to}&level=township`, headers: { cookie } })).json();
    for (const k of ['peopleLifted', 'householdsExited', 'newAtRisk', 'atRiskCleared']) {
      expect(full.areas.reduce((s: number, a: { change: Record<string, number> }) => s + a.change[k], 0), k).toBe(full.total[k]);
    }
    expect(full.total).toEqual(body.total);

    // The risk moves, counted a second way: every household's status at both ends.
    const db = (app as unknown as { db: { query: <T>(sql: string, p: unknown[]) => Promise<T[]> } }).db;
    const statusAt = `SELECT DISTINCT ON (household_id) household_id, status FROM household_history WHERE valid_from <= $1::date ORDER BY household_id, valid_from DESC`;
    const [s0, s1] = [await db.query<{ household_id: string; status: string }>(statusAt, [from]), await db.query<{ household_id: string; status: string }>(statusAt, [to])];
    const before = new Map(s0.map((r) => [r.household_id, r.status]));
    const fresh = s1.filter((r) => r.status === 'at_risk' && before.get(r.household_id) !== 'at_risk').length;
    const cleared = s1.filter((r) => r.status !== 'at_risk' && before.get(r.household_id) === 'at_risk').length;
    expect(body.total.newAtRisk).toBe(fresh);
    expect(body.total.atRiskCleared).toBe(cleared);
    expect(fresh).toBeGreaterThan(0);
  });

  it('defaults to the last week of the data, restricts project figures by specialty, and hides small villages from the public', async () => {
    const { body } = await get('/api/review/changes?level=county');
    expect(body.to).toBe('2018-11-30');
    expect(body.from).toBe('2018-11-23');
    expect(body.areas).toHaveLength(3);
    const { body: specialties } = await get('/api/specialties');
    const code = specialties.find((s: { projects: number }) => s.projects > 0).code;
    const all = (await get('/api/review/changes?from=2018-01-01&to=2018-11-30&level=county')).body;
    const one = (await get(`/api/review/changes?from=2018-01-01&to=2018-11-30&level=county&specialty=${code}`)).body;
    expect(one.total.projectsCompleted).toBeLessThan(all.total.projectsCompleted);
    expect(one.total.projectsCompleted).toBeGreaterThanOrEqual(0);
    expect(one.total.peopleLifted).toBe(all.total.peopleLifted);
    const villages = (await get('/api/review/changes?from=2018-01-01&to=2018-11-30&level=village&county=512022')).body.areas;
    const households = new Map((await get('/api/progress?level=village&parent=512022&asOf=2018-11-30&indicators=households_exited')).body.areas.map((a: { code: string; suppressed: boolean }) => [a.code, a.suppressed]));
    for (const v of villages) expect(v.change.peopleLifted === null, v.code).toBe(households.get(v.code));
  });
});
