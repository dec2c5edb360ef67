import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { inject } from 'vitest';
import { prepareDatabase, startEmbeddedWith, startPreparedEmbedded } from './preparedEmbedded.ts';
import { grantAppRole } from './appRole.ts';

export interface ScratchDatabase {
  /** As the server and the scripts connect: the role of the shared databaseUrl. */
  url: string;
  /** As the database's owner (the role of ownerDatabaseUrl), for a test's own admin work. Embedded: the same as url. */
  ownerUrl: string;
  drop(): Promise<void>;
}

const withName = (base: string, name: string) => {
  const url = new URL(base);
  url.pathname = `/${name}`;
  return url.toString();
};

/**
 * A database of its own, with the shipped data, for a test that writes: a new database on the
 * PostgreSQL server, created, migrated and loaded by the owner role and granted to the app's role
 * as the shared one is (globalSetup); or a fresh copy of the prepared embedded folder.
 */
export async function createScratchDatabase(options: { datasetDir?: string } = {}): Promise<ScratchDatabase> {
  if (inject('backend') === 'embedded') {
    const server = options.datasetDir ? await startEmbeddedWith(options.datasetDir) : await startPreparedEmbedded();
    return { url: server.url, ownerUrl: server.url, drop: () => server.stop() };
  }
  const ownerBase = inject('ownerDatabaseUrl');
  const name = `scratch_${randomBytes(4).toString('hex')}`;
  const asOwner = async (sql: string) => {
    const admin = new pg.Client({ connectionString: ownerBase });
    await admin.connect();
    try {
      await admin.query(sql);
    } finally {
      await admin.end();
    }
  };
  // The name is generated here from hex digits: an identifier cannot be a bound parameter.
  await asOwner(`CREATE DATABASE ${name}`);
  const ownerUrl = withName(ownerBase, name);
  const url = withName(inject('databaseUrl'), name);
  await prepareDatabase(ownerUrl, options.datasetDir);
  await grantAppRole(ownerUrl, url);
  return {
    url,
    ownerUrl,
    drop: () => asOwner(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`),
  };
}
