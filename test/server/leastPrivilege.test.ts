/**
 * The server as a least-privilege role (npm run db:roles), on PostgreSQL: it starts and works,
 * and as that role the audit trail cannot be changed, deleted, truncated or have its trigger
 * switched off; a pending migration it may not apply is a clear start-up message.
 */
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import pg from 'pg';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../server/app.ts';
import { appRoleSql } from '../../server/db/roles.ts';
import { migrate, readMigrations } from '../../server/db/migrate.ts';
import { openDatabase } from '../../server/db/openDatabase.ts';
import { DatabaseSetupError } from '../../server/db/errors.ts';
import { createScratchDatabase, type ScratchDatabase } from '../helpers/scratchDatabase.ts';
import { testConfig } from '../helpers/testConfig.ts';

describe.runIf(inject('backend') === 'postgres')('a least-privilege database role', () => {
  let scratch: ScratchDatabase;
  let appUrl: string;
  let app: FastifyInstance;
  const role = `app_${randomBytes(4).toString('hex')}`;
  const password = randomBytes(9).toString('hex');
  const asOwner = async (sql: string, url = scratch.ownerUrl) => {
    const c = new pg.Client({ connectionString: url });
    await c.connect();
    try {
      await c.query(sql);
    } finally {
      await c.end();
    }
  };

  beforeAll(async () => {
    scratch = await createScratchDatabase();
    const url = new URL(scratch.ownerUrl);
    await asOwner(appRoleSql({ role, database: url.pathname.slice(1), password }));
    url.username = role;
    url.password = password;
    appUrl = url.toString();
    app = await buildApp(testConfig({ databaseUrl: appUrl, migrationDatabaseUrl: scratch.ownerUrl }), { logger: false });
  }, 300_000);
  afterAll(async () => {
    await app?.close();
    await scratch?.drop();
    // From the shared database: the scratch one is gone, and with it the role's rights there.
    await asOwner(`DROP ROLE IF EXISTS ${role}`, inject('ownerDatabaseUrl'));
  });

  it('runs the app: reads, and a clerk\'s edit with its audit row', async () => {
    expect((await app.inject({ url: '/api/summary?asOf=2018-06-30' })).statusCode).toBe(200);
    const login = await app.inject({ method: 'POST', url: '/api/session', payload: { username: 'clerk.512021101', password: 'demo-clerk-2018' } });
    expect(login.statusCode).toBe(200);
    const headers = { cookie: String(login.headers['set-cookie']).split(';')[0], 'x-csrf-token': login.json().csrfToken };
    const list = (await app.inject({ url: '/api/households?pageSize=1', headers })).json();
    const h = list.households[0];
    const edit = await app.inject({ method: 'PATCH', url: `/api/households/${h.id}`, headers, payload: { version: h.version, changes: { phone: '13800000000' } } });
    expect(edit.statusCode, edit.body).toBe(200);
  });

  it('may not delete, change or truncate the audit log, nor switch off its trigger', async () => {
    const c = new pg.Client({ connectionString: appUrl });
    await c.connect();
    try {
      const refused = async (sql: string) => {
        const err = await c.query(sql).then(() => null, (e: { code?: string; message: string }) => e);
        expect(err, sql).not.toBeNull();
        return err!;
      };
      expect((await c.query('SELECT count(*)::int AS n FROM audit_log')).rows[0].n).toBeGreaterThan(0);
      for (const sql of [
        'DELETE FROM audit_log',
        "UPDATE audit_log SET actor = 'nobody'",
        'TRUNCATE audit_log',
        'ALTER TABLE audit_log DISABLE TRIGGER ALL',
        'ALTER TABLE audit_log OWNER TO CURRENT_USER',
        'CREATE TABLE sneaky (x int)',
        'SET session_replication_role = replica',
      ]) expect((await refused(sql)).code, sql).toBe('42501');
      const triggers = (await c.query("SELECT tgname FROM pg_trigger WHERE tgrelid = 'audit_log'::regclass AND NOT tgisinternal")).rows;
      expect(triggers.length).toBeGreaterThan(0);
      expect((await refused(`DROP TRIGGER ${triggers[0].tgname} ON audit_log`)).code).toBe('42501');
    } finally {
      await c.end();
    }
  });

  it('says clearly at start-up that a pending migration needs the owner', async () => {
    const db = await openDatabase({ databaseUrl: appUrl, dataDir: '', statementTimeoutMs: 30_000 });
    try {
      const pending = [...readMigrations(), { version: 9999, name: '9999_new_table.sql', sql: 'CREATE TABLE next_thing (id int)' }];
      const err = await migrate(db, pending).then(() => null, (e: unknown) => e);
      expect(err).toBeInstanceOf(DatabaseSetupError);
      expect((err as Error).message).toMatch(/may not change the schema.*9999_new_table\.sql.*owner/);
      // Nothing pending: the role starts without needing any schema right.
      expect(await migrate(db)).toEqual([]);
    } finally {
      await db.close();
    }
  });
});

// CI runs the whole suite as production runs the server (.ci/run): DATABASE_URL a least-privilege
// role, MIGRATION_DATABASE_URL the owner. A set-up that quietly fell back to a superuser would
// still pass every other file, so this one says so.
describe.runIf(inject('backend') === 'postgres' && Boolean(process.env.MIGRATION_DATABASE_URL))('the suite\'s DATABASE_URL when MIGRATION_DATABASE_URL is set', () => {
  it('is a role that is neither a superuser nor the tables\' owner, and may not delete from the audit log', async () => {
    const c = new pg.Client({ connectionString: inject('databaseUrl') });
    await c.connect();
    try {
      const { rows: [me] } = await c.query(`SELECT rolsuper, rolcreatedb, rolcreaterole, rolbypassrls,
        (SELECT pg_has_role(relowner, 'MEMBER') FROM pg_class WHERE oid = 'audit_log'::regclass) AS owns_audit_log
        FROM pg_roles WHERE rolname = current_user`);
      expect(me).toEqual({ rolsuper: false, rolcreatedb: false, rolcreaterole: false, rolbypassrls: false, owns_audit_log: false });
      await c.query('BEGIN');
      const err = await c.query('DELETE FROM audit_log').then(() => null, (e: { code?: string }) => e);
      await c.query('ROLLBACK');
      // Refused for want of the right (42501), before the append-only trigger would refuse it.
      expect(err?.code).toBe('42501');
    } finally {
      await c.end();
    }
  });
});
