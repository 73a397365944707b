import fs from 'node:fs';
import { PassThrough, type Writable } from 'node:stream';
import ExcelJS from 'exceljs';
import type { FastifyReply } from 'fastify';
import { sendXlsxFile } from '../http-send';

/** One column of a list: drives the Excel template, import and export of that list. */
export interface ColumnDef<T> {
  header: string;
  key: string;
  width?: number;
  value: (row: T) => string | number | Date | null;
}

export { safeCellValue, safeRow, unneutralise } from './formula-safety';
import { safeCellValue } from './formula-safety';

export { XLSX_TYPE } from '../http-send';

/**
 * Streams rows into an .xlsx on `stream` without holding the workbook in memory: exceljs's streaming writer
 * commits each row as it is written. Resolves when the file is complete.
 */
export async function writeXlsx<T>(
  stream: Writable,
  sheetName: string,
  columns: readonly ColumnDef<T>[],
  rows: AsyncIterable<T[]> | Iterable<T[]>,
  onChunk?: (rowsWritten: number) => Promise<void>,
): Promise<number> {
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream, useStyles: true, useSharedStrings: false });
  const sheet = workbook.addWorksheet(sheetName, { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = columns.map((c) => ({ header: c.header, key: c.key, width: c.width ?? 16 }));
  sheet.getRow(1).font = { bold: true };
  sheet.getRow(1).commit();
  let written = 0;
  for await (const chunk of rows) {
    for (const row of chunk) {
      const values: Record<string, unknown> = {};
      for (const c of columns) values[c.key] = safeCellValue(c.value(row));
      sheet.addRow(values).commit();
    }
    written += chunk.length;
    if (onChunk) await onChunk(written);
  }
  sheet.commit();
  await workbook.commit();
  return written;
}

/** Streams an .xlsx download. */
export function sendXlsx<T>(
  reply: FastifyReply,
  filename: string,
  sheetName: string,
  columns: readonly ColumnDef<T>[],
  rows: AsyncIterable<T[]> | Iterable<T[]>,
): FastifyReply {
  const stream = new PassThrough();
  writeXlsx(stream, sheetName, columns, rows).catch((err: unknown) => stream.destroy(err instanceof Error ? err : new Error(String(err))));
  return sendXlsxFile(reply, filename, stream);
}

/** Writes an .xlsx file at `path`. */
export async function writeXlsxFile<T>(
  path: string,
  sheetName: string,
  columns: readonly ColumnDef<T>[],
  rows: AsyncIterable<T[]> | Iterable<T[]>,
  onChunk?: (n: number) => Promise<void>,
): Promise<number> {
  const out = fs.createWriteStream(path, { mode: 0o600 });
  const finished = new Promise<void>((resolve, reject) => {
    out.on('finish', resolve);
    out.on('error', reject);
  });
  const n = await writeXlsx(out, sheetName, columns, rows, onChunk);
  await finished;
  return n;
}

export { cellText, readXlsxRecords, XLSX_DEFAULT_LIMITS, type ReadXlsxOptions, type XlsxLimits, type XlsxSource } from './xlsx-reader';
export { XlsxError, XLSX_MESSAGES } from './zip-guard';
