/**
 * A province as the root (ROOT_AREA=51) in the browser, on the generated two-city fixture: the map
 * opens on the province with its cities coloured, a click drills into a city, and the breadcrumb,
 * the title and the labels follow the five levels. Township and village names come a county and a
 * township at a time: nothing asks for a whole province's townships or villages.
 */
import { resolve } from 'node:path';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { artifactsDir, checkChromium, clickAt, haveChromium, startBrowserApp, type BrowserApp } from './browser.ts';
import { AREA_FEATURE } from '../../client/map/layerIds.ts';
import { repoRoot } from '../helpers/testConfig.ts';

checkChromium('province');

const FIXTURE = resolve(repoRoot, 'test/fixtures/two-cities');

describe.skipIf(!haveChromium)('a province as the root, in the browser', () => {
  const errors: string[] = [];
  let app: BrowserApp;
  const asked: string[] = [];

  beforeAll(async () => {
    app = await startBrowserApp(errors, { datasetDir: FIXTURE, rootArea: '51' });
  }, 600_000);
  const record = (page: Page) => page.on('request', (r) => {
    const u = new URL(r.url());
    asked.push(u.pathname + u.search);
  });
  afterAll(async () => {
    await app?.close();
  });

  const choropleth = (page: Page, prefix: string) =>
    page.waitForFunction((p) => document.querySelector('.app')?.getAttribute('data-choropleth')?.startsWith(p), prefix, { timeout: 60_000 });
  const idle = (page: Page) => page.waitForFunction(() => {
    const map = (window as unknown as { __map?: import('maplibre-gl').Map }).__map;
    return !!map && map.loaded() && map.areTilesLoaded();
  }, null, { timeout: 60_000 });

  it('opens on the province with both cities coloured and named, and drills into a city by a click', async () => {
    const page = app.page;
    record(page);
    await page.goto(`${app.origin}/`);
    await choropleth(page, 'city||');
    await page.waitForFunction(() => document.querySelector('.map')?.getAttribute('data-loaded') === 'city county', null, { timeout: 60_000 });
    await idle(page);
    await page.screenshot({ path: join(artifactsDir, 'province-root.png') });
    expect(await page.locator('.header-title').textContent()).toBe('攻坚图 · 四川省精准脱贫攻坚作战图');
    expect(await page.locator('[data-testid=breadcrumb]').textContent()).toBe('四川省');
    // Each city is drawn from the tiles' city layer and carries its colour as feature state.
    const cities = await page.evaluate((feature) => {
      const map = (window as unknown as { __map: import('maplibre-gl').Map }).__map;
      const drawn = map.querySourceFeatures(feature.source, { sourceLayer: feature.sourceLayer }).map((f) => String(f.id));
      return [...new Set(drawn)].sort().map((code) => ({ code, color: map.getFeatureState({ ...feature, id: code }).color ?? null }));
    }, AREA_FEATURE.city);
    expect(cities.map((c) => c.code)).toEqual(['5104', '5120']);
    for (const c of cities) expect(c.color, c.code).toMatch(/^#[0-9a-f]{6}$/i);
    const labels = (await app.app.inject({ url: '/api/areas?level=city&shape=label' })).json() as { features: { properties: { code: string }; geometry: { coordinates: [number, number] } }[] };
    const ziyang = labels.features.find((f) => f.properties.code === '5120')!;
    await clickAt(page, ziyang.geometry.coordinates);
    await choropleth(page, 'county|5120|');
    expect(await page.locator('[data-testid=breadcrumb]').textContent()).toBe('四川省 › 资阳市');
    await idle(page);
    await page.screenshot({ path: join(artifactsDir, 'province-city.png') });
    expect(errors).toEqual([]);
  }, 120_000);

  it('names a township\'s villages when drilled into, never asking for a whole province\'s villages', async () => {
    const page = await app.newPage();
    record(page);
    await page.goto(`${app.origin}/?a=512021101`);
    await choropleth(page, 'village|512021101|');
    await page.waitForFunction(() => document.querySelector('.map')?.getAttribute('data-loaded') === 'city county township village', null, { timeout: 60_000 });
    await idle(page);
    expect(await page.locator('[data-testid=breadcrumb]').textContent()).toBe('四川省 › 资阳市 › 安岳县 › 鸳大镇');
    const villageNames = await page.evaluate(() => {
      const map = (window as unknown as { __map: import('maplibre-gl').Map }).__map;
      return map.queryRenderedFeatures(undefined, { layers: ['village-label'] }).map((f) => String(f.properties.code));
    });
    expect(villageNames.length).toBeGreaterThan(3);
    expect(villageNames.every((c) => c.startsWith('512021101'))).toBe(true);
    await page.screenshot({ path: join(artifactsDir, 'province-township.png') });
    // Townships a county at a time, villages a township at a time; households and projects a city at a time.
    const villageAsks = asked.filter((u) => u.startsWith('/api/areas') && u.includes('level=village'));
    expect(villageAsks.length).toBeGreaterThan(0);
    expect(villageAsks.every((u) => u.includes('parent=512021101'))).toBe(true);
    const townshipAsks = asked.filter((u) => u.startsWith('/api/areas') && u.includes('level=township'));
    expect(townshipAsks.length).toBeGreaterThan(0);
    expect(townshipAsks.every((u) => u.includes('parent=512021'))).toBe(true);
    expect(asked.filter((u) => u.startsWith('/api/households/layer')).every((u) => u.includes('area=5120'))).toBe(true);
    expect(errors).toEqual([]);
    await page.context().close();
  }, 120_000);
});
