import { resolve } from 'node:path';
import { inject } from 'vitest';
import type { AppConfig } from '../../server/config.ts';

export { repoRoot } from './preparedEmbedded.ts';
import { repoRoot } from './preparedEmbedded.ts';

/** Config for the shared test database that globalSetup prepared (embedded or DATABASE_URL). */
export function testConfig(overrides: Partial<AppConfig> = {}): AppConfig {
  return {
    port: 0,
    host: '127.0.0.1',
    databaseUrl: inject('databaseUrl'),
    dataDir: resolve(repoRoot, '.data-test/unused'),
    datasetDir: resolve(repoRoot, 'data'),
    clientDir: null,
    statementTimeoutMs: 30000,
    logLevel: 'silent',
    sessionMinutes: 60,
    minAggregateHouseholds: 5,
    cookieSecure: false,
    loginAttempts: 5,
    loginAddressAttempts: 20,
    trustProxy: false,
    basemap: null,
    changePollMs: 300,
    eventStreams: { total: 200, perAddress: 50 },
    rootArea: null,
    ...overrides,
  };
}
