import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../../server/app.ts';
import { testConfig } from '../../helpers/testConfig.ts';

describe('security headers', () => {
  let app: FastifyInstance;
  beforeAll(async () => {
    app = await buildApp(testConfig({ basemap: { tiles: 'https://t0.example.test/tile/{z}/{x}/{y}', attribution: 'x' } }), { logger: false });
  });
  afterAll(async () => {
    await app.close();
  });

  it('are on every answer: data, errors, the API docs', async () => {
    for (const url of ['/api/health', '/api/progress?level=nowhere', '/api/areas/512099', '/api/docs/static/index.html', '/api/docs/json']) {
      const r = await app.inject({ url });
      const csp = String(r.headers['content-security-policy']);
      expect(csp, url).toMatch(/default-src 'self'/);
      expect(csp, url).toMatch(/script-src 'self'(;|$)/);
      expect(csp, url).toMatch(/frame-ancestors 'none'/);
      expect(csp, url).toMatch(/worker-src 'self' blob:/);
      expect(csp, url).not.toMatch(/upgrade-insecure-requests/);
      expect(r.headers['referrer-policy'], url).toBe('no-referrer');
      expect(r.headers['x-content-type-options'], url).toBe('nosniff');
      expect(r.headers['x-frame-options'], url).toBe('DENY');
      // Plain HTTP on an office network must keep working: no HSTS unless cookies are Secure.
      expect(r.headers['strict-transport-security'], url).toBeUndefined();
    }
  });

  it('let the map fetch the configured online basemap and nothing else foreign', async () => {
    const csp = String((await app.inject({ url: '/api/health' })).headers['content-security-policy']);
    expect(csp).toMatch(/connect-src 'self' https:\/\/t0\.example\.test(;|$)/);
    expect(csp).toMatch(/img-src 'self' data: blob: https:\/\/t0\.example\.test(;|$)/);
  });
});
