/**
 * Signing in on an open map shows what the public may not see, without a reload: the answers are
 * keyed by who is signed in (client/api/useApi.ts), not by URL alone. Before, the map kept the
 * public's answers (small areas hidden) until the page was reloaded.
 */
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NO_DATA_COLOR } from '../../client/map/choropleth.ts';
import { AREA_FEATURE } from '../../client/map/layerIds.ts';
import { artifactsDir, checkChromium, haveChromium, signInOnPage, startBrowserApp, type BrowserApp } from './browser.ts';

const INDICATOR = 'people_lifted';
const CLERK = { username: 'clerk.512021101', password: 'demo-clerk-2018' };

interface ProgressBody {
  areas: { code: string; parent: string | null; suppressed: boolean; indicators: Record<string, { value: number | null }> }[];
}

checkChromium('session');

describe.skipIf(!haveChromium)('signing in on an open map', () => {
  let running: BrowserApp;
  const consoleErrors: string[] = [];

  beforeAll(async () => {
    running = await startBrowserApp(consoleErrors);
  }, 240_000);

  afterAll(async () => {
    await running?.close();
  });

  it('shows a clerk the small villages the public sees as no data, without a reload', async () => {
    const { app, origin, page } = running;
    const asOf = ((await app.inject({ url: '/api/health' })).json() as { dataAsOf: string }).dataAsOf;
    // A village hidden from the public (too few households) whose figure an account sees.
    const url = `/api/progress?level=village&asOf=${asOf}&indicators=${INDICATOR}`;
    const publicAnswer = (await app.inject({ url })).json() as ProgressBody;
    const hidden = publicAnswer.areas.filter((a) => a.suppressed).map((a) => a.code);
    expect(hidden.length).toBeGreaterThan(0);
    const login = await app.inject({ method: 'POST', url: '/api/session', payload: CLERK });
    expect(login.statusCode).toBe(200);
    const cookie = login.cookies.map((c) => `${c.name}=${c.value}`).join('; ');
    const clerkAnswer = (await app.inject({ url, headers: { cookie } })).json() as ProgressBody;
    const seen = clerkAnswer.areas.filter((a) => hidden.includes(a.code) && !a.suppressed && a.indicators[INDICATOR]?.value !== null);
    const village = seen.find((a) => a.code.startsWith('512021101')) ?? seen[0];
    expect(village).toBeDefined();
    const township = village.parent!;

    // The public opens the township: its villages coloured, the small one as no data.
    await page.goto(`${origin}/?a=${township}&i=${INDICATOR}&d=${asOf}`, { waitUntil: 'load' });
    await page.waitForSelector(`.app[data-choropleth="village|${township}|${INDICATOR}|value|${asOf}"]`, { timeout: 60_000 });
    const colourOf = (code: string) =>
      page.evaluate(([source, id]) => {
        const map = (window as unknown as { __map: import('maplibre-gl').Map }).__map;
        return (map.getFeatureState({ ...source, id }) as { color?: string }).color ?? null;
      }, [AREA_FEATURE.village, code] as const);
    expect(await colourOf(village.code)).toBe(NO_DATA_COLOR);
    await page.screenshot({ path: join(artifactsDir, 'session-public.png') });

    // Signing in on the same page (a reload would lose this mark).
    await page.evaluate(() => ((window as unknown as { __notReloaded: boolean }).__notReloaded = true));
    await signInOnPage(page, CLERK.username, CLERK.password);
    await page.waitForSelector('[data-testid="signed-in"]', { timeout: 20_000 });
    await expect.poll(() => colourOf(village.code), { timeout: 20_000 }).not.toBe(NO_DATA_COLOR);
    expect(await colourOf(village.code)).not.toBeNull();
    expect(await page.evaluate(() => (window as unknown as { __notReloaded?: boolean }).__notReloaded)).toBe(true);
    await page.screenshot({ path: join(artifactsDir, 'session-clerk.png') });
    expect(consoleErrors).toEqual([]);
  }, 120_000);
});
