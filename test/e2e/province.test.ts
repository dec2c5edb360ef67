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
import { artifactsDir, checkChromium, clickAt, haveChromium, signInOnPage, startBrowserApp, type BrowserApp } from './browser.ts';
import { AREA_FEATURE, CHOROPLETH_FILL_IDS, PLANNER_LAYER_IDS, SOURCE_IDS } from '../../client/map/layerIds.ts';
import { repoRoot } from '../helpers/testConfig.ts';
import { DEMO_DISPLAY_TOKEN } from '../../server/auth/demoAccounts.ts';
import { figureColor } from '../../server/domain/legend.ts';

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

  it('tours the province on the wall: the province, its cities, their lagging counties, coloured by their own status', async () => {
    const page = await app.newPage({ width: 1920, height: 1080 });
    await page.goto(`${app.origin}/wall?display=${DEMO_DISPLAY_TOKEN}&period=4`);
    const drawn = (prefix: string) => page.waitForFunction((p) => document.querySelector('[data-testid=wall-stage]')?.getAttribute('data-drawn')?.startsWith(p), prefix, { timeout: 60_000 });
    await drawn('51|');
    expect(await page.locator('.wall-header h1').textContent()).toBe('四川省脱贫攻坚作战指挥大屏');
    expect(await page.locator('[data-testid=wall-counties] h2').textContent()).toBe('各市（州）脱贫人口进度（对计划）');
    expect(await page.locator('[data-testid=wall-lagging] h2').textContent()).toBe('滞后区县（脱贫人口）');
    const bars = await page.locator('[data-testid=wall-counties] .wall-bar-row').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-code')));
    expect([...bars].sort()).toEqual(['5104', '5120']);
    // The cities on the map carry the same colour as their bars.
    const barColors = await page.locator('[data-testid=wall-counties] .wall-bar-row').evaluateAll((rows) =>
      Object.fromEntries(rows.map((r) => [r.getAttribute('data-code'), (r.querySelector('.wall-bar-fill') as HTMLElement).style.backgroundColor])));
    const mapColors = await page.evaluate((feature) => {
      const map = (window as unknown as { __map: import('maplibre-gl').Map }).__map;
      const hex = (c: string) => `rgb(${parseInt(c.slice(1, 3), 16)}, ${parseInt(c.slice(3, 5), 16)}, ${parseInt(c.slice(5, 7), 16)})`;
      return Object.fromEntries(['5104', '5120'].map((code) => [code, hex(String(map.getFeatureState({ ...feature, id: code }).color))]));
    }, AREA_FEATURE.city);
    expect(mapColors).toEqual(barColors);
    await page.screenshot({ path: join(artifactsDir, 'province-wall.png') });
    // The next stop is a city, its counties coloured, the caption naming the province above it.
    await page.waitForFunction(() => /^51\d\d\|/.test(document.querySelector('[data-testid=wall-stage]')?.getAttribute('data-drawn') ?? ''), null, { timeout: 60_000 });
    const city = (await page.locator('[data-testid=wall-stage]').getAttribute('data-drawn'))!.split('|')[0];
    expect(['5104', '5120']).toContain(city);
    expect(await page.locator('.wall-caption-path').textContent()).toBe('四川省 › ');
    await page.screenshot({ path: join(artifactsDir, 'province-wall-city.png') });
    expect(errors).toEqual([]);
    await page.context().close();
  }, 120_000);

  it('reviews the province: its cities and counties ranked and mapped, its villages a city at a time', async () => {
    const page = await app.newPage();
    const reviewAsks: string[] = [];
    page.on('request', (r) => r.url().includes('/api/review?') && reviewAsks.push(new URL(r.url()).search));
    await page.goto(`${app.origin}/review?level=county&indicator=people_lifted`);
    const rows = () => page.locator('[data-testid=review-table] tbody tr[data-code]').evaluateAll((tr) => tr.map((r) => r.getAttribute('data-code')!));
    await expect.poll(rows, { timeout: 60_000 }).not.toEqual([]);
    const counties = await rows();
    expect(counties.some((c) => c.startsWith('5104')) && counties.some((c) => c.startsWith('5120'))).toBe(true);
    expect(await page.getByTestId('review-level').locator('option').evaluateAll((o) => o.map((x) => x.getAttribute('value')))).toEqual(['city', 'county', 'township', 'village']);
    // The map colours every county by its own status, as the badges do.
    const review = (await app.app.inject({ url: '/api/review?level=county&indicator=people_lifted' })).json() as { areas: { code: string; value: Parameters<typeof figureColor>[0] }[] };
    const expected = Object.fromEntries(review.areas.map((a) => [a.code, figureColor(a.value)]));
    const fills = () => page.evaluate(({ source, codes }) => {
      const map = (document.querySelector('[data-testid=review-map]') as unknown as { __map: import('maplibre-gl').Map }).__map;
      return Object.fromEntries(codes.map((code) => [code, (map.getFeatureState({ ...source, id: code }).color as string | undefined) ?? null]));
    }, { source: AREA_FEATURE.county, codes: Object.keys(expected) });
    await expect.poll(fills, { timeout: 30_000 }).toEqual(expected);
    await expect.poll(() => page.getByTestId('review-map').getAttribute('data-drawn'), { timeout: 30_000 }).toContain('county|');
    await page.screenshot({ path: join(artifactsDir, 'province-review.png'), fullPage: true });
    // A whole province's villages are not listed: the screen asks for a city first, then lists that city's.
    await page.getByTestId('review-level').selectOption('village');
    await page.getByTestId('review-pick').waitFor();
    expect(reviewAsks.some((q) => q.includes('level=village'))).toBe(false);
    await page.getByTestId('review-county').selectOption('5104');
    await expect.poll(async () => (await rows()).length, { timeout: 60_000 }).toBeGreaterThan(0);
    await expect.poll(async () => (await rows()).every((c) => c.length === 12 && c.startsWith('5104')), { timeout: 60_000 }).toBe(true);
    expect(reviewAsks.filter((q) => q.includes('level=village')).every((q) => q.includes('parent=5104'))).toBe(true);
    // The map draws that city's townships, though their parent is a county, not the city.
    await page.getByTestId('review-level').selectOption('township');
    await expect.poll(() => page.getByTestId('review-map').getAttribute('data-drawn'), { timeout: 30_000 }).toMatch(/^township\|5104\|/);
    const drawn = await page.evaluate((layer) => {
      const map = (document.querySelector('[data-testid=review-map]') as unknown as { __map: import('maplibre-gl').Map }).__map;
      return map.queryRenderedFeatures(undefined, { layers: [layer] }).map((f) => String(f.properties.code));
    }, CHOROPLETH_FILL_IDS.township);
    expect(drawn.length).toBeGreaterThan(0);
    expect(drawn.every((c) => c.startsWith('5104'))).toBe(true);
    expect(errors).toEqual([]);
    await page.context().close();
  }, 120_000);

  it('lets a province inspector list a city\'s exits by village name and draw a county\'s sample, its townships mapped', async () => {
    const page = await app.newPage({ width: 1600, height: 1000 });
    await page.goto(`${app.origin}/integrity?asOf=2018-11-30`);
    await signInOnPage(page, 'inspector.province', 'demo-inspector-2018');
    // The areas are the province's cities and counties, never the whole province; the exits are the chosen one's.
    await page.locator('[data-testid="integrity-area"] option[value="510402"]').waitFor({ state: 'attached', timeout: 30_000 });
    const options = await page.getByTestId('integrity-area').locator('option').evaluateAll((o) => o.map((x) => x.getAttribute('value')!));
    expect(options).toContain('5120');
    expect(options).toContain('510402');
    expect(options).not.toContain('51');
    await page.getByTestId('integrity-area').selectOption('5120');
    const exitRows = page.locator('[data-testid="integrity-exit-table"] tbody tr');
    await expect.poll(() => exitRows.count(), { timeout: 30_000 }).toBeGreaterThan(0);
    await expect.poll(async () => (await exitRows.first().locator('td').nth(2).textContent())?.trim(), { timeout: 30_000 }).toMatch(/^\p{Script=Han}+\s+5120\d{8}$/u);
    await page.getByTestId('integrity-area').selectOption('512021');
    await page.getByTestId('integrity-seed-input').fill('20181130');
    await page.getByTestId('integrity-draw-button').click();
    await page.getByTestId('integrity-summary').waitFor({ timeout: 60_000 });
    await expect.poll(() => page.getByTestId('integrity-map').getAttribute('data-drawn'), { timeout: 30_000 }).toMatch(/^512021\|[1-9]/);
    // Its townships named on the map (a county's, under a province root) and its villages in the visit list.
    const names = await page.evaluate(() => {
      const map = (document.querySelector('[data-testid=integrity-map]') as unknown as { __map: import('maplibre-gl').Map }).__map;
      return map.queryRenderedFeatures(undefined, { layers: ['township-label'] }).map((f) => String(f.properties.code));
    });
    expect(names.length).toBeGreaterThan(3);
    expect(names.every((c) => c.startsWith('512021'))).toBe(true);
    await page.screenshot({ path: join(artifactsDir, 'province-integrity.png') });
    expect(errors).toEqual([]);
    await page.context().close();
  }, 120_000);

  it('plans a park in a county of the province: the county chosen first, its villages drawn and picked by a click', async () => {
    const page = await app.newPage({ width: 1600, height: 1000 });
    const villageAsks: string[] = [];
    page.on('request', (r) => r.url().includes('level=village') && villageAsks.push(new URL(r.url()).search));
    await page.goto(`${app.origin}/planner`);
    await signInOnPage(page, 'admin.province', 'demo-admin-2018');
    await page.locator('[data-testid="planner-county"] option[value="512021"]').waitFor({ state: 'attached', timeout: 30_000 });
    expect(await page.locator('[data-testid="planner-county"] option').first().textContent()).toContain('请选择区县');
    await page.getByTestId('planner-county').selectOption('512021');
    // The county's villages, every one, to pick from.
    const drawnVillages = () => page.evaluate(async (source) => {
      const map = (window as unknown as { __map: import('maplibre-gl').Map }).__map;
      const data = await (map.getSource(source) as import('maplibre-gl').GeoJSONSource | undefined)?.getData();
      return ((data as { features?: { properties: { code: string } }[] } | undefined)?.features ?? []).map((f) => f.properties.code);
    }, SOURCE_IDS.plannerVillages);
    const [{ n }] = await app.app.db.query<{ n: number }>("SELECT count(*)::int AS n FROM areas WHERE level = 'village' AND code LIKE '512021%'");
    await expect.poll(async () => (await drawnVillages()).length, { timeout: 30_000 }).toBe(n);
    expect((await drawnVillages()).every((c) => c.startsWith('512021'))).toBe(true);
    await page.getByTestId('planner-township').selectOption('512021101');
    expect(new URL(page.url()).searchParams.get('scope')).toBe('512021101');
    await page.waitForFunction((layer) => !!(window as unknown as { __map: import('maplibre-gl').Map }).__map.getLayer(layer), PLANNER_LAYER_IDS.pick, { timeout: 30_000 });
    await page.waitForFunction(() => document.querySelector('.map')?.getAttribute('data-loaded')?.includes('village'), undefined, { timeout: 60_000 });
    await page.evaluate(() => new Promise<void>((ok) => {
      const map = (window as unknown as { __map: import('maplibre-gl').Map }).__map;
      map.once('idle', () => ok());
      map.triggerRepaint();
    }));
    const labels = (await app.app.inject({ url: '/api/areas?level=village&parent=512021101&shape=label' })).json() as { features: { properties: { code: string; name: string }; geometry: { coordinates: [number, number] } }[] };
    const village = labels.features[0];
    await clickAt(page, village.geometry.coordinates);
    await expect.poll(() => page.locator('.planner').getAttribute('data-selected'), { timeout: 20_000 }).toBe(village.properties.code);
    expect(await page.getByTestId('planner-selected').textContent()).toBe(village.properties.name);
    // Villages a county or township at a time, never the province's.
    expect(villageAsks.length).toBeGreaterThan(0);
    expect(villageAsks.every((q) => q.includes('within=512021') || q.includes('parent=512021'))).toBe(true);
    await page.screenshot({ path: join(artifactsDir, 'province-planner.png') });
    expect(errors).toEqual([]);
    await page.context().close();
  }, 120_000);

  it('opens a link to an area outside the root on the root, with nothing selected', async () => {
    const page = await app.newPage();
    const asked: string[] = [];
    page.on('request', (r) => asked.push(new URL(r.url()).pathname));
    await page.goto(`${app.origin}/?a=530102`);
    await choropleth(page, 'city||');
    await idle(page);
    expect(await page.locator('[data-testid=breadcrumb]').textContent()).toBe('四川省');
    expect(asked.filter((p) => p.startsWith('/api/areas/530102'))).toEqual([]);
    // Fitted to the province: both cities in view.
    const inView = await page.evaluate(() => {
      const map = (window as unknown as { __map: import('maplibre-gl').Map }).__map;
      const b = map.getBounds();
      return [[101.68, 27.03], [105.05, 30.09]].every(([lon, lat]) => b.contains([lon, lat]));
    });
    expect(inView).toBe(true);
    expect(errors).toEqual([]);
    await page.context().close();
  }, 120_000);

  it('says so in the header when the root cannot be learnt, instead of a blank page', async () => {
    const page = await app.newPage();
    await page.route('**/api/settings', (route) => route.fulfill({ status: 503, contentType: 'application/json', body: JSON.stringify({ statusCode: 503, error: 'Service Unavailable', message: 'the database is starting' }) }));
    await page.goto(`${app.origin}/`);
    await page.locator('.load-error').waitFor({ timeout: 30_000 });
    expect((await page.locator('.load-error').textContent())?.length).toBeGreaterThan(0);
    await page.context().close();
    // The refused answers are the console errors expected here; nothing else.
    for (let i = errors.length - 1; i >= 0; i--) if (errors[i].includes('503')) errors.splice(i, 1);
    expect(errors).toEqual([]);
  }, 60_000);
});
