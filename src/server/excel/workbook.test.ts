import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, describe, expect, it } from 'vitest';
import { readXlsxRecords, writeXlsxFile } from './workbook';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cqo-xlsx-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

const ROWS = 30_000;
const nameOf = (i: number) => `江苏省第${i}号精密制造有限公司（质量管理体系认证）`;

describe('streaming Excel reader', () => {
  it('reads every Chinese character intact from inline strings across zip chunk boundaries', { timeout: 60_000 }, async () => {
    const file = path.join(dir, 'inline.xlsx');
    const columns = [
      { header: '企业名称', key: 'name', value: (i: number) => nameOf(i) },
      { header: '企业规模', key: 'scale', value: (i: number) => (i % 3 ? '小型' : '中型') },
    ];
    await writeXlsxFile(file, '名录', columns, [Array.from({ length: ROWS }, (_, i) => i)]);
    let n = 0;
    for await (const [row, record] of readXlsxRecords(file, { limits: { maxInflatedBytes: 300 * 1048576 } })) {
      const i = row - 2;
      expect(record['企业名称']).toBe(nameOf(i));
      expect(record['企业规模']).toBe(i % 3 ? '小型' : '中型');
      n += 1;
    }
    expect(n).toBe(ROWS);
  });

  it('reads shared strings (as Excel itself saves) intact', { timeout: 60_000 }, async () => {
    const file = path.join(dir, 'shared.xlsx');
    const book = new ExcelJS.Workbook();
    const sheet = book.addWorksheet('名录');
    sheet.addRow(['企业名称']);
    for (let i = 0; i < ROWS; i++) sheet.addRow([nameOf(i)]);
    await book.xlsx.writeFile(file);
    let n = 0;
    for await (const [row, record] of readXlsxRecords(file, { limits: { maxInflatedBytes: 300 * 1048576 } })) {
      expect(record['企业名称']).toBe(nameOf(row - 2));
      n += 1;
    }
    expect(n).toBe(ROWS);
  });
});

describe('zip entry order', () => {
  it('reads a file whose worksheet is stored before xl/workbook.xml (seen intermittently from exceljs-written files)', async () => {
    const JSZip = (await import('jszip')).default;
    const book = new ExcelJS.Workbook();
    const sheet = book.addWorksheet('名录');
    sheet.addRow(['企业名称']);
    for (let i = 0; i < 10; i++) sheet.addRow([nameOf(i)]);
    const original = await JSZip.loadAsync(await book.xlsx.writeBuffer());
    const names = Object.keys(original.files).filter((n) => !original.files[n]?.dir);
    // relationships and shared strings first, the workbook last: exceljs then parses the sheet at once
    const early = ['xl/_rels/workbook.xml.rels', 'xl/sharedStrings.xml'];
    const late = ['xl/workbook.xml'];
    const reordered = new JSZip();
    for (const n of [...early, ...names.filter((x) => !early.includes(x) && !late.includes(x)), ...late])
      reordered.file(n, (await original.file(n)?.async('nodebuffer')) ?? Buffer.alloc(0));
    const file = path.join(dir, 'reordered.xlsx');
    fs.writeFileSync(file, await reordered.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' }));
    const rows: string[] = [];
    for await (const [, record] of readXlsxRecords(file, { limits: { maxInflatedBytes: 300 * 1048576 } })) rows.push(record['企业名称'] ?? '');
    expect(rows).toEqual(Array.from({ length: 10 }, (_, i) => nameOf(i)));
  });
});
