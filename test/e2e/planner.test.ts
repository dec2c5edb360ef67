/**
 * Browser test of the park planner (/planner): a planner signs in, builds a 5-village contiguous
 * park by clicking, sees whom it reaches, asks for a better one, saves it and exports it.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import type { Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { artifactsDir, checkChromium, clickAt, haveChromium, signInOnPage, startBrowserApp, type BrowserApp } from './browser.ts';
import { PLANNER_LAYER_IDS } from '../../client/map/layerIds.ts';

checkChromium('planner');

type Db = { query: <T>(sql: string, params?: unknown[]) => Promise<T[]> };
const TOWNSHIP = '512021104';

describe.skipIf(!haveChromium)('the park planner in headless Chromium', () => {
  let app: FastifyInstance;
  let db: Db;
  let origin: string;
  let page: Page;
  let running: BrowserApp | undefined;
  const consoleErrors: string[] = [];

  beforeAll(async () => {
    running = await startBrowserApp(consoleErrors);
    ({ app, origin } = running);
    db = (app as unknown as { db: Db }).db;
  }, 300_000);

  // A fresh page per test: each signs in and opens the planner itself.
  beforeEach(async () => {
    page = await running!.newPage();
  });

  afterEach(async () => {
    await page?.context().close();
  });

  afterAll(async () => {
    await running?.close();
  });

  const clickVillage = (lonLat: [number, number]) => clickAt(page, lonLat);

  /** The planner for the township, signed in as the planner, its villages drawn and clickable. */
  async function openPlanner(): Promise<void> {
    await page.goto(`${origin}/planner?scope=${TOWNSHIP}`);
    await signInOnPage(page, 'planner', 'demo-planner-2018');
    await page.locator('[data-testid="planner-panel"]', { hasText: '点击村庄' }).waitFor({ timeout: 20_000 });
    await page.waitForFunction(() => document.querySelector('.map')?.getAttribute('data-loaded')?.includes('village'), undefined, { timeout: 60_000 });
    await page.waitForFunction((layer) => !!(window as unknown as { __map: import('maplibre-gl').Map }).__map.getLayer(layer), PLANNER_LAYER_IDS.pick, { timeout: 20_000 });
    await page.evaluate(() => new Promise<void>((ok) => {
      const map = (window as unknown as { __map: import('maplibre-gl').Map }).__map;
      map.once('idle', () => ok());
      map.triggerRepaint();
    }));
  }

  it('builds a 5-village contiguous park by clicking, asks for a better one, saves and exports it within a minute', async () => {
    // Five villages of the township that form one connected piece, and one that touches none of them.
    const edges = await db.query<{ a: string; b: string }>(`SELECT a, b FROM village_adjacency WHERE a LIKE $1 || '%' AND b LIKE $1 || '%' ORDER BY a, b`, [TOWNSHIP]);
    const near = (c: string) => edges.flatMap((e) => (e.a === c ? [e.b] : e.b === c ? [e.a] : []));
    const chosen = [edges[0].a];
    while (chosen.length < 5) chosen.push(chosen.flatMap(near).find((c) => !chosen.includes(c))!);
    const points = new Map((await db.query<{ code: string; lon: number; lat: number }>(
      `SELECT code, ST_X(label_point) AS lon, ST_Y(label_point) AS lat FROM areas WHERE code LIKE $1 || '%' AND level = 'village'`, [TOWNSHIP])).map((r) => [r.code, [r.lon, r.lat] as [number, number]]));
    const far = [...points.keys()].find((c) => !chosen.includes(c) && !chosen.some((x) => near(x).includes(c)))!;

    await openPlanner();

    const started = Date.now();
    // Two villages apart: not contiguous, two pieces.
    await clickVillage(points.get(chosen[0])!);
    await clickVillage(points.get(far)!);
    await expect.poll(() => page.locator('[data-testid="planner-contiguity"]').textContent()).toBe('不连片：2 块');
    await expect.poll(() => page.getAttribute('.planner', 'data-contiguous')).toBe('false');
    await clickVillage(points.get(far)!);
    for (const c of chosen.slice(1)) await clickVillage(points.get(c)!);
    await expect.poll(() => page.getAttribute('.planner', 'data-selected')).toBe(chosen.join(','));
    await expect.poll(() => page.getAttribute('.planner', 'data-contiguous')).toBe('true');
    expect(await page.locator('[data-testid="planner-contiguity"]').textContent()).toBe('连片');
    const [{ scattered }] = await db.query<{ scattered: number }>(
      `SELECT count(*)::int AS scattered FROM households h WHERE h.village_code = ANY($1::text[]) AND NOT EXISTS (SELECT 1 FROM poverty_villages p WHERE p.code = h.village_code)`, [chosen]);
    await expect.poll(() => page.locator('[data-testid="planner-measures"] [data-count="scattered"] dd').textContent()).toBe(scattered.toLocaleString('zh-CN'));
    await page.screenshot({ path: join(artifactsDir, 'planner-selection.png') });

    // A better one: the suggestion reaches at least as many (weighted) households.
    await page.getByTestId('planner-suggest').click();
    const list = page.getByTestId('planner-suggestions');
    await list.locator('li').first().waitFor();
    expect(await list.locator('li').first().textContent()).toContain('个相邻村');
    await list.locator('li').first().getByRole('button', { name: '采用' }).click();
    await expect.poll(() => page.getAttribute('.planner', 'data-selected')).not.toBe(chosen.join(','));
    await expect.poll(() => page.getAttribute('.planner', 'data-contiguous')).toBe('true');
    const suggested = (await page.getAttribute('.planner', 'data-selected'))!.split(',');
    expect(suggested.length).toBeLessThanOrEqual(5);
    const reach = async (codes: string[]) => (await db.query<{ s: number }>(
      `SELECT coalesce(sum(CASE WHEN p.code IS NULL THEN 1.5 ELSE 1 END), 0)::float8 AS s FROM households h LEFT JOIN poverty_villages p ON p.code = h.village_code WHERE h.village_code = ANY($1::text[])`, [codes]))[0].s;
    expect(await reach(suggested)).toBeGreaterThanOrEqual(await reach(chosen));

    await page.fill('input[name="name"]', '龙台柠檬产业园');
    await page.fill('input[name="industries"]', '柠檬，生猪');
    await page.getByTestId('planner-save').click();
    const row = page.locator('[data-testid="planner-proposals"] tbody tr', { hasText: '龙台柠檬产业园' });
    await row.waitFor();
    const download = page.waitForEvent('download');
    await row.locator('a[data-format="geojson"]').click();
    const file = await (await download).path();
    const exported = JSON.parse(readFileSync(file, 'utf8'));
    expect(exported.features[0].properties.name).toBe('龙台柠檬产业园');
    expect(exported.features[0].properties.villages.split(',').sort()).toEqual([...suggested].sort());
    const seconds = (Date.now() - started) / 1000;
    console.info(`[e2e] planner: from the first click to the exported file in ${seconds.toFixed(1)} s`);
    expect(seconds).toBeLessThan(60);
    // Approving is the leader's decision: the planner has no such button; the leader approves.
    expect(await row.getByRole('button', { name: '批准' }).count()).toBe(0);
    const leaderPage = await running!.newPage();
    await leaderPage.goto(`${origin}/planner?scope=${TOWNSHIP}`);
    await signInOnPage(leaderPage, 'leader', 'demo-leader-2018');
    const leaderRow = leaderPage.locator('[data-testid="planner-proposals"] tbody tr', { hasText: '龙台柠檬产业园' });
    await leaderRow.getByRole('button', { name: '批准' }).click({ timeout: 30_000 });
    await expect.poll(() => leaderRow.textContent()).toContain('已批准');
    await leaderPage.screenshot({ path: join(artifactsDir, 'planner-proposal.png') });
    await leaderPage.context().close();
    expect(consoleErrors).toEqual([]);
  }, 120_000);

  it('lassoes with Shift + drag: the villages whose label point is inside the ring, without panning the map', async () => {
    await openPlanner();
    const clear = page.getByRole('button', { name: '清空' });
    if (await clear.count()) await clear.click();
    await expect.poll(() => page.getAttribute('.planner', 'data-selected')).toBe('');
    const some = await db.query<{ lon: number; lat: number }>(
      `SELECT ST_X(label_point) AS lon, ST_Y(label_point) AS lat FROM areas WHERE code LIKE $1 || '%' AND level = 'village' ORDER BY code LIMIT 3`, [TOWNSHIP]);
    const box = await page.evaluate((pts) => {
      const map = (window as unknown as { __map: import('maplibre-gl').Map }).__map;
      const xy = pts.map((p) => map.project([p.lon, p.lat]));
      const rect = map.getCanvas().getBoundingClientRect();
      const [x0, x1] = [Math.min(...xy.map((p) => p.x)) - 10, Math.max(...xy.map((p) => p.x)) + 10];
      const [y0, y1] = [Math.min(...xy.map((p) => p.y)) - 10, Math.max(...xy.map((p) => p.y)) + 10];
      const nw = map.unproject([x0, y0]), se = map.unproject([x1, y1]);
      const c = map.getCenter();
      return { x0: x0 + rect.left, x1: x1 + rect.left, y0: y0 + rect.top, y1: y1 + rect.top, west: nw.lng, north: nw.lat, east: se.lng, south: se.lat, center: [c.lng, c.lat] };
    }, some);
    // A screen rectangle is a lon/lat envelope in Web Mercator: PostGIS says which label points it holds.
    const expected = (await db.query<{ code: string }>(
      `SELECT code FROM areas WHERE level = 'village' AND ST_Contains(ST_MakeEnvelope($1, $2, $3, $4, 4326), label_point) ORDER BY code`,
      [box.west, box.south, box.east, box.north])).map((r) => r.code);
    expect(expected.length).toBeGreaterThanOrEqual(3);
    await page.keyboard.down('Shift');
    await page.mouse.move(box.x0, box.y0);
    await page.mouse.down();
    for (const [x, y] of [[box.x1, box.y0], [box.x1, box.y1], [box.x0, box.y1], [box.x0, box.y0]]) await page.mouse.move(x, y, { steps: 6 });
    await page.mouse.up();
    await page.keyboard.up('Shift');
    await expect.poll(() => page.getAttribute('.planner', 'data-selected')).toBe(expected.join(','));
    expect(await page.evaluate(() => (window as unknown as { __map: import('maplibre-gl').Map }).__map.getCenter().toArray())).toEqual(box.center);
    await page.screenshot({ path: join(artifactsDir, 'planner-lasso.png') });
    expect(consoleErrors).toEqual([]);
  }, 60_000);
});
