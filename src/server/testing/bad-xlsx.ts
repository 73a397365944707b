import crypto from 'node:crypto';
import zlib from 'node:zlib';
import { deflateRepeated, makeZip, SHEET_HEAD, SHEET_TAIL, xlsxParts } from './zip-fixtures';

/**
 * Bad .xlsx files as they reach the importers: each with the message the user must see. Built from a real
 * minimal workbook (header row 企业名称/统一社会信用代码 and one data row) so that only the named defect differs.
 */
const cell = (ref: string, text: string) => `<c r="${ref}" t="inlineStr"><is><t>${text}</t></is></c>`;
export const GOOD_SHEET = `${SHEET_HEAD}<row r="1">${cell('A1', '企业名称')}${cell('B1', '统一社会信用代码')}</row><row r="2">${cell('A2', '南京测试有限公司')}${cell('B2', '91320100MA1XXXXX0X')}</row>${SHEET_TAIL}`;

export const goodXlsx = (): Buffer => makeZip(xlsxParts({ data: GOOD_SHEET }));

export function truncatedXlsx(): Buffer {
  const whole = goodXlsx();
  return whole.subarray(0, Math.floor(whole.length * 0.6));
}

/** The sheet's deflate data replaced by random bytes of the same length (sizes and CRC as declared). */
export function corruptDeflateXlsx(): Buffer {
  const good = zlib.deflateRawSync(Buffer.from(GOOD_SHEET));
  // the random bytes are made from a fixed seed so the file is the same every run
  const garbage = crypto.createHash('sha512').update('corrupt').digest();
  const body = Buffer.alloc(good.length);
  for (let i = 0; i < body.length; i++) body[i] = (garbage[i % garbage.length] ?? 0) ^ (i & 0xff);
  body[0] = 0xff; // BTYPE 11: an invalid block type, whatever follows
  return makeZip(xlsxParts({ data: GOOD_SHEET, deflated: body }));
}

export const brokenSheetXmlXlsx = (): Buffer =>
  makeZip(
    xlsxParts({
      data: `${SHEET_HEAD}<row r="1">${cell('A1', '企业名称')}</row><row r="2"><c r="A2" t="inlineStr"><is><t>坏</is></c></row>\u0001<<${SHEET_TAIL}`,
    }),
  );

/** A zip bomb that lies: the sheet declares 4 KB but inflates to `mb` MB of rows. */
export function falsifiedBombXlsx(mb: number): Buffer {
  const unit = `<row r="3">${cell('A3', 'x')}</row>`;
  const times = Math.ceil((mb * 1048576) / unit.length);
  return makeZip(
    xlsxParts({ deflated: deflateRepeated(`${SHEET_HEAD}<row r="1">${cell('A1', '企业名称')}</row>`, unit, times, SHEET_TAIL), declaredSize: 4096, crc: 0 }),
  );
}

/** One shared string of `mb` MB (the sheet refers to it), sizes declared honestly small. */
export function hugeSharedStringXlsx(mb: number): Buffer {
  const head =
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="1" uniqueCount="1"><si><t>';
  const sst = deflateRepeated(head, 'A', mb * 1048576, '</t></si></sst>');
  const sheet = `${SHEET_HEAD}<row r="1"><c r="A1" t="s"><v>0</v></c></row>${SHEET_TAIL}`;
  return makeZip(xlsxParts({ data: sheet }, { deflated: sst, declaredSize: 1024, crc: 0 }));
}

export const NOT_XLSX = Buffer.from('企业名称,统一社会信用代码\n南京测试有限公司,91320100MA1XXXXX0X\n');
