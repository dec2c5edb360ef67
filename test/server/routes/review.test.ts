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
    const shares = body.areas.map((a: { value: { lagShare: number | null } }) => a.value.lagShare).filter((v: number | null) => v !== null);
    expect([...shares].sort((a, b) => a - b)).toEqual(shares);
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
    ] as const) {
      const res = await get(url);
      expect(res.status, url).toBe(status);
      expect(res.body.message, url).toContain(word);
    }
  });
});
