import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateTotp } from '../src/server/auth/totp';
import { launch, loginThroughUi, newPage, screenshot } from './browser';

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser.close();
});

describe('login security', () => {
  it('asks an administrator for the TOTP code after the password', async () => {
    const { context, page } = await newPage(browser);
    try {
      await page.goto('/login');
      await screenshot(page, 'login');
      await page.getByPlaceholder('用户名').fill('xuanwu');
      await page.getByPlaceholder('密码').fill('Cqo@2026demo');
      await page.getByRole('button', { name: /登\s*录/ }).click();
      await page.getByPlaceholder('动态验证码').waitFor();
      await screenshot(page, 'login-totp-step');
      await page.getByPlaceholder('动态验证码').fill('000000' === generateTotp('JBSWY3DPEHPK3PXP') ? '111111' : '000000');
      await page.getByRole('button', { name: /验\s*证/ }).click();
      await page
        .getByText(/动态验证码错误/)
        .first()
        .waitFor();
    } finally {
      await context.close();
    }
  });

  it('locks an account after five wrong passwords and says so in Chinese', async () => {
    const { context, page } = await newPage(browser);
    try {
      await page.goto('/login');
      for (let i = 1; i <= 5; i++) {
        await page.getByPlaceholder('用户名').fill('nanjing');
        await page.getByPlaceholder('密码').fill(`Wrong-password-${i}`);
        // the answer is the same as for an unknown user: no count of attempts left
        await Promise.all([page.waitForResponse((r) => r.url().includes('/api/auth/login')), page.getByRole('button', { name: /登\s*录/ }).click()]);
        if (i < 5) await page.getByText('用户名或密码错误').first().waitFor();
      }
      await page
        .getByText(/账户已锁定 30 分钟/)
        .first()
        .waitFor();
      await screenshot(page, 'login-locked');
      // the right password does not help while locked
      await page.getByPlaceholder('密码').fill('Cqo@2026demo');
      await page.getByRole('button', { name: /登\s*录/ }).click();
      await page
        .getByText(/已被锁定/)
        .first()
        .waitFor();
      expect(page.url()).toContain('/login');
    } finally {
      await context.close();
    }
  });

  it('walks a new administrator through the forced password change and TOTP enrolment', async () => {
    const admin = await newPage(browser);
    let temporary: string;
    try {
      await loginThroughUi(admin.page, 'suzhou');
      await admin.page.waitForURL((u) => u.pathname === '/');
      const units = (await (await admin.page.request.get('/api/org-units/tree')).json()) as { children: { id: number; code: string }[] }[];
      const wujiang = units[0]?.children.find((c) => c.code === '320509');
      const created = await admin.page.request.post('/api/accounts', {
        headers: { 'x-requested-with': 'e2e' },
        data: { username: 'wujiang', displayName: '吴江区市场监管局', role: 'county_admin', orgUnitId: wujiang?.id },
      });
      expect(created.status()).toBe(201);
      temporary = ((await created.json()) as { temporaryPassword: string }).temporaryPassword;
    } finally {
      await admin.context.close();
    }

    const { context, page } = await newPage(browser, { width: 375, height: 800 });
    try {
      await loginThroughUi(page, 'wujiang', temporary, false);
      await page.waitForURL(/first-login\/password/);
      await screenshot(page, 'first-login-password');
      await page.getByPlaceholder('当前密码').fill(temporary);
      await page.getByPlaceholder('新密码', { exact: true }).fill('Taihu#Lake2026');
      await page.getByPlaceholder('再次输入新密码').fill('Taihu#Lake2026');
      await page.getByRole('button', { name: /修改密码|确\s*认|提\s*交|保\s*存/ }).click();
      await page.waitForURL(/first-login\/totp/);
      const secret = (await page.getByLabel('密钥').innerText()).replace(/\s+/g, '');
      expect(secret).toMatch(/^[A-Z2-7]{16,}$/);
      await screenshot(page, 'first-login-totp');
      await page.getByPlaceholder('动态验证码').fill(generateTotp(secret));
      await page.getByRole('button', { name: /绑\s*定|确\s*认|验\s*证/ }).click();
      await page.waitForURL((u) => u.pathname === '/');
      await page.getByText('吴江区市场监管局').first().waitFor();
      await screenshot(page, 'home-phone');
    } finally {
      await context.close();
    }
  });
});
