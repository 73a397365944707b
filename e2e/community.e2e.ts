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

const PHONE = { width: 375, height: 800 };

async function phoneOf(username: string): Promise<{ page: Page; close: () => Promise<void> }> {
  const { context, page } = await newPage(browser, PHONE);
  await signIn(page, username, undefined, false);
  await page.waitForURL((u) => u.pathname === '/');
  return { page, close: () => context.close() };
}

describe('community on a phone: join, ask, answer, accept, report', () => {
  it('an officer joins the alliance, asks a question, another officer answers, the answer is accepted and a report reaches the review queue', async () => {
    const asker = await phoneOf('officer-kunshan-1');
    const admin = await phoneOf('alliance-js');
    const answerer = await phoneOf('officer-kunshan-2');
    try {
      // 1. the officer applies to join the province alliance
      await asker.page.goto('/community/organisations');
      const card = asker.page.locator('.ant-card', { hasText: '江苏省首席质量官联盟' });
      await card.getByRole('button', { name: '申请加入' }).click();
      await asker.page.getByText('申请已提交，请等待组织管理员审核').waitFor();
      await card.getByText('申请中').waitFor();
      await screenshot(asker.page, 'community-organisations-phone');

      // 2. the alliance admin approves the application
      await admin.page.goto('/community/organisations');
      await admin.page.getByRole('link', { name: '江苏省首席质量官联盟' }).click();
      const application = admin.page.locator('.ant-list-item', { hasText: '陈质量' });
      await application.getByText('申请中').waitFor();
      await screenshot(admin.page, 'community-organisation-admin-phone');
      await application.getByRole('button', { name: /^通\s*过$/ }).click();
      await admin.page.getByText('已通过').waitFor();

      // 3. the new member posts a question in the members-only board
      await asker.page.goto('/community');
      await asker.page.getByRole('link', { name: /问答互助/ }).click();
      await asker.page.getByRole('button', { name: /发\s*帖/ }).click();
      await asker.page.getByText('提问', { exact: true }).click();
      await asker.page.getByPlaceholder('一句话说明主题（4–100 字）').fill('关键工序质量控制点如何设置？');
      await asker.page
        .getByRole('textbox', { name: /请输入正文/ })
        .fill('我们准备在焊接和装配工序设置质量控制点，请问各位企业是按什么原则确定控制点和检验频次的？');
      await screenshot(asker.page, 'community-new-question-phone');
      await asker.page.getByRole('button', { name: /发\s*布/ }).click();
      await asker.page.waitForURL(/\/community\/threads\/\d+/);
      const threadUrl = new URL(asker.page.url()).pathname;
      await asker.page.getByText('问答', { exact: true }).waitFor();

      // 4. another officer answers
      await answerer.page.goto(threadUrl);
      await answerer.page.getByRole('heading', { name: '关键工序质量控制点如何设置？' }).waitFor();
      await answerer.page
        .getByRole('textbox', { name: '写下您的回答' })
        .fill('建议按过程失效模式分析（PFMEA）的风险等级确定控制点，高风险工序首件全检、过程按小时抽检。');
      await answerer.page.getByRole('button', { name: /回\s*复/ }).click();
      await answerer.page.getByText('已回复').waitFor();
      await answerer.page.locator('.post-card', { hasText: 'PFMEA' }).waitFor();

      // 4b. the answerer edits the reply: the composer opens with the stored text, the post shows 已编辑
      const mine = answerer.page.locator('.post-card', { hasText: 'PFMEA' });
      await mine.getByRole('button', { name: /编\s*辑/ }).click();
      const editor = mine.getByRole('textbox', { name: '正文' });
      expect(await editor.innerText()).toContain('PFMEA');
      await editor.fill('建议按过程失效模式分析（PFMEA）的风险等级确定控制点，高风险工序首件全检、过程按小时抽检并填写控制图。');
      await mine.getByRole('button', { name: '保存修改' }).click();
      await answerer.page.getByText('已保存修改').waitFor();
      const edited = answerer.page.locator('.post-card', { hasText: '并填写控制图' });
      await edited.locator('.post-edited', { hasText: '已编辑' }).waitFor();
      // the question is not the answerer's: no 编辑 there
      expect(
        await answerer.page
          .locator('.post-card')
          .first()
          .getByRole('button', { name: /编\s*辑/ })
          .count(),
      ).toBe(0);
      await screenshot(answerer.page, 'community-reply-edited-phone');

      // 5. the asker accepts the answer; both see who wrote it (name and enterprise, no ID number or phone)
      await asker.page.reload();
      const answer = asker.page.locator('.post-card', { hasText: 'PFMEA' });
      await answer.getByRole('button', { name: '采纳为答案' }).click();
      await answer.getByText('已采纳').waitFor();
      await asker.page.getByText('已解决', { exact: true }).waitFor();
      const answerText = await answer.innerText();
      expect(answerText).not.toMatch(/\d{6}\*+|1[3-9]\d{9}/);
      await screenshot(asker.page, 'community-thread-accepted-phone');

      // 6. a report sends the post to the alliance's review queue
      await answerer.page.reload();
      const question = answerer.page.locator('.post-card').first();
      await question.getByRole('button', { name: /举\s*报/ }).click();
      await answerer.page.getByPlaceholder(/请说明举报理由/).fill('测试举报：问题描述缺少企业类型');
      await answerer.page.getByRole('button', { name: '提交举报' }).click();
      await answerer.page.getByText('已举报，管理员将尽快处理').waitFor();

      await admin.page.goto('/community/moderation');
      const queued = admin.page.locator('.ant-card', { hasText: '关键工序质量控制点如何设置？' });
      await queued.getByText('举报理由：测试举报：问题描述缺少企业类型').waitFor();
      await screenshot(admin.page, 'community-moderation-queue-phone');
      await queued.getByRole('button', { name: '驳回举报' }).click();
      await admin.page.getByText('已处理').waitFor();

      // 7. search finds the question by a word inside a longer phrase
      await asker.page.goto(`/community/search?q=${encodeURIComponent('质量控制')}`);
      await asker.page.locator('.search-hit', { hasText: '关键工序质量控制点如何设置？' }).first().waitFor();
      expect(await asker.page.locator('.search-hit mark').count()).toBeGreaterThan(0);
      await screenshot(asker.page, 'community-search-phone');
      const width = await asker.page.evaluate(() => document.documentElement.scrollWidth);
      expect(width).toBeLessThanOrEqual(PHONE.width);
    } finally {
      await asker.close();
      await admin.close();
      await answerer.close();
    }
  });
});
