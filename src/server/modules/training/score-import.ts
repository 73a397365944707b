import ExcelJS from 'exceljs';
import { SCORE_FILE_HEADERS } from '../../../domain/training';
import { AppError } from '../../errors';
import { readXlsxRecords, safeRow, type ReadXlsxOptions, type XlsxSource } from '../../excel/workbook';
import { xlsxAppError } from '../../storage/upload-checks';

/**
 * The Excel template and import of a class's assessment scores. One definition of the columns drives both:
 * 报名编号 (the enrolment's id) is the key that maps a row to exactly one enrolment; 姓名 is checked against it
 * so a shifted or re-sorted sheet is refused rather than scoring the wrong person. Key and reference columns
 * are locked (the sheet is protected); 考核成绩, 补考成绩 and 备注 stay editable. 备注 is for the trainer's own
 * notes and is not imported.
 */
export interface ScoreTemplateRow {
  id: number;
  name: string;
  enterpriseName: string | null;
  score: number | null;
  makeupScore: number | null;
}

export const SCORE_SHEET = '考核成绩';
export const SCORE_HEADERS = SCORE_FILE_HEADERS;
/** The most rows a score file may hold (a class has at most 2,000 places). */
export const SCORE_IMPORT_MAX_ROWS = 3000;

const COLUMNS: { key: keyof typeof SCORE_HEADERS; width: number; editable: boolean }[] = [
  { key: 'serial', width: 6, editable: false },
  { key: 'key', width: 12, editable: false },
  { key: 'name', width: 12, editable: false },
  { key: 'enterprise', width: 32, editable: false },
  { key: 'score', width: 12, editable: true },
  { key: 'makeupScore', width: 12, editable: true },
  { key: 'remark', width: 30, editable: true },
];

/** The template: every enrolled learner with the scores recorded so far, the key columns locked and greyed. */
export async function scoreTemplateWorkbook(className: string, passMark: number, rows: readonly ScoreTemplateRow[]): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  const sheet = book.addWorksheet(SCORE_SHEET, { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = COLUMNS.map((c) => ({ header: SCORE_HEADERS[c.key], key: c.key, width: c.width }));
  rows.forEach((r, i) =>
    sheet.addRow(safeRow({ serial: i + 1, key: r.id, name: r.name, enterprise: r.enterpriseName ?? '', score: r.score, makeupScore: r.makeupScore })),
  );
  const grey: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFE7E6E6' } };
  sheet.getRow(1).font = { bold: true };
  for (const [i, c] of COLUMNS.entries()) {
    const column = sheet.getColumn(i + 1);
    if (c.editable) {
      // leave room below the learners for nothing else: only the learners' rows are unlocked
      for (let r = 2; r <= rows.length + 1; r++) sheet.getCell(r, i + 1).protection = { locked: false };
    } else {
      column.eachCell((cell) => {
        cell.fill = grey;
      });
    }
  }
  sheet.getCell(1, 2).note = '报名编号用于对应学员，请勿修改、删除或调整行序；可删除不需要导入的行';
  sheet.getCell(1, 5).note = `填写 0–100 的数字（最多 1 位小数），不填表示无成绩；合格线 ${String(passMark)} 分`;
  sheet.getCell(1, 6).note = `仅首次考核低于合格线（${String(passMark)} 分）的学员填写`;
  await sheet.protect('', { selectLockedCells: true, selectUnlockedCells: true, formatColumns: true });

  const help = book.addWorksheet('填写说明');
  help.columns = [
    { header: '项目', key: 'item', width: 14 },
    { header: '说明', key: 'text', width: 90 },
  ];
  help.getRow(1).font = { bold: true };
  help.addRow({ item: '培训班', text: className });
  help.addRow({ item: '报名编号', text: '系统生成的报名编号，用于对应学员，请勿修改（灰色列已锁定）' });
  help.addRow({ item: '考核成绩', text: `0–100 的数字，最多 1 位小数；不填表示尚无成绩（导入后清空原成绩）；合格线 ${String(passMark)} 分` });
  help.addRow({ item: '补考成绩', text: '仅首次考核成绩低于合格线时填写；不填表示无补考成绩' });
  help.addRow({ item: '备注', text: '供填写人记录，不导入系统' });
  help.addRow({ item: '导入规则', text: '任何一行有误则整个文件不导入，并列出全部有误的行；修改后重新导入即可' });
  return Buffer.from(await book.xlsx.writeBuffer());
}

/** One data row of an uploaded score file, as text, with its row number in the sheet. */
export interface ScoreFileRow {
  rowNumber: number;
  key: string;
  name: string;
  score: string;
  makeupScore: string;
}

/**
 * Reads the first sheet of an uploaded score file; refuses a file without the key and score columns, and a
 * file that cannot be read (400/413 with the reason in Chinese).
 */
export async function readScoreFile(source: XlsxSource, options: ReadXlsxOptions): Promise<ScoreFileRow[]> {
  try {
    return await readScoreRows(source, options);
  } catch (err) {
    if (err instanceof AppError) throw err;
    throw xlsxAppError(err);
  }
}

async function readScoreRows(source: XlsxSource, options: ReadXlsxOptions): Promise<ScoreFileRow[]> {
  const rows: ScoreFileRow[] = [];
  let headers: string[] | null = null;
  for await (const [rowNumber, record] of readXlsxRecords(source, options)) {
    if (!headers) {
      headers = Object.keys(record);
      const missing = [SCORE_HEADERS.key, SCORE_HEADERS.score].filter((h) => !headers?.includes(h));
      if (missing.length)
        throw new AppError(400, 'VALIDATION', `文件缺少“${missing.join('”“')}”列，请使用本班的成绩模板`, [
          { path: 'file', message: `缺少列：${missing.join('、')}` },
        ]);
    }
    if (rows.length >= SCORE_IMPORT_MAX_ROWS)
      throw new AppError(400, 'VALIDATION', `文件超过 ${String(SCORE_IMPORT_MAX_ROWS)} 行，请使用本班的成绩模板`, [{ path: 'file', message: '行数过多' }]);
    rows.push({
      rowNumber,
      key: record[SCORE_HEADERS.key] ?? '',
      name: record[SCORE_HEADERS.name] ?? '',
      score: record[SCORE_HEADERS.score] ?? '',
      makeupScore: record[SCORE_HEADERS.makeupScore] ?? '',
    });
  }
  if (rows.length === 0) throw new AppError(400, 'VALIDATION', '文件中没有成绩数据，请使用本班的成绩模板填写', [{ path: 'file', message: '没有数据行' }]);
  return rows;
}

/** A score cell's text as a number (null when empty), or the reason it is not one. */
export function parseScoreCell(text: string): { ok: true; value: number | null } | { ok: false; reason: string } {
  const t = text.trim();
  if (t === '') return { ok: true, value: null };
  if (!/^-?\d+(\.\d+)?$/.test(t)) return { ok: false, reason: `“${t.slice(0, 20)}”不是数字，应填写 0–100 之间的数字` };
  const value = Number(t);
  if ((t.split('.')[1] ?? '').replace(/0+$/, '').length > 1) return { ok: false, reason: '成绩最多保留 1 位小数' };
  return { ok: true, value };
}
