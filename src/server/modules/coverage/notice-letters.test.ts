import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../testing/test-app';
import { dayFromToday } from '../../testing/dates';

const run = promisify(execFile);
let t: TestApp;
let dir: string;
const NAMES = ['催办样本甲精密机械有限公司', '催办样本乙电子科技有限公司', '催办样本丙新材料有限公司'];

beforeAll(async () => {
  // the e-mail channel is configured (nothing is sent here): an enterprise with a contact address counts as reached
  t = await createTestApp({ mail: { smtpUrl: 'smtp://127.0.0.1:9', from: 'cqo@example.gov.cn' } });
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cqo-letters-'));
  const rows = await t.db
    .selectFrom('enterprises as e')
    .innerJoin('org_units as o', 'o.id', 'e.org_unit_id')
    .select(['e.id'])
    .where('o.code', '=', '320583')
    .where('e.has_active_officer', '=', false)
    .where('e.status', '=', 'operating')
    .where('e.roster_status', '=', 'confirmed')
    .where((eb) => eb.not(eb.exists(eb.selectFrom('accounts').select('id').whereRef('accounts.enterprise_id', '=', 'e.id'))))
    .orderBy('e.id')
    .limit(3)
    .execute();
  for (const [i, r] of rows.entries()) {
    await t.db
      .updateTable('enterprises')
      .set({ name: NAMES[i] ?? '', contact_person: i === 0 ? '=HYPERLINK("http://evil.example")' : `联系人${i}`, contact_phone: '0512-57000000', contact_email: i === 1 ? 'yi@example.com' : null })
      .where('id', '=', r.id)
      .execute();
  }
});
afterAll(async () => {
  await t.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

async function produce(username: string, payload: Record<string, unknown>): Promise<{ status: string; result: unknown; file: Buffer; contentType: string }> {
  const headers = await t.as(username);
  const res = await t.app.inject({ method: 'POST', url: '/api/coverage/worklists/uncovered/notice-letters', headers, payload });
  expect(res.statusCode, res.body).toBe(202);
  const jobId = res.json<{ jobId: number }>().jobId;
  while (await t.ctx.jobs.runOnce()) {
    /* run it */
  }
  const job = await t.db.selectFrom('jobs').select(['status', 'result']).where('id', '=', jobId).executeTakeFirstOrThrow();
  const file = await t.app.inject({ url: `/api/jobs/${jobId}/download`, headers });
  return { status: job.status, result: job.result, file: file.rawPayload, contentType: String(file.headers['content-type']) };
}

describe('催办通知书 and the contact list of a worklist', () => {
  it('prints one page per enterprise that no channel reaches, with the bureau, what is missing, the deadline and the contact', async () => {
    const deadline = dayFromToday(20);
    const out = await produce('kunshan', { q: '催办样本', format: 'pdf', deadline, contactName: '王科长', contactPhone: '0512-57001234' });
    expect(out.status).toBe('succeeded');
    expect(out.result).toMatchObject({ rows: 2 });
    expect(out.contentType).toBe('application/pdf');
    const file = path.join(dir, 'letters.pdf');
    fs.writeFileSync(file, out.file);
    const info = await run('pdfinfo', [file]);
    expect(info.stdout).toMatch(/Pages:\s+2/);
    const pages = await Promise.all([1, 2].map(async (n) => (await run('pdftotext', ['-layout', '-f', String(n), '-l', String(n), file, '-'])).stdout));
    const [y, m, d] = deadline.split('-').map(Number);
    for (const [i, text] of pages.entries()) {
      for (const expected of ['催 办 通 知 书', '昆山市市场监督管理局', '未聘任首席质量官', `${y}年${m}月${d}日`, '王科长', '0512-57001234']) expect(text.replace(/催\s*办\s*通\s*知\s*书/, '催 办 通 知 书')).toContain(expected);
      expect(text).toContain([NAMES[0], NAMES[2]][i]);
    }
    // the enterprise with an e-mail address is reached by the e-mail channel: no letter
    expect(pages.join('')).not.toContain(NAMES[1]);
  });

  it('exports the contact list in Excel with formulas neutralised and the channels that reach each enterprise', async () => {
    const out = await produce('kunshan', { q: '催办样本', format: 'xlsx', unreachedOnly: false });
    expect(out.status).toBe('succeeded');
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(out.file as unknown as ArrayBuffer);
    const sheet = workbook.worksheets[0];
    const rows: string[][] = [];
    sheet?.eachRow((row) => rows.push((row.values as unknown[]).slice(1).map((v) => String(v ?? ''))));
    expect(rows[0]).toEqual(['企业名称', '统一社会信用代码', '所属单位', '联系人', '联系电话', '电子邮箱', '系统账户数', '可送达渠道', '待办事项']);
    const body = rows.slice(1).sort((a, b) => NAMES.indexOf(a[0] ?? '') - NAMES.indexOf(b[0] ?? ''));
    expect(body.map((r) => r[0])).toEqual(NAMES);
    expect(body[0]?.[3]).toBe('\'=HYPERLINK("http://evil.example")');
    expect(body.map((r) => r[7])).toEqual(['无', '电子邮件', '无']);
    expect(body[0]?.[8]).toContain('未聘任首席质量官');
    const audit = await t.db.selectFrom('audit_events').select('details').where('action', '=', 'coverage.notice_letters').execute();
    expect(audit).toHaveLength(2);
    expect(JSON.stringify(audit)).not.toContain('0512-57000000');
  });

  it('keeps each bureau to its region and refuses bad input', async () => {
    const out = await produce('gusu', { q: '催办样本', format: 'xlsx', unreachedOnly: false });
    expect(out.result).toMatchObject({ rows: 0 });
    const ent = await t.app.inject({ method: 'POST', url: '/api/coverage/worklists/uncovered/notice-letters', headers: await t.as('ent-kunshan-1'), payload: { format: 'pdf' } });
    expect(ent.statusCode).toBe(403);
    const past = await t.app.inject({ method: 'POST', url: '/api/coverage/worklists/uncovered/notice-letters', headers: await t.as('kunshan'), payload: { format: 'pdf', deadline: dayFromToday(-1) } });
    expect(past.statusCode).toBe(400);
    expect(past.json().error.fields[0]).toMatchObject({ path: 'deadline', message: '办理期限不能早于今天' });
  });
});
