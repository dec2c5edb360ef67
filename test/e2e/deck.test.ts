/**
 * deck.gl layers on the map, in headless Chromium (software WebGL): the public households grid and
 * an administrator's 15,000 exact household points, drawn interleaved in MapLibre's own canvas.
 * Each is checked by its pixels (the canvas with the layer against without it), by picking (the
 * object under a point is the one the API gave), and by the tooltip a pointer brings up. The grid
 * is not asked for until it is switched on, its answer arrives compressed, and a repeat with its
 * ETag is a 304. The points stay interactive: a drag pans the map and a hover names a household
 * (frame times are printed; speed is the bench's business, not a test's).
 */
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { artifactsDir, checkChromium, haveChromium, signInOnPage, startBrowserApp, type BrowserApp } from './browser.ts';
import { cellFigures, cellPolygon, type GridRow } from '../../client/map/deck/householdGrid/gridCells.ts';
import { HOUSEHOLD_GRID_LAYER, HOUSEHOLD_POINTS_LAYER } from '../../client/map/deck/layerKeys.ts';

checkChromium('deck');

describe.skipIf(!haveChromium)('deck.gl layers on the map', () => {
  const errors: string[] = [];
  let app: BrowserApp;
  beforeAll(async () => {
    app = await startBrowserApp(errors);
  }, 600_000);
  afterAll(async () => {
    await app?.close();
  });

  const idle = (page: Page) => page.waitForFunction(() => {
    const map = (window as unknown as { __map?: import('maplibre-gl').Map }).__map;
    return !!map && map.loaded() && map.areTilesLoaded() && !map.isMoving();
  }, null, { timeout: 60_000 });

  /** Each pixel of the map's canvas, as 0xRRGGBB, read right after a frame (the buffer is not kept). */
  const pixels = (page: Page) => page.evaluate(() => new Promise<number[]>((ok) => {
    const map = (window as unknown as { __map: import('maplibre-gl').Map }).__map;
    map.once('render', () => {
      const canvas = map.getCanvas();
      const gl = canvas.getContext('webgl2')!;
      const raw = new Uint8Array(canvas.width * canvas.height * 4);
      gl.readPixels(0, 0, canvas.width, canvas.height, gl.RGBA, gl.UNSIGNED_BYTE, raw);
      const out: number[] = [];
      for (let i = 0; i < raw.length; i += 4) out.push((raw[i] << 16) | (raw[i + 1] << 8) | raw[i + 2]);
      ok(out);
    });
    map.triggerRepaint();
  }));
  const changedShare = (a: number[], b: number[]) => a.filter((v, i) => v !== b[i]).length / a.length;

  /** Shows or hides a deck layer as its checkbox would, and waits for the map to draw it. */
  const toggle = async (page: Page, key: string, on: boolean) => {
    const box = page.getByTestId(`layer-toggle-${key}`);
    if ((await box.isChecked()) !== on) await box.click();
    await idle(page);
  };

  it('draws the public households grid only once switched on: compressed, cached, its cells where the API says', async () => {
    const page = await app.newPage();
    const asked: string[] = [];
    const encodings = new Map<string, string>();
    page.on('response', (r) => {
      const u = new URL(r.url());
      if (u.pathname === '/api/households/grid') {
        asked.push(u.search);
        encodings.set(u.search, r.headers()['content-encoding'] ?? '');
      }
    });
    await page.goto(`${app.origin}/`);
    await page.waitForFunction(() => document.querySelector('.app')?.getAttribute('data-layers-loaded')?.includes('households'), null, { timeout: 60_000 });
    await idle(page);
    expect(asked, 'the grid is off: not asked for').toEqual([]);
    const before = await pixels(page);

    await toggle(page, 'grid', true);
    await page.waitForFunction(() => document.querySelector('.app')?.getAttribute('data-layers-loaded')?.includes('grid'), null, { timeout: 60_000 });
    await page.waitForFunction((key) => !!window.__deckLayers?.get(key), HOUSEHOLD_GRID_LAYER, { timeout: 60_000 });
    await idle(page);
    const after = await pixels(page);
    await page.screenshot({ path: join(artifactsDir, 'deck-grid.png') });
    expect(asked.length).toBe(1);
    expect(encodings.get(asked[0])).toMatch(/^(br|gzip)$/);
    const share = changedShare(before, after);
    expect(share, 'share of the canvas the grid recoloured').toBeGreaterThan(0.05);
    await expect.poll(() => page.getByTestId('legend-grid').textContent()).toContain('不足 5 户的格不显示');

    // The cell at the middle of the biggest one's square is the API's, in the tooltip too.
    const body = await page.evaluate(async (search) => (await fetch(`/api/households/grid${search}`)).json(), asked[0]) as { cell: number; cells: GridRow[] };
    const big = body.cells.reduce((a, b) => (b[2] > a[2] ? b : a));
    const ring = cellPolygon(big, body.cell);
    const centre: [number, number] = [(ring[0][0] + ring[2][0]) / 2, (ring[0][1] + ring[2][1]) / 2];
    const at = await page.evaluate((c) => {
      const map = (window as unknown as { __map: import('maplibre-gl').Map }).__map;
      map.jumpTo({ center: c });
      return map.project(c);
    }, centre);
    await idle(page);
    const picked = await page.evaluate(({ x, y }) => window.__deck!.pickObject({ x, y })?.object ?? null, at) as { households: number } | null;
    expect(picked?.households).toBe(cellFigures(big, body.cell).households);
    const box = (await page.locator('.map canvas').boundingBox())!;
    await page.mouse.move(box.x + at.x, box.y + at.y);
    await expect.poll(() => page.getByTestId('map-tooltip').textContent()).toContain(`贫困户 ${big[2].toLocaleString('zh-CN')}`);

    // The browser asks again with the answer's ETag: 304, no body.
    const repeat = await page.evaluate(async (search) => {
      const first = await fetch(`/api/households/grid${search}`, { cache: 'no-store' });
      const tag = first.headers.get('etag')!;
      const again = await fetch(`/api/households/grid${search}`, { cache: 'no-store', headers: { 'If-None-Match': tag } });
      return { tag, status: again.status, length: (await again.text()).length };
    }, asked[0]);
    expect(repeat.tag).toBeTruthy();
    expect(repeat).toMatchObject({ status: 304, length: 0 });

    // Switched off, the cells go (compared at the same view).
    await page.mouse.move(box.x + 2, box.y + box.height - 2);
    const shown = await pixels(page);
    await toggle(page, 'grid', false);
    expect(changedShare(shown, await pixels(page)), 'the grid hidden again').toBeGreaterThan(0.05);
    expect(errors).toEqual([]);
  }, 120_000);

  it('draws an administrator\'s 15,000 exact points, and the map stays interactive under them', async () => {
    const page = await app.newPage();
    await page.goto(`${app.origin}/?l=poverty`);
    await page.waitForFunction(() => document.querySelector('.app')?.getAttribute('data-choropleth')?.startsWith('county'), null, { timeout: 60_000 });
    await signInOnPage(page, 'admin', 'demo-admin-2018');
    await page.waitForSelector('[data-testid="signed-in"]', { timeout: 20_000 });
    await idle(page);
    const before = await pixels(page);
    await toggle(page, 'households', true);
    const total = await page.evaluate(async () => (await (await fetch('/api/households?pageSize=1')).json()).total) as number;
    const length = await page.waitForFunction((key) => {
      const layer = window.__deckLayers?.get(key) as unknown as { props: { points: { length: number } } } | undefined;
      return layer?.props.points.length ?? 0;
    }, HOUSEHOLD_POINTS_LAYER, { timeout: 60_000 }).then((h) => h.jsonValue());
    expect(length).toBeGreaterThanOrEqual(15_000);
    expect(length).toBe(total);
    await idle(page);
    const after = await pixels(page);
    await page.screenshot({ path: join(artifactsDir, 'deck-households-city.png') });
    expect(changedShare(before, after), 'share of the canvas the points cover').toBeGreaterThan(0.05);

    // A drag pans the map (with every point drawn each frame), and frames keep coming.
    const box = (await page.locator('.map canvas').boundingBox())!;
    const start = await page.evaluate(() => (window as unknown as { __map: import('maplibre-gl').Map }).__map.getCenter().toArray());
    const frames = await page.evaluate(() => {
      const map = (window as unknown as { __map: import('maplibre-gl').Map }).__map;
      const times: number[] = [];
      let last = performance.now();
      const onRender = () => {
        const now = performance.now();
        times.push(now - last);
        last = now;
      };
      map.on('render', onRender);
      (window as unknown as { __frames: () => number[] }).__frames = () => (map.off('render', onRender), times);
      return true;
    });
    expect(frames).toBe(true);
    const [cx, cy] = [box.x + box.width * 0.6, box.y + box.height / 2];
    await page.mouse.move(cx, cy);
    await page.mouse.down();
    for (let i = 1; i <= 10; i++) await page.mouse.move(cx - i * 20, cy - i * 10);
    await page.mouse.up();
    await idle(page);
    const times = await page.evaluate(() => (window as unknown as { __frames: () => number[] }).__frames());
    const moved = await page.evaluate(() => (window as unknown as { __map: import('maplibre-gl').Map }).__map.getCenter().toArray());
    expect(moved[0]).toBeGreaterThan(start[0]);
    expect(times.length).toBeGreaterThan(3);
    const sorted = [...times].sort((a, b) => a - b);
    console.log(`deck points: ${length} drawn; ${times.length} frames during the drag, median ${sorted[Math.floor(sorted.length / 2)].toFixed(0)} ms (software WebGL)`);

    // Zoomed to one household, the pointer names it.
    const first = await page.evaluate((key) => {
      const layer = window.__deckLayers!.get(key) as unknown as { props: { points: { positions: Float64Array; properties: { id: string }[] } } };
      return { at: [layer.props.points.positions[0], layer.props.points.positions[1]] as [number, number], id: layer.props.points.properties[0].id };
    }, HOUSEHOLD_POINTS_LAYER);
    const point = await page.evaluate((at) => {
      const map = (window as unknown as { __map: import('maplibre-gl').Map }).__map;
      map.jumpTo({ center: at, zoom: 15 });
      return map.project(at);
    }, first.at);
    await idle(page);
    await page.mouse.move(box.x + point.x, box.y + point.y);
    await expect.poll(() => page.getByTestId('map-tooltip').textContent()).toContain(first.id);
    await page.screenshot({ path: join(artifactsDir, 'deck-households-z15.png') });
    expect(errors).toEqual([]);
  }, 120_000);
});
