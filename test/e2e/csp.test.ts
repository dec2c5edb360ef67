/**
 * The Content-Security-Policy (server/plugins/securityHeaders.ts) must stop injected script, not
 * the app: every screen draws in Chromium with no policy violation.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { DEMO_DISPLAY_TOKEN } from '../../server/auth/demoAccounts.ts';
import { checkChromium, haveChromium, startBrowserApp, type BrowserApp } from './browser.ts';

checkChromium('csp');

/** Whether this machine has one of the fonts client/localFont.css names (CI installs WenQuanYi Micro Hei). */
function machineHasChineseFont(): boolean {
  try {
    const css = readFileSync(new URL('../../client/localFont.css', import.meta.url), 'utf8');
    const named = [...css.matchAll(/local\('([^']+)'\)/g)].map((m) => m[1]);
    const installed = execFileSync('fc-list', [':', 'family', 'fullname', 'postscriptname'], { encoding: 'utf8' });
    return named.some((name) => installed.includes(name));
  } catch {
    return false;
  }
}

describe.skipIf(!haveChromium)('the security policy in headless Chromium', () => {
  const errors: string[] = [];
  let server: BrowserApp;
  beforeAll(async () => {
    server = await startBrowserApp(errors);
  }, 180_000);
  afterAll(async () => {
    await server?.close();
  });

  /** A page that records every policy violation it sees. */
  async function watched(): Promise<{ page: Page; violations: string[] }> {
    const page = await server.newPage();
    const violations: string[] = [];
    await page.exposeFunction('__cspViolation', (v: string) => violations.push(v));
    await page.addInitScript(() => {
      document.addEventListener('securitypolicyviolation', (e) => {
        (window as unknown as { __cspViolation: (v: string) => void }).__cspViolation(`${e.violatedDirective} ${e.blockedURI}`);
      });
    });
    page.on('console', (m) => /Content Security Policy/i.test(m.text()) && violations.push(m.text()));
    return { page, violations };
  }

  const screens: [string, string, string | null][] = [
    ['map', '/', '.app[data-choropleth*="|"]'],
    ['wall', `/wall?display=${DEMO_DISPLAY_TOKEN}`, '[data-testid="wall-stage"][data-drawn*="|"]'],
    ['review', '/review?week=2018-06-30', 'figure.review-map[data-drawn*="|"]'],
    ['planner', '/planner', 'canvas.maplibregl-canvas'],
    ['integrity', '/integrity?asOf=2018-11-30', 'figure.integrity-map[data-drawn*="|"]'],
    ['API docs', '/api/docs', '.swagger-ui .info'],
  ];

  it('lets the map, the wall, the review, the planner, the integrity screen and the API docs draw with no violation', async () => {
    for (const [name, path, drawn] of screens) {
      const { page, violations } = await watched();
      const account = ({ planner: ['planner', 'demo-planner-2018'], integrity: ['inspector', 'demo-inspector-2018'] } as Record<string, [string, string]>)[name];
      if (account) {
        const login = await page.request.post(`${server.origin}/api/session`, { data: { username: account[0], password: account[1] } });
        expect(login.status()).toBe(200);
      }
      const response = await page.goto(`${server.origin}${path}`);
      expect(response?.headers()['content-security-policy'], name).toMatch(/script-src 'self'/);
      if (drawn) await page.locator(drawn).first().waitFor({ timeout: 30_000 });
      // Give MapLibre's workers and late requests time to run.
      await page.waitForTimeout(1500);
      expect(violations, name).toEqual([]);
      await page.context().close();
    }
    expect(errors.filter((e) => /Content Security Policy/i.test(e))).toEqual([]);
  }, 180_000);

  it('stops a script injected into the page', async () => {
    const { page, violations } = await watched();
    await page.goto(`${server.origin}/`);
    await page.evaluate(() => {
      const s = document.createElement('script');
      s.textContent = 'window.__injected = true';
      document.body.appendChild(s);
    });
    await page.waitForTimeout(300);
    expect(await page.evaluate(() => (window as unknown as { __injected?: boolean }).__injected ?? false)).toBe(false);
    expect(violations.join('\n')).toMatch(/script-src/);
    await page.context().close();
  }, 60_000);

  // The other half, without a machine font, is map.test.ts's "self-hosted font" test.
  it.skipIf(!machineHasChineseFont())('draws the map with the machine\'s Chinese font and fetches none of the self-hosted Chinese subsets', async () => {
    const page = await server.newPage();
    const fonts: Promise<number>[] = [];
    page.on('requestfinished', (r) => { if (r.url().includes('.woff')) fonts.push(r.sizes().then((x) => x.responseBodySize)); });
    await page.goto(`${server.origin}/`);
    await page.locator('.map[data-loaded="county township village"]').waitFor({ timeout: 30_000 });
    await page.waitForTimeout(1000);
    const local = await page.evaluate(() => [...document.fonts].find((f) => f.family.replace(/["']/g, '') === 'Local Sans SC')?.status);
    expect(local).toBe('loaded');
    // At most the Latin subsets a font load for a space asks for: the 47 Chinese subsets of a first view weigh 1.3 MB.
    const bytes = (await Promise.all(fonts)).reduce((a, b) => a + b, 0);
    expect(fonts.length).toBeLessThanOrEqual(3);
    expect(bytes).toBeLessThan(120 * 1024);
    await page.context().close();
  }, 60_000);
});
