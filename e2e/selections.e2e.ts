import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { idNumberCheckCharacter } from '../src/domain/id-number';
import { environmentShiftDays } from '../src/server/clock';
import { LETTER_PDF } from '../src/server/testing/files';
import { CONTEXT_OPTIONS, E2E_WAIT_MS, launch, loginThroughUi, screenshot } from './browser';
import { startServer, stop, type Started } from './global-setup';

/**
 * 竞争聘用 (policy 六) end to end, on a server of this spec's own: the 公示 lasts days, so the spec restarts its server
 * with the clock moved past the period (CQO_CLOCK_SHIFT_DAYS) instead of touching the shared worker server's time.
 */
const XRW = { 'x-requested-with': 'e2e' };
const DAY = 86_400_000;
let browser: Browser;
let server: Started | null = null;
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cqo-e2e-selection-'));
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser.close();
  if (server) await stop(server);
  fs.rmSync(dir, { recursive: true, force: true });
});

async function open(url: string, viewport = { width: 1366, height: 860 }): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ ...CONTEXT_OPTIONS, viewport, baseURL: url });
  context.setDefaultTimeout(E2E_WAIT_MS);
  return { context, page: await context.newPage() };
}

/** Picks an option of the antd Select labelled `label` whose text contains `text`. */
async function choose(page: Page, label: string, text: string): Promise<void> {
  await page.getByLabel(label).click();
  await page.locator('.ant-select-item-option').filter({ hasText: text }).first().click();
}

describe('六 竞争聘用 from opening a selection to the winner’s filing', () => {
  it(
    'the enterprise scores two candidates and publishes; the public sees masked names and objects; the bureau sees it; after the period the enterprise answers, concludes and files the winner, and the filing links back',
    { timeout: 1_500_000 },
    async () => {
      const shift = environmentShiftDays();
      server = await startServer({ template: inject('templateDir'), env: { CQO_CLOCK_SHIFT_DAYS: String(shift) } });
      let ent = await open(server.baseUrl);
      await loginThroughUi(ent.page, 'ent-kunshan-1', undefined, false);
      await ent.page.waitForURL((u) => u.pathname === '/');
      // two candidates recorded through the API of the same session; the selection itself through the pages
      const candidateIds: number[] = [];
      for (const [name, body] of [
        ['甘竞聘', '32058319800101432'],
        ['楚竞选', '32058319810202543'],
      ] as const) {
        const res = await ent.page.request.post('/api/candidates', {
          headers: XRW,
          data: {
            name,
            idNumber: body + idNumberCheckCharacter(body),
            education: 'bachelor',
            qualityYears: 10,
            positionTitle: '质量总监',
            positionLevel: 'deputyGeneralManager',
          },
        });
        expect(res.status()).toBe(201);
        candidateIds.push(((await res.json()) as { id: number }).id);
      }

      await ent.page.goto('/my-selections');
      await ent.page.getByRole('button', { name: /发起竞争聘用/ }).click();
      const panel = ent.page.getByLabel('评审组成员');
      for (const member of ['王总经理', '李董事', '张人事总监']) {
        await panel.fill(member);
        await panel.press('Enter');
      }
      await ent.page
        .getByRole('dialog')
        .getByRole('button', { name: /保\s*存/ })
        .click();
      await ent.page.waitForURL((u) => /^\/my-selections\/\d+$/.test(u.pathname));
      const selectionId = Number(new URL(ent.page.url()).pathname.split('/').pop());

      for (const [name, scores] of [
        ['甘竞聘', [90, 85, 80]],
        ['楚竞选', [70, 75, 80]],
      ] as const) {
        await choose(ent.page, '添加候选人', name);
        await ent.page.getByRole('button', { name: '添加候选人' }).click();
        const row = ent.page.getByRole('row').filter({ hasText: name });
        await row.waitFor();
        await row.getByRole('button', { name: /评\s*分/ }).click();
        const dialog = ent.page.getByRole('dialog');
        for (const [i, criterion] of ['质量管理经验与业绩', '专业知识与资格', '组织协调与沟通'].entries())
          await dialog.getByLabel(criterion).fill(String(scores[i]));
        await dialog.getByRole('button', { name: /保存评分/ }).click();
        await dialog.waitFor({ state: 'hidden' });
      }
      // 90×40% + 85×30% + 80×30% = 85.5; 70×40% + 75×30% + 80×30% = 74.5
      await ent.page.getByRole('row').filter({ hasText: '甘竞聘' }).getByText('85.5').waitFor();
      await ent.page.getByRole('row').filter({ hasText: '楚竞选' }).getByText('74.5').waitFor();
      await screenshot(ent.page, 'selection-scored-enterprise');

      await ent.page.getByRole('button', { name: /确定拟聘人选并公示/ }).click();
      await ent.page
        .getByRole('dialog')
        .getByRole('button', { name: /发布公示/ })
        .click();
      await ent.page.getByText('公示中').first().waitFor();
      await ent.page.getByRole('dialog').waitFor({ state: 'hidden' });

      // anyone, on a phone: masked names, the ranking, and an objection
      const visitor = await open(server.baseUrl, { width: 375, height: 760 });
      await visitor.page.goto('/public/selections');
      await visitor.page.getByRole('link', { name: '首席质量官竞争聘用' }).first().click();
      await visitor.page.getByText('甘*聘').first().waitFor();
      expect(await visitor.page.getByText('甘竞聘').count()).toBe(0);
      expect(await visitor.page.getByText(/3205831980/).count()).toBe(0);
      await visitor.page.getByLabel('异议内容').fill('拟聘人选从事质量管理工作的年限与公示材料不一致，请核实。');
      await visitor.page.getByRole('button', { name: /提交异议/ }).click();
      await visitor.page.getByText('异议已提交').waitFor();
      await visitor.page.getByText('已收到 1 件，已答复 0 件').waitFor();
      await screenshot(visitor.page, 'selection-public-phone');
      await visitor.context.close();

      // the county bureau sees the selection of its area
      const bureau = await open(server.baseUrl);
      await loginThroughUi(bureau.page, 'kunshan');
      await bureau.page.waitForURL((u) => u.pathname === '/');
      await bureau.page.goto('/selections');
      await bureau.page.getByRole('link', { name: '首席质量官竞争聘用' }).first().click();
      await bureau.page.getByText('待答复', { exact: true }).waitFor();
      await screenshot(bureau.page, 'selection-bureau');
      await bureau.context.close();

      // the enterprise answers the objection; concluding waits for the end of the period
      await ent.page.reload();
      await ent.page.getByRole('button', { name: /答\s*复/ }).click();
      await ent.page.getByRole('dialog').locator('textarea').fill('经核实，拟聘人选从事质量管理工作 12 年，材料无误。');
      await ent.page
        .getByRole('dialog')
        .getByRole('button', { name: /确\s*定/ })
        .click();
      await ent.page.getByText(/答复（/).waitFor();
      expect(await ent.page.getByRole('button', { name: /完成竞争聘用/ }).count()).toBe(0);
      await ent.context.close();

      // eight days later (the 公示 lasts seven)
      await stop(server, { keepData: true });
      server = await startServer({ dataDir: server.dataDir, env: { CQO_CLOCK_SHIFT_DAYS: String(shift + 8) } });
      ent = await open(server.baseUrl);
      await loginThroughUi(ent.page, 'ent-kunshan-1', undefined, false);
      await ent.page.waitForURL((u) => u.pathname === '/');
      await ent.page.goto(`/my-selections/${String(selectionId)}`);
      await ent.page.getByRole('button', { name: /完成竞争聘用/ }).click();
      await ent.page
        .locator('.ant-modal-confirm')
        .getByRole('button', { name: /确\s*定|OK/ })
        .click();
      await ent.page.getByText('已完成').first().waitFor();
      await ent.page.getByRole('button', { name: /为拟聘人选办理聘任备案/ }).click();
      await ent.page.waitForURL((u) => u.pathname === '/my-filings/new' && u.searchParams.get('candidateId') === String(candidateIds[0]));

      // the draft through the API, the workflow through the pages (as in filings.e2e.ts)
      const today = new Date(Date.now() + (shift + 8) * DAY + 8 * 3600_000).toISOString().slice(0, 10);
      const draft = await ent.page.request.post('/api/filings', {
        headers: XRW,
        data: { candidateId: candidateIds[0], appointmentDate: today, departmentsLed: '质量管理部', reportsToGeneralManager: true, vetoRight: true },
      });
      expect(draft.status()).toBe(201);
      const filingId = ((await draft.json()) as { id: number }).id;
      await ent.page.goto(`/my-filings/${String(filingId)}`);
      await ent.page.getByRole('button', { name: /保存，下一步：资格审查/ }).click();
      await ent.page.getByText('资格审查结果').waitFor();
      await ent.page.getByRole('button', { name: /下一步：上传授权书/ }).click();
      const letter = path.join(dir, '授权书.pdf');
      fs.writeFileSync(letter, LETTER_PDF);
      const uploaded = ent.page.waitForResponse((r) => r.url().includes('/authorization-letter') && r.request().method() === 'POST');
      await ent.page.locator('input[type=file]').setInputFiles(letter);
      expect((await uploaded).status()).toBe(200);
      await ent.page.getByRole('button', { name: /提交审核/ }).click();
      await ent.page.getByRole('dialog').getByRole('button', { name: '提交', exact: true }).click();
      await ent.page.waitForURL((u) => u.pathname === '/my-filings');

      const reviewer = await open(server.baseUrl);
      await loginThroughUi(reviewer.page, 'kunshan');
      await reviewer.page.waitForURL((u) => u.pathname === '/');
      await reviewer.page.goto(`/filings/${String(filingId)}`);
      await reviewer.page.getByRole('button', { name: '予以备案' }).click();
      await reviewer.page.getByRole('button', { name: '确认予以备案' }).click();
      await reviewer.page
        .getByText(/已予以备案/)
        .first()
        .waitFor();
      await reviewer.page.getByRole('dialog').waitFor({ state: 'hidden' });
      // the filing carries the selection and links to it; the selection names the filing
      await reviewer.page.getByRole('link', { name: `竞争聘用记录（第 ${String(selectionId)} 号）` }).click();
      await reviewer.page.waitForURL((u) => u.pathname === `/selections/${String(selectionId)}`);
      await reviewer.page.getByRole('link', { name: new RegExp(`备案第 ${String(filingId)} 号`) }).waitFor();
      await screenshot(reviewer.page, 'selection-concluded-bureau');
      await reviewer.context.close();
      await ent.context.close();
    },
  );
});
