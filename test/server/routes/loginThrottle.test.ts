/**
 * Log-in throttling through the API, behind a trusted reverse proxy (TRUST_PROXY): a spray of
 * names from one address stops at that address; an account under attack is slowed, not locked:
 * its owner gets in with the right password after a short delay, from anywhere.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../../server/app.ts';
import { testConfig } from '../../helpers/testConfig.ts';

describe('log-in throttling', () => {
  let app: FastifyInstance;
  beforeAll(async () => {
    app = await buildApp(testConfig({ trustProxy: '127.0.0.1', loginAddressAttempts: 20 }), { logger: false });
  });
  afterAll(async () => {
    await app?.close();
  });
  const logIn = (username: string, password: string, from: string) =>
    app.inject({ method: 'POST', url: '/api/session', headers: { 'x-forwarded-for': from }, payload: { username, password } });

  it('stops a spray of 30 names × 5 passwords at its address, and only there', async () => {
    const statuses: number[] = [];
    for (let n = 0; n < 30 && statuses.at(-1) !== 429; n++) {
      for (let p = 0; p < 5; p++) statuses.push((await logIn(`sprayed${n}`, `guess-${p}`, '203.0.113.5')).statusCode);
    }
    // 20 failures (LOGIN_ADDRESS_ATTEMPTS), then the address waits, whatever the name.
    expect(statuses.slice(0, 20).every((s) => s === 401)).toBe(true);
    expect(statuses[20]).toBe(429);
    const stopped = await logIn('leader', 'demo-leader-2018', '203.0.113.5');
    expect(stopped.statusCode).toBe(429);
    expect(stopped.json().message).toMatch(/from this address/);
    // Another client behind the same proxy is not affected.
    expect((await logIn('leader', 'demo-leader-2018', '203.0.113.6')).statusCode).toBe(200);
  });

  it('slows an account under attack from many addresses, and lets its owner in after the delay', async () => {
    for (let i = 0; i < 5; i++) expect((await logIn('planner', `wrong-${i}`, `198.51.100.${i}`)).statusCode).toBe(401);
    const slowed = await logIn('planner', 'demo-planner-2018', '192.0.2.200');
    expect(slowed.statusCode).toBe(429);
    expect(slowed.headers['retry-after']).toBe('1');
    await new Promise((ok) => setTimeout(ok, 1100));
    expect((await logIn('planner', 'demo-planner-2018', '192.0.2.200')).statusCode).toBe(200);
  });
});
