/** What the browser tests share: the built client (test/globalBuildClient.ts), Debian's Chromium and its flags. */
import { existsSync, mkdirSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FastifyInstance } from 'fastify';
import { chromium, type Browser, type Page } from 'playwright-core';
import { buildApp } from '../../server/app.ts';
import type { AppConfig } from '../../server/config.ts';
import { createScratchDatabase, type ScratchDatabase } from '../helpers/scratchDatabase.ts';
import { testConfig } from '../helpers/testConfig.ts';

const repoRoot = fileURLToPath(new URL('../../', import.meta.url));
export const distDir = join(repoRoot, 'dist', 'client');
export const artifactsDir = join(repoRoot, 'test-artifacts');
export const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const haveChromium = existsSync(chromiumPath);

/** Fails under CI without Chromium; elsewhere says clearly that the browser tests are skipped. */
export function checkChromium(suite: string): void {
  if (!haveChromium && process.env.CI) throw new Error(`Chromium not found at ${chromiumPath} (set CHROMIUM_PATH); required when CI is set`);
  if (!haveChromium) console.warn(`[e2e] SKIPPED ${suite}: no Chromium at ${chromiumPath}; install Debian's chromium or set CHROMIUM_PATH`);
}

export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--use-angle=swiftshader',
  '--enable-unsafe-swiftshader',
  // Only this machine resolves: nothing can load from the internet. Cheaper than intercepting
  // every request with context.route, which also turns off the HTTP cache.
  '--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1',
];

export function launchChromium(env: Record<string, string> = {}): Promise<Browser> {
  return chromium.launch({ executablePath: chromiumPath, env: { ...process.env, ...env } as Record<string, string>, args: CHROMIUM_ARGS });
}

/**
 * A page in a fresh context that may reach only this machine (CHROMIUM_ARGS: no other host
 * resolves); a request anywhere but `origin` is recorded in `errors`, as are console errors and
 * page errors.
 */
export async function isolatedPage(browser: Browser, origin: string, errors: string[], viewport = { width: 1400, height: 900 }): Promise<Page> {
  const context = await browser.newContext({ viewport, deviceScaleFactor: 1, locale: 'zh-CN', acceptDownloads: true });
  context.on('request', (request) => {
    const url = new URL(request.url());
    if (url.origin !== origin && url.protocol !== 'data:' && url.protocol !== 'blob:') errors.push(`foreign request ${request.url()}`);
  });
  const page = await context.newPage();
  page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
  page.on('pageerror', (e) => errors.push(String(e)));
  return page;
}

/** Clicks the map (window.__map) at a lon/lat. */
export async function clickAt(page: Page, lonLat: [number, number]): Promise<void> {
  const p = await page.evaluate((ll) => {
    const map = (window as unknown as { __map: import('maplibre-gl').Map }).__map;
    const point = map.project(ll);
    const rect = map.getCanvas().getBoundingClientRect();
    return { x: point.x + rect.left, y: point.y + rect.top };
  }, lonLat);
  await page.mouse.click(p.x, p.y);
}

/** The app serving the built client on a scratch database of its own, with Chromium and one isolated page. */
export interface BrowserApp {
  app: FastifyInstance;
  origin: string;
  browser: Browser;
  page: Page;
  /** Another isolated page, in a fresh context (no cookies, no state): one per test. */
  newPage(viewport?: { width: number; height: number }): Promise<Page>;
  close(): Promise<void>;
}

/** With `config.datasetDir`, the scratch database holds that dataset instead of the shipped city. */
export async function startBrowserApp(errors: string[], config: Partial<AppConfig> = {}): Promise<BrowserApp> {
  const scratch: ScratchDatabase = await createScratchDatabase(config.datasetDir ? { datasetDir: config.datasetDir } : {});
  const app = await buildApp(testConfig({ databaseUrl: scratch.url, clientDir: distDir, ...config }), { logger: false });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const origin = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
  mkdirSync(artifactsDir, { recursive: true });
  const browser = await launchChromium();
  const page = await isolatedPage(browser, origin, errors);
  return {
    app, origin, browser, page,
    newPage: (viewport) => isolatedPage(browser, origin, errors, viewport),
    async close() {
      await browser.close();
      await app.close();
      await scratch.drop();
    },
  };
}

/** Signs in through the header's form. */
export async function signInOnPage(page: Page, username: string, password: string): Promise<void> {
  await page.getByRole('button', { name: '登录' }).click();
  await page.fill('input[name="username"]', username);
  await page.fill('input[name="password"]', password);
  await page.locator('form.sign-in button[type="submit"]').click();
}
