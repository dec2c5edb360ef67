import { openDatabase } from '../server/db/openDatabase.ts';
import { areaProgress } from '../server/progress/areaProgress.ts';
import { rankWithinParents } from '../server/domain/ranking.ts';
import { parseIndicators } from '../server/routes/progressParams.ts';
import { queryTotals, partsFor } from '../server/progress/queryTotals.ts';
import { loadLevelTargets } from '../server/progress/targets.ts';
import { evaluateArea } from '../server/domain/evaluateIndicator.ts';
import { suppressSmallCounts } from '../server/domain/suppression.ts';
import { totalsUsed } from '../server/domain/indicators.ts';
const db = await openDatabase({ databaseUrl: process.env.DATABASE_URL!, dataDir: '/tmp/x', statementTimeoutMs: 30000 });
const inds = parseIndicators(undefined);
const asOf = '2018-11-30';
const { areas, totals } = await queryTotals(db, { level: 'village', parent: '512021', dates: [asOf, '2018-01-01'], parts: partsFor(totalsUsed(inds)) });
const targets = await loadLevelTargets(db, 2018, 12, '512021', inds.map((i) => i.key));
const now = totals.get(asOf)!, start = totals.get('2018-01-01')!;
const med = (xs: number[]) => xs.sort((a, b) => a - b)[xs.length >> 1];
const te: number[] = [], tr: number[] = [];
for (let i = 0; i < 200; i++) {
  const t0 = performance.now();
  const ap = areas.map((a) => {
    const ev = evaluateArea('village', inds, now.get(a.code)!, start.get(a.code)!, targets.get(a.code), asOf, false);
    const { values, suppressed } = suppressSmallCounts(ev, now.get(a.code)!.households, 10);
    return { ...a, indicators: values, suppressed };
  });
  const t1 = performance.now();
  rankWithinParents(ap, inds);
  const t2 = performance.now();
  te.push(t1 - t0); tr.push(t2 - t1);
}
console.log('evaluate median', med(te).toFixed(2), 'rank median', med(tr).toFixed(2), areas.length);
await db.close();
