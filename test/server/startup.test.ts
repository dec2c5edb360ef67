import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import pg from 'pg';
import { buildApp } from '../../server/app.ts';
import { ensurePostgis } from '../../server/db/openDatabase.ts';
import { readMigrations } from '../../server/db/migrate.ts';
import { DatabaseSetupError } from '../../server/db/errors.ts';
import { testConfig, repoRoot } from '../helpers/testConfig.ts';

const snapshot = async (url: string) => {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    const { rows } = await c.query(`SELECT (SELECT json_agg(json_build_object('v', version, 'at', applied_at) ORDER BY version) FROM schema_migrations) AS migrations,
      (SELECT count(*)::int FROM areas) AS areas, (SELECT count(*)::int FROM households) AS households,
      (SELECT count(*)::int FROM household_history) AS history, (SELECT xmin::text FROM areas WHERE code = '5120') AS city_row_version`);
    return rows[0];
  } finally {
    await c.end();
  }
};

describe('start-up', () => {
  const dirs: string[] = [];
  afterAll(() => {
    for (const d of dirs) rmSync(d, { recursive: true, force: true });
  });

  it('the embedded default: the first start creates and loads DATA_DIR, the second reuses it unchanged', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'campaign-first-start-'));
    dirs.push(dataDir);
    const config = testConfig({ databaseUrl: null, dataDir });
    const first = await buildApp(config, { logger: false });
    const health = (await first.inject({ url: '/api/health' })).json();
    expect(health.backend).toBe('embedded');
    expect(health.counts).toMatchObject({ counties: 3, townships: 90, villages: 1230, povertyVillages: 81 });
    await first.close();
    const second = await buildApp(config, { logger: false });
    expect((await second.inject({ url: '/api/health' })).json().counts).toEqual(health.counts);
    await second.close();
  }, 300000);

  it('starting twice on the same database applies no migration and loads nothing again', async () => {
    const url = testConfig().databaseUrl!;
    const app1 = await buildApp(testConfig(), { logger: false });
    await app1.close();
    const before = await snapshot(url);
    const app2 = await buildApp(testConfig(), { logger: false });
    await app2.close();
    expect(await snapshot(url)).toEqual(before);
    expect(before.migrations.map((m: { v: number }) => m.v)).toEqual(readMigrations().map((m) => m.version));
  });

  it('a server without PostGIS stops the start with the package to install', async () => {
    // A server that answers like PostgreSQL 15 without the PostGIS package.
    const server = {
      async query<T>(text: string): Promise<T[]> {
        if (text.includes('pg_extension') || text.includes('pg_available_extensions')) return [];
        if (text.includes('server_version_num')) return [{ major: 15 }] as T[];
        throw new Error(`unexpected query ${text}`);
      },
    };
    const err = await ensurePostgis(server, 'db.example:5432/campaign').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(DatabaseSetupError);
    expect((err as Error).message).toBe('PostGIS is not installed on the PostgreSQL 15 server at db.example:5432/campaign. Install it (Debian/Ubuntu: apt-get install postgresql-15-postgis-3), then start again.');
  });

  it('an unreachable DATABASE_URL gives a message, not a stack trace', async () => {
    const err = await buildApp(testConfig({ databaseUrl: 'postgres://nobody:x@127.0.0.1:1/none' }), { logger: false }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(DatabaseSetupError);
    expect((err as Error).message).toMatch(/^Cannot connect to the database at 127\.0\.0\.1:1\/none: /);
  });

  it('npm start prints the URL it serves, and serves the API there', async () => {
    const child = spawn(join(repoRoot, 'node_modules/.bin/tsx'), ['server/main.ts'], {
      cwd: repoRoot,
      env: { ...process.env, DATABASE_URL: testConfig().databaseUrl!, PORT: '0', LOG_LEVEL: 'warn' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    try {
      const url = await new Promise<string>((ok, fail) => {
        let out = '';
        child.stdout.on('data', (d: Buffer) => {
          out += d.toString();
          const m = /running at (http:\/\/\S+)/.exec(out);
          if (m) ok(m[1]);
        });
        child.on('exit', (code) => fail(new Error(`server exited with ${code}: ${out}`)));
      });
      const health = await (await fetch(`${url}api/health`)).json();
      expect(health.status).toBe('ok');
    } finally {
      child.kill('SIGTERM');
    }
  }, 60000);
});
