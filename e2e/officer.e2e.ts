import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { idNumberCheckCharacter } from '../src/domain/id-number';
import { launch, loginThroughUi, newPage, screenshot, signIn } from './browser';

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser.close();
});

describe('an invited candidate opens their officer account on a phone', () => {
  it('registers through the enterprise’s link, signs in and sees their own record', async () => {
    const ent = await newPage(browser);
    let invitePath: string;
    const body = '32058319810808246';
    const idNumber = body + idNumberCheckCharacter(body);
    try {
      await signIn(ent.page, 'ent-kunshan-1', undefined, false);
      await ent.page.waitForURL((u) => u.pathname === '/');
      const candidate = await ent.page.request.post('/api/candidates', {
        headers: { 'x-requested-with': 'e2e' },
        data: { name: '秦邀请', idNumber, education: 'master', qualityYears: 9, positionTitle: '质量总监', positionLevel: 'manager' },
      });
      const invitation = await ent.page.request.post(`/api/candidates/${((await candidate.json()) as { id: number }).id}/invitations`, {
        headers: { 'x-requested-with': 'e2e' },
      });
      expect(invitation.status()).toBe(201);
      const url = new URL(((await invitation.json()) as { url: string }).url);
      invitePath = `${url.pathname}${url.search}`;
    } finally {
      await ent.context.close();
    }

    const { context, page } = await newPage(browser, { width: 375, height: 800 });
    try {
      await page.goto(invitePath);
      await page.getByText(/邀请您注册首席质量官账户/).waitFor();
      await page.getByPlaceholder('与身份证一致').fill('秦邀请');
      await page.getByPlaceholder('18 位居民身份证号').fill(idNumber);
      await page.getByPlaceholder('11 位手机号').fill('13900008888');
      await page.getByLabel('用户名').fill('qin-officer');
      await page.getByLabel('密码', { exact: true }).fill('Officer#2026qin');
      await page.getByLabel('确认密码').fill('Officer#2026qin');
      await screenshot(page, 'officer-register-invited');
      await page.getByRole('button', { name: /注\s*册/ }).click();
      await page.getByText('注册成功').waitFor();

      // the new officer's first login, through the login page
      await loginThroughUi(page, 'qin-officer', 'Officer#2026qin', false);
      await page.waitForURL((u) => u.pathname === '/');
      await page.goto('/me/profile');
      await page.getByText('秦邀请').first().waitFor();
      await page.getByText('3205**********').first().waitFor();
      await screenshot(page, 'officer-profile-phone');
      // the officer sees only their own record
      expect((await page.request.get('/api/enterprises')).status()).toBe(403);
    } finally {
      await context.close();
    }
  });
});
