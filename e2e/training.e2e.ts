import fs from 'node:fs';
import ExcelJS from 'exceljs';
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

const H = { 'x-requested-with': 'e2e' };

async function json<T>(res: { status(): number; json(): Promise<unknown>; text(): Promise<string> }, status: number): Promise<T> {
  if (res.status() !== status) throw new Error(`expected ${String(status)}, got ${String(res.status())}: ${await res.text()}`);
  return (await res.json()) as T;
}

describe('three-tier training on a phone', () => {
  it('an officer enrols, signs in by QR, answers the survey and downloads the certificate', async () => {
    // the county bureau opens a 基础 class run by the demo training institution; its one session starts in a minute
    // and a half (the 可报名 tab lists classes not yet started, and on a loaded CI machine signing in and opening it has
    // taken more than the half minute this once allowed) and ends half a minute later, since scores and certificates
    // are refused until the last session has ended
    const sessionStart = Date.now() + 90_000;
    const sessionEnd = sessionStart + 30_000;
    const bureau = await newPage(browser);
    const trainer = await newPage(browser);
    const phone = await newPage(browser, { width: 375, height: 800 });
    try {
      await signIn(bureau.page, 'kunshan');
      await bureau.page.waitForURL((u) => u.pathname === '/');
      const trainers = await json<{ id: number; name: string }[]>(await bureau.page.request.get('/api/training/trainers'), 200);
      const instructors = await json<{ id: number; orgUnitName: string }[]>(await bureau.page.request.get('/api/training/instructors'), 200);
      const name = `昆山市首席质量官基础培训班（e2e ${String(Date.now() % 100000)}）`;
      const created = await json<{ id: number }>(
        await bureau.page.request.post('/api/training/classes', {
          headers: H,
          data: {
            name,
            tier: 'basic',
            format: 'in_person',
            venue: '昆山市市场监督管理局培训室',
            capacity: 30,
            hours: 8,
            trainerAccountId: trainers.find((t) => t.name === '苏州市质量技术培训中心')?.id,
            instructors: instructors.slice(0, 2).map((i) => ({ instructorId: i.id })),
            sessions: [{ title: '首席质量官制度与履职', startsAt: new Date(sessionStart).toISOString(), endsAt: new Date(sessionEnd).toISOString() }],
          },
        }),
        201,
      );
      const classId = created.id;

      // the officer enrols on the phone
      await signIn(phone.page, 'officer-kunshan-1', undefined, false);
      await phone.page.waitForURL((u) => u.pathname === '/');
      await phone.page.goto('/me/training');
      await phone.page.getByRole('tab', { name: /可报名/ }).click();
      const card = phone.page.getByTestId(`open-class-${String(classId)}`);
      await card.waitFor();
      await screenshot(phone.page, 'training-open-classes-phone');
      await card.getByRole('button', { name: /报\s*名/ }).click();
      await phone.page.getByText('报名成功').waitFor();

      // the trainer shows the rotating QR code; the officer's phone opens the address inside it
      await signIn(trainer.page, 'trainer-suzhou', undefined, false);
      await trainer.page.waitForURL((u) => u.pathname === '/');
      const detail = await json<{ sessions: { id: number }[] }>(await trainer.page.request.get(`/api/training/classes/${String(classId)}`), 200);
      const sessionId = detail.sessions[0]?.id ?? 0;
      await trainer.page.goto(`/training/sessions/${String(sessionId)}/screen`);
      const qr = trainer.page.getByTestId('sign-in-qr');
      await qr.locator('svg').waitFor();
      await screenshot(trainer.page, 'training-sign-in-screen');
      const url = new URL((await qr.getAttribute('data-url')) ?? '');
      expect(url.pathname).toBe('/training/sign-in');

      // a forged code is refused
      await phone.page.goto(`/training/sign-in?t=${encodeURIComponent(`s${String(sessionId)}.1.AAAAAAAAAAAAAAAAAAAAAA`)}`);
      await phone.page.getByText('签到二维码无效').waitFor();
      await phone.page.goto(`${url.pathname}${url.search}`);
      await phone.page.getByText('签到成功').waitFor();
      await screenshot(phone.page, 'training-signed-in-phone');

      // the survey on the phone
      await phone.page.goto('/me/training');
      const mine = phone.page.getByTestId(`my-class-${String(classId)}`);
      await mine.getByText('出勤', { exact: true }).waitFor();
      await mine.getByRole('button', { name: /填写效果评估/ }).click();
      await phone.page.getByText('满意度（1–5 星）').waitFor();
      const rates = phone.page.locator('.ant-rate');
      const count = await rates.count();
      for (let i = 0; i < count; i++)
        await rates
          .nth(i)
          .locator('.ant-rate-star')
          .nth(i % 2 === 0 ? 4 : 3)
          .locator('[role="radio"]')
          .click();
      await phone.page.getByLabel('意见和建议').fill('案例丰富，希望增加现场教学。');
      await screenshot(phone.page, 'training-survey-phone');
      await phone.page.getByRole('button', { name: /提交评估/ }).click();
      await phone.page.getByText('感谢您的评价').waitFor();

      // the trainer records the score through the Excel template and issues the certificate from the roster,
      // once the session is over
      await new Promise((r) => setTimeout(r, Math.max(0, sessionEnd - Date.now() + 1000)));
      await trainer.page.goto(`/training/classes/${String(classId)}`);
      await trainer.page.getByRole('tab', { name: '花名册与考核' }).click();
      const [template] = await Promise.all([trainer.page.waitForEvent('download'), trainer.page.getByRole('button', { name: /下载成绩模板/ }).click()]);
      expect(template.suggestedFilename()).toMatch(/^成绩模板-.*\.xlsx$/);
      const book = new ExcelJS.Workbook();
      await book.xlsx.readFile(await template.path());
      const sheet = book.worksheets[0];
      if (!sheet) throw new Error('template without a sheet');
      const enrolmentId = await enrolmentOf(trainer.page, classId);
      let officerRow = 0;
      sheet.eachRow((row, n) => {
        if (n > 1 && Number(row.getCell(2).value) === enrolmentId) officerRow = n;
      });
      expect(officerRow).toBeGreaterThan(1);
      const fileInput = trainer.page.locator('input[type="file"][accept=".xlsx"]');
      // a bad score: nothing is imported and the row is listed
      sheet.getRow(officerRow).getCell(5).value = 120;
      await fileInput.setInputFiles({
        name: '成绩.xlsx',
        mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
        buffer: Buffer.from(await book.xlsx.writeBuffer()),
      });
      const problems = trainer.page.locator('.score-import-problems');
      await problems.getByText(`第 ${String(officerRow)} 行`).waitFor();
      await problems.getByText('成绩应在 0–100 之间').waitFor();
      await trainer.page.waitForTimeout(400);
      await screenshot(trainer.page, 'training-score-import-refused');
      await trainer.page
        .locator('.ant-modal-footer')
        .getByRole('button', { name: /关\s*闭/ })
        .click();
      sheet.getRow(officerRow).getCell(5).value = 86;
      await fileInput.setInputFiles({
        name: '成绩.xlsx',
        mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
        buffer: Buffer.from(await book.xlsx.writeBuffer()),
      });
      await trainer.page.getByText(/已导入 \d+ 名学员的成绩/).waitFor();
      await trainer.page.getByRole('cell', { name: '86' }).first().waitFor();
      await trainer.page.getByRole('button', { name: /发\s*证/ }).click();
      await trainer.page.getByText('合格证已发放').waitFor();
      await trainer.page.getByText(/^JS-PX-/).waitFor();
      await screenshot(trainer.page, 'training-roster');
      await trainer.page.getByRole('tab', { name: '效果评估' }).click();
      await trainer.page.getByText('分项评分分布').waitFor();
      await trainer.page.waitForTimeout(800);
      await screenshot(trainer.page, 'training-survey-report');

      // the officer downloads the certificate
      await phone.page.goto('/me/training');
      const cert = phone.page.getByTestId(`my-class-${String(classId)}`).getByText(/培训合格证 JS-PX-/);
      await cert.waitFor();
      await screenshot(phone.page, 'training-my-record-phone');
      const [download] = await Promise.all([
        phone.page.waitForEvent('download'),
        phone.page
          .getByTestId(`my-class-${String(classId)}`)
          .getByRole('button', { name: /下\s*载/ })
          .click(),
      ]);
      const file = await download.path();
      expect(fs.readFileSync(file).subarray(0, 5).toString()).toBe('%PDF-');
      expect(download.suggestedFilename()).toMatch(/^培训合格证-JS-PX-.*\.pdf$/);
      // nothing overflows the phone's width
      const overflow = await phone.page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      expect(overflow).toBeLessThanOrEqual(0);
    } finally {
      await bureau.context.close();
      await trainer.context.close();
      await phone.context.close();
    }
  });
});

async function enrolmentOf(page: Page, classId: number): Promise<number> {
  const roster = await json<{ items: { id: number; name: string; status: string }[] }>(
    await page.request.get(`/api/training/classes/${String(classId)}/roster`),
    200,
  );
  const row = roster.items.find((r) => r.name === '陈质量' && r.status === 'enrolled');
  if (!row) throw new Error('officer not on the roster');
  return row.id;
}
