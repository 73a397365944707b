import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launch, newPage, screenshot, signIn } from './browser';

/**
 * 联盟/之家 events (issue 18 item 7) and the contact page (issue 18, official notices): the 苏州 之家's admin publishes
 * an event from the organisation's page, a member registers, a bureau elsewhere does not see it; an enterprise keeps
 * its contact for notices, and a change made meanwhile elsewhere is not overwritten.
 */
let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser.close();
});

const XRW = { 'x-requested-with': 'e2e' };
const CLUB = '苏州市首席质量官之家';
const shanghaiDate = (ms: number): string => new Intl.DateTimeFormat('sv-SE', { timeZone: 'Asia/Shanghai' }).format(new Date(ms));

async function signedIn(username: string, viewport?: { width: number; height: number }): Promise<{ page: Page; close: () => Promise<void> }> {
  const { context, page } = await newPage(browser, viewport);
  await signIn(page, username, undefined, false);
  return { page, close: () => context.close() };
}

describe('a 之家 runs its own events', () => {
  it('its admin publishes from the organisation’s page; a member sees and registers; a bureau elsewhere sees nothing of it', async () => {
    const admin = await signedIn('alliance-suzhou');
    const member = await signedIn('officer-kunshan-1', { width: 375, height: 800 });
    try {
      await admin.page.goto('/community/organisations');
      await admin.page.getByRole('link', { name: CLUB }).click();
      const card = admin.page.locator('.ant-card', { has: admin.page.getByText('组织活动', { exact: true }) });
      await card.getByRole('button', { name: /发布活动/ }).click();
      const dialog = admin.page.getByRole('dialog', { name: '发布活动' });
      await expect.poll(() => dialog.locator('.ant-select').first().innerText()).toContain(CLUB);
      const title = `之家沙龙 ${String(Date.now() % 100000)}`;
      await dialog.getByLabel('活动名称').fill(title);
      const day = shanghaiDate(Date.now() + 3 * 86_400_000);
      const range = dialog.locator('.ant-picker-range input');
      await range.nth(0).click();
      await range.nth(0).fill(`${day} 14:00`);
      await range.nth(0).press('Enter');
      await range.nth(1).fill(`${day} 16:30`);
      await range.nth(1).press('Enter');
      await dialog.getByLabel('活动地点').fill('苏州市工业园区星湖街 328 号');
      await dialog.getByLabel('名额').fill('20');
      await dialog.getByRole('button', { name: /发\s*布/ }).click();
      await admin.page.waitForURL((u) => /^\/community\/events\/\d+$/.test(u.pathname));
      const eventId = Number(new URL(admin.page.url()).pathname.split('/').pop());
      await admin.page.getByRole('heading', { name: title }).waitFor();
      await admin.page.locator('.ant-descriptions-item', { hasText: '主办' }).getByText(CLUB).waitFor();
      await screenshot(admin.page, 'org-event-published');

      // the member finds it among the events, marked for members, and registers on the phone
      await member.page.goto('/community/events');
      const item = member.page.locator('.case-card', { hasText: title });
      await item.getByText('仅成员可见').waitFor();
      await item.getByRole('link', { name: title }).click();
      await member.page.getByRole('button', { name: '我要报名' }).click();
      await member.page.getByText('已报名').first().waitFor();
      await screenshot(member.page, 'org-event-registered-phone');

      // the admin sees the registration and has the QR screen and the export
      await admin.page.goto(`/community/events/${String(eventId)}`);
      await admin.page
        .getByRole('cell', { name: /已报名/ })
        .first()
        .waitFor();
      expect((await admin.page.request.get(`/api/community/events/${String(eventId)}/attendance.xlsx`)).status()).toBe(200);

      // a county outside the 之家's city neither lists nor opens it
      const gusu = await newPage(browser);
      try {
        await signIn(gusu.page, 'xuanwu');
        const listed = (await (await gusu.page.request.get('/api/community/events?pageSize=100')).json()) as { items: { id: number }[] };
        expect(listed.items.map((e) => e.id)).not.toContain(eventId);
        expect((await gusu.page.request.get(`/api/community/events/${String(eventId)}`)).status()).toBe(404);
      } finally {
        await gusu.context.close();
      }
    } finally {
      await member.close();
      await admin.close();
    }
  });
});

describe('联系方式', () => {
  it('an enterprise edits the contact notices reach it at; a change made meanwhile elsewhere is reported, not overwritten', async () => {
    const ent = await signedIn('ent-kunshan-1');
    try {
      await ent.page.goto('/account/contact');
      await ent.page.getByText(/手机号码仅用于接收审核结果、催办提醒等公务通知/).waitFor();
      const card = ent.page.locator('.ant-card', { has: ent.page.getByText('企业联系方式', { exact: true }) });
      const mail = card.getByLabel('联系邮箱');
      await mail.fill('quality@kunshan-e2e.example.cn');
      await card.getByRole('button', { name: /保\s*存/ }).click();
      await ent.page.getByText('联系方式已保存').waitFor();
      const saved = (await (await ent.page.request.get('/api/enterprises/mine/contact')).json()) as { contactEmail: string; version: number };
      expect(saved.contactEmail).toBe('quality@kunshan-e2e.example.cn');
      await screenshot(ent.page, 'contact-page');

      // someone else saves first (another tab, with the version this page loaded)
      const other = await ent.page.request.put('/api/enterprises/mine/contact', {
        headers: XRW,
        data: { contactEmail: 'office@kunshan-e2e.example.cn', version: saved.version },
      });
      expect(other.status()).toBe(200);
      await mail.fill('late@kunshan-e2e.example.cn');
      await card.getByRole('button', { name: /保\s*存/ }).click();
      await card.getByText('该记录已被他人修改，请刷新后重试').waitFor();
      await card.getByRole('button', { name: '重新加载' }).click();
      await expect.poll(() => mail.inputValue()).toBe('office@kunshan-e2e.example.cn');

      // a bad address is refused in Chinese under its field
      await mail.fill('not-an-address');
      await card.getByRole('button', { name: /保\s*存/ }).click();
      await card
        .getByText(/格式不正确/)
        .first()
        .waitFor();
    } finally {
      await ent.close();
    }
  });
});
