import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { startEmbedded, type EmbeddedServer } from '../../server/db/startEmbedded.ts';
import { openDatabase } from '../../server/db/openDatabase.ts';
import { migrate } from '../../server/db/migrate.ts';
import { loadShippedDataset } from '../../server/dataset/loadShippedDataset.ts';

export const repoRoot = resolve(import.meta.dirname, '../..');

/** A hash of what the prepared database is built from: the data and the migrations. */
function fingerprint(): string {
  const h = createHash('sha256');
  for (const dir of ['data', 'server/db/migrations']) {
    for (const f of readdirSync(join(repoRoot, dir)).sort()) {
      const p = join(repoRoot, dir, f);
      if (statSync(p).isFile()) h.update(f).update(readFileSync(p));
    }
  }
  return h.digest('hex').slice(0, 12);
}

/** Brings the schema up to date and loads the shipped data if the database is empty. */
export async function prepareDatabase(url: string): Promise<'embedded' | 'postgres'> {
  const db = await openDatabase({ databaseUrl: url, dataDir: '', statementTimeoutMs: 120000 });
  try {
    await migrate(db);
    await loadShippedDataset(db, join(repoRoot, 'data'));
    return db.backend;
  } finally {
    await db.close();
  }
}

/**
 * Starts the embedded database in a folder kept under .data-test and reused while data and
 * schema are unchanged, so a test run pays PGlite's set-up once, not per test.
 */
export async function startPreparedEmbedded(): Promise<EmbeddedServer> {
  const base = join(repoRoot, '.data-test');
  const dir = join(base, fingerprint());
  if (existsSync(base)) {
    for (const old of readdirSync(base)) if (join(base, old) !== dir && old !== 'scratch') rmSync(join(base, old), { recursive: true, force: true });
  }
  const server = await startEmbedded(dir, { maxConnections: 4 });
  await prepareDatabase(server.url);
  return server;
}
