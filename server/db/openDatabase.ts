import pg from 'pg';
import { startEmbedded, type EmbeddedServer } from './startEmbedded.ts';
import { DatabaseSetupError, isDatabaseUnavailable, LostResultError } from './errors.ts';

export type Backend = 'embedded' | 'postgres';

export interface Queryable {
  query<T extends object = Record<string, unknown>>(text: string, params?: unknown[]): Promise<T[]>;
}

export interface Transaction extends Queryable {
  /** Runs a script of several statements (a migration), without parameters. */
  exec(sql: string): Promise<void>;
}

export interface Database extends Queryable {
  backend: Backend;
  /** Runs `fn` in one transaction: all of it lands or none of it does. */
  transaction<T>(fn: (tx: Transaction) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

export interface DatabaseOptions {
  databaseUrl: string | null;
  dataDir: string;
  statementTimeoutMs: number;
}

// Dates stay 'YYYY-MM-DD' strings and bigints numbers: the API speaks JSON, not JS Dates.
pg.types.setTypeParser(pg.types.builtins.DATE, (v) => v);
pg.types.setTypeParser(pg.types.builtins.INT8, (v) => Number(v));
pg.types.setTypeParser(pg.types.builtins.NUMERIC, (v) => Number(v));

function describeUrl(url: string): string {
  try {
    const u = new URL(url);
    return `${u.hostname}:${u.port || 5432}${u.pathname}`;
  } catch {
    return 'DATABASE_URL';
  }
}

/** The backend is what the server says it is, not what the caller believes. */
export async function detectBackend(db: Queryable): Promise<Backend> {
  const [row] = await db.query<{ version: string }>('SELECT version() AS version');
  return /PGlite|emscripten/i.test(row.version) ? 'embedded' : 'postgres';
}

export async function ensurePostgis(db: Queryable, where: string): Promise<void> {
  const installed = await db.query("SELECT 1 FROM pg_extension WHERE extname = 'postgis'");
  if (installed.length > 0) return;
  const available = await db.query("SELECT 1 FROM pg_available_extensions WHERE name = 'postgis'");
  if (available.length === 0) {
    const [{ major }] = await db.query<{ major: string }>("SELECT current_setting('server_version_num')::int / 10000 AS major");
    throw new DatabaseSetupError(
      `PostGIS is not installed on the PostgreSQL ${major} server at ${where}. ` +
        `Install it (Debian/Ubuntu: apt-get install postgresql-${major}-postgis-3), then start again.`,
    );
  }
  try {
    await db.query('CREATE EXTENSION IF NOT EXISTS postgis');
  } catch (err) {
    throw new DatabaseSetupError(
      `PostGIS is available on ${where} but could not be enabled (${(err as Error).message}). ` +
        `Run "CREATE EXTENSION postgis" in that database as its owner or a superuser, then start again.`,
    );
  }
}

/**
 * Connects to DATABASE_URL, or starts the embedded PGlite + PostGIS and connects to it through
 * its socket: either way the rest of the server sees one `pg` pool.
 */
export async function openDatabase(options: DatabaseOptions): Promise<Database> {
  let embedded: EmbeddedServer | null = null;
  let url = options.databaseUrl;
  if (!url) {
    embedded = await startEmbedded(options.dataDir);
    url = embedded.url;
  }
  const where = embedded ? `embedded (${options.dataDir})` : describeUrl(url);
  const fail = async (err: unknown): Promise<never> => {
    await embedded?.stop().catch(() => {});
    throw err;
  };
  // One client first, to learn what is at the other end before sizing the pool.
  let probe: pg.Client;
  let backend: Backend = 'postgres';
  for (let attempt = 0; ; attempt++) {
    probe = new pg.Client({ connectionString: url });
    try {
      await probe.connect();
      break;
    } catch (err) {
      // The embedded socket server drops a new connection while it still lets go of the last one.
      if (attempt < 20 && /terminated/i.test((err as Error).message)) {
        await new Promise((ok) => setTimeout(ok, 100));
        continue;
      }
      return fail(new DatabaseSetupError(`Cannot connect to the database at ${where}: ${(err as Error).message}`));
    }
  }
  try {
    const probeQuery: Queryable['query'] = async (text, params) => (await probe.query(text, params as unknown[])).rows;
    await ensurePostgis({ query: probeQuery }, where);
    backend = await detectBackend({ query: probeQuery });
  } catch (err) {
    await probe.end().catch(() => {});
    return fail(err);
  }
  await probe.end();
  // PGlite runs one query at a time; one pooled client keeps transactions whole.
  // statement_timeout goes in the start-up packet, so it holds from a connection's first query.
  const pool = new pg.Pool({
    connectionString: url,
    max: backend === 'embedded' ? 1 : 10,
    idleTimeoutMillis: 30000,
    // A database that does not answer at all is an outage (503), not a request that hangs.
    connectionTimeoutMillis: 5000,
    statement_timeout: Math.trunc(options.statementTimeoutMs),
  });
  pool.on('error', () => {
    /* an idle client lost its connection; the pool replaces it */
  });
  // A client dropped after a lost embedded result can still receive the rest of that exchange
  // (e.g. 'portal "" does not exist'); it is being discarded, so its late errors are ignored.
  pool.on('connect', (client) => {
    client.on('error', () => {});
  });

  const run = async (client: pg.PoolClient, text: string, params?: unknown[]) => {
    if (backend !== 'embedded') return (await client.query(text, params as unknown[])).rows;
    // Embedded: the extended protocol, because a lost error then comes back as a result without
    // a command tag (the simple protocol would hang); that result is turned into an error here.
    const config = { text, values: (params ?? []) as unknown[], queryMode: 'extended' } as pg.QueryConfig;
    const result = await client.query(config);
    if (result.command === null) throw new LostResultError(text);
    return result.rows;
  };
  const connect = async (): Promise<pg.PoolClient> => {
    for (let attempt = 0; ; attempt++) {
      try {
        return await pool.connect();
      } catch (err) {
        // After a dropped connection the embedded socket server needs a moment to let go of it.
        if (backend !== 'embedded' || attempt >= 20) throw err;
        await new Promise((ok) => setTimeout(ok, 100));
      }
    }
  };
  /** A client whose query came back broken, or whose connection was lost, is thrown away, not reused. */
  const release = (client: pg.PoolClient, err: unknown) =>
    client.release(err instanceof LostResultError ? err : err && isDatabaseUnavailable(err as { code?: unknown }) ? (err as Error) : undefined);

  const query: Queryable['query'] = async (text, params) => {
    const client = await connect();
    let failure: unknown;
    try {
      return (await run(client, text, params)) as never;
    } catch (err) {
      failure = err;
      throw err;
    } finally {
      release(client, failure);
    }
  };
  return {
    backend,
    query,
    async transaction(fn) {
      const client = await connect();
      let failure: unknown;
      try {
        await client.query('BEGIN');
        const result = await fn({
          query: async (text, params) => (await run(client, text, params)) as never,
          exec: async (sql) => {
            await client.query(sql);
          },
        });
        await client.query('COMMIT');
        return result;
      } catch (err) {
        failure = err;
        if (!(err instanceof LostResultError)) await client.query('ROLLBACK').catch(() => {});
        throw err;
      } finally {
        release(client, failure);
      }
    },
    async close() {
      await pool.end();
      await embedded?.stop();
    },
  };
}
