import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { E2E_WAIT_MS, launch, newPage, screenshot, signIn } from './browser';

const XRW = { 'X-Requested-With': 'XMLHttpRequest' };
const QUIZ = { passScore: 60, questions: [{ text: '质量方针由谁批准发布？', options: ['最高管理者', '任一员工'], answer: [0] }] };

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser.close();
});

const lessonTitles = async (page: Page, courseId: number) =>
  ((await (await page.request.get(`/api/study/courses/${courseId}`)).json()) as { lessons: { title: string }[] }).lessons.map((l) => l.title);

describe('a city bureau maintains a course', () => {
  it('edits the course and a lesson, moves lessons up and down and deletes a draft lesson through the drawer', async () => {
    const { context, page } = await newPage(browser);
    try {
      await signIn(page, 'suzhou');
      await page.waitForURL((u) => u.pathname === '/');
      // the draft course and its lessons through the API of the same session; the editing through the pages
      const created = await page.request.post('/api/study/courses', { headers: XRW, data: { title: '质量方针与目标管理', level: 'basic', creditHours: 1 } });
      expect(created.status()).toBe(201);
      const courseId = ((await created.json()) as { id: number }).id;
      for (const title of ['质量方针的制定', '质量目标的分解', '目标考核与改进']) {
        const res = await page.request.post(`/api/study/courses/${courseId}/lessons`, { headers: XRW, data: { title, kind: 'quiz', quiz: QUIZ } });
        expect(res.status()).toBe(201);
      }

      await page.goto('/study/manage');
      await page.getByText('质量方针与目标管理').click();
      const drawer = page.locator('.ant-drawer');
      await drawer.getByText('质量目标的分解').waitFor();

      // the course's information
      await drawer.getByRole('button', { name: /修改课程信息/ }).click();
      const courseDialog = page.getByRole('dialog', { name: '修改课程信息' });
      await courseDialog.getByLabel('简介').fill('质量方针、质量目标的制定、分解与考核。');
      await courseDialog.getByRole('button', { name: /保\s*存/ }).click();
      await page.getByText('课程信息已保存').waitFor();

      // a lesson: its title and its quiz question
      await drawer.getByRole('button', { name: '修改 质量目标的分解' }).click();
      const lessonDialog = page.getByRole('dialog', { name: /修改课时/ });
      await lessonDialog.getByLabel('课时名称').fill('质量目标的分解与落实');
      await lessonDialog.getByLabel('题目', { exact: true }).fill('质量方针应由谁批准发布？');
      await page.locator('.ant-modal[class*="zoom"]').waitFor({ state: 'detached' });
      await screenshot(page, 'study-lesson-edit-desktop');
      await lessonDialog.getByRole('button', { name: '保存课时' }).click();
      await drawer.getByText('质量目标的分解与落实').waitFor();
      const edited = (await (await page.request.get(`/api/study/courses/${courseId}`)).json()) as { summary: string; lessons: { id: number; title: string }[] };
      expect(edited.summary).toBe('质量方针、质量目标的制定、分解与考核。');

      // the order: the third lesson up twice, then the (new) second one down
      await drawer.getByRole('button', { name: '上移 目标考核与改进' }).click();
      await expect.poll(() => lessonTitles(page, courseId)).toEqual(['质量方针的制定', '目标考核与改进', '质量目标的分解与落实']);
      await drawer.getByRole('button', { name: '上移 目标考核与改进' }).click();
      await expect.poll(() => lessonTitles(page, courseId)).toEqual(['目标考核与改进', '质量方针的制定', '质量目标的分解与落实']);
      await drawer.getByRole('button', { name: '下移 质量方针的制定' }).click();
      await expect.poll(() => lessonTitles(page, courseId)).toEqual(['目标考核与改进', '质量目标的分解与落实', '质量方针的制定']);
      // the drawer shows the order the server keeps
      await expect
        .poll(async () => await drawer.locator('.ant-table-tbody tr td:nth-child(2) > div > div:first-child').allTextContents())
        .toEqual(['目标考核与改进', '质量目标的分解与落实', '质量方针的制定']);
      await page.locator('.ant-message-notice').first().waitFor({ state: 'detached' });
      await screenshot(page, 'study-course-edit-desktop');

      // a draft lesson can be deleted
      await drawer.getByRole('button', { name: '删除 质量方针的制定' }).click();
      await page
        .locator('.ant-popconfirm')
        .getByRole('button', { name: /删\s*除/ })
        .click();
      await page.getByText('课时已删除').waitFor();
      await expect.poll(() => lessonTitles(page, courseId)).toEqual(['目标考核与改进', '质量目标的分解与落实']);

      // a published course: the editor says why only the title and the quiz wording may change (the 课时已删除
      // message sits over the drawer's close button until it fades)
      await page.locator('.ant-message-notice').waitFor({ state: 'detached' });
      await page.locator('.ant-drawer-close').click();
      await page.getByText('苏州市质量提升专题').click();
      await drawer.getByRole('button', { name: '修改 质量提升行动概览' }).click();
      const locked = page.getByRole('dialog', { name: /修改课时/ });
      await locked.getByText('课程已发布：只能修改课时名称和题目、选项的文字').waitFor();
      expect(await locked.getByLabel('及格分').isDisabled()).toBe(true);
      expect(await drawer.getByRole('button', { name: '删除 质量提升行动概览' }).count()).toBe(0);
      await page.locator('.ant-modal[class*="zoom"]').waitFor({ state: 'detached' });
      await screenshot(page, 'study-lesson-edit-locked-desktop');
      await locked.locator('.ant-modal-close').click();
      await locked.waitFor({ state: 'detached' });

      // the same drawer on a phone
      await page.setViewportSize({ width: 375, height: 800 });
      await page.reload();
      await page.getByText('质量方针与目标管理').click();
      await drawer.getByRole('button', { name: '下移 目标考核与改进' }).waitFor();
      // the drawer fills the phone's width once it has slid in
      await expect.poll(async () => (await page.locator('.ant-drawer-content-wrapper').boundingBox())?.x, { timeout: 5000 }).toBe(0);
      await screenshot(page, 'study-course-edit-phone');
    } finally {
      await context.close();
    }
  });
});

describe('an officer reads a document lesson on a phone', () => {
  it('sees the PDF and earns time while scrolling through it', async () => {
    const { context, page } = await newPage(browser, { width: 375, height: 800 });
    try {
      await signIn(page, 'officer-kunshan-1', undefined, false);
      await page.waitForURL((u) => u.pathname === '/');
      const list = (await (await page.request.get('/api/study/courses?q=' + encodeURIComponent('履职基础'))).json()) as { items: { id: number }[] };
      const detail = (await (await page.request.get(`/api/study/courses/${list.items[0]?.id ?? 0}`)).json()) as {
        lessons: { id: number; kind: string; title: string; creditedSeconds: number }[];
      };
      const doc = detail.lessons.find((l) => l.kind === 'document');
      if (!doc) throw new Error('the demo course has no document lesson');

      await page.goto(`/study/lessons/${doc.id}`);
      const frame = page.locator('iframe[title="课程文档"]');
      await frame.waitFor();
      // the frame shows the lesson's PDF, served inline to this page
      const src = (await frame.getAttribute('src')) ?? '';
      expect(src).toBe(`/api/study/lessons/${doc.id}/media`);
      const pdf = await page.request.get(src);
      expect(pdf.headers()['content-type']).toBe('application/pdf');
      expect(pdf.headers()['content-disposition']).toBe('inline');
      expect((await pdf.body()).subarray(0, 5).toString()).toBe('%PDF-');
      expect((await frame.boundingBox())?.height ?? 0).toBeGreaterThan(800);

      // reading = scrolling the page; the next heartbeat (every 3 s on the e2e server, 20 s by default) credits the interval
      const before = doc.creditedSeconds;
      await page.waitForFunction(
        (start) => {
          const max = document.documentElement.scrollHeight - window.innerHeight;
          window.scrollTo(0, window.scrollY + 150 > max ? 0 : window.scrollY + 150);
          const el = [...document.querySelectorAll('span')].find((s) => s.textContent?.startsWith('已计学习时长'));
          const m = /已计学习时长\s*(\d+)\s*分(?:钟|\s*(\d+)\s*秒)?/.exec(el?.textContent ?? '');
          return m ? Number(m[1]) * 60 + Number(m[2] ?? 0) > start : false;
        },
        before,
        { timeout: E2E_WAIT_MS, polling: 1000 },
      );
      const after = (
        (await (await page.request.get(`/api/study/courses/${list.items[0]?.id ?? 0}`)).json()) as { lessons: { id: number; creditedSeconds: number }[] }
      ).lessons.find((l) => l.id === doc.id);
      expect(after?.creditedSeconds ?? 0).toBeGreaterThan(before);
      await page.evaluate(() => window.scrollTo(0, 0));
      await screenshot(page, 'study-document-lesson-phone');
    } finally {
      await context.close();
    }
  });
});
