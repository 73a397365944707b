import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCandidate, idNumberFrom, QUALITY_DIRECTOR } from '../../testing/factories';
import { createTestApp, type TestApp } from '../../testing/test-app';
import { multipartBody } from '../../testing/files';
import { sql } from 'kysely';
import { brokenSheetXmlXlsx, corruptDeflateXlsx, falsifiedBombXlsx, hugeSharedStringXlsx, truncatedXlsx } from '../../testing/bad-xlsx';
import { clock } from '../../clock';

let t: TestApp;
const h: Record<string, Record<string, string>> = {};
let classId: number;
const enrolment: Record<string, number> = {};

const MIN = 60_000;

const newCandidate = (name: string, body: string): Promise<number> =>
  createCandidate(t, { enterprise: h.ent ?? {}, name: name, idNumber: idNumberFrom(body), fields: QUALITY_DIRECTOR });

const templateUrl = () => `/api/training/classes/${String(classId)}/scores/template.xlsx`;
const importUrl = () => `/api/training/classes/${String(classId)}/scores/import`;

async function template(who = 'trainer'): Promise<ExcelJS.Workbook> {
  const res = await t.app.inject({ url: templateUrl(), headers: h[who] });
  expect(res.statusCode).toBe(200);
  expect(res.headers['content-type']).toContain('spreadsheetml');
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(res.rawPayload as unknown as ExcelJS.Buffer);
  return book;
}

/** The data rows of the template's first sheet by 报名编号, as row numbers. */
function rowsByKey(sheet: ExcelJS.Worksheet): Map<number, number> {
  const map = new Map<number, number>();
  sheet.eachRow((row, n) => {
    if (n > 1) map.set(Number(row.getCell(2).value), n);
  });
  return map;
}

async function upload(book: ExcelJS.Workbook | Buffer, who = 'trainer', filename = '成绩.xlsx') {
  const content = Buffer.isBuffer(book) ? book : Buffer.from(await book.xlsx.writeBuffer());
  const { payload, headers } = multipartBody(filename, content);
  return t.app.inject({ method: 'POST', url: importUrl(), headers: { ...h[who], ...headers }, payload });
}

async function scores(): Promise<Record<number, { score: number | null; makeupScore: number | null }>> {
  const res = await t.app.inject({ url: `/api/training/classes/${String(classId)}/roster`, headers: h.kunshan });
  expect(res.statusCode).toBe(200);
  return Object.fromEntries(
    res
      .json<{ items: { id: number; score: number | null; makeupScore: number | null }[] }>()
      .items.map((r) => [r.id, { score: r.score, makeupScore: r.makeupScore }]),
  );
}

beforeAll(async () => {
  t = await createTestApp();
  for (const [k, u] of Object.entries({
    kunshan: 'kunshan',
    gusu: 'gusu',
    nanjing: 'nanjing',
    officer: 'officer-kunshan-1',
    ent: 'ent-kunshan-1',
    trainer: 'trainer-suzhou',
  }))
    h[k] = await t.as(u);
  const trainer = await t.db
    .selectFrom('accounts')
    .select(['id', 'password_hash', 'org_unit_id'])
    .where('username', '=', 'trainer-suzhou')
    .executeTakeFirstOrThrow();
  await t.db
    .insertInto('accounts')
    .values({
      username: 'trainer-other',
      display_name: '另一培训机构',
      role: 'trainer',
      org_unit_id: trainer.org_unit_id,
      password_hash: trainer.password_hash,
      must_change_password: false,
    })
    .execute();
  h.otherTrainer = await t.as('trainer-other');

  const created = await t.app.inject({
    method: 'POST',
    url: '/api/training/classes',
    headers: h.kunshan,
    payload: {
      name: '成绩导入测试班',
      tier: 'basic',
      format: 'in_person',
      venue: '昆山市市场监督管理局培训室',
      capacity: 3,
      hours: 8,
      passMark: 60,
      minAttendancePercent: 50,
      trainerAccountId: trainer.id,
      sessions: [{ title: '第一课', startsAt: new Date(clock.nowMs() + 20 * MIN).toISOString(), endsAt: new Date(clock.nowMs() + 200 * MIN).toISOString() }],
    },
  });
  expect(created.statusCode).toBe(201);
  classId = created.json<{ id: number }>().id;
  const own = await t.app.inject({ method: 'POST', url: `/api/training/classes/${String(classId)}/enrolments`, headers: h.officer, payload: {} });
  expect(own.statusCode).toBe(201);
  enrolment.officer = own.json<{ id: number }>().id;
  for (const [key, name, id] of [
    ['a', '林导入', '32058319800101123'],
    ['b', '吴导入', '32058319810202234'],
    ['waiting', '周候补', '32058319820303345'],
  ] as const) {
    const candidateId = await newCandidate(name, id);
    const res = await t.app.inject({ method: 'POST', url: `/api/training/classes/${String(classId)}/enrolments`, headers: h.ent, payload: { candidateId } });
    expect(res.statusCode).toBe(201);
    enrolment[key] = res.json<{ id: number }>().id;
  }
  expect(
    (
      await t.db
        .selectFrom('training_enrolments')
        .select('status')
        .where('id', '=', enrolment.waiting ?? 0)
        .executeTakeFirstOrThrow()
    ).status,
  ).toBe('waitlisted');
  // before the session has ended an import is refused before the file is read, naming when it opens
  const { payload, headers } = multipartBody('成绩.xlsx', Buffer.from('not read'));
  const early = await t.app.inject({ method: 'POST', url: importUrl(), headers: { ...h.trainer, ...headers }, payload });
  expect(early.statusCode).toBe(409);
  expect(early.json().error.message).toMatch(/^该培训班最后一次课程结束后（\d{4}-\d{2}-\d{2} \d{2}:\d{2}）方可录入成绩$/);
  // the class took place: its session moves into the past (ended a minute ago), and scores open
  await sql`update training_sessions set starts_at = starts_at - interval '201 minutes', ends_at = ends_at - interval '201 minutes' where class_id = ${classId}`.execute(
    t.db,
  );
});
afterAll(async () => {
  await t.close();
});

describe('score template', () => {
  it('lists the enrolled learners (not the waiting list) under a locked 报名编号 key column', async () => {
    const book = await template();
    const sheet = book.worksheets[0];
    if (!sheet) throw new Error('no sheet');
    expect(sheet.name).toBe('考核成绩');
    expect((sheet.getRow(1).values as unknown[]).slice(1)).toEqual(['序号', '报名编号', '姓名', '所在企业', '考核成绩', '补考成绩', '备注']);
    const keys = rowsByKey(sheet);
    expect([...keys.keys()].sort()).toEqual([enrolment.officer, enrolment.a, enrolment.b].sort());
    expect(keys.has(enrolment.waiting ?? 0)).toBe(false);
    const row = sheet.getRow(keys.get(enrolment.a ?? 0) ?? 0);
    expect(row.getCell(3).value).toBe('林导入');
    // the sheet is protected: the key is locked, the score cells are not
    expect((sheet as unknown as { sheetProtection?: { sheet?: boolean } }).sheetProtection).toMatchObject({ sheet: true });
    // exceljs reads a locked (default) cell back without a protection entry
    expect((row.getCell(2).protection as Partial<ExcelJS.Protection> | undefined)?.locked).not.toBe(false);
    expect(row.getCell(5).protection.locked).toBe(false);
    expect(row.getCell(6).protection.locked).toBe(false);
  });
});

describe('score import', () => {
  it('records every row of a filled-in template in one go, audited', async () => {
    const book = await template();
    const sheet = book.worksheets[0];
    if (!sheet) throw new Error('no sheet');
    const keys = rowsByKey(sheet);
    const fill = (id: number | undefined, score: number | null, makeup: number | null = null) => {
      const row = sheet.getRow(keys.get(id ?? 0) ?? 0);
      row.getCell(5).value = score;
      row.getCell(6).value = makeup;
      row.getCell(7).value = '备注不导入';
    };
    fill(enrolment.officer, 55, 72);
    fill(enrolment.a, 88.5);
    fill(enrolment.b, null);
    const res = await upload(book);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ imported: 3, changed: 2 });
    const now = await scores();
    expect(now[enrolment.officer ?? 0]).toEqual({ score: 55, makeupScore: 72 });
    expect(now[enrolment.a ?? 0]).toEqual({ score: 88.5, makeupScore: null });
    expect(now[enrolment.b ?? 0]).toEqual({ score: null, makeupScore: null });
    const audit = await t.db
      .selectFrom('audit_events')
      .select(['action', 'details'])
      .where('target_type', '=', 'training_class')
      .where('target_id', '=', String(classId))
      .where('action', '=', 'training.scores.import')
      .execute();
    expect(audit).toHaveLength(1);
    expect(audit[0]?.details).toMatchObject({ rows: 3, changed: 2 });

    // the next template carries the recorded scores
    const again = (await template('kunshan')).worksheets[0];
    if (!again) throw new Error('no sheet');
    const r = again.getRow(rowsByKey(again).get(enrolment.officer ?? 0) ?? 0);
    expect([r.getCell(5).value, r.getCell(6).value]).toEqual([55, 72]);
  });

  it('refuses a file with any bad row, lists every bad row and changes nothing', async () => {
    const before = await scores();
    const book = await template();
    const sheet = book.worksheets[0];
    if (!sheet) throw new Error('no sheet');
    const keys = rowsByKey(sheet);
    const officerRow = keys.get(enrolment.officer ?? 0) ?? 0;
    const aRow = keys.get(enrolment.a ?? 0) ?? 0;
    const bRow = keys.get(enrolment.b ?? 0) ?? 0;
    // a good change that must not be applied
    sheet.getRow(officerRow).getCell(5).value = 58;
    // a make-up for a first score that passed
    sheet.getRow(aRow).getCell(6).value = 90;
    // out of range, and a word instead of a number
    sheet.getRow(bRow).getCell(5).value = 101;
    sheet.getRow(bRow).getCell(6).value = '缺考';
    // the waiting list's enrolment, an unknown key and a duplicate key
    sheet.addRow([4, enrolment.waiting, '周候补', '', 70]);
    sheet.addRow([5, 999999, '某某', '', 70]);
    sheet.addRow([6, enrolment.officer, '', '', 70]);
    const res = await upload(book);
    expect(res.statusCode).toBe(400);
    const error = res.json<{ error: { code: string; message: string; fields: { path: string; message: string }[] } }>().error;
    expect(error.code).toBe('VALIDATION');
    expect(error.message).toContain('成绩未导入');
    expect(error.message).toContain('5 行有误');
    expect(error.fields).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ path: `rows.${String(aRow)}.makeupScore`, message: '首次考核已合格，无需补考' }),
        expect.objectContaining({ path: `rows.${String(bRow)}.score`, message: '成绩应在 0–100 之间' }),
        expect.objectContaining({ path: `rows.${String(bRow)}.makeupScore`, message: expect.stringContaining('不是数字') }),
        expect.objectContaining({ path: 'rows.5.enrolmentId', message: '不是本班正式报名学员' }),
        expect.objectContaining({ path: 'rows.6.enrolmentId', message: expect.stringContaining('不是本班的报名') }),
        expect.objectContaining({ path: 'rows.7.enrolmentId', message: `与第 ${String(officerRow)} 行的报名编号重复` }),
      ]),
    );
    expect(error.fields).toHaveLength(6);
    expect(await scores()).toEqual(before);
  });

  it('refuses a shifted sheet whose names no longer match the keys', async () => {
    const book = await template();
    const sheet = book.worksheets[0];
    if (!sheet) throw new Error('no sheet');
    const row = sheet.getRow(rowsByKey(sheet).get(enrolment.a ?? 0) ?? 0);
    row.getCell(3).value = '吴导入';
    const res = await upload(book);
    expect(res.statusCode).toBe(400);
    expect(res.json().error.fields).toEqual([
      expect.objectContaining({ path: `rows.${String(row.number)}.name`, message: expect.stringContaining('姓名与报名编号不符') }),
    ]);
  });

  it('refuses what is not an .xlsx, by content, naming the field file', async () => {
    const pdf = await upload(Buffer.from('%PDF-1.4\n%fake\n'), 'trainer', '成绩.xlsx');
    expect(pdf.statusCode).toBe(400);
    expect(pdf.json().error.fields).toEqual([expect.objectContaining({ path: 'file', message: expect.any(String) })]);
    const csv = await upload(Buffer.from('报名编号,考核成绩\n1,80\n'), 'trainer', '成绩.csv');
    expect(csv.statusCode).toBe(400);
    expect(csv.json().error.fields[0].path).toBe('file');
    // a workbook without the key column
    const other = new ExcelJS.Workbook();
    other.addWorksheet('Sheet1').addRows([
      ['姓名', '成绩'],
      ['林导入', 80],
    ]);
    const noKey = await upload(other);
    expect(noKey.statusCode).toBe(400);
    expect(noKey.json().error.fields[0].path).toBe('file');
    expect(noKey.json().error.message).toContain('报名编号');
  });

  it('answers every bad file with 4xx in Chinese within seconds, then imports a good file', { timeout: 120_000 }, async () => {
    const cases: [string, Buffer, number][] = [
      ['truncated', truncatedXlsx(), 400],
      ['corrupt deflate', corruptDeflateXlsx(), 400],
      ['broken sheet XML', brokenSheetXmlXlsx(), 400],
      ['zip bomb with falsified sizes', falsifiedBombXlsx(400), 413],
      ['one huge shared string', hugeSharedStringXlsx(200), 413],
    ];
    const before = await scores();
    for (const [name, file, status] of cases) {
      const t0 = performance.now();
      const res = await upload(file);
      expect(performance.now() - t0, name).toBeLessThan(30_000);
      expect(res.statusCode, name).toBe(status);
      const message = res.json<{ error: { message: string } }>().error.message;
      expect(message, name).toMatch(/[\u4e00-\u9fa5]{4}/);
      expect(message.replace(/Excel|xlsx/g, ''), name).not.toMatch(/[A-Za-z]{3,}|\d+:\d+:/);
    }
    expect(await scores()).toEqual(before);
    const ok = await upload(await template());
    expect(ok.statusCode).toBe(200);
  });

  it('is for the organiser and the class’s trainer only: 404 outside their scope, 403 for an officer', async () => {
    const book = await template('kunshan');
    for (const who of ['gusu', 'nanjing', 'otherTrainer']) {
      expect((await t.app.inject({ url: templateUrl(), headers: h[who] })).statusCode, who).toBe(404);
      expect((await upload(book, who)).statusCode, who).toBe(404);
    }
    expect((await t.app.inject({ url: templateUrl(), headers: h.officer })).statusCode).toBe(403);
    expect((await upload(book, 'officer')).statusCode).toBe(403);
    expect((await upload(book, 'ent')).statusCode).toBe(403);
    // the organising bureau may import
    const ok = await upload(book, 'kunshan');
    expect(ok.statusCode).toBe(200);
    expect(ok.json()).toEqual({ imported: 3, changed: 0 });
  });

  it('refuses scores for a cancelled class, typed in or imported, with 409, and changes nothing', async () => {
    const book = await template();
    const sheet = book.worksheets[0];
    if (!sheet) throw new Error('no sheet');
    const row = rowsByKey(sheet).get(enrolment.b ?? 0) ?? 0;
    sheet.getCell(row, 5).value = 42;
    const before = await scores();
    const cancel = await t.app.inject({
      method: 'POST',
      url: `/api/training/classes/${String(classId)}/cancel`,
      headers: h.kunshan,
      payload: { reason: '场地变更' },
    });
    expect(cancel.statusCode).toBe(200);
    const imported = await upload(book);
    expect(imported.statusCode).toBe(409);
    expect(imported.json<{ error: { message: string } }>().error.message).toContain('已取消');
    const typed = await t.app.inject({
      method: 'PUT',
      url: `/api/training/classes/${String(classId)}/scores`,
      headers: h.trainer,
      payload: { entries: [{ enrolmentId: enrolment.b, score: 42 }] },
    });
    expect(typed.statusCode).toBe(409);
    expect(await scores()).toEqual(before);
  });
});
