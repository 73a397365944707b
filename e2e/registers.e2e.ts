import ExcelJS from 'exceljs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isEvaluated, needsOverride, type EligibilityResult } from '../src/domain/eligibility';
import { launch, newPage, screenshot, signIn } from './browser';

/**
 * The filing register and the CQO roster of a county (issue 18 item 3 and 4): find a filing by enterprise name,
 * USCC and person, export the 备案台账 and read it back, approve several at once; the 首席质量官名册.
 * Approves two of 昆山's submitted filings that are not overdue (the home spec counts the overdue ones).
 */
let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser.close();
});

interface Filing {
  id: number;
  enterpriseName: string;
  uscc: string;
  personName: string;
  status: string;
  canReview: boolean;
}
const getJson = async <T>(page: Page, url: string): Promise<T> => (await (await page.request.get(url)).json()) as T;
const rows = (page: Page) => page.locator('.ant-table-tbody tr.ant-table-row');

/** Two submitted filings the county decides that pass every binding rule and are not overdue. */
async function approvable(page: Page): Promise<Filing[]> {
  const submitted = (await getJson<{ items: Filing[] }>(page, '/api/filings?status=submitted&pageSize=100')).items.filter((f) => f.canReview);
  const overdue = new Set((await getJson<{ items: Filing[] }>(page, '/api/filings?overdue=true&pageSize=100')).items.map((f) => f.id));
  const names = new Map<string, number>();
  for (const f of submitted) names.set(f.enterpriseName, (names.get(f.enterpriseName) ?? 0) + 1);
  const found: Filing[] = [];
  for (const f of submitted) {
    if (overdue.has(f.id) || names.get(f.enterpriseName) !== 1) continue;
    const detail = await getJson<{ eligibility: EligibilityResult | null }>(page, `/api/filings/${String(f.id)}`);
    if (detail.eligibility && isEvaluated(detail.eligibility) && !needsOverride(detail.eligibility)) found.push(f);
    if (found.length === 2) break;
  }
  return found;
}

/** Types a keyword into the list's 关键词 box and applies it; again if a late render reset the box first. */
async function search(page: Page, keyword: string): Promise<void> {
  const box = page.getByLabel('关键词', { exact: true });
  for (let attempt = 0; attempt < 3; attempt++) {
    await box.fill(keyword);
    // the list's own answer to the keyword (none when it is still cached from an earlier search of it)
    const answered = page
      .waitForResponse(
        (r) => {
          const u = new URL(r.url());
          return u.pathname.startsWith('/api/') && !u.pathname.endsWith('/export') && u.searchParams.get('q') === keyword;
        },
        { timeout: 5_000 },
      )
      .catch(() => undefined);
    await box.press('Enter');
    try {
      await page.waitForURL((u) => u.searchParams.get('q') === keyword);
      await answered;
      // the rows of the new search, not those kept on screen while it loads: React Router renders the new
      // address in a transition, so for a moment the old rows (and an export button with the old filters) remain
      await page.locator('.ant-table .ant-spin-spinning').waitFor({ state: 'hidden' });
      await expect
        .poll(async () => (await rows(page).count()) > 0 && (await rows(page).filter({ hasNotText: keyword }).count()) === 0, { timeout: 5_000 })
        .toBe(true);
      return;
    } catch {
      /* not applied: type it again */
    }
  }
  throw new Error(`the search for ${keyword} was not applied`);
}

describe('a county’s registers', () => {
  it('finds a filing by enterprise, USCC and person, exports the 备案台账 and reads it back, and approves two at once', async () => {
    const { context, page } = await newPage(browser, { width: 1366, height: 900 });
    try {
      await signIn(page, 'kunshan');
      const picked = await approvable(page);
      expect(picked).toHaveLength(2);
      const [first, second] = picked as [Filing, Filing];

      await page.goto('/filings?tab=all');
      await rows(page).first().waitFor();
      await search(page, first.enterpriseName);
      await rows(page).filter({ hasText: first.uscc }).waitFor();
      expect(await rows(page).count()).toBeGreaterThanOrEqual(1);
      await search(page, first.uscc);
      await rows(page).filter({ hasText: first.enterpriseName }).waitFor();
      expect(await rows(page).filter({ hasNotText: first.uscc }).count()).toBe(0);
      await search(page, first.personName);
      await rows(page).filter({ hasText: first.enterpriseName }).waitFor();
      await screenshot(page, 'filing-register-search');

      // the 备案台账 of what the list shows: the filing by its enterprise name, the ID number masked
      await search(page, first.enterpriseName);
      await rows(page).filter({ hasText: first.uscc }).waitFor();
      const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: /导出备案台账/ }).click()]);
      expect(download.suggestedFilename()).toMatch(/^备案台账-\d{4}-\d{2}-\d{2}\.xlsx$/);
      const book = new ExcelJS.Workbook();
      await book.xlsx.readFile(await download.path());
      const sheet = book.getWorksheet('备案台账');
      if (!sheet) throw new Error('no 备案台账 sheet');
      const headers = (sheet.getRow(1).values as unknown[]).map((v) => String(v ?? ''));
      const col = (h: string) => headers.indexOf(h);
      expect(col('企业名称')).toBeGreaterThan(0);
      const exported: { name: string; uscc: string; id: string }[] = [];
      sheet.eachRow((row, n) => {
        if (n > 1)
          exported.push({
            name: String(row.getCell(col('企业名称')).value),
            uscc: String(row.getCell(col('统一社会信用代码')).value),
            id: String(row.getCell(col('身份证号（脱敏）')).value),
          });
      });
      expect(exported.length).toBe(await rows(page).count());
      expect(exported.map((r) => r.uscc)).toContain(first.uscc);
      for (const r of exported) {
        expect(r.name).toContain(first.enterpriseName);
        expect(r.id).toMatch(/\*/);
      }

      // bulk approval from the 待审核 tab, all on one page
      await page.goto('/filings?pageSize=100');
      await rows(page).first().waitFor();
      for (const f of picked) await page.getByRole('checkbox', { name: `选择 ${f.enterpriseName}` }).check();
      await page.getByText('已选 2 份').waitFor();
      await page.getByRole('button', { name: '批量予以备案' }).click();
      const dialog = page.getByRole('dialog', { name: /批量予以备案/ });
      await dialog.getByLabel('意见').fill('材料齐全，予以备案');
      await dialog.getByRole('button', { name: /予以备案/ }).click();
      await page.getByText('成功 2 份，未办理 0 份').waitFor();
      await screenshot(page, 'filing-register-bulk-approved');
      for (const f of [first, second]) expect((await getJson<{ status: string }>(page, `/api/filings/${String(f.id)}`)).status).toBe('active');
    } finally {
      await context.close();
    }
  });

  it('the 首席质量官名册: the officers in office, found by name, exported', async () => {
    const { context, page } = await newPage(browser, { width: 1366, height: 900 });
    try {
      await signIn(page, 'kunshan');
      await page.goto('/officer-roster');
      await page.getByRole('heading', { name: '首席质量官名册' }).waitFor();
      await rows(page).first().waitFor();
      const roster = await getJson<{ total: number; items: { personName: string; enterpriseName: string }[] }>(page, '/api/officer-roster?pageSize=5');
      expect(roster.total).toBeGreaterThan(0);
      const officer = roster.items[0];
      if (!officer) throw new Error('empty roster');
      await search(page, officer.enterpriseName);
      await rows(page).filter({ hasText: officer.personName }).waitFor();
      await screenshot(page, 'officer-roster');
      const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: /导出/ }).click()]);
      const book = new ExcelJS.Workbook();
      await book.xlsx.readFile(await download.path());
      const sheet = book.getWorksheet('首席质量官名册');
      const headers = (sheet?.getRow(1).values as unknown[]).map((v) => String(v ?? ''));
      expect(String(sheet?.getRow(2).getCell(headers.indexOf('企业名称')).value)).toContain(officer.enterpriseName);
      expect(String(sheet?.getRow(2).getCell(headers.indexOf('身份证号（脱敏）')).value)).toMatch(/\*/);
    } finally {
      await context.close();
    }
  });
});
