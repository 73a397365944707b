import fs from 'node:fs';
import { StringDecoder } from 'node:string_decoder';
import { PassThrough, type Writable } from 'node:stream';
import ExcelJS from 'exceljs';
import type { FastifyReply } from 'fastify';

/** One column of a list: drives the Excel template, import and export of that list. */
export interface ColumnDef<T> {
  header: string;
  key: string;
  width?: number;
  value: (row: T) => string | number | Date | null;
}

/**
 * Text that a spreadsheet would run as a formula (starts with = + - @, or a tab or carriage return that some
 * programs skip before one) gets a leading apostrophe, so it shows as text (CSV/formula injection, OWASP).
 * The one place every writer of user data passes its cells through.
 */
const FORMULA_START = /^[=+\-@\t\r]/;
export function safeCellValue<V>(value: V): V | string {
  return typeof value === 'string' && FORMULA_START.test(value) ? `'${value}` : value;
}

/** `safeCellValue` over every value of a row object (for writers that add rows by key). */
export function safeRow<R extends Record<string, unknown>>(row: R): R {
  return Object.fromEntries(Object.entries(row).map(([k, v]) => [k, safeCellValue(v)])) as R;
}

/** Undoes `safeCellValue` on import, so an exported file re-imports to the same text. */
const NEUTRALISED = /^'[=+\-@\t\r]/;
export const unneutralise = (text: string): string => (NEUTRALISED.test(text) ? text.slice(1) : text);

export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export const attachmentHeader = (filename: string): string => `attachment; filename*=UTF-8''${encodeURIComponent(filename)}`;

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
export function sendXlsx<T>(reply: FastifyReply, filename: string, sheetName: string, columns: readonly ColumnDef<T>[], rows: AsyncIterable<T[]> | Iterable<T[]>): FastifyReply {
  const stream = new PassThrough();
  void reply.header('content-type', XLSX_TYPE).header('content-disposition', attachmentHeader(filename)).header('cache-control', 'no-store');
  writeXlsx(stream, sheetName, columns, rows).catch((err: unknown) => stream.destroy(err instanceof Error ? err : new Error(String(err))));
  return reply.send(stream);
}

/** Writes an .xlsx file at `path`. */
export async function writeXlsxFile<T>(path: string, sheetName: string, columns: readonly ColumnDef<T>[], rows: AsyncIterable<T[]> | Iterable<T[]>, onChunk?: (n: number) => Promise<void>): Promise<number> {
  const out = fs.createWriteStream(path, { mode: 0o600 });
  const finished = new Promise<void>((resolve, reject) => {
    out.on('finish', resolve);
    out.on('error', reject);
  });
  const n = await writeXlsx(out, sheetName, columns, rows, onChunk);
  await finished;
  return n;
}

/** The text a user sees in a cell, whatever exceljs made of it (numbers, rich text, formulas, links, dates). */
export function cellText(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value.trim();
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if (typeof value === 'object') {
    const v = value as { richText?: { text: string }[]; text?: unknown; result?: unknown; error?: string };
    if (v.richText) return v.richText.map((r) => r.text).join('').trim();
    if (v.text !== undefined) return cellText(v.text);
    if (v.result !== undefined) return cellText(v.result);
    if (v.error) return '';
  }
  return '';
}

/**
 * exceljs 4.4's streaming reader turns each zip chunk into a string on its own, so a multi-byte character
 * split across two chunks becomes "��" (exceljs issues #2063, #2084; fixes unmerged): about one Chinese
 * row in 4,000 is silently corrupted. This reader hands its XML parser text decoded with a stateful UTF-8
 * decoder instead, and survives a worksheet stored before xl/workbook.xml in the zip. It overrides three internal methods of the pinned exceljs version; the Chinese
 * round-trip test in workbook.test.ts fails if an upgrade changes them.
 */
interface ReaderInternals {
  _parseWorksheet(iterator: AsyncIterable<unknown>, sheetNo: number): Generator<unknown>;
  _parseSharedStrings(entry: NodeJS.ReadableStream): AsyncGenerator<unknown>;
  _parseWorkbook(entry: NodeJS.ReadableStream): Promise<void>;
}
const baseReader = ExcelJS.stream.xlsx.WorkbookReader.prototype as unknown as ReaderInternals;

async function* decodeUtf8(chunks: AsyncIterable<unknown>): AsyncGenerator<string> {
  const decoder = new StringDecoder('utf8');
  for await (const chunk of chunks) yield typeof chunk === 'string' ? chunk : decoder.write(chunk as Buffer);
  const rest = decoder.end();
  if (rest) yield rest;
}

class Utf8SafeWorkbookReader extends ExcelJS.stream.xlsx.WorkbookReader {}
Object.assign(Utf8SafeWorkbookReader.prototype, {
  *_parseWorksheet(this: ReaderInternals & { model?: unknown }, iterator: AsyncIterable<unknown>, sheetNo: number) {
    // a zip may hold the sheet before xl/workbook.xml (writers do not fix the order); exceljs then reads
    // `this.model.sheets` of nothing and throws. The sheet's name is unknown then, which we do not need.
    this.model ??= {};
    yield* baseReader._parseWorksheet.call(this, decodeUtf8(iterator), sheetNo);
  },
  async *_parseSharedStrings(this: ReaderInternals, entry: NodeJS.ReadableStream) {
    entry.setEncoding('utf8');
    yield* baseReader._parseSharedStrings.call(this, entry);
  },
  _parseWorkbook(this: ReaderInternals, entry: NodeJS.ReadableStream) {
    entry.setEncoding('utf8');
    return baseReader._parseWorkbook.call(this, entry);
  },
} satisfies ReaderInternals);

/**
 * Reads the first worksheet as records keyed by the header row, streaming (memory does not grow with the
 * file). Yields [rowNumber, record] for every non-empty row after the header.
 */
export async function* readXlsxRecords(path: string): AsyncGenerator<[number, Record<string, string>]> {
  const reader = new Utf8SafeWorkbookReader(path, { worksheets: 'emit', sharedStrings: 'cache', hyperlinks: 'ignore', styles: 'ignore', entries: 'emit' });
  for await (const sheet of reader) {
    let headers: string[] | null = null;
    for await (const row of sheet) {
      const values = (row.values as unknown[]).slice(1).map((v) => unneutralise(cellText(v)));
      if (!headers) {
        headers = values.map((h) => h.replace(/[*＊\s]/g, ''));
        continue;
      }
      if (values.every((v) => v === '')) continue;
      const record: Record<string, string> = {};
      headers.forEach((h, i) => {
        if (h) record[h] = values[i] ?? '';
      });
      yield [row.number, record];
    }
    return; // first worksheet only
  }
}
