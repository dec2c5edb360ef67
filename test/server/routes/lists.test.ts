import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance, InjectOptions } from 'fastify';
import ExcelJS from 'exceljs';
import { buildApp } from '../../../server/app.ts';
import { createScratchDatabase, type ScratchDatabase } from '../../helpers/scratchDatabase.ts';
import { testConfig } from '../../helpers/testConfig.ts';

type Db = { query: <T>(sql: string, params?: unknown[]) => Promise<T[]> };

describe('the meeting lists: problems and tasks', () => {
  let scratch: ScratchDatabase;
  let app: FastifyInstance;
  let db: Db;
  let leader: Record<string, string>;
  beforeAll(async () => {
    scratch = await createScratchDatabase();
    app = await buildApp(testConfig({ databaseUrl: scratch.url }), { logger: false });
    db = (app as unknown as { db: Db }).db;
    const res = await app.inject({ method: 'POST', url: '/api/session', payload: { username: 'leader', password: 'demo-leader-2018' } });
    leader = { cookie: String(res.headers['set-cookie']).split(';')[0], 'x-csrf-token': res.json().csrfToken };
  }, 300000);
  afterAll(async () => {
    await app?.close();
    await scratch?.drop();
  });
  const call = (opts: InjectOptions) => app.inject({ ...opts, headers: leader });
  const count = async (table: string) => (await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${table}`))[0].n;

  it('raises a problem at one meeting, carries it over to the next ones until it is closed, and audits it', async () => {
    const raised = await call({ method: 'POST', url: '/api/problems', payload: { areaCode: '512021118', description: '危房改造进度慢', raisedAt: '2018-06-29', owner: '文化镇 李镇长', dueDate: '2018-07-13' } });
    expect(raised.statusCode, raised.body).toBe(201);
    const problem = raised.json();
    expect(problem).toMatchObject({ status: 'open', carriedOver: false, overdue: false, areaName: '文化镇' });
    const at = async (meeting: string) => (await call({ url: `/api/problems?meeting=${meeting}` })).json() as { id: number; carriedOver: boolean; overdue: boolean }[];
    expect(await at('2018-06-22')).toEqual([]);
    expect((await at('2018-07-06')).find((p) => p.id === problem.id)).toMatchObject({ carriedOver: true, overdue: false });
    expect((await at('2018-07-20')).find((p) => p.id === problem.id)).toMatchObject({ carriedOver: true, overdue: true });
    const closed = await call({ method: 'PATCH', url: `/api/problems/${problem.id}`, payload: { version: 1, close: { closedAt: '2018-07-25', resolution: '已增派施工队' } } });
    expect(closed.statusCode, closed.body).toBe(200);
    expect(closed.json()).toMatchObject({ status: 'closed', closedAt: '2018-07-25', resolution: '已增派施工队', version: 2 });
    expect((await at('2018-07-27')).some((p) => p.id === problem.id)).toBe(false);
    expect((await at('2018-07-20')).some((p) => p.id === problem.id)).toBe(true);
    const audit = await db.query<{ action: string }>(`SELECT action FROM audit_log WHERE entity = 'problem' AND entity_id = $1 ORDER BY id`, [String(problem.id)]);
    expect(audit.map((a) => a.action)).toEqual(['problem.create', 'problem.close']);
  });

  it('keeps a monthly task list with its phase, responsible person and overdue mark', async () => {
    const res = await call({ method: 'POST', url: '/api/tasks', payload: { month: '2018-08', areaCode: '512021', specialty: 15, title: '通村道路硬化', department: '交通局', responsible: '赵局长', dueDate: '2018-08-31' } });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({ month: '2018-08', phase: 'autumn', overdue: true, status: 'open' });
    const done = await call({ method: 'PATCH', url: `/api/tasks/${res.json().id}`, payload: { version: 1, status: 'done' } });
    expect(done.json()).toMatchObject({ status: 'done', overdue: false });
    const list = (await call({ url: '/api/tasks?month=2018-08&area=512021' })).json();
    expect(list.map((t: { title: string }) => t.title)).toContain('通村道路硬化');
    // Overdue as of a meeting date, and filtered by specialty.
    const open = await call({ method: 'POST', url: '/api/tasks', payload: { month: '2018-08', areaCode: '512021101', specialty: 3, title: '产业园区道路', department: '农业局', responsible: '钱科长', dueDate: '2018-08-20' } });
    const titles = async (q: string) => ((await call({ url: `/api/tasks?${q}` })).json() as { title: string; overdue: boolean }[]);
    expect((await titles('month=2018-08&asOf=2018-08-17')).find((t) => t.title === '产业园区道路')!.overdue).toBe(false);
    expect((await titles('month=2018-08&asOf=2018-08-24')).find((t) => t.title === '产业园区道路')!.overdue).toBe(true);
    expect((await titles('month=2018-08&specialty=3')).map((t) => t.title)).toEqual(['产业园区道路']);
    expect((await titles('month=2018-08&specialty=15')).map((t) => t.title)).toEqual(['通村道路硬化']);
    expect(open.statusCode).toBe(201);
    expect((await call({ url: '/api/tasks?asOf=2018-02-30' })).json().message).toContain('asOf');
  });

  it('exports the week as a workbook: a sheet per level, then the lists', async () => {
    const res = await call({ url: '/api/review/workbook?week=2018-07-06' });
    expect(res.statusCode, res.body.slice(0, 200)).toBe(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['区县', '乡镇', '村', '本期变化', '问题清单', '任务清单']);
    const changes = (await call({ url: '/api/review/changes?from=2018-06-29&to=2018-07-06&level=township' })).json();
    const sheet = wb.getWorksheet('本期变化')!;
    expect(sheet.rowCount).toBe(2 + 1 + 90);
    expect(sheet.getRow(3).getCell(3).value).toBe(changes.total.peopleLifted);
    expect(sheet.getRow(3).getCell(6).value).toBe(changes.total.newAtRisk);
    expect(sheet.getRow(4).getCell(1).value).toBe(changes.areas[0].code);
    expect(sheet.getRow(4).getCell(9).value).toBe(changes.areas[0].change.fundsDisbursed);
    expect(wb.getWorksheet('区县')!.rowCount).toBe(2 + 3);
    expect(wb.getWorksheet('乡镇')!.rowCount).toBe(2 + 90);
    expect(wb.getWorksheet('村')!.rowCount).toBe(2 + 1230);
    const review = (await call({ url: '/api/review?week=2018-07-06&level=township' })).json();
    const first = wb.getWorksheet('乡镇')!.getRow(3);
    expect(first.getCell(2).value).toBe(review.areas[0].code);
    expect(first.getCell(11).value).toBe(review.areas[0].weeksBehind);
    expect(String(first.getCell(12).value)).toContain(review.areas[0].worstParts[0].shortName);
    const problems = wb.getWorksheet('问题清单')!;
    expect(problems.getRow(2).getCell(2).value).toBe('危房改造进度慢');
    expect(problems.getRow(2).getCell(4).value).toBe('文化镇 李镇长');
    expect((await app.inject({ url: '/api/review/workbook?week=2019-01-01', headers: leader })).statusCode).toBe(400);
  });

  it('refuses bad input with a clear message and saves nothing', async () => {
    const problems = await count('problems');
    const tasks = await count('tasks');
    const audits = await count('audit_log');
    for (const [url, payload, word] of [
      ['/api/problems', { areaCode: '512021118', description: 'x', raisedAt: '2018-06-29', dueDate: '2018-07-13' }, 'owner'],
      ['/api/problems', { areaCode: '512021118', description: 'x', raisedAt: '2018-06-29', owner: '  ', dueDate: '2018-07-13' }, 'owner'],
      ['/api/problems', { areaCode: '512021118', description: 'x', raisedAt: '2018-06-29', owner: '甲', dueDate: '2018-06-01' }, 'dueDate'],
      ['/api/problems', { areaCode: '512099999', description: 'x', raisedAt: '2018-06-29', owner: '甲', dueDate: '2018-07-01' }, 'areaCode'],
      ['/api/tasks', { month: '2018-08', areaCode: '512021', title: 't', department: 'd', responsible: 'r', dueDate: '2018-07-31' }, 'before the task\'s month'],
      ['/api/tasks', { month: '2018-13', areaCode: '512021', title: 't', department: 'd', responsible: 'r', dueDate: '2018-12-31' }, 'month'],
      ['/api/tasks', { month: '2018-08', areaCode: '512021', title: 't', department: 'd', dueDate: '2018-08-31' }, 'responsible'],
    ] as const) {
      const res = await call({ method: 'POST', url, payload });
      expect(res.statusCode, `${url} ${JSON.stringify(payload)}`).toBe(400);
      expect(res.json().message).toContain(word);
    }
    expect(await count('problems')).toBe(problems);
    expect(await count('tasks')).toBe(tasks);
    expect(await count('audit_log')).toBe(audits);
    const planner = await app.inject({ method: 'POST', url: '/api/session', payload: { username: 'planner', password: 'demo-planner-2018' } });
    const refused = await app.inject({ method: 'POST', url: '/api/problems', headers: { cookie: String(planner.headers['set-cookie']).split(';')[0], 'x-csrf-token': planner.json().csrfToken }, payload: { areaCode: '512021118', description: 'x', raisedAt: '2018-06-29', owner: '甲', dueDate: '2018-07-13' } });
    expect(refused.statusCode).toBe(403);
  });

  it('answers odd input with a 400 in its own words, never a 500 or PostgreSQL\'s text', async () => {
    const tasks = await count('tasks');
    for (const month of ['9999-12', '0000-01']) {
      const r = await call({ method: 'POST', url: '/api/tasks', payload: { month, areaCode: '512021118', department: '农业局', responsible: '甲', dueDate: '2018-07-13', title: 'x' } });
      expect(r.statusCode, r.body).toBe(400);
      expect(r.json().message).toMatch(/^month: .* is outside the years/);
    }
    expect(await count('tasks')).toBe(tasks);
    // A NUL byte cannot be stored in PostgreSQL text: refused in our words, with nothing written.
    const problems = await count('problems');
    const nul = await call({ method: 'POST', url: '/api/problems', payload: { areaCode: '512021118', description: 'a\u0000b', raisedAt: '2018-06-29', owner: '甲', dueDate: '2018-07-13' } });
    expect(nul.statusCode, nul.body).toBe(400);
    expect(nul.json().message).toMatch(/cannot be stored/);
    expect(nul.json().message).not.toMatch(/0x00|invalid byte sequence/);
    expect(await count('problems')).toBe(problems);
    // An undecodable session cookie is no session, not a fault.
    const odd = await app.inject({ url: '/api/session', headers: { cookie: 'cm_session=%ff' } });
    expect(odd.statusCode).toBe(200);
  });
});
