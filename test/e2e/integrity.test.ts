/**
 * Browser test of the integrity screen (/integrity): an inspector sees the exits ranked by risk,
 * draws a 回头看 sample for 安岳县 with a fixed seed, prints its visit list (A4, checked with
 * pdftotext: the sample's households and villages, no phone number), records three visits (one
 * wrong exit, reopened) and sees the estimate and the township map follow at once. A clerk and the
 * public are told whom the screen is for and get no data; a county inspector cannot open or record
 * in a city sample outside its county. Screenshots at 1920×1080 and 1366×768, and in English.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import type { Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { artifactsDir, checkChromium, haveChromium, isolatedPage, signInOnPage, startBrowserApp, type BrowserApp } from './browser.ts';
import { AREA_FEATURE } from '../../client/map/layerIds.ts';
import { messages } from '../../client/i18n/messages.ts';
import { BAND_COLORS, bandText, formatEstimate, NO_VISIT_COLOR, WRONG_SHARE_CLASSES, wrongShareColor } from '../../client/integrity/integrityFormat.ts';
import type { ExitReport, SampleDetail } from '../../client/integrity/integrityTypes.ts';
import { LAG_CLASS_COLORS } from '../../server/domain/legend.ts';

checkChromium('integrity');
const AS_OF = '2018-11-30';
const SEED = 20181130;
const ANYUE = '512021';
const zh = messages.zh;
const en = messages.en;
/** A mobile number as the household records hold them: 11 digits from 1, not part of a longer number. */
const PHONE = /(?<!\d)1\d{10}(?!\d)/;
const rgb = (hex: string) => `rgb(${[1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16)).join(', ')})`;

/** The fill (feature-state `color`) of each township on the integrity map, read from that map. */
async function townshipFills(page: Page, codes: string[]): Promise<Record<string, string | null>> {
  return page.evaluate(({ source, codes }) => {
    const map = (document.querySelector('[data-testid="integrity-map"]') as unknown as { __map: import('maplibre-gl').Map }).__map;
    return Object.fromEntries(codes.map((code) => [code, (map.getFeatureState({ ...source, id: code }).color as string | undefined) ?? null]));
  }, { source: AREA_FEATURE.township, codes });
}

/** No element of `selector` sticks out of the page's width, and none of them overlaps another. */
async function laidOut(page: Page, selector: string): Promise<{ overflow: number; overlaps: string[] }> {
  return page.evaluate((selector) => {
    const boxes = [...document.querySelectorAll(selector)].map((e) => ({ e, r: e.getBoundingClientRect() })).filter((b) => b.r.width > 0 && b.r.height > 0);
    const overlaps: string[] = [];
    for (let i = 0; i < boxes.length; i++) {
      for (let j = i + 1; j < boxes.length; j++) {
        const [a, b] = [boxes[i].r, boxes[j].r];
        if (boxes[i].e.contains(boxes[j].e) || boxes[j].e.contains(boxes[i].e)) continue;
        if (a.left < b.right - 1 && b.left < a.right - 1 && a.top < b.bottom - 1 && b.top < a.bottom - 1) overlaps.push(`${boxes[i].e.textContent?.slice(0, 20)} / ${boxes[j].e.textContent?.slice(0, 20)}`);
      }
    }
    return { overflow: document.documentElement.scrollWidth - document.documentElement.clientWidth, overlaps };
  }, selector);
}

describe.skipIf(!haveChromium)('the integrity screen in headless Chromium', () => {
  let app: FastifyInstance;
  let origin: string;
  let running: BrowserApp | undefined;
  let page: Page | undefined;
  const consoleErrors: string[] = [];
  const callers: Record<string, Record<string, string>> = {};

  const login = async (username: string, password: string) => {
    const res = await app.inject({ method: 'POST', url: '/api/session', payload: { username, password } });
    expect(res.statusCode, res.body).toBe(200);
    return { cookie: String(res.headers['set-cookie']).split(';')[0], 'x-csrf-token': res.json().csrfToken as string };
  };
  const api = async <T,>(who: string, url: string): Promise<T> => {
    const res = await app.inject({ url, headers: callers[who] });
    expect(res.statusCode, res.body).toBe(200);
    return res.json() as T;
  };
  const drawByApi = async (who: string, payload: Record<string, unknown>): Promise<SampleDetail> => {
    const res = await app.inject({ method: 'POST', url: '/api/integrity/samples', headers: callers[who], payload });
    expect(res.statusCode, res.body).toBe(201);
    return res.json() as SampleDetail;
  };

  beforeAll(async () => {
    running = await startBrowserApp(consoleErrors);
    ({ app, origin } = running);
    callers.inspector = await login('inspector', 'demo-inspector-2018');
    callers.admin = await login('admin', 'demo-admin-2018');
  }, 300_000);

  afterEach(async () => {
    await page?.context().close();
    page = undefined;
  });

  afterAll(async () => {
    await running?.close();
  });

  it('lets an inspector draw a sample for 安岳县, print its visit list and record visits, the estimate following at once', async () => {
    const started = Date.now();
    page = await isolatedPage(running!.browser, origin, consoleErrors, { width: 1920, height: 1080 });
    await page.goto(`${origin}/integrity?asOf=${AS_OF}`);
    await signInOnPage(page, 'inspector', 'demo-inspector-2018');

    // The exits, riskiest first, as the API ranks them for the inspector's area, with the band counts.
    const report = await api<ExitReport>('inspector', `/api/integrity/exits?asOf=${AS_OF}&limit=100`);
    const exitRows = page.locator('[data-testid="integrity-exit-table"] tbody tr');
    await expect.poll(() => exitRows.count(), { timeout: 30_000 }).toBe(report.ranked.length);
    expect(await exitRows.evaluateAll((trs) => trs.map((tr) => tr.getAttribute('data-household')))).toEqual(report.ranked.map((e) => e.householdId));
    const scores = report.ranked.map((e) => e.score);
    expect(scores).toEqual([...scores].sort((a, b) => b - a));
    const counts = await page.getByTestId('integrity-band-counts').textContent();
    for (const b of ['high', 'medium', 'low'] as const) expect(counts).toContain(report.bands[b].toLocaleString('zh-CN'));
    // The first row: signals in words (not the API's keys), income before → at exit, and its village named.
    const first = await exitRows.first().locator('td').allTextContents();
    expect(first[1]).toBe(report.ranked[0].householdId);
    expect(first[6]).not.toMatch(/[a-z_]{4,}/);
    expect(first[6].length).toBeGreaterThan(2);
    expect(first[7]).toContain('→');
    await expect.poll(async () => (await exitRows.first().locator('td').nth(2).textContent())?.trim(), { timeout: 30_000 }).toMatch(/^\p{Script=Han}+\s+\d{12}$/u);
    // Band badges: purple, brown, grey; never the red or orange of "behind plan".
    const badgeColors = await page.locator('[data-testid="integrity-exit-table"] .badge').evaluateAll((bs) => [...new Set(bs.map((b) => getComputedStyle(b).backgroundColor))]);
    for (const c of badgeColors) expect(Object.values(BAND_COLORS).map(rgb)).toContain(c);
    for (const c of Object.values(LAG_CLASS_COLORS)) expect(badgeColors).not.toContain(rgb(c));
    expect(await page.getByTestId('integrity-band-legend').textContent()).toContain('风险等级');

    // Draw for 安岳县 with a fixed seed: the same households as the API draws with that seed.
    await page.locator(`[data-testid="integrity-area"] option[value="${ANYUE}"]`).waitFor({ state: 'attached' });
    await page.getByTestId('integrity-area').selectOption(ANYUE);
    await page.getByTestId('integrity-seed-input').fill(String(SEED));
    await page.getByTestId('integrity-draw-button').click();
    const summary = page.getByTestId('integrity-summary');
    await summary.waitFor({ timeout: 60_000 });
    const id = Number(await summary.getAttribute('data-sample'));
    const sample = await api<SampleDetail>('inspector', `/api/integrity/samples/${id}`);
    expect(sample).toMatchObject({ areaCode: ANYUE, asOf: AS_OF, seed: SEED, margin: 0.05 });
    const twin = await drawByApi('inspector', { areaCode: ANYUE, asOf: AS_OF, seed: SEED });
    expect(twin.units.map((u) => u.householdId)).toEqual(sample.units.map((u) => u.householdId));
    expect(await page.getByTestId('integrity-seed').textContent()).toBe(String(SEED));
    expect(await page.getByTestId('integrity-size').textContent()).toBe(`${sample.size.toLocaleString('zh-CN')} 户`);
    for (const b of sample.bands) {
      expect(await page.locator(`[data-testid="integrity-bands"] tr[data-band="${b.band}"] td`).allTextContents()).toEqual([bandText(b.band, zh), b.population.toLocaleString('zh-CN'), String(b.size)]);
    }
    // An empty estimate: nothing visited yet.
    expect(await page.getByTestId('integrity-estimate').textContent()).toBe(zh.integrityNoEstimate);
    expect(await page.getByTestId('integrity-progress').textContent()).toContain(`待走访 ${sample.size} 户`);
    expect(page.url()).toContain(`sample=${id}`);

    // The map: 安岳县's townships, all grey before a visit.
    const townships = (await api<{ features: { properties: { code: string } }[] }>('inspector', `/api/areas?level=township&parent=${ANYUE}`)).features.map((f) => f.properties.code);
    await expect.poll(() => page!.getByTestId('integrity-map').getAttribute('data-drawn'), { timeout: 30_000 }).toMatch(new RegExp(`^${ANYUE}\\|${townships.length}\\|`));
    expect(Object.values(await townshipFills(page, townships)).every((c) => c === NO_VISIT_COLOR)).toBe(true);

    // The visit list: by township and village; names, no phone numbers (an inspector does not read them).
    const visitRows = page.locator('[data-testid="integrity-visit-table"] tr[data-household]');
    expect(await visitRows.count()).toBe(sample.size);
    expect(await page.locator('[data-testid="integrity-visit-table"] tbody[data-township]').count()).toBe(new Set(sample.units.map((u) => u.township)).size);
    expect(sample.units.every((u) => u.phone === null && u.headName)).toBe(true);
    expect(await page.getByTestId('integrity-visit-table').textContent()).not.toMatch(PHONE);
    expect(await page.locator('[data-testid="integrity-visit-table"] thead th').allTextContents()).not.toContain(zh.integrityPhone);

    // Printed: A4, the list only (no controls, map or ranking), its households and villages, no phone number.
    await page.emulateMedia({ media: 'print' });
    expect(await page.getByTestId('integrity-draw').isVisible()).toBe(false);
    expect(await page.getByTestId('integrity-map').isVisible()).toBe(false);
    expect(await page.getByTestId('integrity-exits').isVisible()).toBe(false);
    expect(await page.locator('[data-testid="unit-edit"]').first().isVisible()).toBe(false);
    const pdfPath = join(artifactsDir, 'integrity-visit-list.pdf');
    writeFileSync(pdfPath, await page.pdf({ format: 'A4', landscape: true, printBackground: true }));
    await page.emulateMedia({ media: 'screen' });
    if (existsSync('/usr/bin/pdftotext') || process.env.CI) {
      const info = execFileSync('pdfinfo', [pdfPath], { encoding: 'utf8' });
      expect(info).toMatch(/Page size:\s+84[12]\.\d+ x 595\.\d+ pts \(A4\)/);
      const printed = execFileSync('pdftotext', ['-layout', pdfPath, '-'], { encoding: 'utf8' });
      expect(printed).toContain(zh.integrityPrintedTitle);
      expect(printed).toContain(`${zh.integritySeedIs} ${SEED}`);
      for (const u of sample.units) expect(printed, u.householdId).toContain(u.householdId);
      for (const v of new Set(sample.units.map((u) => u.villageName))) expect(printed, v).toContain(v);
      for (const t of new Set(sample.units.map((u) => u.townshipName))) expect(printed, t).toContain(t);
      expect(printed).toContain(zh.standardHousing);
      expect(printed).not.toMatch(PHONE);
      // The screen's controls are not on paper.
      expect(printed).not.toContain(zh.integrityDraw);
      expect(printed).not.toContain(zh.integrityRecord);
      execFileSync('pdftoppm', ['-png', '-r', '70', '-f', '1', '-l', '1', pdfPath, join(artifactsDir, 'integrity-visit-list-page')]);
    } else {
      console.warn('[e2e] pdftotext not found: the PDF was made but not read');
    }

    // Three visits from two townships: two confirmed, one wrong exit failing on income, reopened (回头帮).
    const wrongUnit = sample.units[0];
    const others = sample.units.filter((u) => u.township !== wrongUnit.township);
    const confirmed = [sample.units[1], others[0]];
    const record = async (householdId: string, fill: () => Promise<void>) => {
      const row = page!.locator(`[data-testid="integrity-visit-table"] tr[data-household="${householdId}"]`);
      await row.getByTestId('unit-edit').click();
      const editor = page!.locator(`[data-testid="visit-editor"][data-household="${householdId}"]`);
      await editor.locator('input[name="visitedBy"]').fill('张督查');
      await fill();
      await editor.getByTestId('visit-save').click();
      await expect.poll(() => row.getAttribute('data-result'), { timeout: 30_000 }).not.toBe('');
      return row;
    };
    for (const u of confirmed) await record(u.householdId, async () => undefined);
    await expect.poll(() => page!.getByTestId('integrity-progress').textContent()).toContain('已走访 2 户（错退 0 户）');
    expect(await page.getByTestId('integrity-estimate').textContent()).toMatch(/^错退率 0\.0 %（95 % 区间 0\.0–\d+\.\d %）$/);
    const wrongRow = await record(wrongUnit.householdId, async () => {
      const editor = page!.locator(`[data-testid="visit-editor"][data-household="${wrongUnit.householdId}"]`);
      await editor.locator('input[name="result"][value="wrong"]').check();
      // A wrong exit names the standard it fails: refused in the form until one is ticked.
      await editor.getByTestId('visit-save').click();
      expect(await editor.getByTestId('visit-error').textContent()).toBe(zh.integrityFailedNeeded);
      await editor.locator('input[name="failed"][value="income"]').check();
      await editor.locator('input[name="reopen"]').check();
      await editor.locator('select[name="reopenStatus"]').selectOption('poor');
      await editor.locator('input[name="reopenReason"]').fill('入户核实：家庭收入未达标');
      await editor.locator('input[name="note"]').fill('务工收入为一次性');
      await editor.screenshot({ path: join(artifactsDir, 'integrity-editor.png') });
    });
    expect(await wrongRow.getAttribute('data-result')).toBe('wrong');
    expect(await wrongRow.locator('[data-standard="income"] input').isChecked()).toBe(true);
    const after = await api<SampleDetail>('inspector', `/api/integrity/samples/${id}`);
    expect(after.estimate).toMatchObject({ visited: 3, wrong: 1, notVisited: 0, pending: sample.size - 3 });
    expect(after.estimate.rate).toBeGreaterThan(0);
    await expect.poll(() => page!.getByTestId('integrity-progress').textContent()).toContain('已走访 3 户（错退 1 户）');
    const estimate = await page.getByTestId('integrity-estimate').textContent();
    expect(estimate).toBe(formatEstimate(after.estimate, zh));
    expect(estimate).toMatch(/^错退率 \d+\.\d %（95 % 区间 \d+\.\d–\d+\.\d %）$/);
    // The household is back to poor, by the inspector, with the reason.
    expect((await api<{ status: string }>('admin', `/api/households/${wrongUnit.householdId}`)).status).toBe('poor');
    const trail = await api<{ actor: string; reason: string }[]>('admin', `/api/audit?entityId=${wrongUnit.householdId}&action=household.reopen`);
    expect(trail[0]).toMatchObject({ actor: 'inspector', reason: '入户核实：家庭收入未达标' });

    // The map follows: the wrong exit's township purple by its share, the confirmed one the lightest, the rest grey.
    const expected = Object.fromEntries(townships.map((t) => [t, wrongShareColor(after.townships.find((x) => x.code === t)?.rate ?? null)]));
    expect(expected[wrongUnit.township]).not.toBe(NO_VISIT_COLOR);
    expect(expected[others[0].township]).toBe(WRONG_SHARE_CLASSES[0].color);
    await expect.poll(() => townshipFills(page!, townships), { timeout: 30_000 }).toEqual(expected);
    await expect.poll(() => page!.getByTestId('integrity-map').getAttribute('data-drawn'), { timeout: 30_000 }).toContain(expected[wrongUnit.township]);
    // The screen from its top (the title bar is sticky: it covers what is scrolled under it), then the visit list with the three results.
    await page.locator('.integrity').evaluate((e) => e.scrollTo(0, 0));
    expect(await laidOut(page, '.integrity-controls > *, .integrity-summary > *, .header > *, .integrity-split > *')).toEqual({ overflow: 0, overlaps: [] });
    await page.screenshot({ path: join(artifactsDir, 'integrity-1920.png') });
    // Scrolled to the list's heading, below the sticky title bar.
    await page.getByTestId('integrity-visits').evaluate((e) => {
      const screen = e.closest('.integrity')!;
      screen.scrollTo(0, e.getBoundingClientRect().top + screen.scrollTop - 64);
    });
    await page.screenshot({ path: join(artifactsDir, 'integrity-1920-visits.png') });
    expect(consoleErrors).toEqual([]);
    console.info(`[e2e] integrity: drew, printed and recorded in ${Date.now() - started} ms`);
  }, 240_000);

  it('fits 1366×768, in Chinese and in English', async () => {
    const sample = await drawByApi('inspector', { areaCode: ANYUE, asOf: AS_OF, seed: 7 });
    for (const lang of ['zh', 'en'] as const) {
      page = await isolatedPage(running!.browser, origin, consoleErrors, { width: 1366, height: 768 });
      await page.goto(`${origin}/integrity?sample=${sample.id}&asOf=${AS_OF}${lang === 'en' ? '&lang=en' : ''}`);
      const text = lang === 'zh' ? zh : en;
      if (lang === 'zh') await signInOnPage(page, 'inspector', 'demo-inspector-2018');
      else {
        await page.getByRole('button', { name: en.signIn }).click();
        await page.fill('input[name="username"]', 'inspector');
        await page.fill('input[name="password"]', 'demo-inspector-2018');
        await page.locator('form.sign-in button[type="submit"]').click();
      }
      await page.getByTestId('integrity-summary').waitFor({ timeout: 30_000 });
      expect(await page.title()).toBe(text.integrityTitle);
      expect(await page.getByTestId('integrity-estimate').textContent()).toBe(text.integrityNoEstimate);
      await expect.poll(() => page!.locator('[data-testid="integrity-exit-table"] tbody tr').count(), { timeout: 30_000 }).toBeGreaterThan(0);
      await expect.poll(() => page!.getByTestId('integrity-map').getAttribute('data-drawn'), { timeout: 30_000 }).toMatch(new RegExp(`^${ANYUE}\\|`));
      expect(await page.locator('[data-testid="integrity-visit-table"] thead').textContent()).toContain(text.integrityToCheck);
      expect(await laidOut(page, '.integrity-controls > *, .integrity-summary > *, .header > *, .integrity-split > *')).toEqual({ overflow: 0, overlaps: [] });
      await page.screenshot({ path: join(artifactsDir, lang === 'zh' ? 'integrity-1366.png' : 'integrity-1366-en.png') });
      await page.context().close();
    }
    page = undefined;
    expect(consoleErrors).toEqual([]);
  }, 120_000);

  it('tells a clerk and the public that the screen is for inspectors and administrators, and asks the API nothing', async () => {
    page = await running!.newPage();
    const asked: string[] = [];
    page.on('request', (r) => r.url().includes('/api/integrity') && asked.push(r.url()));
    await page.goto(`${origin}/integrity?asOf=${AS_OF}`);
    const denied = page.getByTestId('integrity-denied');
    await expect.poll(() => denied.textContent(), { timeout: 30_000 }).toBe(zh.integrityNeedsRole);
    await signInOnPage(page, 'clerk.anyue', 'demo-clerk-2018');
    await expect.poll(() => denied.textContent(), { timeout: 30_000 }).toBe(zh.integrityWrongRole);
    expect(await page.getByTestId('integrity-draw').count()).toBe(0);
    expect(await page.getByTestId('integrity-exits').count()).toBe(0);
    expect(await page.getByTestId('integrity-map').count()).toBe(0);
    expect(asked).toEqual([]);
    // And the API would have refused it.
    expect((await page.request.get(`${origin}/api/integrity/exits?asOf=${AS_OF}`)).status()).toBe(403);
    expect(consoleErrors).toEqual([]);
  });

  it('keeps a county inspector out of a city sample outside its county: the screen says so and the API refuses the visit', async () => {
    const city = await drawByApi('inspector', { areaCode: '5120', asOf: AS_OF, seed: 11 });
    const elsewhere = city.units.find((u) => !u.villageCode.startsWith(ANYUE))!;
    page = await running!.newPage();
    await page.goto(`${origin}/integrity?sample=${city.id}&asOf=${AS_OF}`);
    const before = consoleErrors.length;
    await signInOnPage(page, 'inspector.anyue', 'demo-inspector-2018');
    const refusal = page.getByTestId('integrity-refused');
    await expect.poll(() => refusal.textContent(), { timeout: 30_000 }).toBe(zh.integritySampleRefused.replace('{status}', '403'));
    expect(await page.getByTestId('integrity-visits').count()).toBe(0);
    // Its own county's exits it still sees.
    await expect.poll(() => page!.locator('[data-testid="integrity-exit-table"] tbody tr').count(), { timeout: 30_000 }).toBeGreaterThan(0);
    const villages = await page.locator('[data-testid="integrity-exit-table"] tbody tr td:nth-child(3)').allTextContents();
    expect(villages.every((v) => v.includes(ANYUE))).toBe(true);
    // A visit recorded with this session, straight to the API: refused, nothing changed.
    const csrf = (await (await page.request.get(`${origin}/api/session`)).json()).csrfToken as string;
    const put = await page.request.put(`${origin}/api/integrity/samples/${city.id}/units/${elsewhere.householdId}`, {
      headers: { 'x-csrf-token': csrf },
      data: { version: elsewhere.version, result: 'confirmed', visitedBy: '李督查', visitedOn: '2026-12-01' },
    });
    expect(put.status()).toBe(403);
    expect((await put.json()).message).toMatch(/outside your area 512021/);
    expect((await api<SampleDetail>('inspector', `/api/integrity/samples/${city.id}`)).estimate.visited).toBe(0);
    await expect.poll(() => page!.getByTestId('integrity-map').getAttribute('data-drawn'), { timeout: 30_000 }).toMatch(new RegExp(`^${ANYUE}\\|`));
    await page.screenshot({ path: join(artifactsDir, 'integrity-refused.png') });
    // The only console errors are the browser's own lines for the refused sample.
    expect(consoleErrors.slice(before).every((e) => /403/.test(e))).toBe(true);
    consoleErrors.splice(before);
  });
});
