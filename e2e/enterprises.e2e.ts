import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeUscc } from '../src/domain/uscc';
import { launch, newPage, screenshot, signIn } from './browser';

let browser: Browser;
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cqo-e2e-xlsx-'));
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

const NAMES = ['姑苏端到端精工有限公司', '姑苏端到端电子科技有限公司', '姑苏端到端纺织有限公司'];
const GOOD = [makeUscc('320508', 970001), makeUscc('320508', 970002), makeUscc('320508', 970003)];
const BAD_USCC = `${GOOD[1]?.slice(0, 17) ?? ''}${GOOD[1]?.endsWith('0') ? '1' : '0'}`;

/** Fills the downloaded template: the example row is replaced by our rows. */
async function fillTemplate(template: string, out: string, usccs: string[]): Promise<void> {
  const book = new ExcelJS.Workbook();
  await book.xlsx.readFile(template);
  const sheet = book.getWorksheet('企业名录');
  if (!sheet) throw new Error('template has no 企业名录 sheet');
  const headers = (sheet.getRow(1).values as string[]).map((h) => String(h ?? '').replace('*', ''));
  const col = (h: string) => headers.indexOf(h);
  usccs.forEach((uscc, i) => {
    const row = sheet.getRow(i + 2);
    const values: Record<string, string> = {
      统一社会信用代码: uscc,
      企业名称: NAMES[i] ?? '',
      所属单位代码: '320508',
      行业大类代码: '34',
      企业规模: '小型',
      经济类型: '民营',
      规上企业: '否',
      联系电话: '0512-65000000',
    };
    headers.forEach((h, c) => {
      if (c > 0) row.getCell(c).value = values[h] ?? null;
    });
    row.commit();
  });
  expect(col('统一社会信用代码')).toBe(1);
  await book.xlsx.writeFile(out);
}

/** Picks the option containing `text` of the antd select labelled `label` (a TreeSelect's options: `optionSelector`). */
async function choose(page: Page, label: string, text: string, optionSelector = '.ant-select-item-option'): Promise<void> {
  await page.getByRole('dialog').getByLabel(label).click();
  await page.locator(optionSelector).filter({ hasText: text }).first().click();
}

async function upload(page: Page, file: string): Promise<void> {
  await page.locator('input[type=file]').setInputFiles(file);
  await page.getByRole('button', { name: '上传' }).click();
}

describe('enterprise roster import by a county bureau', () => {
  it('downloads the template, sees the row errors of a bad file, fixes it, imports, and finds the enterprises; another county cannot', async () => {
    const { context, page } = await newPage(browser);
    try {
      await signIn(page, 'gusu');
      await page.waitForURL((u) => u.pathname === '/');
      await page.goto('/enterprises/import');
      const [download] = await Promise.all([page.waitForEvent('download'), page.getByText('下载模板', { exact: true }).last().click()]);
      const template = path.join(dir, 'template.xlsx');
      await download.saveAs(template);

      const bad = path.join(dir, '姑苏名录-有误.xlsx');
      await fillTemplate(template, bad, [GOOD[0] ?? '', BAD_USCC, GOOD[2] ?? '']);
      await upload(page, bad);
      await page
        .getByText(/导入未执行/)
        .first()
        .waitFor();
      await screenshot(page, 'enterprise-import-refused');
      const [reportDownload] = await Promise.all([page.waitForEvent('download'), page.getByText('下载错误报告', { exact: true }).click()]);
      const report = path.join(dir, 'report.xlsx');
      await reportDownload.saveAs(report);
      const book = new ExcelJS.Workbook();
      await book.xlsx.readFile(report);
      const sheet = book.getWorksheet('错误报告');
      const headers = sheet?.getRow(1).values as string[];
      const errorCol = headers.indexOf('错误说明');
      expect(String(sheet?.getRow(3).getCell(errorCol).value)).toContain('校验位错误');
      expect(sheet?.getRow(2).getCell(errorCol).value ?? null).toBeNull();

      // nothing was loaded
      const none = await page.request.get(`/api/enterprises?q=${encodeURIComponent('姑苏端到端')}`);
      expect((await none.json()).total).toBe(0);

      const fixed = path.join(dir, '姑苏名录.xlsx');
      await fillTemplate(template, fixed, GOOD);
      await page
        .getByRole('button', { name: /重新上传/ })
        .first()
        .click();
      await upload(page, fixed);
      await page
        .getByText(/导入完成/)
        .first()
        .waitFor();
      await screenshot(page, 'enterprise-import-done');

      await page.goto('/enterprises');
      await page.getByPlaceholder('企业名称或信用代码').fill('姑苏端到端');
      await page.getByPlaceholder('企业名称或信用代码').press('Enter');
      await page.getByText('共 3 家企业').waitFor();
      for (const name of NAMES) await page.getByText(name).first().waitFor();
      await screenshot(page, 'enterprise-list-gusu');

      // entering one of them again: the server's 409 under the field, and the way to the record already there
      // (tall enough that the dialog's lower dropdowns open inside the window)
      await page.setViewportSize({ width: 1280, height: 1500 });
      await page.getByRole('button', { name: /新增企业/ }).click();
      const dialog = page.getByRole('dialog');
      await dialog.getByLabel('统一社会信用代码').fill(GOOD[0] ?? '');
      await dialog.getByLabel('企业名称').fill('姑苏端到端重复录入有限公司');
      await choose(page, '所属单位', '姑苏区', '.ant-select-tree-node-content-wrapper');
      await dialog.getByLabel('所属行业').fill('通用设备');
      await page.locator('.ant-cascader-menu-item').filter({ hasText: '通用设备' }).first().click();
      await choose(page, '企业规模', '小型');
      await choose(page, '经济类型', '民营');
      await dialog.getByRole('button', { name: /创\s?建/ }).click();
      await dialog.getByText('该统一社会信用代码已在企业名录中，无需重复录入').waitFor();
      await dialog.getByRole('link', { name: '在名录中查找该企业' }).waitFor();
      await screenshot(page, 'enterprise-duplicate-uscc');
      await page.setViewportSize({ width: 375, height: 812 });
      await screenshot(page, 'enterprise-duplicate-uscc-phone');
      await page.setViewportSize({ width: 1280, height: 1500 });
      // changing the form takes the warning away, as it no longer describes what is entered
      await dialog.getByLabel('企业名称').fill('姑苏端到端重复录入二有限公司');
      await dialog.getByText('该统一社会信用代码已在企业名录中，无需重复录入').waitFor({ state: 'detached' });
      await dialog.getByLabel('企业名称').fill('姑苏端到端重复录入有限公司');
      await dialog.getByRole('button', { name: /创\s?建/ }).click();
      await dialog.getByRole('link', { name: '在名录中查找该企业' }).click();
      await page.waitForURL((u) => u.pathname === '/enterprises' && u.searchParams.get('q') === GOOD[0]);
      await page
        .getByText(NAMES[0] ?? '')
        .first()
        .waitFor();
    } finally {
      await context.close();
    }

    const other = await newPage(browser);
    try {
      await signIn(other.page, 'xuanwu');
      await other.page.waitForURL((u) => u.pathname === '/');
      const res = await other.page.request.get(`/api/enterprises?q=${encodeURIComponent('姑苏端到端')}`);
      expect((await res.json()).total).toBe(0);
      await other.page.goto('/enterprises');
      await other.page.getByPlaceholder('企业名称或信用代码').fill('姑苏端到端');
      await other.page.getByPlaceholder('企业名称或信用代码').press('Enter');
      await other.page.waitForTimeout(800);
      expect(await other.page.getByText(NAMES[0] ?? '').count()).toBe(0);
    } finally {
      await other.context.close();
    }
  });
});
