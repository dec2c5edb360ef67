import type { Database } from '../db/openDatabase.ts';
import { readDatasetStreamed } from './readDataset.ts';
import { refreshDerived, writeDataset, type Progress } from './writeDataset.ts';
import { checkAreas } from './checkAreas.ts';
import { refreshAdjacency } from '../parks/refreshAdjacency.ts';
import { refreshExitFacts } from '../integrity/exitFacts.ts';

export class DatasetCheckError extends Error {
  override name = 'DatasetCheckError';
}

/**
 * Loads the shipped dataset into an empty database, all or nothing; returns false if data was there.
 * Accounts are not data: the start-up path creates the demo ones after a load (createDemoAccountsForDemoData).
 */
export async function loadShippedDataset(db: Database, dir: string, progress?: Progress): Promise<boolean> {
  const [{ n }] = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM areas');
  if (n > 0) {
    // A database loaded before targets and change tables were kept gets them once.
    const [{ t }] = await db.query<{ t: boolean }>('SELECT (SELECT count(*) FROM targets) + (SELECT count(*) FROM household_totals) = 0 AS t');
    if (t) await db.transaction((tx) => refreshDerived(tx));
    // A database loaded before the adjacency was kept gets it once.
    const [{ a }] = await db.query<{ a: boolean }>(`SELECT NOT EXISTS (SELECT 1 FROM village_adjacency) AND EXISTS (SELECT 1 FROM areas WHERE level = 'village') AS a`);
    if (a) await db.transaction((tx) => refreshAdjacency(tx));
    // A database loaded before the exits were stored (migration 018) gets them once.
    const [{ x }] = await db.query<{ x: boolean }>(`SELECT NOT EXISTS (SELECT 1 FROM household_exits) AND EXISTS (SELECT 1 FROM household_history WHERE status = 'exited') AS x`);
    if (x) await db.transaction((tx) => refreshExitFacts(tx, null));
    return false;
  }
  const dataset = readDatasetStreamed(dir);
  await db.transaction(async (tx) => {
    await writeDataset(tx, dataset, progress);
    await refreshAdjacency(tx);
    const problems = await checkAreas(tx);
    if (problems.length > 0) {
      throw new DatasetCheckError(`the dataset in ${dir} failed its checks: ` + problems.slice(0, 10).map((p) => `${p.code} ${p.reason}`).join('; '));
    }
  });
  // Fresh statistics, so the planner knows the tables it just filled.
  await db.query('ANALYZE');
  return true;
}
