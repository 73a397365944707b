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

const XRW = { 'x-requested-with': 'e2e' };

describe('dual control of password resets (双人控制)', () => {
  it('the system administrator asks, follows the request, the security administrator approves, the owner is told', async () => {
    const username = 'reset-drill';
    const displayName = '重置演练县局';
    const sys = await newPage(browser);
    try {
      await signIn(sys.page, 'sysadmin');
      // a county bureau account of its own, so no other spec's account is touched
      const tree = (await (await sys.page.request.get('/api/org-units/tree')).json()) as {
        children: { id: number; code: string; children?: { id: number; code: string }[] }[];
      }[];
      const suzhou = tree[0]?.children.find((c) => c.code === '320500');
      const county = suzhou?.children?.find((c) => !['320508', '320509', '320583'].includes(c.code));
      expect(county).toBeDefined();
      const created = await sys.page.request.post('/api/accounts', {
        headers: XRW,
        data: { username, displayName, role: 'county_admin', orgUnitId: county?.id },
      });
      expect(created.status(), await created.text()).toBe(201);

      await sys.page.getByRole('menuitem', { name: '账户管理' }).click();
      await sys.page.getByPlaceholder('用户名或姓名').fill(username);
      await sys.page.getByPlaceholder('用户名或姓名').press('Enter');
      await sys.page.getByRole('button', { name: `更多操作：${displayName}` }).click();
      await sys.page.getByRole('menuitem', { name: '重置密码' }).click();
      // the answer, not the 3-second toast, is what the test waits on: a loaded machine may take longer than the toast lives
      const answered = sys.page.waitForResponse((r) => r.url().endsWith('/reset-password') && r.request().method() === 'POST');
      await sys.page
        .locator('.ant-modal-confirm')
        .getByRole('button', { name: /重置密码/ })
        .click();
      const answer = await answered;
      expect(answer.status(), await answer.text()).toBe(200);
      expect(await answer.json()).toMatchObject({ pendingApproval: true });

      // the request waits; the requester follows it from the accounts page
      await sys.page.getByRole('button', { name: '重置申请' }).click();
      await sys.page.waitForURL(/\/accounts\/reset-requests$/);
      const mine = sys.page.locator('.reset-requests tr', { hasText: username });
      await mine.getByText('待批准').waitFor();
      expect(await sys.page.getByRole('button', { name: '批准' }).count()).toBe(0);
      await screenshot(sys.page, 'reset-requests-requester');
    } finally {
      await sys.context.close();
    }

    let temporary: string;
    const sec = await newPage(browser);
    try {
      await signIn(sec.page, 'secadmin');
      await sec.page.getByRole('menuitem').first().waitFor();
      const menu = (await sec.page.getByRole('menuitem').allInnerTexts()).map((t) => t.trim()).filter(Boolean);
      expect(menu).toEqual(['首页', '重置审批', '安全策略']);
      await sec.page.getByRole('menuitem', { name: '重置审批' }).click();
      const row = sec.page.locator('.reset-requests tr', { hasText: username });
      await row.getByText('sysadmin').first().waitFor();
      await screenshot(sec.page, 'reset-requests-approver');
      await row.getByRole('button', { name: '批准' }).click();
      await sec.page.locator('.ant-modal-confirm').getByRole('button', { name: '批准并执行' }).click();
      const password = sec.page.getByLabel('初始密码');
      await password.waitFor();
      temporary = (await password.innerText()).trim();
      expect(temporary).toMatch(/^.{14}$/);
      await screenshot(sec.page, 'reset-requests-approved');
      await sec.page.getByRole('button', { name: '我已记下' }).click();
      // decided: gone from the pending list, shown under 已批准
      await row.waitFor({ state: 'detached' });
      await sec.page.getByText('已批准', { exact: true }).click();
      await sec.page.locator('.reset-requests tr', { hasText: username }).getByText('已批准并执行').waitFor();
    } finally {
      await sec.context.close();
    }

    // the owner signs in with the new one-time password and finds the notice
    const owner = await newPage(browser);
    try {
      const login = await owner.page.request.post('/api/auth/login', { headers: XRW, data: { username, password: temporary } });
      expect(login.status(), await login.text()).toBe(200);
      const notices = (await (await owner.page.request.get('/api/notifications')).json()) as { items: { kind: string; title: string }[] };
      expect(notices.items).toEqual(expect.arrayContaining([expect.objectContaining({ kind: 'account.reset.done', title: '您的密码已被重置' })]));
    } finally {
      await owner.context.close();
    }
  });
});
