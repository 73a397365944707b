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

describe('考核 and the random expert draw (policy 八, 三.5)', () => {
  it('八: the province sees each city’s rank and grade with the figures behind them, and exports the results', async () => {
    const { context, page } = await newPage(browser);
    try {
      await signIn(page, 'province');
      await page.goto('/scorecards');
      const table = page.getByRole('table').first();
      await expect.poll(() => page.locator('.ant-table-tbody tr.ant-table-row').count(), { timeout: E2E_WAIT_MS }).toBeGreaterThanOrEqual(13);
      await expect.poll(() => page.getByText(/^1 \/ 13$/).count(), { timeout: E2E_WAIT_MS }).toBeGreaterThan(0);
      await expect
        .poll(() =>
          table
            .locator('.ant-tag')
            .filter({ hasText: /优秀|良好|合格|不合格/ })
            .count(),
        )
        .toBeGreaterThan(0);
      await page.locator('.ant-table-tbody tr.ant-table-row').filter({ hasText: '苏州市' }).locator('.ant-table-row-expand-icon').click();
      await page.getByText('依据').first().waitFor();
      await expect.poll(() => page.getByText(/覆盖率 \d+\.\d%/).count()).toBeGreaterThan(0);
      await screenshot(page, 'assessment-province');
      // the level is in the address bar: leaving the page and coming back keeps it
      await page.locator('.ant-segmented-item').filter({ hasText: '县（市、区）' }).click();
      await page.waitForURL((u) => u.searchParams.get('level') === 'county');
      await page.getByRole('row').filter({ hasText: '昆山市（苏州市）' }).waitFor();
      await page.goto('/');
      await page.goBack();
      await page.getByRole('row').filter({ hasText: '昆山市（苏州市）' }).waitFor();
      expect(await page.locator('.ant-segmented-item-selected').innerText()).toBe('县（市、区）');
      const [file] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: '导出考核结果' }).click()]);
      expect(file.suggestedFilename()).toMatch(/首席质量官制度考核结果.*\.xlsx$/);
      await page.getByRole('tab', { name: '考核方案' }).click();
      await page.getByText('考核方案（指标、权重与等次，按年度分版本）').waitFor();
      await page.getByText('适用版本').waitFor();
      await screenshot(page, 'assessment-scheme');
      // the province saves the year's scheme as a new version (weights shown summing to 100)
      await page.getByRole('button', { name: '保存新版本' }).click();
      const editor = page.locator('.ant-modal').filter({ hasText: '考核方案（新版本）' });
      await editor.getByText('权重合计').waitFor();
      await expect.poll(() => editor.getByText('100', { exact: true }).count()).toBeGreaterThan(0);
      await screenshot(page, 'assessment-scheme-editor');
      await editor.getByRole('button', { name: /保\s*存/ }).click();
      await page
        .getByText(/适用版本.*第 1 版|年度第 1 版/)
        .first()
        .waitFor();
    } finally {
      await context.close();
    }
  });

  it('八: a county sees its own score and its rank among all the province’s counties', async () => {
    const { context, page } = await newPage(browser);
    try {
      await signIn(page, 'kunshan');
      await page.goto('/scorecards');
      const row = page.locator('.ant-table-tbody tr.ant-table-row').filter({ hasText: '昆山市' });
      await row.waitFor();
      expect(await page.locator('.ant-table-tbody tr.ant-table-row').count()).toBe(1);
      expect(await row.innerText()).toMatch(/(\d+ \/ \d{2,3}|—)/);
      expect(await page.getByRole('button', { name: '保存新版本' }).count()).toBe(0);
    } finally {
      await context.close();
    }
  });

  it('三.5: a city bureau draws an expert at random, sees the seed and the candidates, and verifies the draw', async () => {
    const { context, page } = await newPage(browser);
    try {
      await signIn(page, 'suzhou');
      await page.goto('/supervision/experts');
      await page.getByRole('button', { name: '随机抽取' }).click();
      const modal = page.locator('.ant-modal').filter({ hasText: '随机抽取专家' });
      await modal.getByLabel('任务名称').fill('质量诊断随机抽取演示');
      await modal.getByLabel('抽取人数').fill('1');
      await modal.getByRole('button', { name: /抽\s*取/ }).click();
      const drawer = page.locator('.ant-drawer').filter({ hasText: '随机抽取详情' });
      await drawer.getByText('随机种子').waitFor();
      await drawer.getByText(/候选名单（\d+ 人/).waitFor();
      await drawer.getByRole('button', { name: '核对抽取' }).click();
      await drawer.getByText(/核对一致.*1 个位次/).waitFor();
      // the drawn expert refuses: recorded, and the next of the seeded order replaces them
      await drawer.getByRole('button', { name: '记录谢绝' }).click();
      const refusal = page.locator('.ant-modal').filter({ hasText: '记录谢绝' });
      await refusal.getByLabel('谢绝原因').fill('任务当天出差，无法参加');
      await refusal.getByRole('button', { name: '记录并递补' }).click();
      await drawer.getByText(/已谢绝，由.+递补/).waitFor();
      await drawer.getByText('递补抽中').waitFor();
      await drawer.getByRole('button', { name: '核对抽取' }).click();
      await drawer.getByText(/核对一致.*2 个位次/).waitFor();
      await screenshot(page, 'expert-random-draw');
    } finally {
      await context.close();
    }
  });

  it('the province’s 政策规则 page shows the calendar and the award conditions', async () => {
    const { context, page } = await newPage(browser);
    try {
      await signIn(page, 'province');
      await page.goto('/policy/rules');
      await page.getByText('政府质量奖申报的首席质量官条件（按奖项级别，各版本）').waitFor();
      await expect.poll(() => page.locator('.ant-table-tbody tr.ant-table-row').count(), { timeout: E2E_WAIT_MS }).toBeGreaterThan(0);
      await screenshot(page, 'policy-rules-province');
    } finally {
      await context.close();
    }
  });
});
