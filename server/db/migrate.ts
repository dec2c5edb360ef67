import { DatabaseSetupError } from './errors.ts';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Database } from './openDatabase.ts';

export const migrationsDir = fileURLToPath(new URL('./migrations/', import.meta.url));

export interface Migration {
  version: number;
  name: string;
  sql: string;
}

export function readMigrations(dir = migrationsDir): Migration[] {
  return readdirSync(dir)
    .filter((f) => /^\d{3}_[a-z0-9_]+\.sql$/.test(f))
    .sort()
    .map((f) => ({ version: Number(f.slice(0, 3)), name: f.replace(/\.sql$/, ''), sql: readFileSync(join(dir, f), 'utf8') }));
}

/** Applies the migrations not yet recorded, in order, each in its own transaction. */
export async function migrate(db: Database, migrations = readMigrations()): Promise<string[]> {
  // A least-privilege role (npm run db:roles) may not create anything: when the schema is current
  // it must not have to, so the bookkeeping table is created only when missing.
  const [{ present }] = await db.query<{ present: boolean }>("SELECT to_regclass('schema_migrations') IS NOT NULL AS present");
  const applied = new Set<number>();
  if (present) for (const r of await db.query<{ version: number }>('SELECT version FROM schema_migrations')) applied.add(r.version);
  const pending = migrations.filter((m) => !applied.has(m.version));
  if (pending.length === 0) return [];
  try {
    if (!present) {
      await db.query(`CREATE TABLE schema_migrations (
        version integer PRIMARY KEY,
        name text NOT NULL,
        applied_at timestamptz NOT NULL DEFAULT now()
      )`);
    }
    const done: string[] = [];
    for (const m of pending) {
      await db.transaction(async (tx) => {
        await tx.exec(m.sql);
        await tx.query('INSERT INTO schema_migrations (version, name) VALUES ($1, $2)', [m.version, m.name]);
      });
      done.push(m.name);
    }
    return done;
  } catch (err) {
    if ((err as { code?: string }).code === '42501') {
      throw new DatabaseSetupError(
        `the database role may not change the schema (${(err as Error).message}), and ${pending.length} migration(s) are pending (${pending.map((m) => m.name).join(', ')}). ` +
          'Start once as the owner of the tables (MIGRATION_DATABASE_URL or DATABASE_URL of the owner role) to apply them; the everyday role needs no schema rights.',
      );
    }
    throw err;
  }
}
