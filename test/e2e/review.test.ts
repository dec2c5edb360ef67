/**
 * Browser test of the weekly meeting (/review): a leader opens mid-2018, sees the three townships
 * furthest behind and why, on a map; adds a problem with an owner and a task with its responsible
 * person; downloads the workbook, prints the report to PDF (pages, text and the map image checked,
 * the first page rendered to an image); reads what changed between two chosen weeks; filters by
 * specialty; and steps through the meeting mode, with its map, by the arrow keys.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import type { Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { artifactsDir, checkChromium, haveChromium, signInOnPage, startBrowserApp, type BrowserApp } from './browser.ts';
import { AREA_FEATURE } from '../../client/map/layerIds.ts';
import { lagFormatter, lagShareFormatter } from '../../client/review/lagFormat.ts';
import { figureColor } from '../../server/domain/legend.ts';
import { isBehind, type ProgressStatus } from '../../server/domain/progressStatus.ts';

checkChromium('review');
const WEEK = '2018-06-30';
/** The unit of 11 people that lifted none by WEEK: 100 % behind, a small unit, never first. */
const SMALL_UNIT = '四川大堰劳动教养管理所';

interface ReviewRow {
  code: string;
  name: string;
  smallUnit: boolean;
  weeksBehind: number;
  value: { lag: number | null; lagShare: number | null; status: ProgressStatus | null };
  worstParts: { shortName: string }[];
}

/** The fill colour (feature-state `color`) of each area on one review map, read from that map. */
async function reviewMapFills(page: Page, testId: string, codes: string[]): Promise<Record<string, string | null>> {
  return page.evaluate(({ testId, source, codes }) => {
    const map = (document.querySelector(`[data-testid="${testId}"]`) as unknown as { __map: import('maplibre-gl').Map }).__map;
    return Object.fromEntries(codes.map((code) => [code, (map.getFeatureState({ ...source, id: code }).color as string | undefined) ?? null]));
  }, { testId, source: AREA_FEATURE.township, codes });
}

describe.skipIf(!haveChromium)('the weekly meeting in headless Chromium', () => {
  let app: FastifyInstance;
  let origin: string;
  let page: Page;
  let running: BrowserApp | undefined;
  const consoleErrors: string[] = [];

  let leaderCookie = '';
  let leaderCsrf = '';
  /** The API as the signed-in leader sees it: small areas are not hidden. */
  const asLeader = async (url: string) => (await app.inject({ url, headers: { cookie: leaderCookie } })).json();

  beforeAll(async () => {
    running = await startBrowserApp(consoleErrors);
    ({ app, origin } = running);
    const login = await app.inject({ method: 'POST', url: '/api/session', payload: { username: 'leader', password: 'demo-leader-2018' } });
    leaderCookie = String(login.headers['set-cookie']).split(';')[0];
    leaderCsrf = login.json().csrfToken;
  }, 300_000);

  // A fresh page per test: each opens the meeting and signs in itself.
  beforeEach(async () => {
    page = await running!.newPage();
  });

  afterEach(async () => {
    await page?.context().close();
  });

  /** The meeting of WEEK, signed in as the leader, once the ranking the leader sees is shown. */
  async function openReview(): Promise<void> {
    const top = (await asLeader(`/api/review?week=${WEEK}&level=township`)).areas[0].code;
    await page.goto(`${origin}/review?week=${WEEK}`);
    await signInOnPage(page, 'leader', 'demo-leader-2018');
    await page.getByTestId('review-add').waitFor({ timeout: 20_000 });
    await expect.poll(() => page.locator('[data-testid="review-table"] tbody tr').first().getAttribute('data-code'), { timeout: 30_000 }).toBe(top);
  }

  afterAll(async () => {
    await running?.close();
  });

  it('shows the three townships furthest behind in mid-2018 and why, takes a problem, and gives the workbook and the PDF', async () => {
    const review = await asLeader(`/api/review?week=${WEEK}&level=township`);
    const areas: ReviewRow[] = review.areas;
    const main = areas.filter((a) => !a.smallUnit);
    const small = areas.filter((a) => a.smallUnit);
    const top3 = main.slice(0, 3);
    // The ranking rule: people behind, not the share, puts a township of −290 people first.
    expect(top3[0].name).toBe('丹山镇');
    expect(small.map((a) => a.name)).toContain(SMALL_UNIT);
    await page.goto(`${origin}/review?week=${WEEK}`);
    await signInOnPage(page, 'leader', 'demo-leader-2018');
    await page.getByTestId('review-add').waitFor({ timeout: 20_000 });
    const rows = page.locator('[data-testid="review-table"] tbody tr[data-code]');
    // Signed in, the ranking is fetched again with the small areas the public does not see.
    await expect.poll(() => rows.count(), { timeout: 30_000 }).toBe(90);
    await expect.poll(() => rows.first().getAttribute('data-code'), { timeout: 30_000 }).toBe(top3[0].code);
    // The server's order, kept: the others first, then the small units in their own section.
    // (Polled: the public's ranking, without the hidden small units, may still be on screen.)
    await expect.poll(() => rows.evaluateAll((trs) => trs.map((tr) => tr.getAttribute('data-code'))), { timeout: 30_000 }).toEqual([...main, ...small].map((a) => a.code));
    const smallSection = page.getByTestId('review-small-units');
    expect(await smallSection.locator('th').first().textContent()).toContain('规模较小的单位');
    expect(await smallSection.locator('th').first().textContent()).toContain('20 人');
    await expect.poll(() => smallSection.locator('tr[data-code]').evaluateAll((trs) => trs.map((tr) => tr.getAttribute('data-code'))), { timeout: 30_000 }).toEqual(small.map((a) => a.code));
    expect(await smallSection.textContent()).toContain(SMALL_UNIT);
    // The sort key first: the lag in people (sorted), at the precision that tells the rows apart, and its share.
    const lagOf = lagFormatter([...main, ...small].map((a) => a.value.lag), 'count');
    const shareOf = lagShareFormatter([...main, ...small].map((a) => a.value));
    const header = await page.locator('[data-testid="review-table"] thead th').allTextContents();
    expect(header.slice(2, 4)).toEqual(['偏差（人）', '偏差率']);
    const lagCells = await rows.evaluateAll((trs) => trs.map((tr) => tr.querySelectorAll('td')[2].textContent));
    expect(lagCells).toEqual([...main, ...small].map((a) => lagOf(a.value.lag)));
    for (const text of lagCells) expect(text).not.toMatch(/^[−-]0(\.0+)?$/);
    // Neighbours that differ read differently.
    const sorted = [...main, ...small];
    for (let i = 1; i < sorted.length; i++) {
      if (sorted[i].smallUnit !== sorted[i - 1].smallUnit || sorted[i].value.lag === sorted[i - 1].value.lag) continue;
      expect(lagCells[i], sorted[i].name).not.toBe(lagCells[i - 1]);
    }
    for (let i = 0; i < 3; i++) {
      const row = rows.nth(i);
      expect(await row.getAttribute('data-code')).toBe(top3[i].code);
      const cells = await row.locator('td').allTextContents();
      expect(cells[0]).toBe(String(i + 1));
      expect(cells[1]).toBe(top3[i].name);
      // Why: how far behind the plan, and for how long.
      expect(cells[2]).toBe(lagOf(top3[i].value.lag));
      expect(cells[3]).toBe(shareOf(top3[i].value.lagShare));
      expect(cells[4]).toMatch(/滞后/);
      expect(cells[9]).toBe(top3[i].weeksBehind > 0 ? `${top3[i].weeksBehind} 周` : '');
      // And the parts furthest behind.
      for (const part of top3[i].worstParts) expect(cells[10]).toContain(part.shortName);
    }
    expect((await rows.first().locator('td').allTextContents())[2]).toBe('−289.9');
    // Every badge is in the colour the map gives the same figure.
    const badges = await rows.evaluateAll((trs) => trs.map((tr) => getComputedStyle(tr.querySelector('.badge')!).backgroundColor));
    const rgb = (hex: string) => `rgb(${[1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16)).join(', ')})`;
    expect(badges).toEqual([...main, ...small].map((a) => rgb(figureColor(a.value))));
    // The legend gives the thresholds of the classes.
    expect(await page.getByTestId('review-legend').textContent()).toContain('−15% ~ −5%');

    // A problem for the worst township, with its owner.
    const add = page.getByTestId('review-add');
    await add.locator('select[name="area"]').selectOption(top3[0].code);
    await add.locator('input[name="description"]').fill('劳务输出组织不力，脱贫人口进度滞后');
    await add.locator('input[name="owner"]').fill('张镇长');
    await add.locator('input[name="due"]').fill('2018-07-14');
    await add.getByRole('button', { name: '新增问题' }).click();
    const problem = page.locator('[data-testid="review-problems"] tbody tr', { hasText: '张镇长' }).filter({ hasText: '劳务输出组织不力' });
    await problem.waitFor();
    expect(await problem.textContent()).toContain(top3[0].name);

    // Each problem links to its area on the map.
    expect(await problem.locator('a').first().getAttribute('href')).toContain(`a=${top3[0].code}`);

    // A task for the month, with its responsible person; overdue as of the meeting, not today.
    const addTask = page.getByTestId('task-add');
    await addTask.locator('input[name="title"]').fill('组织劳务专场招聘');
    await addTask.locator('select[name="area"]').selectOption(top3[0].code);
    await addTask.locator('input[name="department"]').fill('人社局');
    await addTask.locator('input[name="responsible"]').fill('王科长');
    await addTask.locator('input[name="due"]').fill('2018-06-28');
    await addTask.getByRole('button', { name: '新增任务' }).click();
    const task = page.locator('[data-testid="review-tasks"] tbody tr', { hasText: '王科长' });
    await task.waitFor();
    expect(await task.textContent()).toContain('逾期');
    expect(await task.textContent()).toContain('夏季战役');
    expect(await task.locator('a').first().getAttribute('href')).toContain(`a=${top3[0].code}`);
    // Edit who is responsible and by when: no longer overdue.
    await task.getByRole('button', { name: '编辑' }).click();
    await task.locator('input[aria-label="责任人"]').fill('王局长');
    await task.locator('input[aria-label="期限"]').fill('2018-07-10');
    await task.getByRole('button', { name: '保存' }).click();
    const edited = page.locator('[data-testid="review-tasks"] tbody tr', { hasText: '王局长' });
    await edited.waitFor();
    expect(await edited.textContent()).not.toContain('逾期');
    const db = (app as unknown as { db: { query: <T>(sql: string) => Promise<T[]> } }).db;
    expect((await db.query<{ action: string }>(`SELECT action FROM audit_log WHERE entity = 'task' ORDER BY id`)).map((r) => r.action)).toEqual(['task.create', 'task.update']);

    // The map of the week's status is drawn, and copied to an image for the print.
    await expect.poll(() => page.getByTestId('review-map').getAttribute('data-drawn'), { timeout: 30_000 }).toContain('township');
    // Each area's fill is figureColor of its figure: the same classes and colours as the main map and the badges.
    const expected = Object.fromEntries(areas.map((a) => [a.code, figureColor(a.value)]));
    await expect.poll(() => reviewMapFills(page, 'review-map', Object.keys(expected)), { timeout: 30_000 }).toEqual(expected);
    expect(expected[top3[0].code]).toBe(figureColor({ status: 'far_behind', lagShare: -0.2 }));
    await expect.poll(() => page.locator('[data-testid="review-map"] img').count(), { timeout: 30_000 }).toBe(1);

    // The workbook.
    const download = page.waitForEvent('download');
    await page.getByTestId('review-workbook').click();
    const xlsx = readFileSync(await (await download).path());
    expect(xlsx.subarray(0, 2).toString()).toBe('PK');

    // The printed report (通报): A4 landscape, with the title, the date, the lagging table and the problem.
    await page.emulateMedia({ media: 'print' });
    const pdfPath = join(artifactsDir, 'review-report.pdf');
    writeFileSync(pdfPath, await page.pdf({ format: 'A4', landscape: true, printBackground: true }));
    await page.emulateMedia({ media: 'screen' });
    if (existsSync('/usr/bin/pdfinfo') || process.env.CI) {
      const info = execFileSync('pdfinfo', [pdfPath], { encoding: 'utf8' });
      const pages = Number(/Pages:\s+(\d+)/.exec(info)![1]);
      expect(pages).toBeGreaterThanOrEqual(2);
      expect(pages).toBeLessThan(10);
      expect(info).toMatch(/Page size:\s+84[12]\.\d+ x 595\.\d+ pts \(A4\)/);
      const textOf = execFileSync('pdftotext', ['-layout', pdfPath, '-'], { encoding: 'utf8' });
      expect(textOf).toContain('每周例会');
      expect(textOf).toContain(WEEK);
      for (const a of top3) expect(textOf).toContain(a.name);
      // The printed list shows the number it is sorted by, and the map's legend its thresholds.
      expect(textOf).toContain(lagOf(top3[0].value.lag));
      expect(textOf).toContain('规模较小的单位');
      expect(textOf).toContain('−15% ~ −5%');
      expect(textOf).toContain('张镇长');
      expect(textOf).toContain('王局长');
      expect(textOf).toContain('本期变化');
      // The map is in the report: an image on the first page, about as wide as half the page.
      const images = execFileSync('pdfimages', ['-list', pdfPath], { encoding: 'utf8' }).split('\n').slice(2).filter(Boolean).map((l) => l.trim().split(/\s+/));
      const first = images.filter((c) => c[0] === '1' && c[2] === 'image');
      expect(first.length).toBeGreaterThanOrEqual(1);
      expect(Number(first[0][3])).toBeGreaterThan(300);
      execFileSync('pdftoppm', ['-png', '-r', '60', '-f', '1', '-l', '1', pdfPath, join(artifactsDir, 'review-report-page')]);
      expect(existsSync(join(artifactsDir, 'review-report-page-1.png')) || existsSync(join(artifactsDir, 'review-report-page-01.png'))).toBe(true);
    } else {
      console.warn('[e2e] pdfinfo not found: the PDF was made but its pages were not read');
    }
    await page.screenshot({ path: join(artifactsDir, 'review.png') });
  }, 120_000);

  it('shows what changed between two chosen weeks, as a table and a map, and filters by specialty', async () => {
    const [from, to] = ['2018-06-02', '2018-06-30'];
    const api = await asLeader(`/api/review/changes?from=${from}&to=${to}&level=township`);
    await openReview();
    await page.getByTestId('changes-from').fill(from);
    const section = page.getByTestId('review-changes');
    await expect.poll(() => section.getAttribute('data-from'), { timeout: 30_000 }).toBe(from);
    expect(await section.getAttribute('data-to')).toBe(to);
    const total = await section.locator('tr[data-code="total"] td').allTextContents();
    expect(total[1]).toBe(`+${api.total.peopleLifted.toLocaleString('zh-CN')}`);
    expect(total[4]).toBe(String(api.total.newAtRisk > 0 ? `+${api.total.newAtRisk}` : api.total.newAtRisk));
    // Ranked by the measure on the map: the first row moved most.
    const best = Math.max(...api.areas.map((a: { change: { peopleLifted: number } }) => a.change.peopleLifted));
    const firstRow = section.locator('[data-testid="changes-table"] tbody tr').nth(1);
    expect((await firstRow.locator('td').allTextContents())[1]).toBe(`+${best.toLocaleString('zh-CN')}`);
    await expect.poll(() => page.getByTestId('changes-map').getAttribute('data-drawn'), { timeout: 30_000 }).toContain('township');
    // Another measure: the map is drawn again and the table re-ranked.
    const drawnBefore = await page.getByTestId('changes-map').getAttribute('data-drawn');
    await page.getByTestId('changes-measure').selectOption('newAtRisk');
    const most = Math.max(...api.areas.map((a: { change: { newAtRisk: number } }) => a.change.newAtRisk));
    await expect.poll(async () => (await section.locator('[data-testid="changes-table"] tbody tr').nth(1).locator('td').allTextContents())[4], { timeout: 30_000 }).toBe(`+${most}`);
    expect(drawnBefore).toBeTruthy();
    await page.screenshot({ path: join(artifactsDir, 'review-changes.png') });

    // A specialty: the indicator moves to a project one, and the table is the API's for that specialty.
    const specialties = (await app.inject({ url: '/api/specialties' })).json().filter((x: { projects: number }) => x.projects > 0);
    await page.getByTestId('review-specialty').selectOption(String(specialties[0].code));
    await expect.poll(() => page.getByTestId('review-indicator').inputValue(), { timeout: 30_000 }).toBe('funds_disbursed');
    const filtered = await asLeader(`/api/review?week=${WEEK}&level=township&indicator=funds_disbursed&specialty=${specialties[0].code}`);
    await expect.poll(() => page.locator('[data-testid="review-table"] tbody tr').first().getAttribute('data-code'), { timeout: 30_000 }).toBe(filtered.areas[0].code);
    expect(page.url()).toContain(`specialty=${specialties[0].code}`);
    await page.getByTestId('review-specialty').selectOption('');
    await page.getByTestId('review-indicator').selectOption('people_lifted');
    await expect.poll(() => page.locator('[data-testid="review-table"] tbody tr').first().getAttribute('data-code'), { timeout: 30_000 }).toBe((await asLeader(`/api/review?week=${WEEK}&level=township`)).areas[0].code);
  }, 120_000);

  it('steps through the meeting mode with the arrow keys, from the first area behind plan that is not a small unit', async () => {
    const review = await asLeader(`/api/review?week=${WEEK}&level=township`);
    // The meeting's slides: the areas behind plan in the server's order, small units never first.
    const slides = (review.areas as ReviewRow[]).filter((a) => isBehind(a.value.status) && !a.smallUnit);
    expect(slides[0].name).toBe('丹山镇');
    expect(slides.map((a) => a.name)).not.toContain(SMALL_UNIT);
    // The worst township has a problem with its owner on the list (the first test raises one through the form).
    const open = await asLeader(`/api/problems?meeting=${WEEK}&status=open&area=${slides[0].code}`);
    if (!open.some((p: { owner: string }) => p.owner === '张镇长')) {
      const res = await app.inject({
        method: 'POST', url: '/api/problems', headers: { cookie: leaderCookie, 'x-csrf-token': leaderCsrf },
        payload: { areaCode: slides[0].code, description: '会前登记：务工就业进度滞后', owner: '张镇长', raisedAt: WEEK, dueDate: '2018-07-14' },
      });
      expect(res.statusCode, res.body).toBe(201);
    }
    await openReview();
    // The maps of the meeting and of the table after it share the boundaries already fetched
    // (client/api/fetchAreas.ts): at most one more ask per level, for the signed-in viewer.
    const boundaryAsks: string[] = [];
    page.on('request', (r) => { if (r.url().includes('/api/areas?level=')) boundaryAsks.push(new URL(r.url()).search); });
    await page.getByTestId('review-meeting').click();
    const meeting = page.getByTestId('meeting');
    await expect.poll(() => meeting.textContent()).toContain('全市概况');
    await page.keyboard.press('ArrowRight');
    await expect.poll(() => meeting.locator('h1').textContent()).toBe(`1. ${slides[0].name}`);
    expect(await meeting.textContent()).toContain('张镇长');
    if (slides[0].worstParts.length) expect(await page.getByTestId('meeting-parts').textContent()).toContain(slides[0].worstParts[0].shortName);
    // The lag in people and its share, in the palette's colours, with the legend's thresholds.
    const lagOf = lagFormatter(slides.slice(0, 8).map((a) => a.value.lag), 'count');
    const lagText = await page.getByTestId('meeting-lag').textContent();
    expect(lagText).toContain(`${lagOf(slides[0].value.lag)} 人`);
    expect(lagText).toContain(lagShareFormatter(slides.slice(0, 8).map((a) => a.value))(slides[0].value.lagShare));
    expect(await page.getByTestId('meeting-legend').textContent()).toContain('< −15%');
    // Its map zooms to it and outlines it, its neighbours coloured as on the review map.
    await expect.poll(() => page.getByTestId('meeting-map').getAttribute('data-drawn'), { timeout: 30_000 }).toContain(`|${slides[0].code}|`);
    const expected = Object.fromEntries((review.areas as ReviewRow[]).map((a) => [a.code, figureColor(a.value)]));
    expect(await reviewMapFills(page, 'meeting-map', Object.keys(expected))).toEqual(expected);
    await page.screenshot({ path: join(artifactsDir, 'meeting.png') });
    await page.keyboard.press('ArrowRight');
    await expect.poll(() => meeting.locator('h1').textContent()).toBe(`2. ${slides[1].name}`);
    await page.keyboard.press('ArrowLeft');
    await page.keyboard.press('Escape');
    await page.getByTestId('review-table').waitFor();
    await expect.poll(() => page.getByTestId('review-map').getAttribute('data-drawn'), { timeout: 30_000 }).toContain('|');
    for (const level of ['county', 'township', 'village']) {
      expect(boundaryAsks.filter((q) => q.startsWith(`?level=${level}`)).length, `${level}: ${boundaryAsks.join(' ')}`).toBeLessThanOrEqual(1);
    }
    expect(consoleErrors).toEqual([]);
  });

  it('marks a figure changed since the meeting was shown it by an edit dated back into the week', async () => {
    await openReview();
    const row = page.locator('tr[data-code="512021101"]');
    await row.waitFor();
    expect(await row.locator('[data-revised]').count()).toBe(0);
    // A clerk of 鸳大镇 exits a household with an effective date inside the week already shown.
    const clerk = await app.inject({ method: 'POST', url: '/api/session', payload: { username: 'clerk.512021101', password: 'demo-clerk-2018' } });
    const headers = { cookie: String(clerk.headers['set-cookie']).split(';')[0], 'x-csrf-token': clerk.json().csrfToken };
    const list = (await app.inject({ url: '/api/households?status=poor&pageSize=200', headers })).json() as { households: { id: string; version: number }[] };
    let done = false;
    for (const h of list.households) {
      const res = await app.inject({ method: 'PATCH', url: `/api/households/${h.id}`, headers, payload: { version: h.version, effectiveDate: '2018-06-25',
        changes: { status: 'exited', income_per_capita: 5200, food_clothing: true, education: true, medical: true, housing: true, medical_insurance: true },
        backdateReason: '补录：6月入户核实时漏录' } });
      if (res.statusCode === 200) {
        done = true;
        break;
      }
    }
    expect(done).toBe(true);
    await page.reload();
    await page.locator('tr[data-code="512021101"] [data-revised]').waitFor();
    const badge = page.locator('tr[data-code="512021101"] [data-revised]');
    expect(await badge.textContent()).toBe('已补录');
    expect(await badge.getAttribute('title')).toMatch(/^首次通报时为 .+（2\d{3}-\d{2}-\d{2} \d{2}:\d{2}）/);
    await row.screenshot({ path: join(artifactsDir, 'review-revised-row.png') });
    expect(consoleErrors).toEqual([]);
  });
});
