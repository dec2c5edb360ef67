/**
 * Browser test of the weekly meeting (/review): a leader opens mid-2018, sees the three townships
 * furthest behind and why, adds a problem with an owner, downloads the workbook, prints the
 * report to PDF (pages and text checked, the first page rendered to an image), and steps through
 * the meeting mode with the arrow keys.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../server/app.ts';
import { createScratchDatabase, type ScratchDatabase } from '../helpers/scratchDatabase.ts';
import { testConfig } from '../helpers/testConfig.ts';
import { artifactsDir, buildClient, checkChromium, clickAt, distDir, haveChromium, isolatedPage, launchChromium } from './browser.ts';

checkChromium('review');
const WEEK = '2018-06-30';

describe.skipIf(!haveChromium)('the weekly meeting in headless Chromium', () => {
  let scratch: ScratchDatabase;
  let app: FastifyInstance;
  let origin: string;
  let browser: Browser;
  let page: Page;
  const consoleErrors: string[] = [];

  beforeAll(async () => {
    console.info(`[e2e] built client in ${await buildClient()} ms`);
    scratch = await createScratchDatabase();
    app = await buildApp(testConfig({ databaseUrl: scratch.url, clientDir: distDir }), { logger: false });
    await app.listen({ port: 0, host: '127.0.0.1' });
    origin = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
    mkdirSync(artifactsDir, { recursive: true });
    browser = await launchChromium();
    page = await isolatedPage(browser, origin, consoleErrors);
  }, 300_000);

  afterAll(async () => {
    await browser?.close();
    await app?.close();
    await scratch?.drop();
  });

  it('shows the three townships furthest behind in mid-2018 and why, takes a problem, and gives the workbook and the PDF', async () => {
    const review = (await app.inject({ url: `/api/review?week=${WEEK}&level=township` })).json();
    const top3 = review.areas.slice(0, 3);
    await page.goto(`${origin}/review?week=${WEEK}`);
    await page.getByRole('button', { name: '登录' }).click();
    await page.fill('input[name="username"]', 'leader');
    await page.fill('input[name="password"]', 'demo-leader-2018');
    await page.locator('form.sign-in button[type="submit"]').click();
    await page.getByTestId('review-add').waitFor({ timeout: 20_000 });
    const rows = page.locator('[data-testid="review-table"] tbody tr');
    await expect.poll(() => rows.count()).toBe(90);
    for (let i = 0; i < 3; i++) {
      const row = rows.nth(i);
      expect(await row.getAttribute('data-code')).toBe(top3[i].code);
      const cells = await row.locator('td').allTextContents();
      expect(cells[1]).toBe(top3[i].name);
      expect(cells[6]).toMatch(/滞后/);
      // Why: how far behind the plan, and for how long.
      expect(cells[5]).toBe(Math.round(top3[i].value.lag).toLocaleString('zh-CN'));
      expect(cells[8]).toBe(top3[i].weeksBehind > 0 ? `${top3[i].weeksBehind} 周` : '');
    }

    // A problem for the worst township, with its owner.
    const add = page.getByTestId('review-add');
    await add.locator('select[name="area"]').selectOption(top3[0].code);
    await add.locator('input[name="description"]').fill('劳务输出组织不力，脱贫人口进度滞后');
    await add.locator('input[name="owner"]').fill('张镇长');
    await add.locator('input[name="due"]').fill('2018-07-14');
    await add.getByRole('button', { name: '新增问题' }).click();
    const problem = page.locator('[data-testid="review-problems"] tbody tr', { hasText: '张镇长' });
    await problem.waitFor();
    expect(await problem.textContent()).toContain(top3[0].name);

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
      expect(textOf).toContain('张镇长');
      execFileSync('pdftoppm', ['-png', '-r', '60', '-f', '1', '-l', '1', pdfPath, join(artifactsDir, 'review-report-page')]);
      expect(existsSync(join(artifactsDir, 'review-report-page-1.png')) || existsSync(join(artifactsDir, 'review-report-page-01.png'))).toBe(true);
    } else {
      console.warn('[e2e] pdfinfo not found: the PDF was made but its pages were not read');
    }
    await page.screenshot({ path: join(artifactsDir, 'review.png') });
  }, 120_000);

  it('steps through the meeting mode with the arrow keys', async () => {
    const review = (await app.inject({ url: `/api/review?week=${WEEK}&level=township` })).json();
    await page.getByTestId('review-meeting').click();
    const meeting = page.getByTestId('meeting');
    await expect.poll(() => meeting.textContent()).toContain('全市概况');
    await page.keyboard.press('ArrowRight');
    await expect.poll(() => meeting.locator('h1').textContent()).toBe(`1. ${review.areas[0].name}`);
    expect(await meeting.textContent()).toContain('张镇长');
    await page.screenshot({ path: join(artifactsDir, 'meeting-slide-1.png') });
    await page.keyboard.press('ArrowRight');
    await expect.poll(() => meeting.locator('h1').textContent()).toBe(`2. ${review.areas[1].name}`);
    await page.keyboard.press('ArrowLeft');
    await page.keyboard.press('Escape');
    await page.getByTestId('review-table').waitFor();
    expect(consoleErrors).toEqual([]);
  });
});
