import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { idNumberCheckCharacter } from '../src/domain/id-number';
import { launch, newPage, screenshot, signIn } from './browser';

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser.close();
});

const XRW = { 'x-requested-with': 'e2e' };

describe('身份核验: a bureau confirms a link and undoes it when it proves suspicious (issue 16 item 1)', () => {
  it('a self-registered officer waits; the province confirms on 身份核验, then revokes it under 近期关联; the account is unlinked again', async () => {
    const username = 'e2e-link-drill';
    const body = '32058319911111789';
    const { context, page } = await newPage(browser);
    try {
      const registered = await page.request.post('/api/public/officer-registrations', {
        headers: XRW,
        data: { name: '端到端', idNumber: body + idNumberCheckCharacter(body), username, phone: '13800006666', password: 'Officer#2026ok' },
      });
      expect(registered.status(), await registered.text()).toBe(201);

      // no person on file and no invitation: the province decides
      await signIn(page, 'province');
      await page.goto('/identity-links');
      const request = page.locator('.ant-table-row', { hasText: username });
      await request.getByText('自主注册').waitFor();
      await request.getByText('无（确认后新建人员）').waitFor();
      await screenshot(page, 'identity-links-pending');
      await request.getByRole('button', { name: '确认身份关联' }).click();
      const confirm = page.locator('.ant-modal', { hasText: '核验依据' });
      await confirm.getByRole('textbox').fill('已核对身份证原件与企业聘任文件');
      await confirm.getByRole('button', { name: '确认关联' }).click();
      await page.getByText('确认身份关联：已完成').waitFor();
      // the pending list reloads after the message: the request leaves it
      await page.locator('.ant-table-row', { hasText: username }).waitFor({ state: 'detached' });

      await page.getByRole('tab', { name: '近期关联' }).click();
      const link = page.locator('.ant-table-row', { hasText: username });
      await link.getByText('主管局确认').waitFor();
      await screenshot(page, 'identity-links-recent');
      await link.getByRole('button', { name: '撤销关联' }).click();
      const revoke = page.locator('.ant-modal', { hasText: '撤销关联' });
      await revoke.getByRole('textbox').fill('经核实，该账户并非本人注册');
      await revoke.getByRole('button', { name: '撤销关联' }).click();
      await page.getByText('撤销关联：已完成').waitFor();
      await page.locator('.ant-table-row', { hasText: username }).waitFor({ state: 'detached' });

      const links = (await (await page.request.get('/api/identity/links')).json()) as { username: string }[];
      expect(links.map((l) => l.username)).not.toContain(username);
    } finally {
      await context.close();
    }
  });
});
