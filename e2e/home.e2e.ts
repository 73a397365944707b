import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launch, newPage, screenshot, signIn } from './browser';

/** Work-first home pages (issue 18 item 5). Read-only: the spec changes no data other specs rely on. */
let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser.close();
});

interface Todo {
  actions: { key: string; label: string; link: string }[];
  items: { key: string; label: string; value: number; target?: number; link: string }[];
}
const todoOf = async (page: Page): Promise<Todo> => (await (await page.request.get('/api/home/todo')).json()) as Todo;
const top = async (page: Page, selector: ReturnType<Page['locator']>): Promise<number> => (await selector.boundingBox())?.y ?? Number.NaN;

describe('each role’s home opens on its to-do', () => {
  it('a county (kunshan): the counts show first, and a count opens the filtered list it counts', async () => {
    const { context, page } = await newPage(browser, { width: 1280, height: 860 });
    try {
      await signIn(page, 'kunshan');
      const todo = await todoOf(page);
      const pending = todo.items.find((i) => i.key === 'filingsToReview');
      const overdue = todo.items.find((i) => i.key === 'filingsOverdue');
      expect(pending?.value).toBeGreaterThan(0);
      expect(overdue?.value).toBeGreaterThan(0);
      const card = page.locator('.home-todo');
      await card.getByRole('link', { name: '逾期未审备案' }).getByText(String(overdue?.value)).waitFor();
      await card.getByRole('link', { name: '待审核备案' }).getByText(String(pending?.value)).waitFor();
      // the to-do sits above the shortcuts, whose order follows the menu
      expect(await top(page, card)).toBeLessThan(await top(page, page.locator('.shortcut-card').first()));
      const shortcuts = (await page.locator('.shortcut-label').allInnerTexts()).slice(0, 4);
      expect(shortcuts).toEqual(['竞争聘用', '覆盖率看板', '工作清单', '考核记分卡']);
      await screenshot(page, 'home-county-1280');

      await card.getByRole('link', { name: '逾期未审备案' }).click();
      await page.waitForURL((u) => u.pathname === '/filings' && u.searchParams.get('tab') === 'overdue');
      await page.getByRole('tab', { name: new RegExp(`逾期未审.*${String(overdue?.value)}`), selected: true }).waitFor();
      // the tab's count comes with the counts, the rows with the list: wait for the rows before counting them
      const rows = page.locator('.ant-table-tbody tr.ant-table-row');
      await rows.first().waitFor();
      expect(await rows.count()).toBe(Math.min(overdue?.value ?? 0, 20));

      await page.goto('/');
      await card.getByRole('link', { name: '未设首席质量官的企业' }).click();
      await page.waitForURL((u) => u.pathname === '/worklists' && u.searchParams.get('kind') === 'uncovered');
      await page.getByRole('tab', { name: '未设首席质量官的企业', selected: true }).waitFor();
    } finally {
      await context.close();
    }
  });

  it('an officer’s phone home (375 px): sign-in, today’s classes and study progress first', async () => {
    const { context, page } = await newPage(browser, { width: 375, height: 667 });
    try {
      await signIn(page, 'officer-kunshan-1', undefined, false);
      const todo = await todoOf(page);
      const hours = todo.items.find((i) => i.key === 'studyHours');
      const signInButton = page.getByRole('button', { name: /扫码签到/ });
      await signInButton.waitFor();
      const classes = page.getByRole('link', { name: '今日培训课程' });
      const progress = page.getByRole('link', { name: /年线上学时/ });
      await progress.getByText(`/ ${String(hours?.target)}`).waitFor();
      // all three on the first screen, before the welcome card and the shortcuts
      for (const el of [signInButton, classes, progress]) {
        const y = await top(page, el);
        expect(y).toBeLessThan(667);
        expect(y).toBeLessThan(await top(page, page.locator('.welcome-card')));
      }
      expect(await top(page, signInButton)).toBeLessThan(await top(page, classes));
      const width = await page.evaluate(() => document.documentElement.scrollWidth);
      expect(width).toBeLessThanOrEqual(375);
      await screenshot(page, 'home-officer-375');

      await signInButton.click();
      await page.waitForURL((u) => u.pathname === '/training/sign-in');
      await page.goto('/');
      await progress.click();
      await page.waitForURL((u) => u.pathname === '/study/account');
    } finally {
      await context.close();
    }
  });

  for (const [username, first, admin] of [
    ['ent-kunshan-1', '待完善的备案（草稿、退回）', false],
    ['trainer-suzhou', '今日授课场次', false],
    ['alliance-suzhou', '待审批入会申请', false],
    ['secadmin', '待批准的密码与验证码重置', true],
  ] as const) {
    it(`${username}: its own to-do first`, async () => {
      const { context, page } = await newPage(browser, { width: 1280, height: 860 });
      try {
        await signIn(page, username, undefined, admin);
        await page.locator('.home-todo').getByRole('link', { name: first }).waitFor();
        await screenshot(page, `home-${username}-1280`);
      } finally {
        await context.close();
      }
    });
  }
});
