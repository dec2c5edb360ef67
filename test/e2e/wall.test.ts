/**
 * Browser test of the wall screen (/wall): both resolutions, legibility from across the room
 * (no text out of its box or over other text, smallest font at least 1/60 of the screen height),
 * a data change arriving by server push within 5 s, and the stale warning while the server is
 * unreachable. The app is reached through a small proxy that the test stops and starts again on
 * the same port, as a server going away and coming back would.
 */
import { createServer, request as httpRequest, type Server } from 'node:http';
import type { Socket } from 'node:net';
import type { AddressInfo } from 'node:net';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../server/app.ts';
import { DEMO_DISPLAY_TOKEN } from '../../server/auth/demoAccounts.ts';
import { openDatabase, type Database } from '../../server/db/openDatabase.ts';
import { createScratchDatabase, type ScratchDatabase } from '../helpers/scratchDatabase.ts';
import { testConfig } from '../helpers/testConfig.ts';
import { artifactsDir, checkChromium, distDir, haveChromium, launchChromium } from './browser.ts';
import { AREA_FEATURE } from '../../client/map/layerIds.ts';
import { PROGRESS_COLUMNS_LAYER } from '../../client/map/deck/layerKeys.ts';
import { messages } from '../../client/i18n/messages.ts';
import { lagClassText } from '../../client/wall/wallFigures.ts';
import type { IndicatorValue, ProgressResponse, Summary } from '../../client/api/types.ts';
import { figureColor, LAG_CLASS_COLORS } from '../../server/domain/legend.ts';
import { isBehind, lagClassOfFigure } from '../../server/domain/progressStatus.ts';
import { orderByLag } from '../../server/domain/ranking.ts';
import { INDICATORS } from '../../server/domain/indicators.ts';

checkChromium('wall');

/** A TCP-level stand-in for the server's address that can be taken down and brought back. */
function proxyTo(target: number) {
  let server: Server | null = null;
  const sockets = new Set<Socket>();
  let port = 0;
  const start = () =>
    new Promise<void>((ok) => {
      server = createServer((req, res) => {
        const upstream = httpRequest({ host: '127.0.0.1', port: target, path: req.url, method: req.method, headers: req.headers }, (up) => {
          res.writeHead(up.statusCode ?? 502, up.headers);
          up.pipe(res);
        });
        upstream.on('error', () => res.destroy());
        req.pipe(upstream);
      });
      server.on('connection', (s) => {
        sockets.add(s);
        s.on('close', () => sockets.delete(s));
      });
      server.listen(port, '127.0.0.1', () => {
        port = (server!.address() as AddressInfo).port;
        ok();
      });
    });
  const stop = () =>
    new Promise<void>((ok) => {
      for (const s of sockets) s.destroy();
      server?.close(() => ok());
    });
  return { start, stop, origin: () => `http://127.0.0.1:${port}` };
}

interface TextBox { text: string; font: number; box: { x: number; y: number; w: number; h: number }; container: string | null; inside: boolean; clipped: boolean }

/** Every piece of text on the stage: its box, its font size on screen, and whether it fits its panel. */
function textBoxes(page: Page): Promise<{ boxes: TextBox[]; scale: number; viewport: { w: number; h: number } }> {
  return page.evaluate(() => {
    const stage = document.querySelector('[data-testid="wall-stage"]') as HTMLElement;
    const scale = Number(stage.dataset.scale);
    const boxes: TextBox[] = [];
    const walker = document.createTreeWalker(stage, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const text = node.textContent?.trim() ?? '';
      const el = node.parentElement!;
      // The map's own controls (attribution, scale) are MapLibre's, not the wall's text.
      if (!text || el.closest('.maplibregl-control-container')) continue;
      const range = document.createRange();
      range.selectNodeContents(node);
      const r = range.getBoundingClientRect();
      if (r.width === 0 || r.height === 0) continue;
      const panel = el.closest('.wall-card, .wall-panel, .wall-header, .wall-caption, .wall-stale, .wall-fatal, .wall-paused') as HTMLElement | null;
      const p = panel?.getBoundingClientRect();
      const inside = !p || (r.left >= p.left - 1 && r.right <= p.right + 1 && r.top >= p.top - 1 && r.bottom <= p.bottom + 1);
      const clipped = el.scrollWidth > el.clientWidth + 1 && getComputedStyle(el).overflow === 'hidden';
      boxes.push({ text, font: parseFloat(getComputedStyle(el).fontSize) * scale, box: { x: r.left, y: r.top, w: r.width, h: r.height }, container: panel?.className ?? null, inside, clipped });
    }
    return { boxes, scale, viewport: { w: window.innerWidth, h: window.innerHeight } };
  });
}

// Text boxes are the fonts' full content boxes (ascent to descent); neighbouring lines may graze
// by a pixel or two, which is not text over text. A quarter of the smaller height is.
const overlaps = (a: TextBox['box'], b: TextBox['box']) => {
  const dx = Math.min(a.x + a.w, b.x + b.w) - Math.max(a.x, b.x);
  const dy = Math.min(a.y + a.h, b.y + b.h) - Math.max(a.y, b.y);
  return dx > 1 && dy > 0.25 * Math.min(a.h, b.h);
};

describe.skipIf(!haveChromium)('the wall screen in headless Chromium', () => {
  let scratch: ScratchDatabase;
  let app: FastifyInstance;
  let db: Database;
  let browser: Browser;
  let proxy: ReturnType<typeof proxyTo>;
  const requests: string[] = [];
  const consoleErrors: string[] = [];
  let expectedErrors = 0;
  // Each test opens its own wall; what it opened is closed after it.
  const contexts: BrowserContext[] = [];

  const openWall = async (width: number, height: number, query = '', { fakeClock = false } = {}) => {
    const context = await browser.newContext({ viewport: { width, height }, deviceScaleFactor: 1, locale: 'zh-CN' });
    contexts.push(context);
    // Timers that the test can run forward instead of sleeping; time still flows as usual.
    if (fakeClock) await context.clock.install();
    await context.route((url) => !url.href.startsWith(proxy.origin()) && url.protocol !== 'data:' && url.protocol !== 'blob:', (route) => {
      requests.push(`FOREIGN ${route.request().url()}`);
      return route.abort('blockedbyclient');
    });
    const page = await context.newPage();
    page.on('request', (r) => requests.push(r.url()));
    page.on('console', (m) => {
      if (m.type() !== 'error') return;
      // While the server is away, the browser logs the refused connections: those are expected.
      if (expectedErrors > 0 && /ERR_CONNECTION_REFUSED|ERR_EMPTY_RESPONSE|Failed to load resource|EventSource/.test(m.text())) return;
      consoleErrors.push(m.text());
    });
    page.on('pageerror', (e) => consoleErrors.push(String(e)));
    const started = Date.now();
    await page.goto(`${proxy.origin()}/wall?display=${DEMO_DISPLAY_TOKEN}${query}`, { waitUntil: 'load' });
    await page.waitForFunction(() => (document.querySelector('[data-testid="wall-stage"]') as HTMLElement | null)?.dataset.drawn, undefined, { timeout: 60_000 });
    const ms = Date.now() - started;
    await page.waitForFunction(() => (window as unknown as { __map?: { loaded(): boolean } }).__map?.loaded() === true, undefined, { timeout: 30_000 });
    console.info(`[e2e] /wall at ${width}×${height}: all panels drawn ${ms} ms after navigation`);
    return page;
  };

  beforeAll(async () => {
    scratch = await createScratchDatabase();
    app = await buildApp(testConfig({ databaseUrl: scratch.url, clientDir: distDir, changePollMs: 300 }), { logger: false });
    await app.listen({ port: 0, host: '127.0.0.1' });
    db = await openDatabase({ databaseUrl: scratch.url, dataDir: '', statementTimeoutMs: 60000 });
    proxy = proxyTo((app.server.address() as AddressInfo).port);
    await proxy.start();
    mkdirSync(artifactsDir, { recursive: true });
    browser = await launchChromium();
  }, 300_000);

  afterEach(async () => {
    for (const context of contexts.splice(0)) await context.close();
  });

  afterAll(async () => {
    await browser?.close();
    await proxy?.stop();
    await app?.close();
    await db?.close();
    await scratch?.drop();
  });

  for (const [width, height] of [[1920, 1080], [3840, 2160]] as const) {
    it(`fills ${width}×${height} exactly, with every text inside its box, none over another, none too small`, async () => {
      const page = await openWall(width, height);
      try {
        await page.screenshot({ path: join(artifactsDir, `wall-${width}x${height}.png`) });
        const { boxes, scale, viewport } = await textBoxes(page);
        expect(scale).toBeCloseTo(width / 1920, 5);
        const stage = await page.locator('[data-testid="wall-stage"]').boundingBox();
        expect(stage).toMatchObject({ x: 0, y: 0, width, height });
        expect(boxes.length).toBeGreaterThan(40);
        const out = boxes.filter((b) => !b.inside || b.clipped).map((b) => `${b.text} (${b.container})`);
        expect(out).toEqual([]);
        const small = boxes.filter((b) => b.font < viewport.h / 60 - 0.01).map((b) => `${b.text}: ${b.font}px`);
        expect(small).toEqual([]);
        const clashes: string[] = [];
        for (let i = 0; i < boxes.length; i++) {
          for (let j = i + 1; j < boxes.length; j++) if (overlaps(boxes[i].box, boxes[j].box)) clashes.push(`${boxes[i].text} × ${boxes[j].text}`);
        }
        expect(clashes).toEqual([]);
        // What a person standing back must be able to read.
        const body = await page.locator('[data-testid="wall-stage"]').textContent();
        expect(body).toMatch(/贫困村退出\s*\d+\s*\/\s*81/);
        expect(body).toContain('脱贫人口');
        expect(body).toMatch(/冬季冲刺|秋季攻坚|夏季战役|春季攻势/);
        // The badge only when the first county is behind plan (its status is checked against the API below).
        const first = await page.locator('[data-testid="wall-counties"] .wall-bar-row').first().getAttribute('data-status');
        expect(await page.locator('[data-testid="wall-worst-county"]').count()).toBe(isBehind(first) ? 1 : 0);
      } finally {
        await page.context().close();
      }
    });
  }

  it('agrees with itself and with /api/progress: county order, badge, status text, bar and map colours', async () => {
    // A long stop holds the tour at the city, where the map colours the counties.
    const page = await openWall(1920, 1080, '&period=120');
    const auth = { authorization: `Bearer ${DEMO_DISPLAY_TOKEN}` };
    const summary = (await app.inject({ method: 'GET', url: '/api/summary', headers: auth })).json<Summary>();
    const res = await app.inject({ method: 'GET', url: `/api/progress?level=county&indicators=people_lifted&asOf=${summary.asOf}`, headers: auth });
    expect(res.statusCode, res.body).toBe(200);
    const progress = res.json<ProgressResponse>();
    const indicator = INDICATORS.find((i) => i.key === 'people_lifted')!;
    const expected = orderByLag(progress.areas, indicator).map(({ area }) => ({ code: area.code, name: area.name, figure: area.indicators.people_lifted as IndicatorValue }));
    expect(expected.length).toBeGreaterThan(1);
    expect(await page.locator('[data-testid="wall-stage"]').getAttribute('data-step')).toBe(summary.city.code);

    const rows = await page.locator('[data-testid="wall-counties"] .wall-bar-row').evaluateAll((els) => els.map((el) => ({
      code: (el as HTMLElement).dataset.code!,
      name: el.querySelector('[data-testid="wall-county-name"]')!.childNodes[0].textContent,
      badge: el.querySelector('[data-testid="wall-worst-county"]') !== null,
      badgeColor: el.querySelector<HTMLElement>('[data-testid="wall-worst-county"]') ? getComputedStyle(el.querySelector<HTMLElement>('[data-testid="wall-worst-county"]')!).backgroundColor : null,
      status: el.querySelector('[data-testid="wall-county-status"]')!.textContent,
      statusClass: el.querySelector('[data-testid="wall-county-status"]')!.className,
      lag: el.querySelector('[data-testid="wall-lag"]')!.textContent,
      bar: getComputedStyle(el.querySelector('[data-testid="wall-county-bar"]')!).backgroundColor,
    })));
    const fills = await page.evaluate(({ source, codes }) => {
      const map = (window as unknown as { __map: import('maplibre-gl').Map }).__map;
      return Object.fromEntries(codes.map((code) => [code, (map.getFeatureState({ ...source, id: code }).color as string | undefined) ?? null]));
    }, { source: AREA_FEATURE.county, codes: expected.map((e) => e.code) });

    const rgb = (hex: string) => `rgb(${[1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16)).join(', ')})`;
    // The ranking rule's order, each row with its own figure's status in words, bar and map.
    expect(rows.map((r) => r.code)).toEqual(expected.map((e) => e.code));
    expected.forEach((e, i) => {
      const row = rows[i];
      const lagClass = lagClassOfFigure(e.figure);
      const colour = figureColor(e.figure);
      expect(row.name).toBe(e.name);
      expect(row.status, e.name).toBe(lagClassText(lagClass, messages.zh));
      expect(row.statusClass, e.name).toBe(`wall-text-${lagClass ?? 'none'}`);
      expect(row.bar, e.name).toBe(rgb(colour));
      expect(fills[e.code], e.name).toBe(colour);
      // Red only behind plan.
      if (!isBehind(e.figure.status)) expect([LAG_CLASS_COLORS.far_behind, LAG_CLASS_COLORS.behind]).not.toContain(colour);
      // The number the list is sorted by, in people, never "−0".
      expect(row.lag).toMatch(/^[−+]?[\d,.]+ 人（[−+]?[\d.]+%）$/);
      expect(row.lag).not.toMatch(/^−0 /);
      // The badge: only on the first, and only when it is behind plan, in its status colour.
      const badge = i === 0 && isBehind(e.figure.status);
      expect(row.badge, e.name).toBe(badge);
      if (badge) expect(row.badgeColor).toBe(rgb(colour));
    });
    // The legend: the four classes with thresholds, in the palette's colours.
    const legend = await page.locator('[data-testid="wall-legend"] .wall-legend-item').evaluateAll((els) => els.map((el) => `${el.textContent} ${(el as HTMLElement).dataset.color}`));
    expect(legend.slice(0, 4)).toEqual([
      `严重滞后低于 −15% ${LAG_CLASS_COLORS.far_behind}`,
      `滞后−15% ~ −5% ${LAG_CLASS_COLORS.behind}`,
      `正常−5% ~ +5% ${LAG_CLASS_COLORS.on_track}`,
      `超前高于 +5% ${LAG_CLASS_COLORS.ahead}`,
    ]);
    // The 3D columns (deck.gl): one per county at its label point, as tall as its share of target,
    // in the same colour as its fill; picking at a column's foot finds that county's column.
    await page.waitForFunction((key) => ((window.__deckLayers?.get(key) as unknown as { props: { columns: unknown[] } } | undefined)?.props.columns.length ?? 0) > 0, PROGRESS_COLUMNS_LAYER, { timeout: 30_000 });
    await page.waitForFunction(() => {
      const map = (window as unknown as { __map: import('maplibre-gl').Map }).__map;
      return map.loaded() && !map.isMoving() && map.getPitch() > 30;
    }, null, { timeout: 30_000 });
    const columns = await page.evaluate((key) => {
      const layer = window.__deckLayers!.get(key) as unknown as { props: { columns: { code: string; position: [number, number]; share: number; color: string }[] } };
      const map = (window as unknown as { __map: import('maplibre-gl').Map }).__map;
      return layer.props.columns.map((c) => {
        const at = map.project(c.position);
        const picked = window.__deck!.pickObject({ x: at.x, y: at.y, radius: 4 })?.object as { code: string } | undefined;
        return { ...c, picked: picked?.code ?? null };
      });
    }, PROGRESS_COLUMNS_LAYER);
    expect(columns.map((c) => c.code).sort()).toEqual(expected.map((e) => e.code).sort());
    for (const c of columns) {
      const e = expected.find((x) => x.code === c.code)!;
      expect(c.color, e.name).toBe(figureColor(e.figure));
      expect(c.share, e.name).toBeCloseTo(Math.min(1, e.figure.value! / e.figure.target!), 6);
      expect(c.picked, e.name).toBe(c.code);
    }
    // The lagging list: townships behind plan, each with its lag in people and share; no small unit first.
    const lagging = await page.locator('[data-testid="wall-lagging"] ol li').evaluateAll((els) => els.map((el) => el.textContent ?? ''));
    for (const line of lagging) expect(line).toMatch(/−[\d,.]+ 人（−[\d.]+%）$/);
    await page.screenshot({ path: join(artifactsDir, 'wall.png') });
    console.info(`[e2e] wall counties: ${rows.map((r) => `${r.name} ${r.lag} ${r.status}${r.badge ? ' 最滞后' : ''}`).join(' | ')}`);
  });

  it('writes value, target, lag and status at a village stop, in the colour the map gives that village', async () => {
    const page = await openWall(1920, 1080, '&period=4');
    // Codes of 12 digits are villages (and communities): wait until the tour draws one.
    await page.waitForFunction(() => /^\d{12}\|/.test((document.querySelector('[data-testid="wall-stage"]') as HTMLElement).dataset.drawn ?? ''), undefined, { timeout: 90_000 });
    // Held there (a key pauses the tour), so the caption and the map are read at the same stop.
    await page.keyboard.press('Space');
    await page.locator('[data-testid="wall-paused"]').waitFor();
    const code = (await page.locator('[data-testid="wall-stage"]').getAttribute('data-drawn'))!.split('|')[0];
    expect(await page.locator('[data-testid="wall-stage"]').getAttribute('data-step')).toBe(code);
    const caption = await page.locator('[data-testid="wall-caption"] .wall-caption-figures').textContent();
    expect(caption).toMatch(/^脱贫人口 [\d,]+ \/ [\d,]+ · 偏差 −[\d,.]+ · (滞后|严重滞后)$/);
    const statusClass = (await page.locator('[data-testid="wall-caption-status"]').getAttribute('class'))!.replace('wall-text-', '');
    const fill = await page.evaluate(({ source, code }) => (window as unknown as { __map: import('maplibre-gl').Map }).__map.getFeatureState({ ...source, id: code }).color ?? null, { source: AREA_FEATURE.village, code });
    expect(fill).toBe(LAG_CLASS_COLORS[statusClass as keyof typeof LAG_CLASS_COLORS]);
    await page.screenshot({ path: join(artifactsDir, 'wall-village.png') });
    console.info(`[e2e] wall village stop ${code}: ${caption}`);
  });

  it('in English, fits every text in its box, the legend inside the map', async () => {
    const page = await openWall(1920, 1080, '&period=120&lang=en');
    await page.screenshot({ path: join(artifactsDir, 'wall-en.png') });
    const { boxes } = await textBoxes(page);
    expect(boxes.filter((b) => !b.inside || b.clipped).map((b) => `${b.text} (${b.container})`)).toEqual([]);
    expect(await page.locator('[data-testid="wall-lag"]').first().textContent()).toMatch(/^[−+]?[\d,.]+ people \([−+]?[\d.]+%\)$/);
    expect(await page.locator('[data-testid="wall-legend"]').textContent()).toContain('Far behind');
    const legend = await page.locator('[data-testid="wall-legend"]').boundingBox();
    const map = await page.locator('.wall-map').boundingBox();
    expect(legend!.x + legend!.width).toBeLessThanOrEqual(map!.x + map!.width);
    expect(legend!.x).toBeGreaterThanOrEqual(map!.x);
  });

  it('shows a change made through the API within 5 s, by server push, without a reload', async () => {
    const wall = await openWall(1920, 1080, '&period=5');
    const atRisk = () => wall.locator('[data-testid="wall-at-risk"] [data-value]').getAttribute('data-value');
    const before = Number(await atRisk());
    const [household] = await db.query<{ id: string; version: number }>(
      `SELECT h.id, h.version FROM households h WHERE h.village_code LIKE '512021101%' AND h.status = 'exited'
         AND NOT EXISTS (SELECT 1 FROM household_history x WHERE x.household_id = h.id AND x.valid_from > '2018-11-30') ORDER BY h.id LIMIT 1`);
    const login = await app.inject({ method: 'POST', url: '/api/session', payload: { username: 'clerk.512021101', password: 'demo-clerk-2018' } });
    const headers = { cookie: String(login.headers['set-cookie']).split(';')[0], 'x-csrf-token': login.json().csrfToken };
    const loads = requests.filter((r) => r.endsWith('/wall') || r.includes('/wall?')).length;
    const started = Date.now();
    const res = await app.inject({ method: 'PATCH', url: `/api/households/${household.id}`, headers, payload: { version: household.version, effectiveDate: '2018-11-30', changes: { status: 'at_risk' } } });
    expect(res.statusCode, res.body).toBe(200);
    await expect.poll(atRisk, { timeout: 5000, interval: 100 }).toBe(String(before + 1));
    console.info(`[e2e] the wall showed the edit ${Date.now() - started} ms after it was saved`);
    expect(requests.filter((r) => r.endsWith('/wall') || r.includes('/wall?')).length).toBe(loads);
    // The figure counts up to its new value before the picture is taken.
    await wall.waitForFunction(() => {
      const el = document.querySelector('[data-testid="wall-at-risk"] [data-value]');
      return !!el && el.textContent?.replace(/[^\d.-]/g, '') === el.getAttribute('data-value');
    });
    await wall.screenshot({ path: join(artifactsDir, 'wall-after-change.png') });
  });

  it('keeps the last figures with a stale warning while the server is away, and recovers by itself', async () => {
    const wall = await openWall(1920, 1080, '&period=5');
    const people = () => wall.locator('[data-testid="wall-people"] [data-value]').getAttribute('data-value');
    const shown = await people();
    const refreshes = Number(await wall.locator('[data-testid="wall-stage"]').getAttribute('data-refreshes'));
    expectedErrors++;
    await proxy.stop();
    let stopped = true;
    try {
      await wall.locator('[data-testid="wall-stale"]').waitFor({ timeout: 10_000 });
      expect(await wall.locator('[data-testid="wall-stamp"]').textContent()).toMatch(/数据截至 2018-11-30 · 更新于 \d\d:\d\d/);
      expect(await people()).toBe(shown);
      await wall.screenshot({ path: join(artifactsDir, 'wall-stale.png') });
      await proxy.start();
      stopped = false;
      await wall.locator('[data-testid="wall-stale"]').waitFor({ state: 'detached', timeout: 20_000 });
      expect(Number(await wall.locator('[data-testid="wall-stage"]').getAttribute('data-refreshes'))).toBeGreaterThan(refreshes);
      expect(await people()).toBe(shown);
    } finally {
      // The server comes back for the other tests even when this one fails.
      if (stopped) await proxy.start();
      await wall.context().close();
      expectedErrors--;
    }
  });

  it('tours the map by itself, and a key pauses and resumes it', async () => {
    const wall = await openWall(1920, 1080, '&period=5', { fakeClock: true });
    const step = () => wall.locator('[data-testid="wall-stage"]').getAttribute('data-step');
    const first = await step();
    await expect.poll(step, { timeout: 15_000 }).not.toBe(first);
    const caption = await wall.locator('[data-testid="wall-caption"]').textContent();
    expect(caption).toMatch(/县|区|镇|乡|村|社区/);
    await wall.keyboard.press('Space');
    await wall.locator('[data-testid="wall-paused"]').waitFor();
    const held = await step();
    // More than one 5 s stop passes on the page's clock (run forward, not slept): the tour holds.
    await wall.clock.runFor(6500);
    expect(await step()).toBe(held);
    await wall.keyboard.press('Space');
    await expect.poll(step, { timeout: 10_000 }).not.toBe(held);
  });

  it('asks for aggregates only, from its own server only, with no console errors', async () => {
    await openWall(1920, 1080);
    expect(requests.filter((r) => r.startsWith('FOREIGN'))).toEqual([]);
    expect(requests.some((r) => r.includes('/api/summary'))).toBe(true);
    expect(requests.filter((r) => r.includes('/api/households'))).toEqual([]);
    expect(consoleErrors).toEqual([]);
  });

  it('says so when the display token is refused', async () => {
    const context = await browser.newContext({ viewport: { width: 1920, height: 1080 } });
    const page = await context.newPage();
    try {
      await page.goto(`${proxy.origin()}/wall?display=not-a-token`);
      await expect.poll(() => page.locator('[data-testid="wall-fatal"]').textContent(), { timeout: 15_000 }).toContain('显示令牌无效');
    } finally {
      await context.close();
    }
  });
});
