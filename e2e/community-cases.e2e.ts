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
const PHONE = { width: 375, height: 812 };

describe('exchange and sharing on a phone', () => {
  it('an officer submits a case, the county publishes it, the study line appears; the officer registers for an event and checks in by QR', async () => {
    const title = `e2e 质量攻关案例 ${String(Date.now()).slice(-6)}`;
    const officer = await newPage(browser, PHONE);
    const bureau = await newPage(browser);
    try {
      // --- the officer writes and submits a case on the phone
      await signIn(officer.page, 'officer-kunshan-1', undefined, false);
      await officer.page.waitForURL((u) => u.pathname === '/');
      await officer.page.goto('/community/my-cases/new');
      await officer.page.getByLabel('标题').fill(title);
      await officer.page.getByLabel('摘要').fill('通过全面质量管理体系和QC小组活动，装配不良率下降60%。');
      await officer.page.getByLabel('行业门类').click();
      await officer.page.keyboard.type('制造业');
      await officer.page.keyboard.press('Enter');
      await officer.page.getByLabel('问题描述').fill('装配工序不良率偏高。\n返修占用大量工时。');
      await officer.page.getByLabel('方法与过程').fill('组建QC小组，运用鱼骨图分析要因，实施防错改进。');
      await officer.page.getByLabel('成效').fill('装配不良率下降60%，年节约成本80万元。');
      await screenshot(officer.page, 'community-case-edit-phone');
      await officer.page.getByRole('button', { name: '保存并提交审核' }).click();
      await officer.page.waitForURL((u) => /^\/community\/cases\/\d+$/.test(u.pathname));
      const caseId = Number(new URL(officer.page.url()).pathname.split('/').pop());
      await officer.page.getByText('待审核').first().waitFor();
      await screenshot(officer.page, 'community-case-submitted-phone');

      // --- the county bureau publishes it as featured
      await signIn(bureau.page, 'kunshan');
      await bureau.page.waitForURL((u) => u.pathname === '/');
      await bureau.page.goto('/community/case-review');
      await bureau.page.getByRole('link', { name: title }).click();
      await bureau.page.getByRole('button', { name: '审核发布' }).click();
      await bureau.page.getByLabel('设为精选案例').check();
      await screenshot(bureau.page, 'community-case-publish-dialog');
      await bureau.page
        .getByRole('button', { name: /发\s*布/ })
        .last()
        .click();
      await bureau.page.getByText('已发布').first().waitFor();

      // --- the officer's study account has the line, and the library finds the case by a word inside it
      const credits = (await (await officer.page.request.get('/api/community/credits/me')).json()) as {
        lines: { sourceRef: string; status: string; minutes: number }[];
      };
      const line = credits.lines.find((l) => l.sourceRef === `case:${caseId}`);
      expect(line).toMatchObject({ status: 'credited' });
      expect(line?.minutes).toBeGreaterThan(0);
      await officer.page.goto('/community/cases');
      await officer.page.getByPlaceholder(/搜索案例/).fill('质量管理');
      await officer.page.getByRole('button', { name: /搜\s*索/ }).click();
      await officer.page.getByRole('link', { name: title }).waitFor();
      await officer.page.locator('mark').first().waitFor();
      await screenshot(officer.page, 'community-case-library-phone');
      await officer.page.goto('/community/my-cases');
      await officer.page.getByText(`经验案例：${title}`).waitFor();
      await screenshot(officer.page, 'community-my-cases-phone');

      // --- an event organised by the county; the officer registers on the phone
      const startsAt = new Date(Date.now() + 20 * 60_000);
      const created = await bureau.page.request.post('/api/community/events', {
        headers: XRW,
        data: {
          kind: 'site_visit',
          title: 'e2e 现场观摩：精密制造质量管理',
          description: '参观生产现场，交流防错经验。',
          place: '昆山开发区前进东路 88 号',
          startsAt: startsAt.toISOString(),
          endsAt: new Date(startsAt.getTime() + 2 * 3600_000).toISOString(),
          capacity: 30,
          creditsStudy: true,
        },
      });
      expect(created.status()).toBe(201);
      const eventId = ((await created.json()) as { id: number }).id;
      await officer.page.goto(`/community/events/${eventId}`);
      await officer.page.getByRole('button', { name: '我要报名' }).click();
      await officer.page.getByText('已报名').first().waitFor();
      await screenshot(officer.page, 'community-event-registered-phone');

      // --- the organiser's screen shows the rotating QR; the phone opens its link
      await bureau.page.goto(`/community/events/${eventId}/qr`);
      await bureau.page.getByText('请用手机扫码签到').waitFor();
      await screenshot(bureau.page, 'community-event-qr');
      const token = (await (await bureau.page.request.get(`/api/community/events/${eventId}/check-in-token`)).json()) as { path: string };
      await officer.page.goto(token.path);
      await officer.page.getByText('签到成功').waitFor();
      await screenshot(officer.page, 'community-event-check-in-phone');
      const after = (await (await officer.page.request.get('/api/community/credits/me')).json()) as { lines: { sourceRef: string; status: string }[] };
      expect(after.lines.find((l) => l.sourceRef === `event:${eventId}`)).toMatchObject({ status: 'credited' });
      // a forged token is refused on the page
      await officer.page.goto(`${token.path.slice(0, -3)}xyz`);
      await officer.page.getByText('签到未成功').waitFor();
    } finally {
      await officer.context.close();
      await bureau.context.close();
    }
  });
});
