/**
 * A database restart is an outage a client should wait out, not a fault: while the database is
 * unreachable every request answers 503 with Retry-After, and once it is back the same app
 * answers again without a restart. The database is reached through a TCP proxy that the test
 * takes down and brings back (both backends speak the PostgreSQL protocol).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServer, connect, type Server, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../../server/app.ts';
import { createScratchDatabase, type ScratchDatabase } from '../../helpers/scratchDatabase.ts';
import { testConfig } from '../../helpers/testConfig.ts';

function tcpProxy(target: { host: string; port: number }) {
  let server: Server | null = null;
  const sockets = new Set<Socket>();
  let port = 0;
  const track = (s: Socket) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
    s.on('error', () => s.destroy());
  };
  return {
    port: () => port,
    start: () => new Promise<void>((ok) => {
      server = createServer((client) => {
        const upstream = connect(target.port, target.host);
        track(client);
        track(upstream);
        client.pipe(upstream).pipe(client);
        client.on('close', () => upstream.destroy());
        upstream.on('close', () => client.destroy());
      });
      server.listen(port, '127.0.0.1', () => {
        port = (server!.address() as AddressInfo).port;
        ok();
      });
    }),
    stop: () => new Promise<void>((ok) => {
      for (const s of sockets) s.destroy();
      server?.close(() => ok());
    }),
  };
}

describe('a database outage', () => {
  let scratch: ScratchDatabase;
  let proxy: ReturnType<typeof tcpProxy>;
  let app: FastifyInstance;
  beforeAll(async () => {
    scratch = await createScratchDatabase();
    const url = new URL(scratch.url);
    proxy = tcpProxy({ host: url.hostname, port: Number(url.port || 5432) });
    await proxy.start();
    url.host = `127.0.0.1:${proxy.port()}`;
    app = await buildApp(testConfig({ databaseUrl: url.toString() }), { logger: false });
  }, 300_000);
  afterAll(async () => {
    await app?.close();
    await proxy?.stop();
    await scratch?.drop();
  });

  const urls = ['/api/summary?asOf=2018-06-30', '/api/progress?level=county&asOf=2018-06-30', '/api/areas?level=county', '/api/search?q=安岳', '/api/review?week=2018-06-30&level=county'];

  it('answers 503 with Retry-After while the database is away, and recovers without a restart', async () => {
    for (const url of urls) expect((await app.inject({ url })).statusCode, url).toBe(200);
    await proxy.stop();
    for (const url of urls) {
      const r = await app.inject({ url });
      expect(r.statusCode, `${url} ${r.body.slice(0, 200)}`).toBe(503);
      expect(r.headers['retry-after'], url).toBe('5');
      expect(r.json().message, url).toMatch(/the database is unavailable/);
    }
    const login = await app.inject({ method: 'POST', url: '/api/session', payload: { username: 'leader', password: 'demo-leader-2018' } });
    expect(login.statusCode).toBe(503);
    await proxy.start();
    await expect.poll(async () => (await app.inject({ url: urls[0] })).statusCode, { timeout: 20_000, interval: 250 }).toBe(200);
    for (const url of urls) expect((await app.inject({ url })).statusCode, url).toBe(200);
  }, 120_000);
});
