// npm run bench: server time of the progress routes on the shipped data, on the embedded backend
// and (with DATABASE_URL) on PostgreSQL, against the obvious baseline: a spatial join of
// households to village polygons. Prints median and p95 over repeated runs, and ratios.
import { DEMO_DISPLAY_TOKEN } from '../server/auth/demoAccounts.ts';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { cpus } from 'node:os';
import { join, resolve } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../server/app.ts';
import { loadConfig, type AppConfig } from '../server/config.ts';
import { queryTotals } from '../server/progress/queryTotals.ts';
import { riskMoves } from '../server/progress/riskMoves.ts';
import { benchCountySuggestions, benchParks, printParkBench } from './benchParks.ts';
import { measureDetection, plantFakeExits } from './fakeExits.ts';
import { benchProvince } from './benchProvince.ts';
import { benchBrowser, benchMapDelivery } from './benchMap.ts';

const RUNS = Number(process.env.BENCH_RUNS ?? 30);
const WARMUP = 3;

const ROUTES = [
  '/api/progress?level=city',
  '/api/progress?level=county',
  '/api/progress?level=township',
  '/api/progress?level=village',
  '/api/lagging?level=township',
  '/api/summary',
  '/api/review?week=2018-06-30&level=township',
  '/api/review/changes?from=2018-06-02&to=2018-06-30&level=village',
];

// The obvious way to count households newly at risk: every household's status at both ends,
// from the whole history. Ours probes only the households with a change inside the period.
const RISK_BASELINE_SQL = `
WITH s0 AS (SELECT DISTINCT ON (household_id) household_id, status FROM household_history WHERE valid_from <= $1::date ORDER BY household_id, valid_from DESC),
s1 AS (SELECT DISTINCT ON (household_id) household_id, status FROM household_history WHERE valid_from <= $2::date ORDER BY household_id, valid_from DESC)
SELECT h.village_code AS code, count(*) FILTER (WHERE s1.status = 'at_risk' AND s0.status IS DISTINCT FROM 'at_risk') AS new_at_risk,
  count(*) FILTER (WHERE s0.status = 'at_risk' AND s1.status <> 'at_risk') AS cleared
FROM s1 JOIN households h ON h.id = s1.household_id LEFT JOIN s0 ON s0.household_id = s1.household_id GROUP BY 1`;

// The baseline: households found by ST_Contains in their village polygon, their state as of the
// date taken straight from the history, then grouped per village.
const BASELINE_SQL = `
SELECT a.code, count(*) AS households, sum(h.size) AS people,
  count(*) FILTER (WHERE s.status <> 'poor') AS exited, sum(h.size) FILTER (WHERE s.status <> 'poor') AS lifted,
  count(*) FILTER (WHERE s.medical) AS medical, count(*) FILTER (WHERE s.income_per_capita > 3600) AS income
FROM areas a
JOIN households h ON ST_Contains(a.geom, h.geom)
JOIN (SELECT DISTINCT ON (household_id) * FROM household_history WHERE valid_from <= $1 ORDER BY household_id, valid_from DESC) s
  ON s.household_id = h.id
WHERE a.level = 'village'
GROUP BY a.code`;

async function time(fn: () => Promise<unknown>): Promise<number[]> {
  for (let i = 0; i < WARMUP; i++) await fn();
  const out: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const t = performance.now();
    await fn();
    out.push(performance.now() - t);
  }
  return out.sort((a, b) => a - b);
}

const median = (xs: number[]) => xs[Math.floor(xs.length / 2)];
const p95 = (xs: number[]) => xs[Math.min(xs.length - 1, Math.ceil(xs.length * 0.95) - 1)];

interface Row { backend: string; what: string; median: number; p95: number; ratio?: string }

async function benchBackend(label: string, config: AppConfig): Promise<Row[]> {
  const started = performance.now();
  const app: FastifyInstance = await buildApp(config, { logger: false });
  console.error(`${label}: ready in ${((performance.now() - started) / 1000).toFixed(1)} s`);
  const rows: Row[] = [];
  try {
    for (const url of ROUTES) {
      const xs = await time(async () => {
        const res = await app.inject({ url });
        if (res.statusCode !== 200) throw new Error(`${url}: ${res.statusCode} ${res.body}`);
      });
      rows.push({ backend: label, what: `GET ${url}`, median: median(xs), p95: p95(xs) });
    }
    const asOf = '2018-11-30';
    const ours = await time(() => queryTotals(app.db, { level: 'village', dates: [asOf] }));
    const baseline = await time(() => app.db.query(BASELINE_SQL, [asOf]));
    rows.push({ backend: label, what: 'village roll-up, SQL (running totals by code prefix)', median: median(ours), p95: p95(ours), ratio: '1.00' });
    rows.push({ backend: label, what: 'baseline: spatial join households → villages', median: median(baseline), p95: p95(baseline), ratio: (median(baseline) / median(ours)).toFixed(2) });
    const risks = await time(() => riskMoves(app.db, { from: '2018-06-02', to: '2018-06-30', length: 12, prefix: '' }));
    const riskBaseline = await time(() => app.db.query(RISK_BASELINE_SQL, ['2018-06-02', '2018-06-30']));
    const [a, b] = [await riskMoves(app.db, { from: '2018-06-02', to: '2018-06-30', length: 12, prefix: '' }), await app.db.query<{ code: string; new_at_risk: number }>(RISK_BASELINE_SQL, ['2018-06-02', '2018-06-30'])];
    const mismatch = b.filter((r) => Number(r.new_at_risk) !== (a.get(r.code)?.newAtRisk ?? 0));
    if (mismatch.length) throw new Error(`risk moves differ from the baseline in ${mismatch.length} villages`);
    rows.push({ backend: label, what: 'households newly at risk by village, 4 weeks (changed households only)', median: median(risks), p95: p95(risks), ratio: '1.00' });
    rows.push({ backend: label, what: 'baseline: every household\'s status at both ends', median: median(riskBaseline), p95: p95(riskBaseline), ratio: (median(riskBaseline) / median(risks)).toFixed(2) });
    rows.push(...(await benchBrowser(app, label)).map((r) => ({ backend: r.dataset, what: r.what, median: r.median, p95: r.p95 })));
  } finally {
    await app.close();
  }
  return rows;
}

const base = { ...loadConfig(), clientDir: resolve('dist/client') };
// `npm run bench -- province`: every read route on the city and on the generated province (PostgreSQL).
if (process.argv.includes('province')) {
  await benchProvince();
  process.exit(0);
}
// `npm run bench -- map`: vector tiles against their raw SQL, and the map in Chromium, city and province.
if (process.argv.includes('map')) {
  await benchMapDelivery();
  process.exit(0);
}
// `npm run bench -- parks`: only the park optimiser against the exact optimum.
if (process.argv.includes('parks')) {
  const app = await buildApp({ ...base, databaseUrl: base.databaseUrl, dataDir: resolve(process.env.BENCH_DATA_DIR ?? '.data-bench'), logLevel: 'silent' }, { logger: false });
  try {
    printParkBench(await benchParks(app.db));
    await benchCountySuggestions(app.db);
  } finally {
    await app.close();
  }
  process.exit(0);
}
// `npm run bench -- integrity`: fake exits planted through the API into a fresh copy of the data
// (a temporary embedded database), and what the exit risk report flags of them and of the rest.
if (process.argv.includes('integrity')) {
  const dir = mkdtempSync(join(tmpdir(), 'campaign-bench-integrity-'));
  const app = await buildApp({ ...base, databaseUrl: null, dataDir: dir, logLevel: 'silent' }, { logger: false });
  try {
    const perKind = Number(process.env.BENCH_FAKES_PER_KIND ?? 30);
    const planted = await plantFakeExits(app, app.db, perKind, 2018);
    const r = await measureDetection(app, planted);
    const pct = (a: number, b: number) => `${((100 * a) / b).toFixed(1)} %`;
    console.log(`\nFake exits planted through the API (${perKind} of each kind), flagged = medium or high risk:`);
    console.log(`${'kind'.padEnd(10)} ${'planted'.padStart(8)} ${'flagged'.padStart(8)}`);
    for (const k of r.byKind) console.log(`${k.kind.padEnd(10)} ${String(k.planted).padStart(8)} ${String(k.flagged).padStart(8)}`);
    console.log(`fakes named: ${r.fakesFlagged} of ${r.fakes} (${pct(r.fakesFlagged, r.fakes)}); genuine exits flagged: ${r.genuineFlagged} of ${r.genuine} (${pct(r.genuineFlagged, r.genuine)})`);
    console.log(`baseline, the four fixed rules of /api/audit/integrity: ${r.fakesNamedByFixedRules} of ${r.fakes} (${pct(r.fakesNamedByFixedRules, r.fakes)}); ratio ${(r.fakesFlagged / Math.max(1, r.fakesNamedByFixedRules)).toFixed(2)}×`);
    const login = await app.inject({ method: 'POST', url: '/api/session', payload: { username: 'admin', password: 'demo-admin-2018' } });
    const headers = { cookie: String(login.headers['set-cookie']).split(';')[0] };
    const report = await time(() => app.inject({ url: '/api/integrity/exits?limit=200', headers }));
    console.log(`GET /api/integrity/exits (all ${r.fakes + r.genuine} exits scored): median ${median(report).toFixed(1)} ms, p95 ${p95(report).toFixed(1)} ms over ${RUNS} runs`);
  } finally {
    await app.close();
    rmSync(dir, { recursive: true, force: true });
  }
  process.exit(0);
}
const rows: Row[] = [];
rows.push(...(await benchBackend('embedded', { ...base, databaseUrl: null, dataDir: resolve(process.env.BENCH_DATA_DIR ?? '.data-bench'), logLevel: 'silent' })));
if (base.databaseUrl) rows.push(...(await benchBackend('postgres', { ...base, logLevel: 'silent' })));
else console.error('DATABASE_URL not set: PostgreSQL not measured');

const w = Math.max(...rows.map((r) => r.what.length));
console.log(`\n${RUNS} runs after ${WARMUP} warm-up, ms (server time through app.inject; SQL rows: query only). ${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, Node ${process.version}`);
console.log(`${'backend'.padEnd(9)} ${'what'.padEnd(w)} ${'median'.padStart(8)} ${'p95'.padStart(8)} ${'× ours'.padStart(7)}`);
for (const r of rows) {
  console.log(`${r.backend.padEnd(9)} ${r.what.padEnd(w)} ${r.median.toFixed(1).padStart(8)} ${r.p95.toFixed(1).padStart(8)} ${(r.ratio ?? '').padStart(7)}`);
}

// The park optimiser on the database of the last backend measured.
{
  const app = await buildApp({ ...base, ...(base.databaseUrl ? {} : { databaseUrl: null, dataDir: resolve(process.env.BENCH_DATA_DIR ?? '.data-bench') }), logLevel: 'silent' }, { logger: false });
  try {
    printParkBench(await benchParks(app.db));
    await benchCountySuggestions(app.db);
  } finally {
    await app.close();
  }
}
