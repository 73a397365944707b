import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { StringDecoder } from 'node:string_decoder';
import ExcelJS from 'exceljs';
import { unneutralise } from './formula-safety';
import { guardedZipEntries, toXlsxError, XLSX_MESSAGES, XlsxError, type ZipLimits } from './zip-guard';

/** What an uploaded .xlsx may hold. The inflated total is the deployment's `CQO_IMPORT_MAX_INFLATED_MB`. */
export interface XlsxLimits {
  maxInflatedBytes: number;
  maxEntries?: number;
  /** Shared strings: how many, and the size of xl/sharedStrings.xml inflated. */
  maxSharedStrings?: number;
  maxSharedStringsBytes?: number;
  /** Excel's own limit for one cell. */
  maxCellChars?: number;
}

export const XLSX_DEFAULT_LIMITS = {
  maxEntries: 10_000,
  maxSharedStrings: 2_000_000,
  maxSharedStringsBytes: 100 * 1048576,
  maxCellChars: 32_767,
  // a cell of 32,767 characters, each escaped (&amp; is 5 bytes for 1 character) or 3-byte UTF-8, fits
  maxXmlTextBytes: 256 * 1024,
} as const;

export interface ReadXlsxOptions {
  limits: XlsxLimits;
  signal?: AbortSignal;
}

/** A path (read from disk) or a stream (e.g. from the file store). */
export type XlsxSource = string | Readable;

export function zipLimitsOf(options: ReadXlsxOptions): ZipLimits {
  const l = { ...XLSX_DEFAULT_LIMITS, ...options.limits };
  return {
    maxInflatedBytes: l.maxInflatedBytes,
    maxEntries: l.maxEntries,
    maxXmlTextBytes: XLSX_DEFAULT_LIMITS.maxXmlTextBytes,
    entryLimit: (p) => (p === 'xl/sharedStrings.xml' ? { maxBytes: l.maxSharedStringsBytes, message: XLSX_MESSAGES.sharedStringsTooLarge } : undefined),
    ...(options.signal ? { signal: options.signal } : {}),
  };
}

export const openSource = (source: XlsxSource): Readable => (typeof source === 'string' ? fs.createReadStream(source) : source);

/**
 * exceljs 4.4's streaming reader (a) turns each zip chunk into a string on its own, so a multi-byte character
 * split across two chunks becomes "��" (exceljs issues #2063, #2084; fixes unmerged), (b) pipes the file into
 * unzipper without forwarding errors (a missing file crashes the process with an unhandled 'error') and
 * (c) waits forever on an entry whose deflate data is corrupt (the inflater's error goes to the zip stream,
 * not the entry). This reader replaces its `parse` with one over `guardedZipEntries` (every error reaches the
 * reader; inflated bytes, shared strings and text runs counted while streaming) and hands the XML parser text
 * decoded with a stateful UTF-8 decoder. It overrides internal methods of the pinned exceljs version; the
 * round-trip and bad-file tests (workbook.test.ts, xlsx-reader.test.ts) fail if an upgrade changes them.
 */
interface ReaderInternals {
  _parseWorksheet(iterator: AsyncIterable<unknown>, sheetNo: string): Generator<unknown>;
  _parseSharedStrings(entry: NodeJS.ReadableStream): AsyncGenerator<unknown>;
  _parseWorkbook(entry: NodeJS.ReadableStream): Promise<void>;
  _parseRels(entry: NodeJS.ReadableStream): Promise<void>;
}
interface GuardedState extends ReaderInternals {
  model?: unknown;
  sharedStrings?: unknown[];
  workbookRels?: unknown;
  source: Readable;
  readOptions: ReadXlsxOptions;
}
const baseReader = ExcelJS.stream.xlsx.WorkbookReader.prototype as unknown as ReaderInternals;

async function* decodeUtf8(chunks: AsyncIterable<unknown>): AsyncGenerator<string> {
  const decoder = new StringDecoder('utf8');
  for await (const chunk of chunks) yield typeof chunk === 'string' ? chunk : decoder.write(chunk as Buffer);
  const rest = decoder.end();
  if (rest) yield rest;
}

const SHEET = /^xl\/worksheets\/sheet(\d+)\.xml$/;

class GuardedWorkbookReader extends ExcelJS.stream.xlsx.WorkbookReader {
  constructor(
    readonly source: Readable,
    readonly readOptions: ReadXlsxOptions,
  ) {
    super(source, { worksheets: 'emit', sharedStrings: 'cache', hyperlinks: 'ignore', styles: 'ignore', entries: 'emit' });
  }
}
Object.assign(GuardedWorkbookReader.prototype, {
  *_parseWorksheet(this: GuardedState, iterator: AsyncIterable<unknown>, sheetNo: string) {
    // a zip may hold the sheet before xl/workbook.xml (writers do not fix the order); exceljs then reads
    // `this.model.sheets` of nothing and throws. The sheet's name is unknown then, which we do not need.
    this.model ??= {};
    yield* baseReader._parseWorksheet.call(this, decodeUtf8(iterator), sheetNo);
  },
  async *_parseSharedStrings(this: GuardedState, entry: NodeJS.ReadableStream) {
    entry.setEncoding('utf8');
    yield* baseReader._parseSharedStrings.call(this, entry);
  },
  _parseWorkbook(this: GuardedState, entry: NodeJS.ReadableStream) {
    entry.setEncoding('utf8');
    return baseReader._parseWorkbook.call(this, entry);
  },
  async *parse(this: GuardedState) {
    const limits = { ...XLSX_DEFAULT_LIMITS, ...this.readOptions.limits };
    const capStrings = () => {
      if ((this.sharedStrings?.length ?? 0) > limits.maxSharedStrings) throw new XlsxError(413, XLSX_MESSAGES.sharedStringsTooLarge);
    };
    const entries = guardedZipEntries(this.source, zipLimitsOf(this.readOptions), (p) => (p === 'xl/sharedStrings.xml' ? capStrings : undefined));
    // worksheets met before the shared strings wait in temporary files (bounded by the inflated limit)
    let tmpDir: string | undefined;
    const waiting: { sheetNo: string; file: string }[] = [];
    try {
      for await (const entry of entries) {
        const sheetNo = SHEET.exec(entry.path)?.[1];
        if (entry.path === 'xl/_rels/workbook.xml.rels') await this._parseRels(entry.stream);
        else if (entry.path === 'xl/workbook.xml') await this._parseWorkbook(entry.stream);
        else if (entry.path === 'xl/sharedStrings.xml') yield* this._parseSharedStrings(entry.stream);
        else if (sheetNo !== undefined) {
          if (this.sharedStrings && this.workbookRels) {
            yield* this._parseWorksheet(entry.stream, sheetNo);
          } else {
            tmpDir ??= await fs.promises.mkdtemp(path.join(os.tmpdir(), 'cqo-xlsx-'));
            const file = path.join(tmpDir, `sheet${sheetNo}.xml`);
            await pipeline(entry.stream, fs.createWriteStream(file, { mode: 0o600 }));
            waiting.push({ sheetNo, file });
          }
        }
        await entry.drain();
      }
      for (const { sheetNo, file } of waiting) {
        const stream = fs.createReadStream(file);
        const { signal } = this.readOptions;
        if (signal) Readable.addAbortSignal(signal, stream);
        yield* this._parseWorksheet(stream, sheetNo);
      }
    } finally {
      await entries.return(undefined);
      if (tmpDir) await fs.promises.rm(tmpDir, { recursive: true, force: true });
    }
  },
});

/**
 * Reads the first worksheet as records keyed by the header row, streaming (memory does not grow with the
 * file). Yields [rowNumber, record] for every non-empty row after the header. Any reading failure is thrown
 * as an `XlsxError` with a Chinese message (or, when `signal` aborted the read, as the abort's reason).
 */
export async function* readXlsxRecords(source: XlsxSource, options: ReadXlsxOptions): AsyncGenerator<[number, Record<string, string>]> {
  const maxCellChars = options.limits.maxCellChars ?? XLSX_DEFAULT_LIMITS.maxCellChars;
  const reader = new GuardedWorkbookReader(openSource(source), options);
  const iterator = readRows(reader, maxCellChars);
  try {
    for (;;) {
      let next: IteratorResult<[number, Record<string, string>]>;
      try {
        next = await iterator.next();
      } catch (err) {
        if (options.signal?.aborted) throw options.signal.reason;
        throw toXlsxError(err);
      }
      if (next.done) return;
      yield next.value;
    }
  } finally {
    await iterator.return(undefined).catch(() => undefined);
    reader.source.destroy();
  }
}

async function* readRows(reader: GuardedWorkbookReader, maxCellChars: number): AsyncGenerator<[number, Record<string, string>]> {
  for await (const sheet of reader) {
    let headers: string[] | null = null;
    for await (const row of sheet) {
      const values = (row.values as unknown[]).slice(1).map((v) => unneutralise(cellText(v)));
      if (values.some((v) => v.length > maxCellChars)) throw new XlsxError(400, `第 ${row.number} 行有单元格超过 ${maxCellChars} 个字符，已拒绝`);
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

/** The text a user sees in a cell, whatever exceljs made of it (numbers, rich text, formulas, links, dates). */
export function cellText(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value.trim();
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if (typeof value === 'object') {
    const v = value as { richText?: { text: string }[]; text?: unknown; result?: unknown; error?: string };
    if (v.richText)
      return v.richText
        .map((r) => r.text)
        .join('')
        .trim();
    if (v.text !== undefined) return cellText(v.text);
    if (v.result !== undefined) return cellText(v.result);
    if (v.error) return '';
  }
  return '';
}
