import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { inject } from 'vitest';
import { prepareDatabase, startPreparedEmbedded } from './preparedEmbedded.ts';

export interface ScratchDatabase {
  url: string;
  drop(): Promise<void>;
}

/**
 * A database of its own, with the shipped data, for a test that writes: a new database on the
 * PostgreSQL server, or a fresh copy of the prepared embedded folder.
 */
export async function createScratchDatabase(): Promise<ScratchDatabase> {
  if (inject('backend') === 'embedded') {
    const server = await startPreparedEmbedded();
    return { url: server.url, drop: () => server.stop() };
  }
  const base = new URL(inject('databaseUrl'));
  const name = `scratch_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: base.toString() });
  await admin.connect();
  // The name is generated here from hex digits: an identifier cannot be a bound parameter.
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(base);
  url.pathname = `/${name}`;
  await prepareDatabase(url.toString());
  return {
    url: url.toString(),
    async drop() {
      const c = new pg.Client({ connectionString: base.toString() });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await c.end();
    },
  };
}
