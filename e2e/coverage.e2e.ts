import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { E2E_WAIT_MS, launch, newPage, screenshot, signIn } from './browser';

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser.close();
});

describe('coverage dashboard', () => {
  it('the province drills down from the dashboard to a county’s enterprises without a CQO and exports them', async () => {
    const { context, page } = await newPage(browser);
    try {
      await signIn(page, 'province');
      await page.waitForURL((u) => u.pathname === '/');
      await page.getByRole('menuitem', { name: '覆盖率看板' }).click();
      await page.waitForURL((u) => u.pathname === '/coverage');
      await expect.poll(() => page.getByText('规上企业覆盖率').count(), { timeout: E2E_WAIT_MS }).toBeGreaterThan(0);
      await page.getByRole('img', { name: '覆盖率月度趋势折线图' }).waitFor();
      await screenshot(page, 'coverage-province');
      // a city without enterprises in a segment reads 无企业 there, not 0.0%（0/0）, and its number never wraps
      const overview = (await (await page.request.get('/api/coverage/overview')).json()) as {
        children: { name: string; segments: Record<string, { enterprises: number }> }[];
      };
      const empty = overview.children.find((c) => Object.values(c.segments).some((n) => n.enterprises === 0));
      expect(empty).toBeDefined();
      const row = page
        .locator('.ant-table')
        .first()
        .locator('tr', { hasText: empty?.name ?? '' });
      await row.getByText('无企业').first().waitFor();
      expect(await page.locator('.ant-table').first().getByText('（0/0）').count()).toBe(0);
      const wrapped = await page
        .locator('.ant-table')
        .first()
        .locator('td .nowrap')
        .evaluateAll((els) => els.filter((e) => e.getClientRects().length > 1).length);
      expect(wrapped).toBe(0);

      // province → city → county through the table under the chart
      await page.locator('.ant-table').first().getByText('苏州市', { exact: true }).click();
      await expect.poll(() => page.locator('.ant-breadcrumb').innerText(), { timeout: E2E_WAIT_MS }).toContain('苏州市');
      await page.locator('.ant-table').first().getByText('昆山市', { exact: true }).click();
      await expect.poll(() => page.locator('.ant-breadcrumb').innerText(), { timeout: E2E_WAIT_MS }).toContain('昆山市');
      await screenshot(page, 'coverage-county');

      await page.getByRole('button', { name: '未设首席质量官企业' }).click();
      await page.waitForURL((u) => u.pathname === '/worklists');
      const rows = page.locator('.ant-table-tbody tr.ant-table-row');
      await expect.poll(() => rows.count(), { timeout: E2E_WAIT_MS }).toBeGreaterThan(0);
      await expect.poll(() => page.getByText(/^共 \d+ 条$/).count(), { timeout: E2E_WAIT_MS }).toBe(1);
      const units = await page.locator('.ant-table-tbody tr.ant-table-row td:nth-child(3)').allInnerTexts();
      expect(units.every((u) => u.includes('昆山'))).toBe(true);
      await screenshot(page, 'worklist-kunshan');

      await page.getByRole('button', { name: '导出 Excel' }).click();
      const downloadButton = page.getByRole('link', { name: '下载' }).or(page.getByRole('button', { name: '下载' }));
      await downloadButton.first().waitFor();
      const [file] = await Promise.all([page.waitForEvent('download'), downloadButton.first().click()]);
      expect(file.suggestedFilename()).toMatch(/未设首席质量官的企业.*\.xlsx$/);
      await screenshot(page, 'worklist-exported');

      // the study chart: legend above the plot, counts on the bars
      await page.goto('/study/overview');
      await page.getByRole('img', { name: '各地区学时进度' }).waitFor();
      await screenshot(page, 'study-overview-chart');
    } finally {
      await context.close();
    }
  });

  it('works on a 375 px wide screen', async () => {
    const { context, page } = await newPage(browser, { width: 375, height: 800 });
    try {
      await signIn(page, 'suzhou');
      await page.waitForURL((u) => u.pathname === '/');
      await page.goto('/coverage');
      await expect.poll(() => page.getByText('规上企业覆盖率').count(), { timeout: E2E_WAIT_MS }).toBeGreaterThan(0);
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      expect(overflow).toBeLessThanOrEqual(1);
      await screenshot(page, 'coverage-mobile');
      await page.goto('/scorecards');
      // the scorecard's raw figures are a tab of their own since 考核 results open the page
      await page.getByRole('tab', { name: '指标明细' }).click();
      await expect.poll(() => page.getByText('苏州市（合计）').count(), { timeout: E2E_WAIT_MS }).toBeGreaterThan(0);
      await screenshot(page, 'scorecards-mobile');
    } finally {
      await context.close();
    }
  });
});
