import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../../server/app.ts';
import { testConfig } from '../../helpers/testConfig.ts';
import { INDICATORS } from '../../../server/domain/indicators.ts';

interface Value { value: number | null; target: number | null; lag: number | null; lagShare: number | null; status: string | null; numerator?: number; denominator?: number; rank?: number | null }
interface Area { code: string; name: string; parent: string | null; indicators: Record<string, Value> }

describe('progress routes', () => {
  let app: FastifyInstance;
  const get = async (url: string) => {
    const res = await app.inject({ method: 'GET', url });
    return { status: res.statusCode, body: res.json() };
  };
  // Every indicator, four at a time: a whole level's villages with all of them is more figures
  // than one answer holds (MAX_FIGURES).
  const progress = async (q: string): Promise<Area[]> => {
    const groups = q.includes('indicators=') ? [null] : Array.from({ length: Math.ceil(INDICATORS.length / 4) }, (_, i) => INDICATORS.slice(i * 4, i * 4 + 4).map((x) => x.key));
    const answers = await Promise.all(groups.map(async (keys) => {
      const r = await (keys ? get(`/api/progress?${q}&indicators=${keys.join(',')}`) : get(`/api/progress?${q}`));
      expect(r.status, `${q}: ${JSON.stringify(r.body).slice(0, 300)}`).toBe(200);
      return r.body.areas as Area[];
    }));
    return answers[0].map((a, i) => ({ ...a, indicators: Object.assign({}, ...answers.map((list) => list[i].indicators)) }));
  };
  beforeAll(async () => {
    // Small-count suppression for the public is tested in auth.test.ts; here every figure is shown.
    app = await buildApp(testConfig({ minAggregateHouseholds: 1 }), { logger: false });
  });
  afterAll(async () => {
    await app.close();
  });

  it('children add up to their parent for every additive figure, at every level and date', async () => {
    const counts = INDICATORS.filter((i) => i.kind === 'count').map((i) => i.key);
    const shares = INDICATORS.filter((i) => i.kind === 'share').map((i) => i.key);
    for (const asOf of ['2018-03-15', '2018-06-30', '2018-11-30']) {
      const levels = await Promise.all(['city', 'county', 'township', 'village'].map((l) => progress(`level=${l}&asOf=${asOf}`)));
      for (let i = 0; i < 3; i++) {
        const [parents, children] = [levels[i], levels[i + 1]];
        for (const p of parents) {
          const kids = children.filter((c) => c.parent === p.code);
          expect(kids.length).toBeGreaterThan(0);
          for (const key of counts) {
            const sum = (f: 'value' | 'target') => kids.reduce((s, c) => s + (c.indicators[key][f] ?? 0), 0);
            if (kids.every((c) => c.indicators[key].value === null)) continue; // recorded at a coarser level
            expect(sum('value'), `${key} value of ${p.code} at ${asOf}`).toBe(p.indicators[key].value);
            // Targets split down to the level where the figure is recorded (job fairs: the city).
            if (kids.some((c) => c.indicators[key].target !== null)) expect(sum('target'), `${key} target of ${p.code}`).toBe(p.indicators[key].target);
          }
          for (const key of shares) {
            expect(kids.reduce((s, c) => s + (c.indicators[key].numerator ?? 0), 0), `${key} numerator of ${p.code}`).toBe(p.indicators[key].numerator);
            expect(kids.reduce((s, c) => s + (c.indicators[key].denominator ?? 0), 0), `${key} denominator of ${p.code}`).toBe(p.indicators[key].denominator);
          }
        }
      }
    }
  }, 120000);

  it('answers the same question the same way, and a week-over-week change is a subtraction', async () => {
    const a = await get('/api/progress?level=township&parent=512021&asOf=2018-09-30&indicators=people_lifted,medical');
    const b = await get('/api/progress?level=township&parent=512021&asOf=2018-09-30&indicators=people_lifted,medical');
    expect(a.body).toEqual(b.body);
    const before = await progress('level=city&asOf=2018-09-23&indicators=people_lifted');
    const summary = (await get('/api/summary?asOf=2018-09-30')).body;
    expect(summary.headline.people_lifted.weekChange).toBe(summary.headline.people_lifted.value - before[0].indicators.people_lifted.value!);
  });

  it('tells the 2018 story: most but not all villages and people done, laggards named at mid-year', async () => {
    const [city] = await progress('level=city&asOf=2018-12-31');
    const villages = city.indicators.poverty_villages_exited;
    expect(villages.target).toBe(81);
    expect(villages.value).toBeGreaterThan(40);
    expect(villages.value).toBeLessThan(81);
    const people = city.indicators.people_lifted;
    expect(people.target).toBe(44000);
    expect(people.value).toBeGreaterThan(30000);
    expect(people.value).toBeLessThan(44000);
    const mid = await progress('level=township&asOf=2018-06-30&indicators=people_lifted');
    const behind = mid.filter((t) => t.indicators.people_lifted.status !== 'on_track');
    expect(behind.length).toBeGreaterThan(3);
    expect(behind.length).toBeLessThan(mid.length / 2);
    const lagging = (await get('/api/lagging?level=township&asOf=2018-06-30&limit=5')).body;
    expect(lagging.areas).toHaveLength(5);
    for (const a of lagging.areas) {
      expect(behind.map((t) => t.code)).toContain(a.code);
      for (const c of a.contributors) expect(c.code.startsWith(a.code)).toBe(true);
    }
    const lags = lagging.areas.map((a: { value: Value }) => a.value.lag);
    expect([...lags].sort((x, y) => x - y)).toEqual(lags);
    // 2018-06-30: 四川大堰劳动教养管理所 (11 people, none lifted) is a small unit, listed after every township.
    const all = (await get('/api/lagging?level=township&asOf=2018-06-30&limit=2000')).body.areas as { name: string; smallUnit: boolean }[];
    const dayan = all.findIndex((a) => a.name.includes('大堰'));
    expect(dayan).toBeGreaterThan(0);
    expect(all[dayan].smallUnit).toBe(true);
    expect(all.slice(dayan).every((a) => a.smallUnit)).toBe(true);
    expect(all.findIndex((a) => a.name === '丹山镇')).toBeLessThan(all.findIndex((a) => a.name === '回澜镇'));
  });

  it('ranks siblings and flags status per indicator', async () => {
    const counties = await progress('level=county&asOf=2018-11-30&indicators=people_lifted');
    expect(counties.map((c) => c.indicators.people_lifted.rank).sort()).toEqual([1, 2, 3]);
    const best = counties.find((c) => c.indicators.people_lifted.rank === 1)!;
    for (const c of counties) expect(c.indicators.people_lifted.lag!).toBeLessThanOrEqual(best.indicators.people_lifted.lag!);
    const training = await progress('level=village&parent=512002001&indicators=training');
    expect(training.every((v) => v.indicators.training.value === null)).toBe(true);
  });

  it('gives the history of an area, ending where the progress route stands', async () => {
    const r = await get('/api/progress/512022/history?from=2018-01-01&to=2018-06-30&interval=week&indicators=people_lifted,funds_disbursed');
    expect(r.status).toBe(200);
    expect(r.body.points).toHaveLength(27);
    expect(r.body.points.at(-1).date).toBe('2018-06-30');
    const values = r.body.points.map((p: { indicators: Record<string, Value> }) => p.indicators.people_lifted.value);
    expect([...values].sort((a, b) => a - b)).toEqual(values);
    const [now] = await progress('level=county&parent=5120&asOf=2018-06-30&indicators=people_lifted,funds_disbursed').then((a) => a.filter((c) => c.code === '512022'));
    const { rank: _r, ...last } = now.indicators.people_lifted;
    expect(r.body.points.at(-1).indicators.people_lifted).toEqual(last);
    const monthly = await get('/api/progress/5120/history?interval=month');
    expect(monthly.body.points.map((p: { date: string }) => p.date).slice(0, 2)).toEqual(['2018-01-31', '2018-02-28']);
  });

  it('sums up the city for the wall screen', async () => {
    const s = (await get('/api/summary?asOf=2018-11-30')).body;
    expect(s.phase).toMatchObject({ nameZh: '冬季冲刺', daysLeftInYear: 31 });
    expect(s.city.name).toBe('资阳市');
    expect(Object.keys(s.headline)).toEqual(expect.arrayContaining(['poverty_villages_exited', 'people_lifted', 'food_clothing', 'education', 'medical', 'housing', 'funds_disbursed', 'at_risk']));
    expect(s.counties.map((c: { name: string }) => c.name)).toEqual(['雁江区', '安岳县', '乐至县']);
    expect(s.householdsRemaining.value).toBe(s.headline.households_exited.target - s.headline.households_exited.value);
  });

  it('restricts project figures to one specialty', async () => {
    const [all] = await progress('level=city&indicators=projects_completed,funds_disbursed');
    const per = await Promise.all(Array.from({ length: 22 }, (_, i) => progress(`level=city&specialty=${i + 1}&indicators=projects_completed`)));
    expect(per.reduce((s, [c]) => s + c.indicators.projects_completed.value!, 0)).toBe(all.indicators.projects_completed.value);
  });

  it('refuses bad input with a 400 that names the parameter, an unknown area with a 404', async () => {
    const cases: [string, number, RegExp][] = [
      ['/api/progress?level=state', 400, /level/],
      ['/api/progress?level=county&asOf=2018-02-30', 400, /asOf: "2018-02-30" is not a calendar date/],
      ['/api/progress?level=county&asOf=yesterday', 400, /asOf/],
      ['/api/progress?level=county&indicators=people_lifted,happiness', 400, /indicators: unknown "happiness"; allowed: people_lifted/],
      ['/api/progress?level=county&parent=512099', 404, /parent: no area with code 512099/],
      ['/api/progress?level=county&parent=512002', 400, /parent: 512002 is a county, not above level county/],
      ['/api/progress?level=county&specialty=23', 400, /specialty/],
      // A whole city's villages with every indicator is more than one answer holds; one indicator, or a township's villages, is not.
      ['/api/progress?level=village', 400, /1,230 village areas under 5120 × 17 indicators = 20,910 figures, more than 5,000 in one answer: ask for fewer indicators \(indicators=\) or name a smaller parent \(parent=\)/],
      ['/api/progress?level=village&parent=512021', 400, /village areas under 512021 × 17 indicators/],
      ['/api/progress/scale?level=village&indicator=people_lifted&method=quantile&to=2018-11-30', 400, /1,230 village areas under 5120 × 11 month ends = 13,530 figures, more than 5,000 in one answer: name a smaller parent \(parent=\)/],
      ['/api/progress/512099/history', 404, /code: no area/],
      ['/api/progress/512002/history?from=2018-06-01&to=2018-01-01', 400, /from: 2018-06-01 is after to: 2018-01-01/],
      ['/api/progress/512002/history?from=2000-01-01&to=2018-01-01', 400, /at most 400 points/],
      ['/api/progress/512002/history?interval=day', 400, /interval/],
      ['/api/lagging?level=province', 400, /level/],
      ['/api/lagging?indicator=at_risk', 400, /indicator: at_risk has no plan/],
      ['/api/lagging?limit=0', 400, /limit/],
      ['/api/summary?asOf=2018-13-01', 400, /asOf/],
      ['/api/summary?asOf=9999-12-31', 400, /asOf: 9999-12-31 is outside the years 1990–2100/],
      ['/api/progress?level=county&asOf=0000-01-01', 400, /asOf: 0000-01-01 is outside the years/],
      ['/api/progress/512002/history?from=2018-01-01&to=9999-12-31', 400, /to: 9999-12-31 is outside the years/],
      ['/api/progress/scale?level=county&indicator=people_lifted&method=quantile&to=9999-12-31', 400, /to: 9999-12-31 is outside/],
    ];
    for (const [url, status, message] of cases) {
      const r = await get(url);
      expect(r.status, url).toBe(status);
      expect(r.body.message, url).toMatch(message);
    }
  });

  it('lists the catalogue with its plan and thresholds', async () => {
    const c = (await get('/api/indicators')).body;
    expect(c.indicators.map((i: { key: string }) => i.key)).toEqual(INDICATORS.map((i) => i.key));
    expect(c.phases.map((p: { nameZh: string }) => p.nameZh)).toEqual(['春季攻势', '夏季战役', '秋季攻坚', '冬季冲刺']);
    expect(c.thresholds).toEqual({ behind: -0.05, farBehind: -0.15, ahead: 0.05 });
  });

  it('cuts one value scale for the whole year: every class holds a value, and playback dates keep it', async () => {
    const scale = (q: string) => get(`/api/progress/scale?level=township&indicator=people_lifted&${q}`);
    const year = await scale('method=quantile&to=2018-11-30');
    expect(year.status).toBe(200);
    expect(year.body.dates.at(0)).toBe('2018-01-31');
    expect(year.body.dates.at(-1)).toBe('2018-11-30');
    const breaks: number[] = year.body.breaks;
    expect(breaks.length).toBe(4);
    // Ascending and strictly inside the range of the values they were cut from.
    breaks.forEach((b, i) => expect(b).toBeGreaterThan(i === 0 ? year.body.min : breaks[i - 1]));
    expect(breaks.at(-1)).toBeLessThanOrEqual(year.body.max);
    // Every class holds some township's value in some month.
    const values: number[] = [];
    for (const d of year.body.dates) {
      for (const a of await progress(`level=township&asOf=${d}&indicators=people_lifted`)) {
        const v = a.indicators.people_lifted;
        if (v.value !== null && v.target) values.push(v.value / v.target);
      }
    }
    const classOf = (v: number) => breaks.filter((b) => v >= b).length;
    expect(new Set(values.map(classOf)).size).toBe(breaks.length + 1);
    // The same scale whatever date within the year the map shows is not asked: it depends only on `to`'s year-to-date.
    expect((await scale('method=quantile&to=2018-11-30')).body.breaks).toEqual(breaks);
    const equal = await scale('method=equal&to=2018-11-30');
    const step = (equal.body.max - equal.body.min) / 5;
    expect(equal.body.breaks[0]).toBeCloseTo(equal.body.min + step, 3);
    expect((await scale('method=fixed')).status).toBe(400);
    expect((await scale('method=quantile&indicator=a,b')).status).toBe(400);
  });
});
