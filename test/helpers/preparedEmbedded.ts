import { createHash } from 'node:crypto';
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { startEmbedded, type EmbeddedServer } from '../../server/db/startEmbedded.ts';
import { openDatabase } from '../../server/db/openDatabase.ts';
import { migrate } from '../../server/db/migrate.ts';
import { loadShippedDataset } from '../../server/dataset/loadShippedDataset.ts';
import { createDemoAccountsForDemoData } from '../../server/auth/demoAccounts.ts';

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

/** Brings the schema up to date and loads the shipped data (or `datasetDir`'s) and the demo accounts if the database is empty. */
export async function prepareDatabase(url: string, datasetDir = join(repoRoot, 'data')): Promise<'embedded' | 'postgres'> {
  const db = await openDatabase({ databaseUrl: url, dataDir: '', statementTimeoutMs: 120000 });
  try {
    await migrate(db);
    // As the server's start-up does: the demo accounts come with a first load of the demo data.
    if (await loadShippedDataset(db, datasetDir)) await createDemoAccountsForDemoData(db);
    return db.backend;
  } finally {
    await db.close();
  }
}

/**
 * A closed embedded database folder with the schema and the shipped data, kept under
 * .data-test and rebuilt only when data or migrations change: PGlite's set-up is paid once.
 */
async function template(): Promise<string> {
  const base = join(repoRoot, '.data-test');
  const dir = join(base, fingerprint());
  if (existsSync(join(dir, 'ready'))) return dir;
  if (existsSync(base)) for (const old of readdirSync(base)) rmSync(join(base, old), { recursive: true, force: true });
  const server = await startEmbedded(dir);
  try {
    await prepareDatabase(server.url);
  } finally {
    await server.stop();
  }
  cpSync(join(dir, 'PG_VERSION'), join(dir, 'ready'));
  return dir;
}

/** An embedded database in a new folder loaded with another dataset (not cached); `stop` deletes it. */
export async function startEmbeddedWith(datasetDir: string): Promise<EmbeddedServer> {
  const dir = mkdtempSync(join(tmpdir(), 'campaign-map-dataset-'));
  const server = await startEmbedded(dir, { maxConnections: 4 });
  await prepareDatabase(server.url, datasetDir);
  return {
    url: server.url,
    async stop() {
      await server.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Starts an embedded database on a fresh copy of the prepared folder; `stop` deletes the copy. */
export async function startPreparedEmbedded(): Promise<EmbeddedServer> {
  const source = await template();
  const copy = mkdtempSync(join(tmpdir(), 'campaign-map-test-'));
  cpSync(source, copy, { recursive: true });
  // Several clients may connect in turn (apps, raw clients); the tests use them one at a time.
  const server = await startEmbedded(copy, { maxConnections: 4 });
  return {
    url: server.url,
    async stop() {
      await server.stop();
      rmSync(copy, { recursive: true, force: true });
    },
  };
}
