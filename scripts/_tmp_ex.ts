import pg from 'pg';
import fs from 'node:fs';
const src = fs.readFileSync('/work/main/server/integrity/exitEvidence.ts', 'utf8');
const sql = src.slice(src.indexOf('db.query<ExitEvidence>(`') + 24, src.indexOf('`, [area, asOf'));
const c = new pg.Client({ connectionString: process.env.DATABASE_URL }); await c.connect(); if (process.env.JIT_OFF) await c.query('SET jit = off');
for (let i = 0; i < 3; i++) { const t = performance.now(); const r = await c.query(sql, [process.argv[2] ?? '5120', '2026-12-04', 42, [11, 12]]); console.log(r.rows.length, (performance.now() - t).toFixed(0), 'ms'); }
if (process.argv[3]) { const r = await c.query('EXPLAIN (ANALYZE) ' + sql, ['5120', '2026-12-04', 42, [11, 12]]); console.log(r.rows.map((x: any) => x['QUERY PLAN']).join('\n')); }
await c.end();
