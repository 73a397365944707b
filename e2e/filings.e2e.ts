import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { idNumberCheckCharacter } from '../src/domain/id-number';
import { LETTER_PDF } from '../src/server/testing/files';
import { launch, newPage, screenshot, SCREENSHOTS, signIn } from './browser';

const run = promisify(execFile);
let browser: Browser;
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cqo-e2e-filing-'));
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

const XRW = { 'x-requested-with': 'e2e' };

/** From the first step of a draft or returned filing: save, look at the eligibility, go on, submit. */
async function submitFromStep0(page: Page, buttonName: RegExp): Promise<void> {
  await page.getByRole('button', { name: /保存，下一步：资格审查/ }).click();
  await page.getByText('资格审查结果').waitFor();
  await page.getByRole('button', { name: /下一步：上传授权书/ }).click();
  await page.getByRole('button', { name: buttonName }).click();
  await page.getByRole('dialog').getByRole('button', { name: '提交', exact: true }).click();
  await page.waitForURL((u) => u.pathname === '/my-filings');
}

describe('聘任备案 from filing to public verification', () => {
  it('enterprise files, the bureau returns it with a remark, the enterprise resubmits, the bureau approves, the proof downloads and verifies publicly', async () => {
    const ent = await newPage(browser);
    const bureau = await newPage(browser);
    try {
      await signIn(ent.page, 'ent-kunshan-1', undefined, false);
      await ent.page.waitForURL((u) => u.pathname === '/');
      // the candidate and the draft through the API of the same session; the workflow itself through the pages
      const body = '32058319760606321';
      const candidate = await ent.page.request.post('/api/candidates', {
        headers: XRW,
        data: {
          name: '卫端到',
          idNumber: body + idNumberCheckCharacter(body),
          education: 'bachelor',
          qualityYears: 12,
          positionTitle: '质量副总经理',
          positionLevel: 'deputyGeneralManager',
        },
      });
      expect(candidate.status()).toBe(201);
      const draft = await ent.page.request.post('/api/filings', {
        headers: XRW,
        data: {
          candidateId: ((await candidate.json()) as { id: number }).id,
          appointmentDate: '2026-12-01',
          departmentsLed: '质量管理部',
          reportsToGeneralManager: true,
          vetoRight: true,
        },
      });
      expect(draft.status()).toBe(201);
      const id = ((await draft.json()) as { id: number }).id;

      await ent.page.goto(`/my-filings/${id}`);
      await ent.page.getByRole('button', { name: /保存，下一步：资格审查/ }).click();
      await ent.page.getByText('资格审查结果').waitFor();
      await screenshot(ent.page, 'filing-eligibility');
      await ent.page.getByRole('button', { name: /下一步：上传授权书/ }).click();
      const letter = path.join(dir, '授权书.pdf');
      fs.writeFileSync(letter, LETTER_PDF);
      const uploaded = ent.page.waitForResponse((r) => r.url().includes('/authorization-letter') && r.request().method() === 'POST');
      await ent.page.locator('input[type=file]').setInputFiles(letter);
      expect((await uploaded).status()).toBe(200);
      await ent.page.getByRole('button', { name: /提交审核/ }).click();
      await ent.page.getByRole('dialog').getByRole('button', { name: '提交', exact: true }).click();
      await ent.page.waitForURL((u) => u.pathname === '/my-filings');

      await signIn(bureau.page, 'suzhou');
      await bureau.page.waitForURL((u) => u.pathname === '/');
      await bureau.page.goto(`/filings/${id}`);
      await bureau.page.getByRole('button', { name: '退回补正' }).click();
      await bureau.page.getByRole('dialog').locator('textarea').fill('授权书须由总经理签字并加盖企业公章，请补充后重新提交');
      await bureau.page.getByRole('button', { name: '确认退回' }).click();
      await bureau.page
        .getByText(/已退回补正/)
        .first()
        .waitFor();
      await bureau.page.getByRole('dialog').waitFor({ state: 'hidden' });
      await screenshot(bureau.page, 'filing-returned-bureau');

      await ent.page.goto(`/my-filings/${id}`);
      await ent.page.getByText('授权书须由总经理签字并加盖企业公章，请补充后重新提交').first().waitFor();
      await screenshot(ent.page, 'filing-returned-enterprise');
      await submitFromStep0(ent.page, /重新提交（第 2 轮）/);

      await bureau.page.goto(`/filings/${id}`);
      await bureau.page.getByRole('button', { name: '予以备案' }).click();
      await bureau.page.getByRole('button', { name: '确认予以备案' }).click();
      await bureau.page
        .getByText(/已予以备案/)
        .first()
        .waitFor();
      await bureau.page.getByRole('dialog').waitFor({ state: 'hidden' });
      await screenshot(bureau.page, 'filing-approved-bureau');

      await ent.page.goto(`/my-filings/${id}`);
      const [download] = await Promise.all([ent.page.waitForEvent('download'), ent.page.getByRole('button', { name: /下载备案证明/ }).click()]);
      const pdf = path.join(dir, 'proof.pdf');
      await download.saveAs(pdf);
      const text = (await run('pdftotext', [pdf, '-'])).stdout;
      expect(text).toContain('首席质量官聘任备案证明');
      expect(text).toContain('卫端到');
      const serial = /JS-BA-\d{4}-[2-9A-Z]{8}/.exec(text)?.[0];
      expect(serial).toBeDefined();
      const verifyUrl = /核验地址：(\S+)/.exec(text)?.[1] ?? '';
      expect(verifyUrl).toContain(`/verify/${serial ?? ''}`);
      fs.mkdirSync(SCREENSHOTS, { recursive: true });
      await run('pdftoppm', ['-png', '-r', '60', '-singlefile', pdf, path.join(SCREENSHOTS, 'filing-proof-pdf')]);

      // the QR's address, opened by anyone on a phone
      const publicPage = await newPage(browser, { width: 375, height: 760 });
      try {
        await publicPage.page.goto(new URL(verifyUrl).pathname);
        await publicPage.page.getByText('有效').first().waitFor();
        await publicPage.page.getByText('卫*到').first().waitFor();
        expect(await publicPage.page.getByText('卫端到').count()).toBe(0);
        await screenshot(publicPage.page, 'verify-public-phone');
      } finally {
        await publicPage.context.close();
      }
    } finally {
      await ent.context.close();
      await bureau.context.close();
    }
  });
});

describe('任职条件 publish dialog', () => {
  it('puts a refusal of a nested rule (rules.<segment>.<field>) under that segment’s field, and the rest above the form', async () => {
    const { context, page } = await newPage(browser);
    try {
      await signIn(page, 'province');
      await page.goto('/eligibility-rules');
      const before = ((await (await page.request.get('/api/eligibility-rules')).json()) as { current: { version: number } }).current.version;
      // the dialog checks what it can before sending: the server's refusal of a nested rule is played back here, so
      // no version is published (other specs file against the current rules)
      await page.route('**/api/eligibility-rules', async (route) => {
        if (route.request().method() !== 'POST') return route.fallback();
        await route.fulfill({
          status: 400,
          contentType: 'application/json',
          body: JSON.stringify({
            error: {
              code: 'VALIDATION',
              message: '最低质量工作年限：不能大于 40；规则：至少一类企业不可自定条件',
              fields: [
                { path: 'rules.sme.minQualityYears', label: '最低质量工作年限', message: '最低质量工作年限：不能大于 40' },
                { path: 'rules', label: '规则', message: '规则：至少一类企业不可自定条件' },
              ],
            },
          }),
        });
      });
      await page.getByRole('button', { name: '发布新版本' }).click();
      const dialog = page.getByRole('dialog');
      await dialog.getByLabel('修订依据').fill('依据省局文件调整中小企业年限要求');
      await dialog.getByRole('button', { name: /发\s*布/ }).click();
      const sme = dialog.locator('.rules-form-card').filter({ hasText: '中小微企业' });
      await sme.locator('.ant-form-item-explain-error').getByText('不能大于 40', { exact: true }).waitFor();
      expect(await dialog.locator('.ant-form-item-explain-error').count()).toBe(1);
      await dialog.locator('.ant-alert-error').getByText('规则：至少一类企业不可自定条件').waitFor();
      await screenshot(page, 'eligibility-publish-refused');
      await page.setViewportSize({ width: 375, height: 800 });
      await screenshot(page, 'eligibility-publish-refused-phone');
      await dialog.getByRole('button', { name: /取\s*消/ }).click();
      await dialog.waitFor({ state: 'hidden' });
      const after = ((await (await page.request.get('/api/eligibility-rules')).json()) as { current: { version: number } }).current.version;
      expect(after).toBe(before);
    } finally {
      await context.close();
    }
  });
});
