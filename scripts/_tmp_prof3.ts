import { openDatabase } from '../server/db/openDatabase.ts';
import { areaProgress } from '../server/progress/areaProgress.ts';
import { parseIndicators } from '../server/routes/progressParams.ts';
import { compareByLag, isSmallUnit } from '../server/domain/ranking.ts';
const db = await openDatabase({ databaseUrl: process.env.DATABASE_URL!, dataDir: '/tmp/x', statementTimeoutMs: 30000 });
const inds = parseIndicators(undefined);
const areas = await areaProgress(db, { level: 'village', parent: '512021', asOf: '2018-11-30', indicators: inds, minHouseholds: 10 });
const med = (xs: number[]) => xs.sort((a, b) => a - b)[xs.length >> 1];
const t1: number[] = [], t2: number[] = [], t3: number[] = [];
for (let n = 0; n < 200; n++) {
  let t = performance.now();
  const groups = new Map<string, number[]>();
  areas.forEach((a, i) => { const g = a.parent ?? ''; const l = groups.get(g); if (l) l.push(i); else groups.set(g, [i]); });
  const rankByKey = new Map<string, (number | null)[]>();
  for (const indicator of inds) {
    const key = indicator.key;
    const ranks = new Array<number | null>(areas.length).fill(null);
    const cmp = compareByLag(indicator, true);
    for (const group of groups.values()) {
      const ranked = group.filter((i) => areas[i].indicators[key]?.lag != null && areas[i].indicators[key].lagShare !== null && !isSmallUnit(areas[i].indicators[key], indicator));
      ranked.sort((x, y) => cmp(areas[x], areas[y]));
      ranked.forEach((i, r) => (ranks[i] = r + 1));
    }
    rankByKey.set(key, ranks);
  }
  t1.push(performance.now() - t); t = performance.now();
  const out1 = areas.map((a, i) => { const out: Record<string, unknown> = {}; for (const key in a.indicators) out[key] = { ...a.indicators[key], rank: rankByKey.get(key)?.[i] ?? null }; return out; });
  t2.push(performance.now() - t); t = performance.now();
  const out2 = areas.map((a, i) => { const out: Record<string, unknown> = {}; for (const key in a.indicators) { const v = a.indicators[key]; const o: any = Object.assign({}, v); o.rank = rankByKey.get(key)?.[i] ?? null; out[key] = o; } return out; });
  t3.push(performance.now() - t);
}
console.log('sort', med(t1).toFixed(2), 'spread', med(t2).toFixed(2), 'assign', med(t3).toFixed(2));
let c = 0; for (const a of areas) for (const k in a.indicators) c++;
console.log('cells', c, Object.keys(areas[0].indicators).length);
await db.close();
