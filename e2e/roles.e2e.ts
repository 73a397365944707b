import ExcelJS from 'exceljs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launch, newPage, screenshot, signIn } from './browser';

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser.close();
});

const menuOf = async (page: Page) => {
  await page.getByRole('menuitem').first().waitFor();
  return (await page.getByRole('menuitem').allInnerTexts()).map((t) => t.trim()).filter(Boolean);
};

describe('each role sees its own menu', () => {
  const expected: Record<string, string[]> = {
    // a bureau's menu has section headings (统计分析, 企业与备案, 培训, …); the headings are not menu items
    province: [
      ...[
        '首页',
        '政策规则',
        '竞争聘用',
        '覆盖率看板',
        '工作清单',
        '考核记分卡',
        '目标设置',
        '企业名录',
        '注册审核',
        '备案审核',
        '身份核验',
        '首席质量官名册',
        '证书台账',
        '任职条件',
      ],
      ...['培训计划', '合并至市级', '课程与教材', '培训班', '讲师库', '培训统计', '课程管理', '学时进度', '学时审核', '学时设置'],
      ...['履职记录', '专家库', '警示与黑名单', '经验案例', '案例审核', '交流活动', '联盟管理', '内容审核', '组织机构', '账户管理', '后台任务'],
    ],
    sysadmin: ['首页', '组织机构', '账户管理', '系统设置', '后台任务'],
    secadmin: ['首页', '重置审批', '安全策略'],
  };

  for (const [username, menu] of Object.entries(expected)) {
    it(`${username}: ${menu.length > 8 ? `${menu.slice(0, 8).join('、')}…` : menu.join('、')}`, async () => {
      const { context, page } = await newPage(browser);
      try {
        await signIn(page, username);
        await page.waitForURL((u) => u.pathname === '/');
        expect(await menuOf(page)).toEqual(menu);
        await screenshot(page, `menu-${username}`);
        if (username === 'province') {
          await page.getByRole('menuitem', { name: '组织机构' }).click();
          await page.getByText('苏州市').first().waitFor();
          await screenshot(page, 'org-units-province');
          await page.getByRole('menuitem', { name: '账户管理' }).click();
          await page.getByText('kunshan').first().waitFor();
          await screenshot(page, 'accounts-province');
          // the audit log is not the province bureau's: the page is refused, and so is the API
          await page.goto('/audit');
          await page.getByText('403').first().waitFor();
          await screenshot(page, 'forbidden-province-audit');
          const api = await page.request.get('/api/audit-events');
          expect(api.status()).toBe(403);
          await page.goto('/no-such-page');
          await page.getByText('404').first().waitFor();
        }
      } finally {
        await context.close();
      }
    });
  }

  it('kunshan (a county): the home page opens on its to-do with the overdue count', async () => {
    const { context, page } = await newPage(browser);
    try {
      await signIn(page, 'kunshan');
      await page.waitForURL((u) => u.pathname === '/');
      await page.getByText('待办工作').first().waitFor();
      const overdue = (await (await page.request.get('/api/filings?overdue=true&pageSize=1')).json()) as { total: number };
      expect(overdue.total).toBeGreaterThan(0);
      await page.getByRole('link', { name: '逾期未审备案' }).first().getByText(String(overdue.total)).waitFor();
      await screenshot(page, 'home-county-todo');
    } finally {
      await context.close();
    }
  });

  it('ent-kunshan-1 (an enterprise): its own profile and filings only', async () => {
    const { context, page } = await newPage(browser);
    try {
      await signIn(page, 'ent-kunshan-1', undefined, false);
      await page.waitForURL((u) => u.pathname === '/');
      expect(await menuOf(page)).toEqual([
        '首页',
        '竞争聘用',
        '本企业信息',
        '聘任备案',
        '课程与教材',
        '培训班',
        '履职记录',
        '经验案例',
        '交流活动',
        '后台任务',
      ]);
      await screenshot(page, 'menu-enterprise');
      expect((await page.request.get('/api/enterprises')).status()).toBe(403);
      expect((await page.request.get('/api/accounts')).status()).toBe(403);
    } finally {
      await context.close();
    }
  });

  it('auditadmin: reads, verifies and exports the audit log, and nothing else', async () => {
    const { context, page } = await newPage(browser);
    try {
      await signIn(page, 'auditadmin');
      await page.waitForURL((u) => u.pathname === '/');
      expect(await menuOf(page)).toEqual(['首页', '审计日志', '后台任务']);
      await page.getByRole('menuitem', { name: '审计日志' }).click();
      await page.getByRole('cell', { name: '登录' }).first().waitFor();
      await screenshot(page, 'audit-log');

      await page.getByRole('button', { name: /校验完整性/ }).click();
      await page.getByText(/完整/).first().waitFor();
      await screenshot(page, 'audit-verify');

      const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: /导出/ }).click()]);
      const file = await download.path();
      const book = new ExcelJS.Workbook();
      await book.xlsx.readFile(file);
      const sheet = book.getWorksheet('审计日志');
      expect(sheet?.getRow(1).getCell(1).value).toBe('序号');
      expect(sheet?.rowCount).toBeGreaterThan(3);

      expect((await page.request.get('/api/accounts')).status()).toBe(403);
    } finally {
      await context.close();
    }
  });
});
