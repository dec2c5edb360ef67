// npx tsx scripts/profileRoute.ts URL: one read route through app.inject, a few times, and the
// queries it sent with their times, slowest first. For finding where a slow route spends its time.
//   DATABASE_URL   the database to read (e.g. the bench's campaign_bench_province)
//   ROOT_AREA      the root, as the app's setting
//   LOGIN          user:password to sign in as (else the wall's display token)
//   RUNS           runs (default 4); the queries listed are the last run's
import { buildApp } from '../server/app.ts';
import { loadConfig } from '../server/config.ts';
import { DEMO_DISPLAY_TOKEN } from '../server/auth/demoAccounts.ts';

const url = process.argv[2];
if (!url) {
  console.error('usage: npx tsx scripts/profileRoute.ts /api/…');
  process.exit(2);
}
const app = await buildApp({ ...loadConfig(), clientDir: null, logLevel: 'silent', migrationDatabaseUrl: null });
await app.ready();
const log: { sql: string; ms: number; rows: number }[] = [];
const query = app.db.query.bind(app.db) as (...a: unknown[]) => Promise<unknown>;
(app.db as { query: unknown }).query = async (...args: unknown[]) => {
  const t = performance.now();
  let rows = 0;
  try {
    const result = await query(...args);
    rows = Array.isArray(result) ? result.length : 0;
    return result;
  } finally {
    log.push({ sql: `${String(args[0]).replace(/\s+/g, ' ').slice(0, 100)} ${JSON.stringify(args[1] ?? []).slice(0, 120)}`, ms: performance.now() - t, rows });
  }
};
let headers: Record<string, string> = { authorization: `Bearer ${DEMO_DISPLAY_TOKEN}` };
if (process.env.LOGIN) {
  const [username, password] = process.env.LOGIN.split(':');
  const res = await app.inject({ method: 'POST', url: '/api/session', payload: { username, password } });
  headers = { cookie: String(res.headers['set-cookie']).split(';')[0] };
}
for (let i = 0; i < Number(process.env.RUNS ?? 4); i++) {
  log.length = 0;
  const t = performance.now();
  const res = await app.inject({ url, headers });
  console.log(`run ${i}: ${res.statusCode} ${(performance.now() - t).toFixed(1)} ms ${res.body.length} bytes; SQL ${log.reduce((n, q) => n + q.ms, 0).toFixed(1)} ms in ${log.length} queries`);
  if (res.statusCode !== 200) console.log(res.body.slice(0, 300));
}
for (const q of [...log].sort((a, b) => b.ms - a.ms).slice(0, 8)) console.log(q.ms.toFixed(1).padStart(8), String(q.rows).padStart(7), q.sql);
await app.close();
