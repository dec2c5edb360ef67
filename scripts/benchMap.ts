// npm run bench -- map: what the map costs to deliver, on PostgreSQL, for the shipped city and the
// generated province (scripts/benchProvince.ts makes both databases):
//   - vector tiles of the boundaries, through the route (app.inject) against the raw ST_AsMVT SQL
//     of the same tile on the same pool, for the tiles of a first view, a county and a township;
//   - in headless Chromium with software WebGL (the built client): bytes on the wire and time until
//     the map is idle, and a drill from the city into a county.
//   BENCH_RUNS (default 5) runs of each tile after one warm-up; BENCH_DATASETS as the province bench.
import { existsSync } from 'node:fs';
import { cpus } from 'node:os';
import { resolve } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../server/app.ts';
import { DEMO_DISPLAY_TOKEN } from '../server/auth/demoAccounts.ts';
import { parseTileSources, tileOfPoint } from '../server/domain/tileLayers.ts';
import { mvtSql, tileParams } from '../server/tiles/tileQueries.ts';
import { benchDatasets } from './benchProvince.ts';

const RUNS = Number(process.env.BENCH_RUNS ?? 5);
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const p95 = (xs: number[]) => { const s = [...xs].sort((a, b) => a - b); return s[Math.min(s.length - 1, Math.ceil(s.length * 0.95) - 1)]; };

export interface MapRow { dataset: string; what: string; median: number; p95: number; extra?: string }

/** The tiles of zoom `z` covering a bounding box. */
function tilesOver(z: number, [w, s, e, n]: number[]): [number, number, number][] {
  const [, x0, y0] = tileOfPoint(z, w, n);
  const [, x1, y1] = tileOfPoint(z, e, s);
  const out: [number, number, number][] = [];
  for (let x = x0; x <= x1; x++) for (let y = y0; y <= y1; y++) out.push([z, x, y]);
  return out;
}

async function bbox(app: FastifyInstance, code: string): Promise<number[]> {
  const res = await app.inject({ url: `/api/areas/${code}` });
  if (res.statusCode !== 200) throw new Error(`/api/areas/${code}: ${res.statusCode}`);
  return res.json().properties.bbox as number[];
}

/** Tile times through the route and as raw SQL, for the tiles a first view, a county and a township need. */
async function benchTiles(app: FastifyInstance, label: string): Promise<MapRow[]> {
  const province = app.root?.level === 'province';
  const list = province ? 'city,county,township,village' : 'county,township,village';
  const parsed = parseTileSources(list);
  if ('error' in parsed) throw new Error(parsed.error);
  const scope = app.root?.code ?? '';
  const views: [string, [number, number, number][]][] = [
    [`first view (root at z${province ? 6 : 8})`, tilesOver(province ? 6 : 8, await bbox(app, scope))],
    ['a county (512021 at z10)', tilesOver(10, await bbox(app, '512021'))],
    ['a township (512021101 at z12)', tilesOver(12, await bbox(app, '512021101'))],
  ];
  const rows: MapRow[] = [];
  const all = { route: [] as number[], raw: [] as number[] };
  for (const [what, tiles] of views) {
    const route: number[] = [];
    const raw: number[] = [];
    let bytes = 0;
    for (const [z, x, y] of tiles) {
      const url = `/tiles/${list}/${z}/${x}/${y}.pbf`;
      const sql = mvtSql(parsed.sources.filter((s) => z >= s.minzoom), z);
      const params = tileParams(z, x, y, scope);
      for (let i = 0; i <= RUNS; i++) {
        // Alternated, so that both see the same cache and the same neighbours on a shared machine.
        let t = performance.now();
        const res = await app.inject({ url, headers: { 'accept-encoding': 'br' } });
        const ms = performance.now() - t;
        if (res.statusCode !== 200) throw new Error(`${url}: ${res.statusCode} ${res.body.slice(0, 200)}`);
        t = performance.now();
        await app.db.query(sql, params);
        const sqlMs = performance.now() - t;
        if (i === 0) continue;
        route.push(ms);
        raw.push(sqlMs);
        if (i === 1) bytes += res.rawPayload.length;
      }
    }
    all.route.push(...route);
    all.raw.push(...raw);
    const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);
    rows.push({ dataset: label, what: `tiles, ${what}: ${tiles.length} tiles, ${(bytes / 1024).toFixed(0)} KB br; route`, median: median(route), p95: p95(route), extra: `${(sum(route) / sum(raw)).toFixed(2)}× SQL` });
    rows.push({ dataset: label, what: `tiles, ${what}: raw ST_AsMVT SQL`, median: median(raw), p95: p95(raw) });
  }
  const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);
  rows.push({ dataset: label, what: 'tiles, all of the above: route', median: median(all.route), p95: p95(all.route), extra: `${(sum(all.route) / sum(all.raw)).toFixed(2)}× SQL` });
  return rows;
}

/**
 * In headless Chromium (a new context each run, the first run a warm-up): bytes on the wire until
 * the map is idle with its layers drawn, the time until then, and the time of a drill from the
 * root into its child (a city's 安岳县, a province's 资阳市) until that child's children are
 * coloured and the map is idle again. The wall is measured for a city root only (its tour still
 * assumes a city).
 */
export async function benchBrowser(app: FastifyInstance, label: string, runs = Math.min(RUNS, 5)): Promise<MapRow[]> {
  if (!existsSync(CHROMIUM) || !existsSync(resolve('dist/client/index.html'))) {
    console.error(`browser not measured: needs ${CHROMIUM} and a built client (npm run build)`);
    return [];
  }
  const { chromium } = await import('playwright-core');
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.server.address();
  const url = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}/`;
  const province = app.root?.level === 'province';
  const target = province ? '5120' : '512021';
  const child = (await app.inject({ url: `/api/areas/${target}` })).json().properties as { labelLon: number; labelLat: number };
  const levelsLoaded = province ? 'city county' : 'county township village';
  const firstColoured = province ? 'city|' : 'county|';
  const drilledColoured = province ? 'county|5120|' : 'township|512021|';
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--use-angle=swiftshader', '--enable-unsafe-swiftshader'] });
  const times: number[] = [];
  const drills: number[] = [];
  const wallTimes: number[] = [];
  const transferred: number[] = [];
  const framesWithout: number[] = [];
  const framesWith: number[] = [];
  const idle = () => new Promise<void>((ok) => {
    const map = (window as unknown as { __map: { once(e: string, f: () => void): void; triggerRepaint(): void } }).__map;
    map.once('idle', () => ok());
    map.triggerRepaint();
  });
  try {
    for (let i = 0; i < runs + 1; i++) {
      const page = await (await browser.newContext({ viewport: { width: 1280, height: 800 } })).newPage();
      // Bytes on the wire (compressed bodies and headers) of every response until the map is idle.
      const sizes: Promise<number>[] = [];
      page.on('requestfinished', (request) => sizes.push(request.sizes().then((s) => s.responseBodySize + s.responseHeadersSize)));
      let t = performance.now();
      await page.goto(url);
      await page.waitForFunction((l) => document.querySelector('.map')?.getAttribute('data-loaded') === l, levelsLoaded, { timeout: 60000 });
      await page.waitForFunction((c) => (document.querySelector('.app')?.getAttribute('data-choropleth') ?? '').startsWith(c), firstColoured, { timeout: 60000 });
      await page.evaluate(idle);
      if (i > 0) times.push(performance.now() - t); // the first load warms the caches
      if (i > 0) transferred.push((await Promise.all(sizes)).reduce((a, b) => a + b, 0) / 1024);
      // The drill: a click on the root's child until its children are coloured and the map is idle.
      const p = await page.evaluate((ll) => {
        const map = (window as unknown as { __map: { project(p: [number, number]): { x: number; y: number }; getCanvas(): HTMLCanvasElement } }).__map;
        const point = map.project(ll);
        const rect = map.getCanvas().getBoundingClientRect();
        return { x: point.x + rect.left, y: point.y + rect.top };
      }, [child.labelLon, child.labelLat] as [number, number]);
      t = performance.now();
      await page.mouse.click(p.x, p.y);
      await page.waitForFunction((c) => (document.querySelector('.app')?.getAttribute('data-choropleth') ?? '').startsWith(c), drilledColoured, { timeout: 60000 });
      await page.waitForFunction(() => !(window as unknown as { __map: { isMoving(): boolean } }).__map.isMoving());
      await page.evaluate(idle);
      if (i > 0) drills.push(performance.now() - t);
      await page.context().close();
    }
    // The wall screen: navigation until every panel is drawn (figures, bars, list, trend, the map's first stop).
    for (let i = 0; i < (province ? 0 : runs + 1); i++) {
      const page = await (await browser.newContext({ viewport: { width: 1920, height: 1080 } })).newPage();
      const t = performance.now();
      await page.goto(`${url}wall?display=${DEMO_DISPLAY_TOKEN}`);
      await page.waitForFunction(() => (document.querySelector('[data-testid="wall-stage"]') as HTMLElement | null)?.dataset.drawn, undefined, { timeout: 60000 });
      if (i > 0) wallTimes.push(performance.now() - t);
      await page.context().close();
    }
    // deck.gl: frames of a one-second pan with an administrator's exact household points (all of
    // the city's, deck's binary ScatterplotLayer) against the same pan in the same page without them.
    for (let i = 0; i < (province ? 0 : runs + 1); i++) {
      const page = await (await browser.newContext({ viewport: { width: 1280, height: 800 } })).newPage();
      await page.goto(`${url}?l=poverty`);
      await page.evaluate(async () => {
        const res = await fetch('/api/session', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'admin', password: 'demo-admin-2018' }) });
        if (!res.ok) throw new Error(`sign-in: ${res.status}`);
      });
      await page.reload();
      await page.waitForFunction((c) => (document.querySelector('.app')?.getAttribute('data-choropleth') ?? '').startsWith(c), firstColoured, { timeout: 60000 });
      await page.evaluate(idle);
      // As a string: tsx would wrap a named function in a helper the page does not have.
      const pan = () => page.evaluate(`new Promise((ok) => {
        const map = window.__map;
        const frames = [];
        let last = performance.now();
        const onRender = () => { const now = performance.now(); frames.push(now - last); last = now; };
        map.on('render', onRender);
        map.once('moveend', () => { map.off('render', onRender); ok(frames); });
        map.panBy([160, 0], { duration: 1000 });
      })`) as Promise<number[]>;
      const without = await pan();
      await page.getByTestId('layer-toggle-households').click();
      await page.waitForFunction(() => ((window as unknown as { __deckLayers?: Map<string, { props: { points: { length: number } } } | null> }).__deckLayers?.get('households-points')?.props.points.length ?? 0) > 0, null, { timeout: 60000 });
      await page.evaluate(idle);
      const withPoints = await pan();
      if (i > 0) {
        framesWithout.push(median(without));
        framesWith.push(median(withPoints));
      }
      await page.context().close();
    }
  } finally {
    await browser.close();
  }
  return [
    { dataset: label, what: 'browser: KB transferred until the map is idle (a new browser context each run)', median: median(transferred), p95: p95(transferred) },
    { dataset: label, what: 'browser: navigation → map idle with layers drawn, ms', median: median(times), p95: p95(times) },
    { dataset: label, what: province ? 'browser: a drill, province → 资阳市 coloured by county and idle, ms' : 'browser: a drill, city → 安岳县 coloured by township and idle, ms', median: median(drills), p95: p95(drills) },
    ...(province ? [] : [
      { dataset: label, what: 'browser: /wall at 1920×1080 → all panels drawn, ms', median: median(wallTimes), p95: p95(wallTimes) },
      { dataset: label, what: 'browser: a frame of a pan, no household points, ms', median: median(framesWithout), p95: p95(framesWithout) },
      { dataset: label, what: 'browser: the same with 15,204 exact points (deck.gl), ms', median: median(framesWith), p95: p95(framesWith), extra: `${(median(framesWith) / median(framesWithout)).toFixed(2)}×` },
    ]),
  ];
}

export function printMapRows(rows: MapRow[], note: string): void {
  const w = Math.max(...rows.map((r) => r.what.length));
  console.log(`\n${note} ${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, Node ${process.version}`);
  console.log(`${'dataset'.padEnd(9)} ${'what'.padEnd(w)} ${'median'.padStart(8)} ${'p95'.padStart(8)} ${'ratio'.padStart(9)}`);
  for (const r of rows) {
    console.log(`${r.dataset.padEnd(9)} ${r.what.padEnd(w)} ${r.median.toFixed(1).padStart(8)} ${r.p95.toFixed(1).padStart(8)} ${(r.extra ?? '').padStart(9)}`);
  }
}

export async function benchMapDelivery(): Promise<void> {
  const rows: MapRow[] = [];
  for (const { label, config } of await benchDatasets()) {
    const app = await buildApp({ ...config, clientDir: resolve('dist/client') }, { logger: false });
    try {
      rows.push(...(await benchTiles(app, label)));
      rows.push(...(await benchBrowser(app, label)));
    } finally {
      await app.close();
    }
  }
  printMapRows(rows, `Tiles: ${RUNS} runs of each tile after one warm-up, ms, server time through app.inject (br), against the raw SQL of the same tile; ratio = total route time / total SQL time.`);
}
