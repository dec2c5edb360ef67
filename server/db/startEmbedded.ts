import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DatabaseSetupError } from './errors.ts';
import { PGlite } from '@electric-sql/pglite';
import { postgis } from '@electric-sql/pglite-postgis';
import { PGLiteSocketServer } from '@electric-sql/pglite-socket';

export interface EmbeddedServer {
  /** A postgres:// URL that `pg` connects to. */
  url: string;
  stop(): Promise<void>;
}

/**
 * Opens (or creates) the PGlite data folder with PostGIS and exposes it on a loopback port,
 * so the rest of the server talks to it through `pg` exactly as to a real PostgreSQL.
 */
export async function startEmbedded(dataDir: string, options: { port?: number; maxConnections?: number } = {}): Promise<EmbeddedServer> {
  const lock = dataDir.startsWith('memory://') ? null : takeLock(dataDir);
  const db = await PGlite.create({ dataDir, extensions: { postgis } }).catch((err: unknown) => {
    lock?.release();
    throw err;
  });
  await db.exec('CREATE EXTENSION IF NOT EXISTS postgis');
  const server = new PGLiteSocketServer({
    db,
    host: '127.0.0.1',
    port: options.port ?? 0,
    maxConnections: options.maxConnections ?? 1,
  });
  await server.start();
  const port = (server as unknown as { server?: { address(): { port: number } } }).server?.address().port;
  if (!port) throw new Error('embedded database: socket server did not report its port');
  return {
    url: `postgres://postgres:postgres@127.0.0.1:${port}/postgres`,
    async stop() {
      await server.stop();
      await db.close();
      lock?.release();
    },
  };
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** PGlite's folder must have one opener at a time: two processes writing it would corrupt it. */
function takeLock(dataDir: string): { release(): void } {
  mkdirSync(dataDir, { recursive: true });
  const path = join(dataDir, 'campaign-map.lock');
  if (existsSync(path)) {
    const pid = Number(readFileSync(path, 'utf8'));
    if (Number.isInteger(pid) && pid !== process.pid && isAlive(pid)) {
      throw new DatabaseSetupError(`the embedded database in ${dataDir} is in use by process ${pid} (a running "npm start"?): stop it first, or use DATABASE_URL`);
    }
  }
  writeFileSync(path, String(process.pid));
  return { release: () => rmSync(path, { force: true }) };
}
