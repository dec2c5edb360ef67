import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AddressInfo } from 'node:net';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../../server/app.ts';
import { DEMO_DISPLAY_TOKEN } from '../../../server/auth/demoAccounts.ts';
import { createScratchDatabase, type ScratchDatabase } from '../../helpers/scratchDatabase.ts';
import { testConfig } from '../../helpers/testConfig.ts';

/** Reads server-sent events from a live HTTP stream. */
async function openStream(url: string) {
  const abort = new AbortController();
  const response = await fetch(url, { signal: abort.signal });
  const reader = response.body!.getReader();
  const events: { event: string; data: unknown }[] = [];
  let buffer = '';
  void (async () => {
    for (;;) {
      const { value, done } = await reader.read().catch(() => ({ value: undefined, done: true }));
      if (done) return;
      buffer += new TextDecoder().decode(value);
      let end: number;
      while ((end = buffer.indexOf('\n\n')) >= 0) {
        const block = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        const event = /^event: (.*)$/m.exec(block)?.[1];
        const data = /^data: (.*)$/m.exec(block)?.[1];
        if (event && data) events.push({ event, data: JSON.parse(data) });
      }
    }
  })();
  return { response, events, close: () => abort.abort() };
}

describe('live change events', () => {
  let scratch: ScratchDatabase;
  let app: FastifyInstance;
  let origin: string;
  beforeEach(async () => {
    scratch = await createScratchDatabase();
    app = await buildApp(testConfig({ databaseUrl: scratch.url, changePollMs: 200, eventStreams: { total: 3, perAddress: 2 } }), { logger: false });
    await app.listen({ port: 0, host: '127.0.0.1' });
    origin = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
  }, 300000);
  afterEach(async () => {
    await app?.close();
    await scratch?.drop();
  });

  it('tells a wall screen within seconds that an edit landed, and closes with the server', async () => {
    const stream = await openStream(`${origin}/api/events?display=${DEMO_DISPLAY_TOKEN}`);
    expect(stream.response.status).toBe(200);
    expect(stream.response.headers.get('content-type')).toContain('text/event-stream');
    await expect.poll(() => stream.events.map((e) => e.event), { timeout: 5000 }).toEqual(['hello']);
    const first = (stream.events[0].data as { version: number }).version;

    const login = await app.inject({ method: 'POST', url: '/api/session', payload: { username: 'admin', password: 'demo-admin-2018' } });
    const headers = { cookie: String(login.headers['set-cookie']).split(';')[0], 'x-csrf-token': login.json().csrfToken };
    const put = await app.inject({ method: 'PUT', url: '/api/targets/512021/2018/training', headers, payload: { value: 432 } });
    expect(put.statusCode).toBe(200);
    const started = Date.now();
    await expect.poll(() => stream.events.some((e) => e.event === 'change'), { timeout: 5000, interval: 50 }).toBe(true);
    const change = stream.events.find((e) => e.event === 'change')!.data as { version: number };
    expect(change.version).toBeGreaterThan(first);
    expect(Date.now() - started).toBeLessThan(5000);
    stream.close();
  }, 60000);

  it('refuses a display token that is not valid', async () => {
    const res = await app.inject({ url: '/api/events?display=not-a-token' });
    expect(res.statusCode).toBe(401);
    expect(res.json().message).toContain('display token');
  });

  it('caps the streams one address may hold open, and frees a place when one closes', async () => {
    const url = `${origin}/api/events?display=${DEMO_DISPLAY_TOKEN}`;
    const first = await openStream(url);
    const second = await openStream(url);
    expect([first.response.status, second.response.status]).toEqual([200, 200]);
    const third = await fetch(url);
    expect(third.status).toBe(503);
    expect(third.headers.get('retry-after')).toBe('30');
    expect((await third.json()).message).toMatch(/at most 2 from one address \(EVENT_STREAMS_PER_ADDRESS\)/);
    first.close();
    await expect.poll(async () => {
      const again = await fetch(url, { signal: AbortSignal.timeout(2000) }).catch(() => null);
      const status = again?.status ?? 0;
      await again?.body?.cancel();
      return status;
    }, { timeout: 10_000 }).toBe(200);
    second.close();
  });
});
