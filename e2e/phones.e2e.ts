import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launch, newPage, screenshot, signIn } from './browser';

/**
 * Phones (issue 21 item 5), at 375 × 667: touch targets of at least 44 px, the document lesson with its timer in
 * sight, the 可报名 list saying why a class cannot be joined before the tap, and the projected sign-in screen as a
 * page of its own that shows 未开始 before sign-in opens.
 */
let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser.close();
});

const PHONE = { width: 375, height: 667 };
const H = { 'x-requested-with': 'e2e' };

/** The smallest width and height among the visible elements of `items`. */
async function smallestBox(items: Locator): Promise<{ count: number; width: number; height: number }> {
  const boxes = await items.evaluateAll((els) =>
    els
      .map((e) => e.getBoundingClientRect())
      .filter((r) => r.width > 0 && r.height > 0)
      .map((r) => ({ w: r.width, h: r.height })),
  );
  return { count: boxes.length, width: Math.min(...boxes.map((b) => b.w)), height: Math.min(...boxes.map((b) => b.h)) };
}
const noSidewaysScroll = (page: Page): Promise<number> => page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);

/** A 高级 class of the province starting in ten days, the officer lacking its 提升 prerequisite; returns its session. */
async function provinceClass(page: Page, name: string): Promise<{ classId: number; sessionId: number }> {
  const starts = Date.now() + 10 * 24 * 3600_000;
  const created = await page.request.post('/api/training/classes', {
    headers: H,
    data: {
      name,
      tier: 'advanced',
      format: 'in_person',
      venue: '省局培训中心',
      capacity: 30,
      hours: 16,
      sessions: [{ title: '质量战略与首席质量官', startsAt: new Date(starts).toISOString(), endsAt: new Date(starts + 3 * 3600_000).toISOString() }],
    },
  });
  expect(created.status()).toBe(201);
  const classId = ((await created.json()) as { id: number }).id;
  const detail = (await (await page.request.get(`/api/training/classes/${String(classId)}`)).json()) as { sessions: { id: number }[] };
  return { classId, sessionId: detail.sessions[0]?.id ?? 0 };
}

describe('phones (375 px)', () => {
  it('the projected sign-in screen is a full-screen page of its own and says 未开始 ten days ahead; 可报名 says why not before the tap', async () => {
    const bureau = await newPage(browser, { width: 1280, height: 800 });
    const phone = await newPage(browser, PHONE);
    try {
      await signIn(bureau.page, 'province');
      const { classId, sessionId } = await provinceClass(bureau.page, `省级高级研修班（e2e ${String(Date.now() % 100000)}）`);
      await bureau.page.goto(`/training/sessions/${String(sessionId)}/screen`);
      await bureau.page.getByText('未开始', { exact: true }).waitFor();
      expect(await bureau.page.locator('.app-sider, .app-header').count()).toBe(0);
      expect(await bureau.page.getByTestId('sign-in-qr').count()).toBe(0);
      await bureau.page.getByText(/签到于 .* 开放/).waitFor();
      await screenshot(bureau.page, 'training-screen-not-started');

      await signIn(phone.page, 'officer-kunshan-1', undefined, false);
      await phone.page.goto('/me/training');
      const tabs = await smallestBox(phone.page.locator('.ant-tabs-tab'));
      expect(tabs.height).toBeGreaterThanOrEqual(44);
      await phone.page.getByRole('tab', { name: /可报名/ }).click();
      const card = phone.page.getByTestId(`open-class-${String(classId)}`);
      await card.getByText('报名高级培训须持有有效的提升培训合格证').waitFor();
      expect(await card.getByRole('button', { name: '不可报名' }).isDisabled()).toBe(true);
      expect((await smallestBox(card.getByRole('button'))).height).toBeGreaterThanOrEqual(44);
      expect(await noSidewaysScroll(phone.page)).toBeLessThanOrEqual(1);
      await card.scrollIntoViewIfNeeded();
      await screenshot(phone.page, 'training-open-classes-refusal-375');
    } finally {
      await bureau.context.close();
      await phone.context.close();
    }
  });

  it('赞/编辑/举报, the editor toolbar and the document lesson: 44 px targets, the timer in sight', async () => {
    const { context, page } = await newPage(browser, PHONE);
    try {
      await signIn(page, 'officer-kunshan-1', undefined, false);
      const boards = (await (await page.request.get('/api/community/boards')).json()) as { id: number }[];
      let threadId: number | undefined;
      for (const b of boards) {
        const threads = (await (await page.request.get(`/api/community/boards/${String(b.id)}/threads`)).json()) as { items: { id: number }[] };
        threadId = threads.items[0]?.id;
        if (threadId) break;
      }
      expect(threadId).toBeDefined();
      await page.goto(`/community/threads/${String(threadId)}`);
      await page.locator('.post-actions .ant-btn').first().waitFor();
      const actions = await smallestBox(page.locator('.post-actions .ant-btn'));
      expect(actions.height).toBeGreaterThanOrEqual(44);
      expect(actions.width).toBeGreaterThanOrEqual(44);
      const toolbar = await smallestBox(page.locator('.composer-toolbar .ant-btn'));
      expect(toolbar.count).toBeGreaterThan(3);
      expect(toolbar.height).toBeGreaterThanOrEqual(44);
      expect(toolbar.width).toBeGreaterThanOrEqual(44);
      expect(await noSidewaysScroll(page)).toBeLessThanOrEqual(1);
      await screenshot(page, 'community-thread-375');

      const list = (await (await page.request.get(`/api/study/courses?q=${encodeURIComponent('履职基础')}`)).json()) as { items: { id: number }[] };
      const detail = (await (await page.request.get(`/api/study/courses/${String(list.items[0]?.id)}`)).json()) as { lessons: { id: number; kind: string }[] };
      const doc = detail.lessons.find((l) => l.kind === 'document');
      expect(doc).toBeDefined();
      await page.goto(`/study/lessons/${String(doc?.id)}`);
      const timer = page.getByTestId('study-timer');
      await timer.waitFor();
      const frame = page.locator('iframe.study-doc-frame');
      await frame.waitFor();
      const inSight = async (): Promise<void> => {
        const box = await timer.boundingBox();
        expect(box?.y ?? -1).toBeGreaterThanOrEqual(0);
        expect((box?.y ?? PHONE.height) + (box?.height ?? 0)).toBeLessThanOrEqual(PHONE.height);
      };
      await inSight();
      // the frame fits the screen's width and is no taller than its two pages at that width
      const frameBox = await frame.boundingBox();
      expect(frameBox?.width ?? 999).toBeLessThanOrEqual(PHONE.width);
      expect(frameBox?.height ?? 9999).toBeLessThan(2 * 1100);
      await screenshot(page, 'study-document-375');
      // scrolled to the end of the document, the timer is still on screen
      await page.evaluate(() => window.scrollTo(0, document.documentElement.scrollHeight));
      await page.waitForTimeout(200);
      await inSight();
      expect(await noSidewaysScroll(page)).toBeLessThanOrEqual(1);
      await screenshot(page, 'study-document-375-end');
    } finally {
      await context.close();
    }
  });
});
