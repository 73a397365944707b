import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { readScoreFile } from '../modules/training/score-import';
import { checkXlsxArchive } from '../storage/upload-checks';
import { deflateRepeated, makeZip, SHEET_HEAD, SHEET_TAIL, xlsxParts } from '../testing/zip-fixtures';
import { brokenSheetXmlXlsx, corruptDeflateXlsx, falsifiedBombXlsx, goodXlsx, hugeSharedStringXlsx, NOT_XLSX, truncatedXlsx } from '../testing/bad-xlsx';
import { readXlsxRecords } from './xlsx-reader';
import { peakRssGrowthMb } from '../testing/memory';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cqo-bad-xlsx-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

const LIMITS = { maxInflatedBytes: 300 * 1048576 };
const write = (name: string, data: Buffer) => {
  const file = path.join(dir, name);
  fs.writeFileSync(file, data);
  return file;
};
const BAD: [string, () => string, RegExp][] = [
  ['a missing file', () => path.join(dir, 'gone.xlsx'), /不存在/],
  ['a truncated zip', () => write('truncated.xlsx', truncatedXlsx()), /已损坏/],
  ['corrupt deflate data', () => write('corrupt.xlsx', corruptDeflateXlsx()), /已损坏/],
  ['broken sheet XML', () => write('broken.xlsx', brokenSheetXmlXlsx()), /已损坏.*无法解析|已损坏/],
  ['a file that is not a zip', () => write('csv.xlsx', NOT_XLSX), /不是有效的 Excel|已损坏/],
];

/** The failure of `work`, and how long it took. */
async function failure(work: () => Promise<unknown>): Promise<{ message: string; status: number | undefined; ms: number }> {
  const t0 = performance.now();
  try {
    await work();
  } catch (err) {
    const e = err as { message: string; status?: number; statusCode?: number };
    return { message: e.message, status: e.status ?? e.statusCode, ms: performance.now() - t0 };
  }
  throw new Error('expected a failure');
}

const drain = async (file: string) => {
  for await (const row of readXlsxRecords(fs.createReadStream(file), { limits: LIMITS })) void row;
};

/** A Chinese message and no parser or system text (English words, "1:123:", ENOENT). */
function expectChinese(message: string) {
  expect(message).toMatch(/[\u4e00-\u9fa5]{4}/);
  expect(message.replace(/Excel|xlsx/g, '')).not.toMatch(/[A-Za-z]{3,}|\d+:\d+:/);
}

describe('every Excel reader ends at once on a bad file, with a Chinese message', () => {
  it.each(BAD)('%s', async (name, make, expected) => {
    const file = make();
    // the streaming reader (enterprise import job), fed a stream as the file store gives it
    const reader = await failure(() => drain(file));
    // the score import
    const scores = await failure(() => readScoreFile(file, { limits: LIMITS }));
    // the upload check of both import routes inflates but does not parse: it passes a zip whose XML is broken
    const zipLevel = !/XML/.test(name);
    const check = zipLevel ? await failure(() => checkXlsxArchive(file, LIMITS.maxInflatedBytes)) : undefined;
    if (!zipLevel) await checkXlsxArchive(file, LIMITS.maxInflatedBytes);
    for (const r of [reader, scores, ...(check ? [check] : [])]) {
      expect(r.ms).toBeLessThan(5000);
      expectChinese(r.message);
      expect(r.status).toBe(400);
    }
    expect(reader.message).toMatch(expected);
  });

  it('still reads a good file', async () => {
    const rows = [];
    for await (const row of readXlsxRecords(write('good.xlsx', goodXlsx()), { limits: LIMITS })) rows.push(row);
    expect(rows).toEqual([[2, { 企业名称: '南京测试有限公司', 统一社会信用代码: '91320100MA1XXXXX0X' }]]);
    await checkXlsxArchive(path.join(dir, 'good.xlsx'), LIMITS.maxInflatedBytes);
  });

  it('stops reading when the signal aborts', async () => {
    const controller = new AbortController();
    const file = write('bomb-abort.xlsx', falsifiedBombXlsx(400));
    setTimeout(() => controller.abort(new Error('stop')), 200);
    const r = await failure(async () => {
      for await (const row of readXlsxRecords(file, { limits: LIMITS, signal: controller.signal })) void row;
    });
    expect(r.message).toBe('stop');
    expect(r.ms).toBeLessThan(3000);
  });
});

describe('limits that the file cannot lie about', () => {
  it('refuses a zip bomb whose headers declare 4 KB, counting what it inflates to', { timeout: 120_000 }, async () => {
    const bomb = falsifiedBombXlsx(400);
    const file = write('bomb.xlsx', bomb);
    let check: Awaited<ReturnType<typeof failure>> | undefined;
    let read: Awaited<ReturnType<typeof failure>> | undefined;
    const growth = await peakRssGrowthMb(async () => {
      check = await failure(() => checkXlsxArchive(file, LIMITS.maxInflatedBytes));
      read = await failure(() => drain(file));
    });
    console.log(
      `zip bomb: ${bomb.length} bytes declaring 4 KB, inflating to 400 MB: check ${Math.round(check?.ms ?? 0)} ms, reader ${Math.round(read?.ms ?? 0)} ms, RSS growth ${growth} MB`,
    );
    for (const r of [check, read]) {
      expect(r?.status).toBe(413);
      expect(r?.message).toContain('解压后超过 300 MB');
    }
    expect(growth).toBeLessThan(300);
  });

  it('refuses one huge shared string before it is held in memory', { timeout: 60_000 }, async () => {
    const huge = hugeSharedStringXlsx(200);
    const file = write('huge.xlsx', huge);
    let check: Awaited<ReturnType<typeof failure>> | undefined;
    let read: Awaited<ReturnType<typeof failure>> | undefined;
    const growth = await peakRssGrowthMb(async () => {
      check = await failure(() => checkXlsxArchive(file, LIMITS.maxInflatedBytes));
      read = await failure(() => drain(file));
    });
    console.log(`one shared string of 200 MB in a ${huge.length}-byte file: RSS growth ${growth} MB`);
    for (const r of [check, read]) {
      expect(r?.status).toBe(413);
      expect(r?.message).toContain('单元格内容过长');
    }
    expect(growth).toBeLessThan(300);
  });

  it('caps the number and total size of shared strings', async () => {
    const many = write('many.xlsx', hugeManyStrings(2));
    const bySize = await failure(async () => {
      for await (const row of readXlsxRecords(many, { limits: { ...LIMITS, maxSharedStringsBytes: 1048576 } })) void row;
    });
    const byCount = await failure(async () => {
      for await (const row of readXlsxRecords(many, { limits: { ...LIMITS, maxSharedStrings: 1000 } })) void row;
    });
    for (const r of [bySize, byCount]) {
      expect(r.status).toBe(413);
      expect(r.message).toContain('共享字符串');
    }
  });
});

/** Shared strings of `mb` MB in total (short strings, each under the cell limit). */
function hugeManyStrings(mb: number): Buffer {
  const head = '<?xml version="1.0" encoding="UTF-8"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">';
  const sst = deflateRepeated(head, '<si><t>江苏省企业首席质量官</t></si>', Math.ceil((mb * 1048576) / 45), '</sst>');
  return makeZip(xlsxParts({ data: `${SHEET_HEAD}<row r="1"><c r="A1" t="s"><v>0</v></c></row>${SHEET_TAIL}` }, { deflated: sst, declaredSize: 100 }));
}
