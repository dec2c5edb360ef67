// npm run bench -- province: every read route on the shipped city and on the generated province
// (about 1,000,000 households), on PostgreSQL, with the share of each route's time spent in SQL.
//   DATABASE_URL            a PostgreSQL server where the bench may create its two databases
//   BENCH_PROVINCE_DIR      the generated province (default .bench/province-51; generated when missing)
//   BENCH_RELOAD=1          drop and reload both databases
//   BENCH_RUNS              runs per route (default 15, after 2 warm-up runs)
//   BENCH_DATASETS          city,province (default both)
//   BENCH_ROUTES            only the routes whose URL contains this text (e.g. integrity/exits)
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { cpus } from 'node:os';
import { resolve } from 'node:path';
import pg from 'pg';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../server/app.ts';
import { loadConfig, type AppConfig } from '../server/config.ts';
import { DEMO_DISPLAY_TOKEN } from '../server/auth/demoAccounts.ts';
import { forgetKeptExits } from '../server/integrity/exitRiskReport.ts';

const RUNS = Number(process.env.BENCH_RUNS ?? 15);
const WARMUP = 2;
const WEEK = '2018-06-30';

interface Row { dataset: string; what: string; median: number; p95: number; sqlMedian: number; bytes: number }

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const p95 = (xs: number[]) => { const s = [...xs].sort((a, b) => a - b); return s[Math.min(s.length - 1, Math.ceil(s.length * 0.95) - 1)]; };

/** A database next to DATABASE_URL's, created (with PostGIS) when missing; dropped first with BENCH_RELOAD. */
async function scratch(serverUrl: string, name: string, reload: boolean): Promise<string> {
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  try {
    if (reload) await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    const { rowCount } = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (!rowCount) await admin.query(`CREATE DATABASE ${name}`);
  } finally {
    await admin.end();
  }
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  const db = new pg.Client({ connectionString: url.toString() });
  await db.connect();
  await db.query('CREATE EXTENSION IF NOT EXISTS postgis');
  await db.end();
  return url.toString();
}

/** Times every query the app sends while `fn` runs (requests are sent one at a time). */
function instrument(app: FastifyInstance): { reset(): void; total(): number } {
  let spent = 0;
  const wrap = <T extends { query: (...a: never[]) => Promise<unknown> }>(target: T) => {
    const query = target.query.bind(target) as (...a: unknown[]) => Promise<unknown>;
    (target as { query: unknown }).query = async (...args: unknown[]) => {
      const t = performance.now();
      try {
        return await query(...args);
      } finally {
        spent += performance.now() - t;
      }
    };
  };
  wrap(app.db as never);
  return { reset: () => { spent = 0; }, total: () => spent };
}

async function signIn(app: FastifyInstance, username: string, password: string): Promise<Record<string, string>> {
  const res = await app.inject({ method: 'POST', url: '/api/session', payload: { username, password } });
  if (res.statusCode !== 200) throw new Error(`sign-in ${username}: ${res.statusCode} ${res.body}`);
  return { cookie: String(res.headers['set-cookie']).split(';')[0], 'x-csrf-token': res.json().csrfToken };
}

async function benchDataset(label: string, config: AppConfig): Promise<Row[]> {
  const started = performance.now();
  const app = await buildApp(config, { logger: false });
  console.error(`${label}: ready in ${((performance.now() - started) / 1000).toFixed(1)} s (root ${app.root?.code} ${app.root?.name})`);
  const root = app.root!;
  const province = root.level === 'province';
  const sql = instrument(app);
  const [{ id }] = await app.db.query<{ id: string }>(`SELECT min(id) AS id FROM households WHERE village_code LIKE '512021%'`);
  const who = province ? '.province' : '';
  const admin = await signIn(app, `admin${who}`, 'demo-admin-2018');
  const inspector = await signIn(app, `inspector${who}`, 'demo-inspector-2018');
  const display = { authorization: `Bearer ${DEMO_DISPLAY_TOKEN}` };
  const below = province ? ['city', 'county', 'township'] : ['county', 'township'];
  // One household edit (its phone number, back and forth): the audit row it writes is what a kept exit report is brought up to date by.
  const [exited] = await app.db.query<{ id: string }>(`SELECT min(household_id) AS id FROM household_history WHERE status = 'exited' AND household_id IN (SELECT id FROM households WHERE village_code LIKE '512021%')`);
  const clerk = await signIn(app, 'clerk.anyue', 'demo-clerk-2018');
  const editPhone = async (i: number) => {
    const current = await app.inject({ url: `/api/households/${exited.id}`, headers: clerk });
    const res = await app.inject({ method: 'PATCH', url: `/api/households/${exited.id}`, headers: clerk,
      payload: { version: current.json().version, changes: { phone: i % 2 ? '13800000001' : '13800000002' } } });
    if (res.statusCode !== 200) throw new Error(`edit ${exited.id}: ${res.statusCode} ${res.body.slice(0, 300)}`);
  };
  const routes: [string, Record<string, string>?, ((i: number) => Promise<void>)?][] = [
    ['/api/summary', display],
    // Every indicator, as the area panel asks for an area's siblings: the root's children and
    // grandchildren, a county's townships, a township's villages (a whole province's townships or
    // a city's villages with every indicator are more figures than one answer holds).
    ...below.slice(0, 2).map((l): [string] => [`/api/progress?level=${l}`]),
    ...(province ? [['/api/progress?level=township&parent=5120'] as [string]] : []),
    ['/api/progress?level=township&parent=512021'],
    ['/api/progress?level=village&parent=512021001'],
    // As the map asks: the one indicator it colours by, for the children of the area drilled into.
    [province ? '/api/progress?level=township&parent=5120&indicators=people_lifted' : '/api/progress?level=village&indicators=people_lifted'],
    ['/api/progress?level=village&parent=512021001&indicators=people_lifted'],
    [province ? '/api/progress/scale?level=township&parent=5120&indicator=people_lifted&method=quantile' : '/api/progress/scale?level=township&indicator=people_lifted&method=quantile'],
    ['/api/progress/scale?level=village&parent=512021001&indicator=people_lifted&method=quantile'],
    ['/api/progress/512021/history'],
    ['/api/lagging?level=township'],
    ...below.map((l): [string] => [`/api/review?week=${WEEK}&level=${l}`]),
    [`/api/review?week=${WEEK}&level=village&parent=512021`],
    [`/api/review?week=${WEEK}&level=township`, admin],
    ['/api/review/changes?from=2018-06-02&to=2018-06-30&level=township'],
    ['/api/review/changes?from=2018-06-02&to=2018-06-30&level=county', admin],
    ['/api/areas?level=county'],
    ['/api/areas?parent=512021'],
    ['/api/areas/512021'],
    ['/api/areas/512021/contents'],
    // A province's household layer is asked for one city at a time.
    [province ? '/api/households/layer?area=5120' : '/api/households/layer'],
    [province ? '/api/households/layer?area=5120' : '/api/households/layer', admin],
    ['/api/households?area=512021', admin],
    [`/api/households/${id}`, admin],
    ['/api/projects'],
    ['/api/parks'],
    ['/api/search?q=%E5%AE%89%E5%B2%B3'],
    ['/api/indicators'],
    ['/api/settings'],
    ['/api/audit', admin],
    ['/api/problems', admin],
    ['/api/tasks', admin],
    ['/api/users', admin],
    ['/api/parks/proposals', admin],
    ['/api/integrity/samples', inspector],
    [province ? '/api/integrity/exits?limit=50&area=5120' : '/api/integrity/exits?limit=50', inspector],
    // The report's exits are kept (above: asked again). Each run asks another date: the kept
    // exits scored again. Each run after an edit: the edited household's exits gathered again.
    [province ? '/api/integrity/exits?limit=50&area=5120&asOf={day}' : '/api/integrity/exits?limit=50&asOf={day}', inspector],
    [province ? '/api/integrity/exits?limit=50&area=5120#after-edit' : '/api/integrity/exits?limit=50#after-edit', inspector, editPhone],
    // Nothing kept: the first ask after a start, a dataset load or an import.
    [province ? '/api/integrity/exits?limit=50&area=5120#afresh' : '/api/integrity/exits?limit=50#afresh', inspector, async () => forgetKeptExits(app.db)],
  ];
  const rows: Row[] = [];
  try {
    for (const [url, headers, before] of routes.filter(([u]) => u.includes(process.env.BENCH_ROUTES ?? ''))) {
      const times: number[] = [];
      const sqlTimes: number[] = [];
      let bytes = 0;
      for (let i = 0; i < WARMUP + RUNS; i++) {
        await before?.(i);
        sql.reset();
        const t = performance.now();
        // {day}: a different date each run (today, then a day earlier each time); #…: the row's label only.
        const res = await app.inject({ url: url.replace('{day}', new Date(Date.now() - i * 86_400_000).toISOString().slice(0, 10)).replace(/#.*$/, ''), headers });
        const ms = performance.now() - t;
        if (res.statusCode !== 200) throw new Error(`${label} ${url}: ${res.statusCode} ${res.body.slice(0, 300)}`);
        bytes = res.rawPayload.length;
        if (i >= WARMUP) {
          times.push(ms);
          sqlTimes.push(sql.total());
        }
      }
      const signedIn = headers === admin ? ' (admin)' : headers === inspector ? ' (inspector)' : headers === display ? ' (wall)' : '';
      const what = url.replace('{day}', '<a new date each run>').replace('#after-edit', ', after a household edit each run').replace('#afresh', ', gathered afresh');
      rows.push({ dataset: label, what: `GET ${what}${signedIn}`, median: median(times), p95: p95(times), sqlMedian: median(sqlTimes), bytes });
      console.error(`${label} ${url}: ${median(times).toFixed(1)} ms`);
    }
  } finally {
    await app.close();
  }
  return rows;
}

/**
 * The bench's datasets on PostgreSQL, as app configs: the shipped city and the generated province
 * (generated when missing), each in a database of its own next to DATABASE_URL's.
 */
export async function benchDatasets(): Promise<{ label: string; config: AppConfig }[]> {
  const base = loadConfig();
  if (!base.databaseUrl) throw new Error('this bench needs DATABASE_URL (a PostgreSQL server where it may create databases)');
  const reload = process.env.BENCH_RELOAD === '1';
  const which = (process.env.BENCH_DATASETS ?? 'city,province').split(',');
  const dir = resolve(process.env.BENCH_PROVINCE_DIR ?? '.bench/province-51');
  if (which.includes('province') && !existsSync(resolve(dir, 'meta.json'))) {
    console.error(`generating the province into ${dir}`);
    const gen = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/generate-data.ts', '--province', '51', '--out', dir], { stdio: 'inherit' });
    if (gen.status !== 0) throw new Error('the province generator failed');
  }
  const common = { ...base, clientDir: null, logLevel: 'silent', migrationDatabaseUrl: null };
  const out: { label: string; config: AppConfig }[] = [];
  if (which.includes('city')) {
    const city = await scratch(base.databaseUrl, 'campaign_bench_city', reload);
    out.push({ label: 'city', config: { ...common, databaseUrl: city, datasetDir: resolve('data'), rootArea: null } });
  }
  if (which.includes('province')) {
    const prov = await scratch(base.databaseUrl, 'campaign_bench_province', reload);
    // Loading a million households takes minutes, once: its statements get a longer timeout.
    out.push({ label: 'province', config: { ...common, databaseUrl: prov, datasetDir: dir, rootArea: '51', statementTimeoutMs: Math.max(base.statementTimeoutMs, 600000) } });
  }
  return out;
}

export async function benchProvince(): Promise<void> {
  const rows: Row[] = [];
  for (const { label, config } of await benchDatasets()) rows.push(...(await benchDataset(label, config)));
  const w = Math.max(...rows.map((r) => r.what.length));
  console.log(`\n${RUNS} runs after ${WARMUP} warm-up; server time through app.inject, ms; "SQL" is the time spent in the route's own queries; "× SQL" the route's time over it. ${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, Node ${process.version}`);
  console.log(`${'dataset'.padEnd(9)} ${'what'.padEnd(w)} ${'median'.padStart(8)} ${'p95'.padStart(8)} ${'SQL'.padStart(8)} ${'× SQL'.padStart(6)} ${'KB'.padStart(8)}`);
  for (const r of rows) {
    console.log(`${r.dataset.padEnd(9)} ${r.what.padEnd(w)} ${r.median.toFixed(1).padStart(8)} ${r.p95.toFixed(1).padStart(8)} ${r.sqlMedian.toFixed(1).padStart(8)} ${(r.sqlMedian > 0 ? (r.median / r.sqlMedian).toFixed(2) : '–').padStart(6)} ${(r.bytes / 1024).toFixed(0).padStart(8)}`);
  }
}
