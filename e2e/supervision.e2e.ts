import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launch, newPage, screenshot, signIn } from './browser';

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser.close();
});

describe('public supervision pages on a phone', () => {
  it('lists the blacklist notice with the name masked and answers the award-eligibility query', async () => {
    const { context, page } = await newPage(browser, { width: 375, height: 800 });
    try {
      await page.goto('/blacklist');
      await page.getByText(/苏质黑〔\d{4}〕1号/).waitFor();
      await page.getByText('禁入期内').first().waitFor();
      expect(await page.locator('.notice-item').first().innerText()).toMatch(/^[\s\S]*\*[\s\S]*$/);
      await screenshot(page, 'supervision-blacklist-phone');
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);

      await page.goto('/award-eligibility');
      await page.getByLabel('统一社会信用代码').fill('91320583MA1234567X');
      await page.getByRole('button', { name: /查\s*询/ }).click();
      await page
        .getByRole('alert')
        .getByText(/校验位错误/)
        .waitFor();
      const ent = (await (await page.request.get('/api/public/blacklist-notices')).json()) as { items: { uscc: string }[] };
      await page.getByLabel('统一社会信用代码').fill(ent.items[0]?.uscc ?? '');
      await page.getByRole('button', { name: /查\s*询/ }).click();
      await page.getByText('暂不符合首席质量官制度方面的申报条件').waitFor();
      await page.getByText(/列入黑名单，禁入期至/).waitFor();
      await screenshot(page, 'supervision-award-phone');
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
    } finally {
      await context.close();
    }
  });
});

describe('bureaus and the officer', () => {
  it('the county bureau sees duty records and the expert pool; the province sees the blacklist decision', async () => {
    const { context, page } = await newPage(browser);
    try {
      await signIn(page, 'kunshan');
      await page.waitForURL((u) => u.pathname === '/');
      await page.goto('/supervision/duty-records');
      await page.getByText('否决不合格原材料批次投产').waitFor();
      await screenshot(page, 'supervision-duty-records-bureau');
      await page.getByText('否决不合格原材料批次投产').click();
      await page.locator('.ant-drawer').getByText('经过').waitFor();
      await screenshot(page, 'supervision-duty-record-detail');
      await page.goto('/supervision/experts');
      await page.getByText('质量管理体系').first().waitFor();
      await screenshot(page, 'supervision-experts-bureau');
    } finally {
      await context.close();
    }
    const province = await newPage(browser);
    try {
      await signIn(province.page, 'province');
      await province.page.waitForURL((u) => u.pathname === '/');
      await province.page.goto('/supervision/sanctions');
      await province.page.getByText('压力容器爆裂较大质量安全事故').waitFor();
      await screenshot(province.page, 'supervision-sanctions-province');
    } finally {
      await province.context.close();
    }
  });

  it('the officer records a duty and accepts the expert-pool nomination on a phone', async () => {
    // officer-kunshan-2: the filings e2e appoints a new officer at ent-kunshan-1, which ends officer-kunshan-1's filing
    const { context, page } = await newPage(browser, { width: 375, height: 800 });
    const bureau = await newPage(browser);
    try {
      await signIn(page, 'officer-kunshan-2', undefined, false);
      await page.waitForURL((u) => u.pathname === '/');
      const me = (await (await page.request.get('/api/officers/me')).json()) as { filings: { id: number; status: string }[] };
      const filing = me.filings.find((f) => f.status === 'active');
      expect(filing).toBeDefined();
      // the county bureau nominates the officer for the expert pool
      await signIn(bureau.page, 'kunshan');
      await bureau.page.waitForURL((u) => u.pathname === '/');
      const nominated = await bureau.page.request.post('/api/expert-pool', {
        headers: { 'x-requested-with': 'e2e' },
        data: { filingId: filing?.id, fields: ['质量诊断', '过程控制'], industrySection: 'C' },
      });
      expect(nominated.status()).toBe(201);
      await page.goto('/me/duty-records');
      await page.getByRole('button', { name: /登记履职记录/ }).click();
      const dialog = page.getByRole('dialog');
      await dialog.getByLabel('事项').fill('主持召开质量月活动部署会');
      await dialog.getByLabel('经过').fill('部署质量月各项活动，明确责任部门和时间节点。');
      await screenshot(page, 'supervision-duty-record-form-phone');
      await dialog.getByRole('button', { name: /保\s*存/ }).click();
      await page.locator('.ant-drawer').getByText('主持召开质量月活动部署会').first().waitFor();
      await page.locator('.ant-drawer-close').click();
      await screenshot(page, 'supervision-duty-records-phone');
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);

      await page.goto('/me/experts');
      await page.getByRole('button', { name: /接受入库/ }).click();
      await page.getByText('在库').first().waitFor();
      await screenshot(page, 'supervision-my-experts-phone');
    } finally {
      await context.close();
      await bureau.context.close();
    }
  });
});
