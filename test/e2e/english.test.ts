/**
 * The map in English at 1920×1080 and 1366×768: place names in pinyin on the map, in the
 * breadcrumb, the panel, the search and the specialty list; search by pinyin; MapLibre's own
 * controls in the UI language (also in Chinese); nothing on the main screen cut off or outside the
 * window. Writes test-artifacts/english-map-1920.png and english-map-1366.png.
 */
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BOUNDARY_LAYER_IDS, LABEL_SOURCE } from '../../client/map/layerIds.ts';
import { artifactsDir, checkChromium, haveChromium, isolatedPage, startBrowserApp, type BrowserApp } from './browser.ts';

checkChromium('english');

const SIZES = [
  { width: 1920, height: 1080 },
  { width: 1366, height: 768 },
] as const;

/** Latin letters, spaces, apostrophes and ü: a name in pinyin, no Chinese. */
const PINYIN = /^[A-Z][A-Za-zü' ]+$/;

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

async function settle(page: Page): Promise<void> {
  await page.waitForFunction(() => !(window as unknown as { __map: import('maplibre-gl').Map }).__map.isMoving());
  await waitForIdle(page);
}

async function renderedLabels(page: Page, layer: string): Promise<string[]> {
  return page.evaluate((layerId) => {
    const map = (window as unknown as { __map: import('maplibre-gl').Map }).__map;
    return map.queryRenderedFeatures({ layers: [layerId] }).map((f) => String(f.properties.label));
  }, layer);
}

async function sourceLabels(page: Page, source: string): Promise<string[]> {
  return page.evaluate(async (id) => {
    const map = (window as unknown as { __map: import('maplibre-gl').Map }).__map;
    const data = (await map.getSource<import('maplibre-gl').GeoJSONSource>(id)!.getData()) as GeoJSON.FeatureCollection;
    return data.features.map((f) => String(f.properties?.label));
  }, source);
}

/** What is cut off or outside the window among the main screen's parts; empty when nothing. */
async function clipped(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const problems: string[] = [];
    const vw = window.innerWidth;
    const vh = window.innerHeight;
    const canvas = document.createElement('canvas').getContext('2d')!;
    const textWidth = (text: string, el: Element) => {
      const s = getComputedStyle(el);
      canvas.font = `${s.fontStyle} ${s.fontWeight} ${s.fontSize} ${s.fontFamily}`;
      return canvas.measureText(text).width;
    };
    const inner = (el: HTMLElement) => {
      const s = getComputedStyle(el);
      return el.clientWidth - parseFloat(s.paddingLeft) - parseFloat(s.paddingRight);
    };
    const check = (name: string, el: Element | null) => {
      if (!el) return problems.push(`${name}: missing`);
      const h = el as HTMLElement;
      if (h.scrollWidth > h.clientWidth + 1) problems.push(`${name}: scrollWidth ${h.scrollWidth} > clientWidth ${h.clientWidth}`);
      const r = el.getBoundingClientRect();
      if (r.left < 0 || r.top < 0 || r.right > vw + 0.5 || r.bottom > vh + 0.5) problems.push(`${name}: box ${JSON.stringify([r.left, r.top, r.right, r.bottom])} outside ${vw}×${vh}`);
      return 0;
    };
    const search = document.querySelector<HTMLInputElement>('[data-testid="search-input"]');
    check('search input', search);
    if (search) {
      const need = textWidth(search.placeholder, search);
      if (need > inner(search) + 1) problems.push(`search placeholder: ${Math.ceil(need)} px in ${inner(search)} px`);
    }
    const select = document.querySelector<HTMLSelectElement>('[data-testid="indicator-select"]');
    check('indicator select', select);
    if (select) {
      // Every option must fit beside the drop-down arrow, whichever is chosen.
      const widest = Math.max(...[...select.options].map((o) => textWidth(o.text, select)));
      if (widest + 20 > inner(select) + 1) problems.push(`indicator select: widest option ${Math.ceil(widest)} px + arrow in ${inner(select)} px`);
    }
    check('header', document.querySelector('.header'));
    for (const el of document.querySelectorAll('.header > *')) check(`header ${el.className || el.tagName}`, el);
    check('controls', document.querySelector('.controls'));
    for (const el of document.querySelectorAll('.controls label, .controls legend, .controls button')) check(`control ${el.textContent}`, el);
    check('layer panel', document.querySelector('[data-testid="layer-panel"]'));
    check('breadcrumb', document.querySelector('[data-testid="breadcrumb"]'));
    check('legend', document.querySelector('.legend'));
    for (const el of document.querySelectorAll('.maplibregl-ctrl')) check(`map control ${el.className}`, el);
    // Nothing lies over the map's buttons, the search field or the indicator select.
    for (const el of [...document.querySelectorAll('.maplibregl-ctrl button'), search, select]) {
      if (!el) continue;
      const r = el.getBoundingClientRect();
      const top = document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2);
      if (!top || !(el === top || el.contains(top))) problems.push(`${el.getAttribute('title') ?? el.getAttribute('data-testid')}: covered by ${top?.className}`);
    }
    // The legend lies under the breadcrumb, the last of the controls in the left column, and ends above the scale bar.
    const stack = document.querySelector('.left-stack')?.getBoundingClientRect();
    const crumb = document.querySelector('[data-testid="breadcrumb"]')?.getBoundingClientRect();
    const legend = document.querySelector('.legend')?.getBoundingClientRect();
    if (crumb && legend && legend.top < crumb.bottom - 0.5) problems.push(`legend (top ${legend.top}) over the breadcrumb (bottom ${crumb.bottom})`);
    const scale = document.querySelector('.maplibregl-ctrl-scale')?.getBoundingClientRect();
    if (scale && legend && legend.bottom > scale.top + 0.5) problems.push(`legend (bottom ${legend.bottom}) over the scale bar (top ${scale.top})`);
    const header = document.querySelector('.header')?.getBoundingClientRect();
    if (stack && header && stack.top < header.bottom) problems.push(`left column (top ${stack.top}) under the header (bottom ${header.bottom})`);
    return problems;
  });
}

/** The titles of MapLibre's own buttons. */
async function controlTitles(page: Page): Promise<{ zoomIn: string | null; zoomOut: string | null; attribution: string | null }> {
  return page.evaluate(() => ({
    zoomIn: document.querySelector('.maplibregl-ctrl-zoom-in')?.getAttribute('title') ?? null,
    zoomOut: document.querySelector('.maplibregl-ctrl-zoom-out')?.getAttribute('title') ?? null,
    attribution: document.querySelector('.maplibregl-ctrl-attrib-button')?.getAttribute('title') ?? null,
  }));
}

describe.skipIf(!haveChromium)('the map in English', () => {
  let served: BrowserApp;
  const errors: string[] = [];

  beforeAll(async () => {
    served = await startBrowserApp(errors);
  });
  afterAll(async () => {
    await served?.close();
  });

  /** A fresh page at `search` and `viewport`, once the three levels' labels are on the map. */
  const openMap = async (search: string, viewport: { width: number; height: number }): Promise<Page> => {
    const page = await isolatedPage(served.browser, served.origin, errors, viewport);
    await page.goto(`${served.origin}/${search}`, { waitUntil: 'load' });
    await page.waitForFunction(() => document.querySelector('.map')?.getAttribute('data-loaded') === 'county township village', undefined, { timeout: 60_000 });
    await page.waitForFunction(() => document.querySelector('.app')?.getAttribute('data-choropleth')?.startsWith('county||'), undefined, { timeout: 60_000 });
    await settle(page);
    return page;
  };

  for (const size of SIZES) {
    it(`shows pinyin names, finds "Anyue" and cuts nothing off at ${size.width}×${size.height}`, async () => {
      const before = errors.length;
      const page = await openMap('?lang=en', size);
      try {
        // Labels: the counties in pinyin, drawn with real glyphs (no glyph server for Latin).
        expect(new Set(await renderedLabels(page, BOUNDARY_LAYER_IDS.countyLabel))).toEqual(new Set(['Anyue County', 'Lezhi County', 'Yanjiang District']));
        const townships = await sourceLabels(page, LABEL_SOURCE.township);
        expect(townships.length).toBeGreaterThan(80);
        for (const label of townships) expect(label).toMatch(PINYIN);
        const villages = await sourceLabels(page, LABEL_SOURCE.village);
        expect(villages.length).toBeGreaterThan(1000);
        for (const label of villages) expect(label).toMatch(/ (Village|Community)$/);
        const ink = await page.evaluate(() => {
          const map = (window as unknown as { __map: import('maplibre-gl').Map }).__map;
          const manager = (map as unknown as { style: { glyphManager: { entries: Record<string, { glyphs: Record<string, Record<string, { bitmap: { data: Uint8Array } } | null>> }> } } }).style.glyphManager;
          const glyphs = Object.values(manager.entries)[0]?.glyphs.default ?? {};
          const sum = (g: { bitmap: { data: Uint8Array } } | null | undefined) => (g ? g.bitmap.data.reduce((a, b) => a + b, 0) : 0);
          return { A: sum(glyphs['A']), y: sum(glyphs['y']) };
        });
        expect(ink.A, 'ink of the map glyph "A"').toBeGreaterThan(0);
        expect(ink.y, 'ink of the map glyph "y"').toBeGreaterThan(0);

        // MapLibre's controls and the page's text in English.
        expect(await controlTitles(page)).toEqual({ zoomIn: 'Zoom in', zoomOut: 'Zoom out', attribution: 'Toggle attribution' });
        expect(await page.locator('[data-testid="search-input"]').getAttribute('placeholder')).toBe('Search counties, townships, villages, projects, parks');
        const visibleText = await page.evaluate(() => document.querySelector('.app')?.textContent ?? '');
        expect(visibleText.replace(/资阳|中文/g, '')).not.toMatch(/\p{Script=Han}/u);

        expect(await clipped(page)).toEqual([]);

        // Search by pinyin, choose the county: breadcrumb, panel and tooltip name it in English.
        await page.fill('[data-testid="search-input"]', 'Anyue');
        const first = page.locator('[data-testid="search-results"] button').first();
        await expect.poll(() => first.getAttribute('data-id')).toBe('512021');
        expect(await first.locator('.search-name').textContent()).toBe('Anyue County');
        await first.click();
        await expect.poll(() => page.locator('[data-testid="breadcrumb"]').textContent()).toBe('Ziyang City › Anyue County');
        await expect.poll(() => page.locator('[data-testid="area-panel"] h2').textContent()).toBe('Anyue County');
        await page.waitForFunction(() => document.querySelector('.app')?.getAttribute('data-choropleth')?.startsWith('township|512021|'), undefined, { timeout: 60_000 });
        await settle(page);
        const lagging = page.locator('[data-testid="area-lagging"] button');
        await expect.poll(async () => (await page.locator('[data-testid="area-panel"]').textContent()) ?? '').not.toContain('Loading');
        for (const name of await lagging.allTextContents()) expect(name).toMatch(/ (Town|Township|Subdistrict)$/);
        const panelText = (await page.locator('[data-testid="area-panel"]').textContent()) ?? '';
        expect(panelText).not.toMatch(/\p{Script=Han}/u);
        // The projects' specialties in English.
        await page.locator('[data-testid="layer-toggle-projects"]').check();
        const specialties = await page.locator('[data-testid="specialty-select"] option').allTextContents();
        expect(specialties.length).toBeGreaterThan(5);
        for (const s of specialties) expect(s).not.toMatch(/\p{Script=Han}/u);
        await settle(page);

        await page.screenshot({ path: join(artifactsDir, `english-map-${size.width}.png`) });
        expect(await clipped(page)).toEqual([]);
        expect(errors.slice(before)).toEqual([]);
      } finally {
        await page.context().close();
      }
    });

    it(`speaks Chinese in Chinese mode, MapLibre's controls too, and cuts nothing off at ${size.width}×${size.height}`, async () => {
      const before = errors.length;
      const page = await openMap('', size);
      try {
        expect(await controlTitles(page)).toEqual({ zoomIn: '放大', zoomOut: '缩小', attribution: '显示或隐藏数据来源' });
        expect(new Set(await renderedLabels(page, BOUNDARY_LAYER_IDS.countyLabel))).toEqual(new Set(['安岳县', '乐至县', '雁江区']));
        await page.fill('[data-testid="search-input"]', 'anyue');
        const first = page.locator('[data-testid="search-results"] button').first();
        await expect.poll(() => first.getAttribute('data-id')).toBe('512021');
        expect(await first.locator('.search-name').textContent()).toBe('安岳县');
        await page.fill('[data-testid="search-input"]', '');
        expect(await clipped(page)).toEqual([]);
        await page.screenshot({ path: join(artifactsDir, `chinese-map-${size.width}.png`) });
        expect(errors.slice(before)).toEqual([]);
      } finally {
        await page.context().close();
      }
    });
  }
});
