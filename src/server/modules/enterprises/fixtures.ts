import ExcelJS from 'exceljs';
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

/** A multipart/form-data body with one file field. */
export function multipartBody(filename: string, content: Buffer, field = 'file'): { payload: Buffer; headers: Record<string, string> } {
  const boundary = `----cqo${Math.random().toString(16).slice(2)}`;
  const head = Buffer.from(
    `--${boundary}\r\nContent-Disposition: form-data; name="${field}"; filename="${filename}"\r\nContent-Type: application/vnd.openxmlformats-officedocument.spreadsheetml.sheet\r\n\r\n`,
  );
  const tail = Buffer.from(`\r\n--${boundary}--\r\n`);
  return { payload: Buffer.concat([head, content, tail]), headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}
