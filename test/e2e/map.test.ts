/**
 * Browser end-to-end test of the client's first screen: serves the client (built once for all
 * browser files by test/globalBuildClient.ts) from the real server (buildApp) on the test
 * database, and drives headless Chromium through playwright-core. Each test opens its own page.
 *
 * Chromium is started with the system's CJK fonts hidden (FONTCONFIG_FILE pointing at a
 * configuration without them) so the test proves the labels render from the self-hosted font.
 */
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Feature, FeatureCollection, MultiPolygon } from 'geojson';
import { buildApp } from '../../server/app.ts';
import type { AreaProperties } from '../../client/api/types.ts';
import { testConfig } from '../helpers/testConfig.ts';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { artifactsDir, checkChromium, clickAt, distDir, haveChromium, launchChromium } from './browser.ts';
import { VILLAGE_LABEL_OFFSET_EM } from '../../client/map/BoundaryLayers.ts';
import { AREA_FEATURE, BOUNDARY_LAYER_IDS, CHOROPLETH_FILL_IDS, DATA_LAYER_IDS, SOURCE_IDS } from '../../client/map/layerIds.ts';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { figureColor, FIXED_BREAKS, NO_DATA_COLOR, VALUE_COLORS, valueColor, valueShare } from '../../server/domain/legend.ts';
import type { ProgressStatus } from '../../server/domain/progressStatus.ts';

checkChromium('map');

const COUNTY_NAMES = ['雁江区', '安岳县', '乐至县'];
const VIEWPORT = { width: 1280, height: 800 };

const LAYERS = BOUNDARY_LAYER_IDS;
const DATA = DATA_LAYER_IDS;

// ---------------------------------------------------------------------------------------------
// The real server (buildApp) on the shared test database, serving the built client.

type AreaProps = AreaProperties;
type Area = Feature<MultiPolygon, AreaProps>;

interface TestServer {
  origin: string;
  /** Paths the browser asked for. */
  requests: string[];
  close: () => Promise<void>;
}

async function startTestServer(): Promise<{ server: TestServer; areas: Area[] }> {
  const app = await buildApp(testConfig({ clientDir: distDir }), { logger: false });
  const requests: string[] = [];
  let recording = false;
  app.addHook('onRequest', async (request) => {
    if (recording) requests.push(request.url);
  });
  const areas: Area[] = [];
  for (const level of ['county', 'township', 'village'] as const) {
    const res = await app.inject({ method: 'GET', url: `/api/areas?level=${level}` });
    areas.push(...(res.json() as FeatureCollection<MultiPolygon, AreaProps>).features);
  }
  recording = true;
  await app.listen({ port: 0, host: '127.0.0.1' });
  const { port } = app.server.address() as AddressInfo;
  return { server: { origin: `http://127.0.0.1:${port}`, requests, close: () => app.close() }, areas };
}

// ---------------------------------------------------------------------------------------------
// Browser helpers.

/** A fontconfig setup with only DejaVu: no system CJK font, so only the web font can draw Chinese. */
function fontconfigWithoutCjk(dir: string): Record<string, string> {
  const dejavu = '/usr/share/fonts/truetype/dejavu';
  if (!existsSync(dejavu)) return {};
  const file = join(dir, 'fonts.conf');
  writeFileSync(
    file,
    `<?xml version="1.0"?>\n<!DOCTYPE fontconfig SYSTEM "fonts.dtd">\n<fontconfig>\n  <dir>${dejavu}</dir>\n  <cachedir>${join(dir, 'cache')}</cachedir>\n</fontconfig>\n`,
  );
  return { FONTCONFIG_FILE: file };
}

/** Resolves once the map has rendered everything it has data for. */
function waitForIdle(page: Page): Promise<void> {
  return page.evaluate(
    () =>
      new Promise<void>((ok) => {
        const map = (window as unknown as { __map: import('maplibre-gl').Map }).__map;
        map.once('idle', () => ok());
        map.triggerRepaint();
      }),
  );
}

async function renderedLabels(page: Page, layer: string): Promise<string[]> {
  return page.evaluate((layerId) => {
    const map = (window as unknown as { __map: import('maplibre-gl').Map }).__map;
    return map.queryRenderedFeatures({ layers: [layerId] }).map((f) => String(f.properties.label));
  }, layer);
}

async function renderedCount(page: Page, layer: string): Promise<number> {
  return page.evaluate((layerId) => {
    const map = (window as unknown as { __map: import('maplibre-gl').Map }).__map;
    return map.queryRenderedFeatures({ layers: [layerId] }).length;
  }, layer);
}

async function jumpTo(page: Page, center: [number, number], zoom: number): Promise<void> {
  await page.evaluate(
    ({ center, zoom }) => {
      const map = (window as unknown as { __map: import('maplibre-gl').Map }).__map;
      map.jumpTo({ center, zoom });
    },
    { center, zoom },
  );
  await waitForIdle(page);
}


/** Waits until the app reports the choropleth `level|parent|indicator|mode|date` drawn, then for the map to idle. */
async function waitForChoropleth(page: Page, match: (shown: string) => boolean): Promise<string> {
  let shown = '';
  await expect
    .poll(async () => {
      shown = (await page.getAttribute('.app', 'data-choropleth')) ?? '';
      return match(shown);
    }, { timeout: 20_000 })
    .toBe(true);
  await waitForIdle(page);
  return shown;
}

/** The feature-state fill colour of each given area. */
async function fillColours(page: Page, level: keyof typeof AREA_FEATURE, codes: string[]): Promise<Record<string, string | null>> {
  return page.evaluate(
    ({ source, codes }) => {
      const map = (window as unknown as { __map: import('maplibre-gl').Map }).__map;
      const out: Record<string, string | null> = {};
      for (const code of codes) out[code] = (map.getFeatureState({ ...source, id: code }).color as string | undefined) ?? null;
      return out;
    },
    { source: AREA_FEATURE[level], codes },
  );
}

/** Waits for the map to finish any camera animation and render. */
async function settle(page: Page): Promise<void> {
  await page.waitForFunction(() => !(window as unknown as { __map: import('maplibre-gl').Map }).__map.isMoving());
  await waitForIdle(page);
}

// ---------------------------------------------------------------------------------------------

describe.skipIf(!haveChromium)('client first screen in headless Chromium', () => {
  // The server and the browser are the file's; each test has a context of its own and opens the
  // URL state it needs, so that it passes alone and in any order.
  let server: TestServer;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let areas: Area[];
  let fontDir: string;
  const allRequests: string[] = [];
  const foreignRequests: string[] = [];
  const consoleErrors: string[] = [];
  let foreignBefore = 0;
  let errorsBefore = 0;

  const watchErrors = (p: Page) => {
    p.on('console', (message) => {
      if (message.type() === 'error') consoleErrors.push(message.text());
    });
    p.on('pageerror', (error) => consoleErrors.push(String(error)));
  };

  /** A fresh page on the map at `search` (a query string), once its boundaries are drawn. */
  const openMap = async (search = ''): Promise<Page> => {
    const p = await context.newPage();
    watchErrors(p);
    await p.goto(`${server.origin}/${search}`, { waitUntil: 'load' });
    await p.waitForFunction(
      () => document.querySelector('.map')?.getAttribute('data-loaded') === 'county township village',
      undefined,
      { timeout: 60_000 },
    );
    await waitForIdle(p);
    return p;
  };

  beforeAll(async () => {
    ({ server, areas } = await startTestServer());
    mkdirSync(artifactsDir, { recursive: true });
    fontDir = mkdtempSync(join(tmpdir(), 'e2e-fonts-'));
    browser = await launchChromium(fontconfigWithoutCjk(fontDir));
  });

  beforeEach(async () => {
    context = await browser.newContext({ viewport: VIEWPORT, deviceScaleFactor: 1, locale: 'zh-CN' });
    const origin = server.origin;
    context.on('request', (request) => {
      const url = request.url();
      allRequests.push(url);
      const own = url.startsWith(`${origin}/`) || url.startsWith(`blob:${origin}/`) || url.startsWith('data:');
      if (!own) foreignRequests.push(url);
    });
    // Block, rather than wait on, anything that would leave the machine.
    await context.route(
      (url) => url.origin !== origin && url.protocol !== 'data:' && url.protocol !== 'blob:',
      (route) => route.abort('blockedbyclient'),
    );
    foreignBefore = foreignRequests.length;
    errorsBefore = consoleErrors.length;
  });

  afterEach(async () => {
    await context?.close();
    // Each test on its own: no other host asked, no console error.
    expect(foreignRequests.slice(foreignBefore)).toEqual([]);
    expect(consoleErrors.slice(errorsBefore)).toEqual([]);
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    if (fontDir) rmSync(fontDir, { recursive: true, force: true });
  });

  it('draws the map on a WebGL canvas, fitted to the city', async () => {
    page = await openMap();
    const result = await page.evaluate(
      () =>
        new Promise<{ webgl: boolean; width: number; height: number; nonBackground: number; colours: number; zoom: number; bounds: number[] }>((ok) => {
          const map = (window as unknown as { __map: import('maplibre-gl').Map }).__map;
          const canvas = map.getCanvas();
          const gl = (canvas.getContext('webgl2') ?? canvas.getContext('webgl')) as WebGLRenderingContext | null;
          map.once('render', () => {
            const b = map.getBounds();
            const out = { webgl: !!gl, width: canvas.width, height: canvas.height, nonBackground: 0, colours: 0, zoom: map.getZoom(), bounds: [b.getWest(), b.getSouth(), b.getEast(), b.getNorth()] };
            if (gl) {
              const pixels = new Uint8Array(canvas.width * canvas.height * 4);
              gl.readPixels(0, 0, canvas.width, canvas.height, gl.RGBA, gl.UNSIGNED_BYTE, pixels);
              const colours = new Set<number>();
              const [br, bg, bb] = [0xdd, 0xe5, 0xea]; // mapColors.background
              for (let i = 0; i < pixels.length; i += 4) {
                const r = pixels[i], g = pixels[i + 1], bl = pixels[i + 2];
                if (Math.abs(r - br) + Math.abs(g - bg) + Math.abs(bl - bb) > 12) out.nonBackground++;
                colours.add((r << 16) | (g << 8) | bl);
              }
              out.colours = colours.size;
            }
            ok(out);
          });
          map.triggerRepaint();
        }),
    );
    await page.screenshot({ path: join(artifactsDir, 'map-city.png') });
    expect(result.webgl).toBe(true);
    expect(result.width).toBeGreaterThan(0);
    const share = result.nonBackground / (result.width * result.height);
    expect(share, 'share of pixels drawn over the background').toBeGreaterThan(0.15);
    expect(result.colours).toBeGreaterThan(20);
    // Fitted to the city: every county's label point is inside the view.
    for (const county of areas.filter((a) => a.properties.level === 'county')) {
      const { labelLon, labelLat } = county.properties;
      expect(labelLon).toBeGreaterThan(result.bounds[0]);
      expect(labelLon).toBeLessThan(result.bounds[2]);
      expect(labelLat).toBeGreaterThan(result.bounds[1]);
      expect(labelLat).toBeLessThan(result.bounds[3]);
    }
    expect(result.zoom).toBeGreaterThan(7);
    expect(result.zoom).toBeLessThan(9.5);
  });

  it('places the three county labels, and no village labels at city zoom', async () => {
    page = await openMap();
    const counties = await renderedLabels(page, LAYERS.countyLabel);
    expect(new Set(counties)).toEqual(new Set(COUNTY_NAMES));
    expect(await renderedCount(page, LAYERS.villageLabel)).toBe(0);
    expect(await renderedCount(page, LAYERS.villageLine)).toBe(0);
    expect(await renderedCount(page, LAYERS.countyLine)).toBeGreaterThan(0);
    expect(await renderedCount(page, LAYERS.povertyFill)).toBeGreaterThan(0);
  });

  it('draws labels with real characters from the self-hosted font, not boxes', async () => {
    page = await openMap();
    const result = await page.evaluate(() => {
      const draw = (text: string): string => {
        const canvas = document.createElement('canvas');
        canvas.width = 160;
        canvas.height = 48;
        const ctx = canvas.getContext('2d')!;
        ctx.font = '32px "Noto Sans SC"';
        ctx.textBaseline = 'top';
        ctx.fillStyle = '#000';
        ctx.fillText(text, 4, 4);
        return canvas.toDataURL();
      };
      const missing = '\u{10FFFD}\u{10FFFD}\u{10FFFD}'; // a codepoint no font has: tofu
      const map = (window as unknown as { __map: import('maplibre-gl').Map }).__map;
      // MapLibre's locally rasterized glyphs (internal, but the only place to look at them).
      const manager = (map as unknown as { style: { glyphManager: { entries: Record<string, { glyphs: Record<string, Record<string, { bitmap: { data: Uint8Array } } | null>> }> } } }).style.glyphManager;
      const stack = Object.keys(manager.entries).find((key) => key.includes('Noto Sans SC'));
      const glyphs = stack ? manager.entries[stack].glyphs.default ?? {} : {};
      const sum = (data?: Uint8Array) => (data ? data.reduce((a, b) => a + b, 0) : 0);
      const same = (a?: Uint8Array, b?: Uint8Array) => !!a && !!b && a.length === b.length && a.every((v, i) => v === b[i]);
      const g1 = glyphs['雁']?.bitmap.data;
      const g2 = glyphs['江']?.bitmap.data;
      return {
        check: document.fonts.check('16px "Noto Sans SC"', '雁江区安岳县乐至县'),
        loadedFaces: [...document.fonts].filter((f) => f.family.replace(/["']/g, '') === 'Noto Sans SC' && f.status === 'loaded').length,
        labelDiffersFromTofu: draw('雁江区') !== draw(missing),
        distinctCharactersDiffer: draw('雁') !== draw('江'),
        stack,
        glyphInkYan: sum(g1),
        glyphInkJiang: sum(g2),
        glyphsIdentical: same(g1, g2),
      };
    });
    expect(result.check).toBe(true);
    expect(result.loadedFaces).toBeGreaterThan(0);
    expect(result.labelDiffersFromTofu).toBe(true);
    expect(result.distinctCharactersDiffer).toBe(true);
    // The map's own glyphs for 雁 and 江 exist, have ink, and differ (boxes would be identical).
    expect(result.stack).toBeTruthy();
    expect(result.glyphInkYan).toBeGreaterThan(0);
    expect(result.glyphInkJiang).toBeGreaterThan(0);
    expect(result.glyphsIdentical).toBe(false);
  });

  it('shows township lines and labels from the middle zoom', async () => {
    page = await openMap();
    const county = areas.find((a) => a.properties.code === '512002') ?? areas.find((a) => a.properties.level === 'county')!;
    await jumpTo(page, [county.properties.labelLon, county.properties.labelLat], 10);
    await page.screenshot({ path: join(artifactsDir, 'map-township.png') });
    expect(await renderedCount(page, LAYERS.townshipLine)).toBeGreaterThan(0);
    const townships = await renderedLabels(page, LAYERS.townshipLabel);
    expect(townships.length).toBeGreaterThan(2);
    const townshipNames = new Set(areas.filter((a) => a.properties.level === 'township').map((a) => a.properties.shortName || a.properties.name));
    for (const name of townships) expect(townshipNames.has(name)).toBe(true);
    expect(await renderedCount(page, LAYERS.villageLabel)).toBe(0);
  });

  it('shows village lines and names when zoomed in to a village', async () => {
    page = await openMap();
    // A poverty village whose label is not crowded by a township's (townships win collisions).
    const townships = areas.filter((a) => a.properties.level === 'township');
    const villages = areas.filter((a) => a.properties.level === 'village');
    const uncrowded = (v: Area) =>
      townships.every((t) => Math.hypot(t.properties.labelLon - v.properties.labelLon, t.properties.labelLat - v.properties.labelLat) > 0.03);
    const village = villages.find((v) => v.properties.poverty && uncrowded(v)) ?? villages.find(uncrowded) ?? villages[0];
    await jumpTo(page, [village.properties.labelLon, village.properties.labelLat], 11.8);
    await page.screenshot({ path: join(artifactsDir, 'map-village.png') });
    expect(await renderedCount(page, LAYERS.villageLine)).toBeGreaterThan(0);
    const labels = await renderedLabels(page, LAYERS.villageLabel);
    expect(labels.length).toBeGreaterThan(2);
    expect(labels).toContain(village.properties.shortName || village.properties.name);
    // Labels do not collide: the placed labels' text boxes (at their smallest size) do not overlap.
    const overlaps = await page.evaluate(({ layerIds, minSize, villageLayer, villageOffset }) => {
      const map = (window as unknown as { __map: import('maplibre-gl').Map }).__map;
      const boxes = map.queryRenderedFeatures({ layers: layerIds }).map((f) => {
        const p = map.project((f.geometry as GeoJSON.Point).coordinates as [number, number]);
        const size = minSize[f.layer.id] ?? 11;
        // MapLibre wraps text longer than 10 em (text-max-width) onto balanced lines.
        const n = [...String(f.properties.label)].length;
        const lines = Math.ceil(n / 10);
        const w = Math.ceil(n / lines) * size * 0.9;
        const h = (lines * 1.2 - 0.3) * size;
        // Village names hang below their point (anchor top, offset in ems), clear of the household circle.
        // The offset is in ems of the size drawn at this zoom (text-size 12 at zoom 11 → 15 at 15).
        const drawn = 12 + Math.min(1, Math.max(0, (map.getZoom() - 11) / 4)) * 3;
        const top = f.layer.id === villageLayer ? p.y + villageOffset * drawn : p.y - h / 2;
        return { x0: p.x - w / 2, x1: p.x + w / 2, y0: top, y1: top + h, label: String(f.properties.label) };
      });
      const hits: string[] = [];
      for (let i = 0; i < boxes.length; i++)
        for (let j = i + 1; j < boxes.length; j++) {
          const a = boxes[i], b = boxes[j];
          if (a.x0 < b.x1 && b.x0 < a.x1 && a.y0 < b.y1 && b.y0 < a.y1) hits.push(`${a.label}/${b.label}`);
        }
      return hits;
    }, {
      layerIds: [LAYERS.countyLabel, LAYERS.townshipLabel, LAYERS.villageLabel],
      minSize: { [LAYERS.countyLabel]: 16, [LAYERS.townshipLabel]: 13, [LAYERS.villageLabel]: 12 } as Record<string, number>,
      villageLayer: LAYERS.villageLabel,
      villageOffset: VILLAGE_LABEL_OFFSET_EM,
    });
    expect(overlaps).toEqual([]);
  });

  it('shows the synthetic-data notice and the title', async () => {
    page = await openMap();
    const notice = page.getByText('演示数据：乡镇村边界及户、项目数据为合成数据');
    await expect.poll(() => notice.isVisible()).toBe(true);
    const title = page.getByRole('heading', { level: 1 });
    expect(await title.textContent()).toBe('攻坚图 · 资阳市精准脱贫攻坚作战图');
    await page.screenshot({ path: join(artifactsDir, 'header.png'), clip: { x: 0, y: 0, width: VIEWPORT.width, height: 80 } });
  });


  // ---- Indicator choropleth, drill-down, time and shareable URL ------------------------------

  // Value mode in blues, lag by status (server/domain/legend.ts).
  const SEQUENTIAL: string[] = [...VALUE_COLORS];
  const NO_DATA: string = NO_DATA_COLOR;
  const ANYUE = '512021';

  /** A fresh page with 安岳县 selected (fitted to it) at `date`, its townships coloured. */
  const openAnyue = async (date = '2018-11-30'): Promise<Page> => {
    const p = await openMap(`?a=${ANYUE}${date === '2018-11-30' ? '' : `&d=${date}`}`);
    await waitForChoropleth(p, (s) => s === `township|${ANYUE}|people_lifted|value|${date}`);
    await settle(p);
    return p;
  };

  interface ProgressBody { areas: { code: string; indicators: Record<string, { value: number | null; target: number | null; lagShare: number | null; status: string | null }> }[] }
  interface IndicatorBody { indicators: { key: string; kind: string; higherIsBetter: boolean }[] }
  const api = async <T,>(path: string): Promise<T> => (await fetch(`${server.origin}${path}`)).json() as Promise<T>;
  /** The order of areas by an indicator's value/target (what the value mode colours). */
  function rankOrder(body: ProgressBody, key: string, kind: string): string {
    const metric = (a: ProgressBody['areas'][number]) => {
      const e = a.indicators[key];
      if (!e || e.value === null) return -Infinity;
      return kind === 'share' ? e.value : e.target ? e.value / e.target : -Infinity;
    };
    return [...body.areas].sort((a, b) => metric(a) - metric(b)).map((a) => a.code).join(',');
  }

  it('colours the counties by the chosen indicator, with a legend of classes and no data', async () => {
    page = await openMap();
    await jumpTo(page, [105.05, 30.1], 8.3);
    const shown = await waitForChoropleth(page, (s) => s === 'county||people_lifted|value|2018-11-30');
    expect(shown).toBe('county||people_lifted|value|2018-11-30');
    expect(await page.inputValue('[data-testid="indicator-select"]')).toBe('people_lifted');
    expect(await page.inputValue('[data-testid="date-input"]')).toBe('2018-11-30');
    const counties = areas.filter((a) => a.properties.level === 'county').map((a) => a.properties.code);
    const before = await fillColours(page, 'county', counties);
    for (const code of counties) expect(SEQUENTIAL.concat(NO_DATA)).toContain(before[code]);
    expect(await renderedCount(page, CHOROPLETH_FILL_IDS.county)).toBeGreaterThan(0);
    const legendItems = page.locator('[data-testid="choropleth-legend"] li');
    expect(await legendItems.count()).toBeGreaterThanOrEqual(2);
    expect(await legendItems.last().textContent()).toContain('无数据');
    await page.screenshot({ path: join(artifactsDir, 'choropleth-city.png') });

    // Another indicator whose county order differs, so the class colours must change.
    const catalogue = await api<IndicatorBody>('/api/indicators');
    const body = await api<ProgressBody>('/api/progress?level=county&asOf=2018-11-30');
    const base = rankOrder(body, 'people_lifted', 'count');
    const complete = (key: string) => body.areas.every((a) => a.indicators[key]?.value != null && a.indicators[key]?.status != null);
    const other = catalogue.indicators.find((i) => i.key !== 'people_lifted' && complete(i.key) && rankOrder(body, i.key, i.kind) !== base) ?? catalogue.indicators[1];
    const legendBefore = await page.locator('[data-testid="choropleth-legend"]').textContent();
    await page.selectOption('[data-testid="indicator-select"]', other.key);
    await waitForChoropleth(page, (s) => s === `county||${other.key}|value|2018-11-30`);
    const after = await fillColours(page, 'county', counties);
    const legendAfter = await page.locator('[data-testid="choropleth-legend"]').textContent();
    // The fixed 20 % steps: the same legend for every indicator, each county in its value's class.
    expect(legendAfter).toBe(legendBefore);
    for (const a of body.areas) {
      const e = a.indicators[other.key];
      expect(after[a.code]).toBe(valueColor(valueShare(e ?? undefined, other.kind as 'count' | 'share'), FIXED_BREAKS));
    }
    await page.screenshot({ path: join(artifactsDir, 'choropleth-city-other-indicator.png') });

    // Lag mode: each county in the colour of its status.
    await page.check('input[name="mode"][value="lag"]');
    await waitForChoropleth(page, (s) => s === `county||${other.key}|lag|2018-11-30`);
    const lag = await fillColours(page, 'county', counties);
    for (const a of body.areas) expect(lag[a.code]).toBe(figureColor(a.indicators[other.key] as { status: ProgressStatus | null; lagShare: number | null }));
    await page.screenshot({ path: join(artifactsDir, 'choropleth-city-lag.png') });
    expect(new URL(page.url()).searchParams.get('m')).toBe('lag');

    await page.check('input[name="mode"][value="value"]');
    await page.selectOption('[data-testid="indicator-select"]', 'people_lifted');
    await waitForChoropleth(page, (s) => s === 'county||people_lifted|value|2018-11-30');
  });

  it('drills down from a county to its townships and a township to its villages', async () => {
    // From the city at the zoom the indicator test looks at.
    page = await openMap();
    await jumpTo(page, [105.05, 30.1], 8.3);
    await waitForChoropleth(page, (s) => s === 'county||people_lifted|value|2018-11-30');
    const county = areas.find((a) => a.properties.code === ANYUE)!;
    await clickAt(page, [county.properties.labelLon, county.properties.labelLat]);
    await waitForChoropleth(page, (s) => s === `township|${ANYUE}|people_lifted|value|2018-11-30`);
    await settle(page);
    await expect.poll(() => page.locator('[data-testid="breadcrumb"]').textContent()).toBe('资阳市 › 安岳县');
    const panel = page.locator('[data-testid="area-panel"]');
    expect(await panel.locator('h2').textContent()).toBe('安岳县');
    await expect.poll(() => panel.locator('tbody tr').count()).toBeGreaterThan(3);
    const row = panel.locator('tr[data-indicator="people_lifted"] td');
    await expect.poll(() => row.count()).toBe(5);
    expect(await row.nth(1).textContent()).toMatch(/^[\d,]+$/);
    await expect.poll(() => panel.locator('polyline.trend-planned').count()).toBe(1);
    expect(await panel.locator('polyline.trend-actual').count()).toBe(1);
    // Zoomed to the county; only its townships are coloured.
    const zoom = await page.evaluate(() => (window as unknown as { __map: import('maplibre-gl').Map }).__map.getZoom());
    expect(zoom).toBeGreaterThan(8.5);
    const rendered = await page.evaluate((layer) => {
      const map = (window as unknown as { __map: import('maplibre-gl').Map }).__map;
      return map.queryRenderedFeatures({ layers: [layer] }).map((f) => String(f.properties.parent));
    }, CHOROPLETH_FILL_IDS.township);
    expect(rendered.length).toBeGreaterThan(3);
    expect(new Set(rendered)).toEqual(new Set([ANYUE]));
    expect(new URL(page.url()).searchParams.get('a')).toBe(ANYUE);
    await page.screenshot({ path: join(artifactsDir, 'drill-county.png') });

    // A township of it whose label point is in the open part of the map (not under the panels).
    const points = await page.evaluate((towns) => {
      const map = (window as unknown as { __map: import('maplibre-gl').Map }).__map;
      return towns.map((t) => ({ ...t, p: map.project([t.lon, t.lat]) }));
    }, areas.filter((a) => a.properties.level === 'township' && a.properties.parent === ANYUE).map((a) => ({ code: a.properties.code, name: a.properties.name, lon: a.properties.labelLon, lat: a.properties.labelLat })));
    const town = points.find((t) => t.p.x > 320 && t.p.x < VIEWPORT.width - 400 && t.p.y > 120 && t.p.y < VIEWPORT.height - 80)!;
    expect(town).toBeTruthy();
    await clickAt(page, [town.lon, town.lat]);
    await waitForChoropleth(page, (s) => s === `village|${town.code}|people_lifted|value|2018-11-30`);
    await settle(page);
    await expect.poll(() => page.locator('[data-testid="breadcrumb"]').textContent()).toBe(`资阳市 › 安岳县 › ${town.name}`);
    expect(await panel.locator('h2').textContent()).toBe(town.name);
    expect(await renderedCount(page, CHOROPLETH_FILL_IDS.village)).toBeGreaterThan(2);
    await page.screenshot({ path: join(artifactsDir, 'drill-township.png') });

    // The breadcrumb goes back up.
    await page.locator('[data-testid="breadcrumb"] button', { hasText: '安岳县' }).click();
    await waitForChoropleth(page, (s) => s === `township|${ANYUE}|people_lifted|value|2018-11-30`);
    await settle(page);
    expect(await panel.locator('h2').textContent()).toBe('安岳县');
  });

  it('shows what lies inside the selected area and its children behind plan, which can be opened', async () => {
    page = await openAnyue();
    const panel = page.locator('[data-testid="area-panel"]');
    expect(await panel.locator('h2').textContent()).toBe('安岳县');
    const contents = (await (await fetch(`${server.origin}/api/areas/${ANYUE}/contents?asOf=2018-11-30`)).json()) as {
      villages: number; povertyVillages: { total: number; exited: number }; households: { total: number; scattered: number }; parks: number; projects: { total: number };
    };
    const count = (key: string) => panel.locator(`[data-testid="area-contents"] [data-count="${key}"] dd`).textContent();
    await expect.poll(() => count('villages')).toBe(contents.villages.toLocaleString('zh-CN'));
    expect(await count('poverty-villages')).toBe(`${contents.povertyVillages.total}（${contents.povertyVillages.exited}）`);
    expect(await count('households')).toBe(contents.households.total.toLocaleString('zh-CN'));
    expect(await count('scattered')).toBe(contents.households.scattered.toLocaleString('zh-CN'));
    expect(await count('parks')).toBe(String(contents.parks));
    expect(contents.povertyVillages.total).toBeGreaterThan(0);

    const lagging = (await (await fetch(`${server.origin}/api/lagging?level=township&parent=${ANYUE}&indicator=people_lifted&asOf=2018-11-30&limit=5`)).json()) as {
      areas: { code: string; name: string; smallUnit: boolean; value: { status: string | null; lag: number | null } }[];
    };
    const behind = lagging.areas.filter((a) => a.value.status === 'behind' || a.value.status === 'far_behind');
    const list = panel.locator('[data-testid="area-lagging"] button');
    if (behind.length === 0) {
      await expect.poll(() => panel.textContent()).toContain('没有滞后于计划的下级区域');
      return;
    }
    // The server's order, small units apart after the others, each with the lag it is sorted by.
    const main = behind.filter((a) => !a.smallUnit);
    const small = behind.filter((a) => a.smallUnit);
    await expect.poll(() => list.allTextContents()).toEqual(main.map((a) => a.name));
    expect(await panel.locator('[data-testid="area-lagging-small"] button').allTextContents()).toEqual(small.map((a) => a.name));
    const lags = await panel.locator('[data-testid="area-lag"] .area-lag-value').allTextContents();
    expect(lags).toHaveLength(behind.length);
    for (const text of lags) expect(text).not.toMatch(/[−-]0(?![.\d])/);
    const shownLags = [...main, ...small].map((a) => a.value.lag);
    // Rows with different lags read differently.
    for (let i = 0; i < shownLags.length; i++) {
      for (let j = i + 1; j < shownLags.length; j++) if (shownLags[i] !== shownLags[j]) expect(lags[i]).not.toBe(lags[j]);
    }
    await page.screenshot({ path: join(artifactsDir, 'panel-contents.png') });
    await list.first().click();
    await expect.poll(() => panel.locator('h2').textContent()).toBe(behind[0].name);
    await waitForChoropleth(page, (s) => s === `village|${behind[0].code}|people_lifted|value|2018-11-30`);
    await settle(page);
    await page.locator('[data-testid="breadcrumb"] button', { hasText: '安岳县' }).click();
    await waitForChoropleth(page, (s) => s === `township|${ANYUE}|people_lifted|value|2018-11-30`);
    await settle(page);
  });

  it('names the area under the pointer with its value in a tooltip', async () => {
    page = await openAnyue();
    const towns = areas.filter((a) => a.properties.level === 'township' && a.properties.parent === ANYUE)
      .map((a) => ({ name: a.properties.name, lon: a.properties.labelLon, lat: a.properties.labelLat }));
    // A township label point in the open part of the map with no data feature over it.
    const spot = await page.evaluate(({ towns, width, height, dataLayers }) => {
      const map = (window as unknown as { __map: import('maplibre-gl').Map }).__map;
      const data = dataLayers.filter((id) => map.getLayer(id));
      for (const t of towns) {
        const p = map.project([t.lon, t.lat]);
        if (p.x < 320 || p.x > width - 400 || p.y < 120 || p.y > height - 80) continue;
        const box: [[number, number], [number, number]] = [[p.x - 6, p.y - 6], [p.x + 6, p.y + 6]];
        if (map.queryRenderedFeatures(box, { layers: data }).length > 0) continue;
        const rect = map.getCanvas().getBoundingClientRect();
        return { name: t.name, x: p.x + rect.left, y: p.y + rect.top };
      }
      return null;
    }, { towns, width: VIEWPORT.width, height: VIEWPORT.height, dataLayers: [DATA.householdPoint, DATA.householdCluster, DATA.projectPoint, DATA.projectLine, DATA.parkFill] as string[] });
    expect(spot).not.toBeNull();
    await page.mouse.move(spot!.x, spot!.y);
    const tip = page.locator('[data-testid="map-tooltip"]');
    await expect.poll(() => tip.locator('strong').textContent()).toBe(spot!.name);
    expect(await tip.textContent()).toContain('脱贫人口');
    await page.mouse.move(5, VIEWPORT.height - 5);
  });

  it('follows the date control and the play button', async () => {
    page = await openAnyue();
    await expect.poll(() => page.locator('[data-testid="area-panel"] tr[data-indicator="people_lifted"] td').count()).toBe(5);
    const townships = areas.filter((a) => a.properties.parent === ANYUE).map((a) => a.properties.code);
    const before = await fillColours(page, 'township', townships);
    const legendBefore = await page.locator('[data-testid="choropleth-legend"]').textContent();
    const planned = page.locator('[data-testid="area-panel"] tr[data-indicator="people_lifted"] td').nth(3);
    const plannedBefore = await planned.textContent();
    await page.fill('[data-testid="date-input"]', '2018-03-31');
    await waitForChoropleth(page, (s) => s === `township|${ANYUE}|people_lifted|value|2018-03-31`);
    const after = await fillColours(page, 'township', townships);
    expect(after).not.toEqual(before);
    // One scale for the whole year: the date moves the colours, never the legend.
    expect(await page.locator('[data-testid="choropleth-legend"]').textContent()).toBe(legendBefore);
    await expect.poll(() => planned.textContent()).not.toBe(plannedBefore);
    expect(await page.locator('.area-panel-date').textContent()).toContain('2018-03-31');
    await page.screenshot({ path: join(artifactsDir, 'drill-county-march.png') });

    await page.click('[data-testid="play-button"]');
    await expect.poll(() => page.inputValue('[data-testid="date-input"]'), { timeout: 10_000 }).toBe('2018-04-07');
    await page.click('[data-testid="play-button"]');
    const stoppedAt = await page.inputValue('[data-testid="date-input"]');
    await waitForChoropleth(page, (s) => s.endsWith(`|${stoppedAt}`));
    expect(stoppedAt >= '2018-04-07').toBe(true);
    await page.fill('[data-testid="date-input"]', '2018-06-30');
    await waitForChoropleth(page, (s) => s === `township|${ANYUE}|people_lifted|value|2018-06-30`);
  });

  it('keeps indicator, mode, date, selection and view in the URL and restores them', async () => {
    page = await openAnyue('2018-06-30');
    await page.check('input[name="mode"][value="lag"]');
    await waitForChoropleth(page, (s) => s === `township|${ANYUE}|people_lifted|lag|2018-06-30`);
    await settle(page);
    await expect.poll(() => new URL(page.url()).searchParams.get('m')).toBe('lag');
    const url = new URL(page.url());
    expect(url.searchParams.get('i')).toBe('people_lifted');
    expect(url.searchParams.get('d')).toBe('2018-06-30');
    expect(url.searchParams.get('a')).toBe(ANYUE);
    expect(url.searchParams.get('c')).toMatch(/^\d+\.\d+,\d+\.\d+$/);
    const [lon, lat] = url.searchParams.get('c')!.split(',').map(Number);
    const zoom = Number(url.searchParams.get('z'));
    const colours = await fillColours(page, 'township', areas.filter((a) => a.properties.parent === ANYUE).map((a) => a.properties.code));

    const second = await context.newPage();
    second.on('console', (message) => {
      if (message.type() === 'error') consoleErrors.push(message.text());
    });
    second.on('pageerror', (error) => consoleErrors.push(String(error)));
    try {
      await second.goto(`${server.origin}/?i=people_lifted&m=lag&d=2018-06-30&a=${ANYUE}&c=${lon},${lat}&z=${zoom}`, { waitUntil: 'load' });
      await waitForChoropleth(second, (s) => s === `township|${ANYUE}|people_lifted|lag|2018-06-30`);
      expect(await second.inputValue('[data-testid="indicator-select"]')).toBe('people_lifted');
      expect(await second.inputValue('[data-testid="date-input"]')).toBe('2018-06-30');
      expect(await second.isChecked('input[name="mode"][value="lag"]')).toBe(true);
      await expect.poll(() => second.locator('[data-testid="breadcrumb"]').textContent()).toBe('资阳市 › 安岳县');
      expect(await second.locator('[data-testid="area-panel"] h2').textContent()).toBe('安岳县');
      const view = await second.evaluate(() => {
        const map = (window as unknown as { __map: import('maplibre-gl').Map }).__map;
        return { center: map.getCenter().toArray(), zoom: map.getZoom() };
      });
      expect(view.center[0]).toBeCloseTo(lon, 3);
      expect(view.center[1]).toBeCloseTo(lat, 3);
      expect(view.zoom).toBeCloseTo(zoom, 2);
      expect(await fillColours(second, 'township', Object.keys(colours))).toEqual(colours);
      await second.screenshot({ path: join(artifactsDir, 'restored-from-url.png') });
    } finally {
      await second.close();
    }
  });

  it('opens a URL with only an area fitted to it', async () => {
    const town = areas.find((a) => a.properties.level === 'township' && a.properties.parent === ANYUE)!;
    const third = await context.newPage();
    third.on('console', (message) => {
      if (message.type() === 'error') consoleErrors.push(message.text());
    });
    third.on('pageerror', (error) => consoleErrors.push(String(error)));
    try {
      await third.goto(`${server.origin}/?a=${town.properties.code}`, { waitUntil: 'load' });
      await waitForChoropleth(third, (s) => s === `village|${town.properties.code}|people_lifted|value|2018-11-30`);
      await settle(third);
      await expect.poll(() => third.locator('[data-testid="breadcrumb"]').textContent()).toBe(`资阳市 › 安岳县 › ${town.properties.name}`);
      const view = await third.evaluate(() => {
        const map = (window as unknown as { __map: import('maplibre-gl').Map }).__map;
        return { zoom: map.getZoom(), bounds: map.getBounds().toArray() };
      });
      expect(view.zoom).toBeGreaterThan(10);
      const { labelLon, labelLat } = town.properties;
      expect(labelLon).toBeGreaterThan(view.bounds[0][0]);
      expect(labelLon).toBeLessThan(view.bounds[1][0]);
      expect(labelLat).toBeGreaterThan(view.bounds[0][1]);
      expect(labelLat).toBeLessThan(view.bounds[1][1]);
      await expect.poll(() => new URL(third.url()).searchParams.get('z')).not.toBeNull();
    } finally {
      await third.close();
    }
  });

  it('shows the controls in English with ?lang=en', async () => {
    const english = await context.newPage();
    english.on('console', (message) => {
      if (message.type() === 'error') consoleErrors.push(message.text());
    });
    english.on('pageerror', (error) => consoleErrors.push(String(error)));
    try {
      await english.goto(`${server.origin}/?lang=en`, { waitUntil: 'load' });
      await waitForChoropleth(english, (s) => s.startsWith('county||'));
      expect(await english.locator('[data-testid="breadcrumb"]').textContent()).toBe('Ziyang City');
      expect(await english.locator('[data-testid="choropleth-legend"] li').last().textContent()).toContain('No data');
      expect(await english.locator('[data-testid="play-button"]').textContent()).toBe('Play');
      expect(await english.locator('[data-testid="indicator-select"] option').first().textContent()).toBe('People lifted out of poverty');
      // Switching back to Chinese keeps the state.
      await english.selectOption('[data-testid="indicator-select"]', 'households_exited');
      await waitForChoropleth(english, (s) => s === 'county||households_exited|value|2018-11-30');
      await english.click('.language-switch');
      await english.waitForURL(/lang=zh/);
      await waitForChoropleth(english, (s) => s === 'county||households_exited|value|2018-11-30');
      expect(await english.locator('[data-testid="breadcrumb"]').textContent()).toBe('资阳市');
    } finally {
      await english.close();
    }
  });

  describe('data layers and search', () => {
    const GROUPS: Record<string, string[]> = {
      poverty: [LAYERS.povertyFill],
      households: [DATA.householdCluster, DATA.householdPoint],
      parks: [DATA.parkFill, DATA.parkLine],
      projects: [DATA.projectPoint, DATA.projectLine],
    };
    let layersPage: Page;

    const visibility = (id: string) =>
      layersPage.evaluate((layerId) => {
        const map = (window as unknown as { __map: import('maplibre-gl').Map }).__map;
        return map.getLayoutProperty(layerId, 'visibility') ?? 'visible';
      }, id);
    const rendered = async (ids: string[]) => {
      let total = 0;
      for (const id of ids) total += await renderedCount(layersPage, id);
      return total;
    };
    const openPage = async (search: string) => {
      const p = await context.newPage();
      p.on('console', (message) => {
        if (message.type() === 'error') consoleErrors.push(message.text());
      });
      p.on('pageerror', (error) => consoleErrors.push(String(error)));
      await p.goto(`${server.origin}/${search}`, { waitUntil: 'load' });
      // The data of the layers switched on (poverty villages come with the boundaries); the others
      // are fetched when switched on.
      const on = (new URLSearchParams(search).get('l') ?? 'poverty,households').split(',').filter((k) => k !== 'poverty');
      await p.waitForFunction(
        (keys) => {
          const loaded = (document.querySelector('.app')?.getAttribute('data-layers-loaded') ?? '').split(' ');
          return document.querySelector('.map')?.getAttribute('data-loaded') === 'county township village' && keys.every((k) => loaded.includes(k));
        },
        on,
        { timeout: 60_000 },
      );
      await waitForChoropleth(p, (s) => s.startsWith('county||'));
      return p;
    };

    it('shows poverty villages and households by default, parks and projects off', async () => {
      layersPage = await openPage('');
      for (const [key, ids] of Object.entries(GROUPS)) {
        const on = key === 'poverty' || key === 'households';
        expect(await layersPage.isChecked(`[data-testid="layer-toggle-${key}"]`), key).toBe(on);
        for (const id of ids) expect(await visibility(id), id).toBe(on ? 'visible' : 'none');
      }
      expect(await rendered(GROUPS.poverty)).toBeGreaterThan(0);
      // Clustered at city zoom.
      expect(await renderedCount(layersPage, DATA.householdCluster)).toBeGreaterThan(0);
      expect(await layersPage.locator('[data-testid="legend-households"]').count()).toBe(1);
      expect(await layersPage.locator('[data-testid="legend-parks"]').count()).toBe(0);
    });

    it('toggles each layer, with its legend and the URL following', async () => {
      layersPage = await openPage('');
      // Nothing of a layer that is off is fetched: parks and projects come when switched on.
      expect(await layersPage.locator('.app').getAttribute('data-layers-loaded')).toBe('households');
      for (const key of ['parks', 'projects']) {
        await layersPage.check(`[data-testid="layer-toggle-${key}"]`);
        await layersPage.waitForFunction((k) => document.querySelector('.app')?.getAttribute('data-layers-loaded')?.split(' ').includes(k), key, { timeout: 60_000 });
        await waitForIdle(layersPage);
        for (const id of GROUPS[key]) expect(await visibility(id), id).toBe('visible');
        expect(await rendered(GROUPS[key]), key).toBeGreaterThan(0);
        expect(await layersPage.locator(`[data-testid="legend-${key}"]`).count()).toBe(1);
      }
      await expect.poll(() => new URL(layersPage.url()).searchParams.get('l')).toBe('poverty,households,parks,projects');
      expect(await rendered([DATA.projectPoint])).toBeGreaterThan(0);
      expect(await rendered([DATA.projectLine])).toBeGreaterThan(0);
      expect(await rendered([DATA.parkLabel])).toBeGreaterThan(0);
      await layersPage.screenshot({ path: join(artifactsDir, 'layers.png') });

      // Filtering projects by specialty keeps only that specialty.
      const first = await layersPage.locator('[data-testid="specialty-select"] option').nth(1).getAttribute('value');
      await layersPage.selectOption('[data-testid="specialty-select"]', first!);
      await waitForIdle(layersPage);
      const specialties = await layersPage.evaluate((layers) => {
        const map = (window as unknown as { __map: import('maplibre-gl').Map }).__map;
        return [...new Set(map.queryRenderedFeatures({ layers }).map((f) => f.properties.specialty as number))];
      }, [DATA.projectPoint, DATA.projectLine] as string[]);
      expect(specialties.every((s) => s === Number(first))).toBe(true);
      await expect.poll(() => new URL(layersPage.url()).searchParams.get('s')).toBe(first);
      await layersPage.selectOption('[data-testid="specialty-select"]', '');
      await expect.poll(() => new URL(layersPage.url()).searchParams.get('s')).toBeNull();

      for (const key of Object.keys(GROUPS)) {
        await layersPage.uncheck(`[data-testid="layer-toggle-${key}"]`);
        await waitForIdle(layersPage);
        for (const id of GROUPS[key]) expect(await visibility(id), id).toBe('none');
        expect(await rendered(GROUPS[key]), key).toBe(0);
        expect(await layersPage.locator(`[data-testid="legend-${key}"]`).count()).toBe(0);
      }
      await expect.poll(() => new URL(layersPage.url()).searchParams.get('l')).toBe('');
      for (const key of Object.keys(GROUPS)) {
        await layersPage.check(`[data-testid="layer-toggle-${key}"]`);
        await waitForIdle(layersPage);
        for (const id of GROUPS[key]) expect(await visibility(id), id).toBe('visible');
        expect(await rendered(GROUPS[key]), key).toBeGreaterThan(0);
      }
    });

    it('shows single village points, unclustered, when zoomed in', async () => {
      layersPage = await openPage('');
      const body = (await (await fetch(`${server.origin}/api/households/layer`)).json()) as FeatureCollection<import('geojson').Point, { kind: string; scattered: boolean }>;
      expect(body.features.length).toBeGreaterThan(0);
      expect(body.features.every((f) => f.properties.kind === 'village')).toBe(true);
      const point = body.features[0].geometry.coordinates as [number, number];
      await jumpTo(layersPage, point, 12);
      expect(await renderedCount(layersPage, DATA.householdPoint)).toBeGreaterThan(0);
    });

    it('restores the visible layers from the URL', async () => {
      const restored = await openPage('?l=parks,projects');
      try {
        expect(await restored.isChecked('[data-testid="layer-toggle-poverty"]')).toBe(false);
        expect(await restored.isChecked('[data-testid="layer-toggle-households"]')).toBe(false);
        expect(await restored.isChecked('[data-testid="layer-toggle-parks"]')).toBe(true);
        expect(await restored.isChecked('[data-testid="layer-toggle-projects"]')).toBe(true);
        const vis = await restored.evaluate((ids) => {
          const map = (window as unknown as { __map: import('maplibre-gl').Map }).__map;
          return ids.map((id) => map.getLayoutProperty(id, 'visibility'));
        }, [LAYERS.povertyFill, DATA.householdCluster, DATA.parkFill, DATA.projectPoint] as string[]);
        expect(vis).toEqual(['none', 'none', 'visible', 'visible']);
        expect(new URL(restored.url()).searchParams.get('l')).toBe('parks,projects');
      } finally {
        await restored.close();
      }
    });

    it('finds 乐至县 by search and fits the map to it', async () => {
      layersPage = await openPage('');
      const county = areas.find((a) => a.properties.level === 'county' && a.properties.name === '乐至县')!;
      await layersPage.fill('[data-testid="search-input"]', '乐至');
      const hit = layersPage.locator('[data-testid="search-results"] button[data-type="county"]', { hasText: '乐至县' });
      await hit.first().waitFor({ timeout: 10_000 });
      await hit.first().click();
      await expect.poll(() => layersPage.locator('[data-testid="breadcrumb"]').textContent(), { timeout: 10_000 }).toBe('资阳市 › 乐至县');
      await expect.poll(() => new URL(layersPage.url()).searchParams.get('a')).toBe(county.properties.code);
      await settle(layersPage);
      const view = await layersPage.evaluate(() => {
        const map = (window as unknown as { __map: import('maplibre-gl').Map }).__map;
        return { center: map.getCenter().toArray(), bounds: map.getBounds().toArray() };
      });
      const coords = county.geometry.coordinates.flat(2);
      const bbox = [
        Math.min(...coords.map((c) => c[0])), Math.min(...coords.map((c) => c[1])),
        Math.max(...coords.map((c) => c[0])), Math.max(...coords.map((c) => c[1])),
      ];
      expect(view.center[0]).toBeGreaterThan(bbox[0]);
      expect(view.center[0]).toBeLessThan(bbox[2]);
      expect(view.center[1]).toBeGreaterThan(bbox[1]);
      expect(view.center[1]).toBeLessThan(bbox[3]);
      // The whole county is in view, and the view is not much larger than it.
      expect(view.bounds[0][0]).toBeLessThanOrEqual(bbox[0] + 0.01);
      expect(view.bounds[1][0]).toBeGreaterThanOrEqual(bbox[2] - 0.01);
      expect(view.bounds[0][1]).toBeLessThanOrEqual(bbox[1] + 0.01);
      expect(view.bounds[1][1]).toBeGreaterThanOrEqual(bbox[3] - 0.01);
      expect(view.bounds[1][1] - view.bounds[0][1]).toBeLessThan((bbox[3] - bbox[1]) * 3);
    });
  });

  it('shows a signed-in township clerk the exact points of their own households, and nobody else\'s', async () => {
    const TOWNSHIP = '512021101';
    const clerkContext = await browser.newContext({ viewport: VIEWPORT, deviceScaleFactor: 1, locale: 'zh-CN' });
    clerkContext.on('request', (request) => {
      const url = request.url();
      allRequests.push(url);
      if (!(url.startsWith(`${server.origin}/`) || url.startsWith(`blob:${server.origin}/`) || url.startsWith('data:'))) foreignRequests.push(url);
    });
    await clerkContext.route((url) => url.origin !== server.origin && url.protocol !== 'data:' && url.protocol !== 'blob:', (route) => route.abort('blockedbyclient'));
    const p = await clerkContext.newPage();
    // The one deliberate wrong password below answers 401, which Chromium logs; nothing else may.
    let expect401 = false;
    p.on('console', (message) => {
      if (message.type() !== 'error') return;
      if (expect401 && message.text().includes('status of 401')) expect401 = false;
      else consoleErrors.push(message.text());
    });
    p.on('pageerror', (error) => consoleErrors.push(String(error)));
    // The village counts are a MapLibre source; a clerk's exact points a deck.gl layer's binary columns.
    const householdData = () => p.evaluate(async (source) => {
      const map = (window as unknown as { __map: import('maplibre-gl').Map }).__map;
      const data = (await map.getSource<import('maplibre-gl').GeoJSONSource>(source)!.getData()) as FeatureCollection;
      const deckLayer = window.__deckLayers?.get('households-points') as { props: { points: { properties: Record<string, unknown>[] } } } | null | undefined;
      return [...data.features.map((f) => f.properties as Record<string, unknown>), ...(deckLayer?.props.points.properties ?? [])];
    }, SOURCE_IDS.households);
    try {
      await p.goto(`${server.origin}/`, { waitUntil: 'load' });
      await p.waitForFunction(() => document.querySelector('.app')?.getAttribute('data-layers-loaded')?.includes('households'), undefined, { timeout: 60_000 });
      // Before signing in: village counts only.
      const publicData = await householdData();
      expect(publicData.length).toBeGreaterThan(100);
      expect(publicData.every((f) => f.kind === 'village')).toBe(true);

      await p.getByRole('button', { name: '登录' }).click();
      await p.fill('input[name="username"]', 'clerk.512021101');
      await p.fill('input[name="password"]', 'wrong-password');
      expect401 = true;
      await p.locator('form.sign-in button[type="submit"]').click();
      await expect.poll(() => p.locator('.sign-in-error').textContent()).toContain('用户名或密码错误');
      await p.fill('input[name="password"]', 'demo-clerk-2018');
      await p.locator('form.sign-in button[type="submit"]').click();
      await p.waitForSelector('.app[data-households-for="clerk.512021101"]', { timeout: 20_000 });
      expect(await p.locator('[data-testid="signed-in"]').textContent()).toContain('退出');

      const expected = (await p.evaluate(async (code) => (await (await fetch(`/api/areas/${code}/contents`)).json()).households.total, TOWNSHIP)) as number;
      await expect.poll(async () => (await householdData()).length, { timeout: 20_000 }).toBe(expected);
      const own = await householdData();
      expect(own.every((f) => f.kind === 'household' && String(f.villageCode).startsWith(TOWNSHIP))).toBe(true);
      // No personal field reaches the map, even for the clerk.
      const keys = new Set(own.flatMap((f) => Object.keys(f)));
      for (const personal of ['headName', 'head_name', 'phone', 'name']) expect(keys.has(personal)).toBe(false);

      // Zoomed in, single households are drawn, and the one under the pointer is named.
      const first = await p.evaluate(() => {
        const layer = window.__deckLayers!.get('households-points') as unknown as { props: { points: { positions: Float64Array; properties: { id: string }[] } } };
        return { at: [layer.props.points.positions[0], layer.props.points.positions[1]] as [number, number], id: layer.props.points.properties[0].id };
      });
      await jumpTo(p, first.at, 14);
      const picked = await p.evaluate((at) => {
        const map = (window as unknown as { __map: import('maplibre-gl').Map }).__map;
        const { x, y } = map.project(at);
        const info = window.__deck!.pickObject({ x, y, radius: 2 });
        return { x, y, object: (info?.object ?? null) as { kind: string; id: string } | null };
      }, first.at);
      expect(picked.object?.kind).toBe('household');
      await p.mouse.move(picked.x, picked.y);
      await expect.poll(() => p.locator('[data-testid="map-tooltip"]').textContent()).toContain(picked.object!.id);
      await p.screenshot({ path: join(artifactsDir, 'clerk-households.png') });

      await p.getByRole('button', { name: '退出' }).click();
      await p.waitForSelector('.app[data-households-for=""]', { timeout: 20_000 });
      expect((await householdData()).every((f) => f.kind === 'village')).toBe(true);
    } finally {
      await clerkContext.close();
    }
  });

  it('made no request to any other host', async () => {
    page = await openMap();
    expect(allRequests.length).toBeGreaterThan(3);
    expect(foreignRequests).toEqual([]);
    expect(server.requests.some((path) => path.startsWith('/api/areas?level=village'))).toBe(true);
    expect(consoleErrors).toEqual([]);
  });
});
