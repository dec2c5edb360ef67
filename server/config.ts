import { resolve } from 'node:path';

export interface AppConfig {
  /** Port the dashboard and API listen on. */
  port: number;
  host: string;
  /** A PostgreSQL + PostGIS server; null means the embedded PGlite in `dataDir`. */
  databaseUrl: string | null;
  /** The tables' owner, to apply migrations at start-up when the everyday role (DATABASE_URL) may not (npm run db:roles). */
  migrationDatabaseUrl?: string | null;
  /** Folder for the embedded database. */
  dataDir: string;
  /** Folder with the shipped dataset, loaded on first start. */
  datasetDir: string;
  /** Folder with the built client; not served when null. */
  clientDir: string | null;
  /** Upper bound for every SQL statement, in milliseconds. */
  statementTimeoutMs: number;
  logLevel: string;
  /** How long a log-in lasts, in minutes. */
  sessionMinutes: number;
  /** Aggregates over fewer households than this are hidden from the public and wall screens. */
  minAggregateHouseholds: number;
  /** Mark the session cookie Secure (serve behind HTTPS). */
  cookieSecure: boolean;
  /** Failed log-ins allowed per user name and address within 15 minutes. */
  loginAttempts: number;
  /** An online raster basemap (e.g. Tianditu with the office's key): off (null) by default. */
  basemap: { tiles: string; attribution: string } | null;
  /** How often the live feed checks for changes while a wall screen listens, in milliseconds. */
  changePollMs: number;
  /** Failed log-ins from one address, over any accounts, within 15 minutes before it must wait. */
  loginAddressAttempts: number;
  /** Fastify's trustProxy: behind a reverse proxy, the client's address comes from X-Forwarded-For. */
  trustProxy: boolean | string;
  /** Live event streams open at once: in all, and from one address; past either, 503. */
  eventStreams: { total: number; perAddress: number };
  /**
   * The area the app opens on and lists by default (ROOT_AREA): a province (2 digits) or a city (4).
   * Unset: the shipped city, 5120, when the database has it, else the dataset's top area.
   */
  rootArea: string | null;
}

export class ConfigError extends Error {}

function integer(env: Record<string, string | undefined>, name: string, fallback: number, min: number, max: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new ConfigError(`${name} must be an integer from ${min} to ${max}, got "${raw}"`);
  }
  return value;
}

/** TRUST_PROXY: unset or false; true (trust any proxy); or the proxies' addresses/CIDRs, comma-separated. */
function trustProxy(raw: string | undefined): boolean | string {
  if (raw === undefined || raw === '' || raw === 'false') return false;
  if (raw === 'true') return true;
  if (!/^[0-9a-fA-F:.,/ ]+$/.test(raw)) throw new ConfigError(`TRUST_PROXY must be true, false or comma-separated proxy addresses/CIDRs, got "${raw}"`);
  return raw;
}

/** BASEMAP_TILES: an http(s) URL template with {z}, {x} and {y}; unset means no online basemap. */
function basemap(env: Record<string, string | undefined>): AppConfig['basemap'] {
  const tiles = env.BASEMAP_TILES;
  if (!tiles) return null;
  let url: URL;
  try {
    url = new URL(tiles.replace(/\{(z|x|y|s)\}/g, '0'));
  } catch {
    throw new ConfigError(`BASEMAP_TILES must be a URL template, got "${tiles}"`);
  }
  if (!/^https?:$/.test(url.protocol) || !['{z}', '{x}', '{y}'].every((p) => tiles.includes(p))) {
    throw new ConfigError(`BASEMAP_TILES must be an http(s) URL with {z}, {x} and {y}, got "${tiles}"`);
  }
  return { tiles, attribution: env.BASEMAP_ATTRIBUTION || '' };
}

/** ROOT_AREA: a province's or a city's code. */
function rootArea(raw: string | undefined): string | null {
  if (raw === undefined || raw === '') return null;
  if (!/^(\d{2}|\d{4})$/.test(raw)) throw new ConfigError(`ROOT_AREA must be a province's (2 digits) or a city's (4 digits) code, got "${raw}"`);
  return raw;
}

/** The one place that reads the environment. */
export function loadConfig(env: Record<string, string | undefined> = process.env, cwd = process.cwd()): AppConfig {
  return {
    port: integer(env, 'PORT', 8080, 0, 65535),
    host: env.HOST || '127.0.0.1',
    databaseUrl: env.DATABASE_URL || null,
    migrationDatabaseUrl: env.MIGRATION_DATABASE_URL || null,
    dataDir: resolve(cwd, env.DATA_DIR || '.data'),
    datasetDir: resolve(cwd, env.DATASET_DIR || 'data'),
    clientDir: resolve(cwd, env.CLIENT_DIR || 'dist/client'),
    statementTimeoutMs: integer(env, 'STATEMENT_TIMEOUT_MS', 30000, 100, 3600000),
    logLevel: env.LOG_LEVEL || 'info',
    sessionMinutes: integer(env, 'SESSION_MINUTES', 480, 1, 60 * 24 * 30),
    minAggregateHouseholds: integer(env, 'MIN_AGGREGATE_HOUSEHOLDS', 5, 1, 1000),
    cookieSecure: env.COOKIE_SECURE === 'true' || env.COOKIE_SECURE === '1',
    loginAttempts: integer(env, 'LOGIN_ATTEMPTS', 5, 1, 1000),
    loginAddressAttempts: integer(env, 'LOGIN_ADDRESS_ATTEMPTS', 20, 1, 100000),
    trustProxy: trustProxy(env.TRUST_PROXY),
    basemap: basemap(env),
    changePollMs: integer(env, 'CHANGE_POLL_MS', 2000, 100, 60000),
    eventStreams: { total: integer(env, 'EVENT_STREAMS_MAX', 200, 1, 100000), perAddress: integer(env, 'EVENT_STREAMS_PER_ADDRESS', 10, 1, 100000) },
    rootArea: rootArea(env.ROOT_AREA),
  };
}
