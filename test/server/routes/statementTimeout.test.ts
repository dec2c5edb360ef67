import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import pg from 'pg';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../../server/app.ts';
import { openDatabase } from '../../../server/db/openDatabase.ts';
import { DEMO_DISPLAY_TOKEN } from '../../../server/auth/demoAccounts.ts';
import { testConfig } from '../../helpers/testConfig.ts';

const TIMEOUT_MS = 300;
const onPostgres = inject('backend') === 'postgres';

// PGlite runs in one thread with no timer to interrupt a statement: statement_timeout is accepted
// and ignored (checked below), so the 503 can only be shown against a PostgreSQL server.
describe.skipIf(!onPostgres)('a statement cancelled by STATEMENT_TIMEOUT_MS (PostgreSQL)', () => {
  let app: FastifyInstance;
  let locker: pg.Client;
  beforeAll(async () => {
    app = await buildApp(testConfig({ statementTimeoutMs: TIMEOUT_MS }), { logger: false });
    await app.ready();
    // Taking an ACCESS EXCLUSIVE lock is the owner's business, not the app's: the owner's connection holds it.
    locker = new pg.Client({ connectionString: inject('ownerDatabaseUrl') });
    await locker.connect();
  });
  afterAll(async () => {
    await locker.end();
    await app.close();
  });

  it('answers 503 with a message that names the limit, not a generic 500', async () => {
    // The display-token look-up waits on a lock held longer than the limit, so PostgreSQL cancels it
    // (SQLSTATE 57014) exactly as it would a slow query. The lock is let go as soon as the answer is in.
    await locker.query('BEGIN');
    await locker.query('LOCK TABLE display_tokens IN ACCESS EXCLUSIVE MODE');
    let res;
    try {
      res = await app.inject({ method: 'GET', url: `/api/health?display=${DEMO_DISPLAY_TOKEN}` });
    } finally {
      await locker.query('ROLLBACK');
    }
    expect(res.statusCode).toBe(503);
    expect(res.json()).toMatchObject({ statusCode: 503, error: 'Service Unavailable' });
    expect(res.json().message).toBe(`the query took longer than STATEMENT_TIMEOUT_MS (${TIMEOUT_MS} ms); narrow the request or raise the limit`);
  });

  it('answers as usual once nothing holds the statement up', async () => {
    const res = await app.inject({ method: 'GET', url: `/api/health?display=${DEMO_DISPLAY_TOKEN}` });
    expect(res.statusCode).toBe(200);
  });
});

describe.skipIf(onPostgres)('statement_timeout on the embedded backend', () => {
  it('is not enforced by PGlite (the reason the 503 test runs on PostgreSQL only)', async () => {
    const db = await openDatabase(testConfig({ statementTimeoutMs: 100 }));
    try {
      const started = Date.now();
      await db.query('SELECT pg_sleep($1)', [0.4]);
      expect(Date.now() - started).toBeGreaterThanOrEqual(390);
    } finally {
      await db.close();
    }
  });
});
