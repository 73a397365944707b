import fs from 'node:fs';
import ExcelJS from 'exceljs';
import divisions from '../../db/seed/jiangsu-divisions.json' with { type: 'json' };
import { IMPORT_COLUMNS } from './excel';
import { usccCheckCharacter, USCC_ALPHABET } from '../../../domain/uscc';

/** A valid USCC for a region code and a serial number (deterministic; for tests and demo data). */
export function makeUscc(regionCode: string, serial: number): string {
  let n = serial;
  let org = '';
  for (let i = 0; i < 9; i++) {
    org = (USCC_ALPHABET[n % 31] ?? '0') + org;
    n = Math.floor(n / 31);
  }
  const first17 = `91${regionCode}${org}`;
  return first17 + usccCheckCharacter(first17);
}

/** An .xlsx with the given header row and rows, as a Buffer. */
export async function xlsxBuffer(headers: string[], rows: (string | number | null)[][]): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  const sheet = book.addWorksheet('企业名录');
  sheet.addRow(headers);
  for (const r of rows) sheet.addRow(r);
  return Buffer.from(await book.xlsx.writeBuffer());
}

/**
 * Writes a province-wide roster of `rows` valid, distinct enterprises spread over every county, in the import
 * template's columns, with the streaming writer (for the cluster test and the import benchmark). `serialStart`
 * keeps the USCCs of different generators apart; names are `<namePrefix><n>号制造有限公司`.
 */
export async function writeRosterWorkbook(file: string, rows: number, o: { year: number; namePrefix: string; serialStart: number; phonePrefix: string }): Promise<void> {
  const counties = divisions.cities.flatMap((c) => c.counties.map((k) => k.code));
  const trades = ['34', '35', '36', '38', '39', '26', '29', '17', '14', '33'];
  const stream = fs.createWriteStream(file);
  const book = new ExcelJS.stream.xlsx.WorkbookWriter({ stream, useSharedStrings: false, useStyles: false });
  const sheet = book.addWorksheet('企业名录');
  sheet.addRow(IMPORT_COLUMNS.map((c) => c.header)).commit();
  for (let i = 0; i < rows; i++) {
    const county = counties[i % counties.length] ?? '320583';
    const above = i % 10 === 0;
    const byField: Record<string, string | number> = {
      uscc: makeUscc(county, o.serialStart + i),
      name: `${o.namePrefix}${i + 1}号制造有限公司`,
      orgUnitCode: county,
      address: `江苏省某市某区工业大道${(i % 999) + 1}号`,
      legalRepresentative: '张三',
      contactPerson: '李四',
      contactPhone: `${o.phonePrefix}${String(i).padStart(8, '0')}`,
      industryCode: trades[i % trades.length] ?? '34',
      scale: above ? '中型' : '小型',
      ownership: '民营',
      aboveScale: above ? '是' : '否',
      aboveScaleYear: above ? o.year : '',
      status: '在营',
    };
    sheet.addRow(IMPORT_COLUMNS.map((c) => byField[c.input.field] ?? '')).commit();
  }
  sheet.commit();
  await book.commit();
  await new Promise<void>((resolve) => (stream.closed ? resolve() : stream.on('close', () => resolve())));
}

/** A multipart/form-data body with one file field. */
export function multipartBody(filename: string, content: Buffer, field = 'file'): { payload: Buffer; headers: Record<string, string> } {
  const boundary = `----cqo${Math.random().toString(16).slice(2)}`;
  const head = Buffer.from(
    `--${boundary}\r\nContent-Disposition: form-data; name="${field}"; filename="${filename}"\r\nContent-Type: application/vnd.openxmlformats-officedocument.spreadsheetml.sheet\r\n\r\n`,
  );
  const tail = Buffer.from(`\r\n--${boundary}--\r\n`);
  return { payload: Buffer.concat([head, content, tail]), headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}
