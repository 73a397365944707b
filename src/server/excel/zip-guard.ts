import { Transform, type Readable, type TransformCallback } from 'node:stream';
import { finished } from 'node:stream/promises';
import unzipper, { type ParseEntry } from 'unzipper';

/**
 * Reading an uploaded zip (an .xlsx) as a stream, with limits that the archive cannot lie about: the bytes
 * that come out of the inflater are counted as they come and the read stops at the limit, whatever sizes the
 * zip's headers declare. Every failure — the source stream (missing file), the zip structure (truncated,
 * bad signature), the inflater (corrupt deflate data), a limit, an abort — reaches the reader of the current
 * entry as an error, so nothing waits forever and no 'error' event goes unhandled.
 */

/** A file that cannot be read as an .xlsx; the message is for the user, `status` the HTTP answer. */
export class XlsxError extends Error {
  constructor(
    readonly status: 400 | 413,
    message: string,
  ) {
    super(message);
  }
}

export const XLSX_MESSAGES = {
  corrupt: '文件已损坏或不是有效的 Excel（.xlsx）文件，请检查后重新上传',
  badSheet: '文件已损坏或不是有效的 Excel（.xlsx）文件：工作表内容无法解析，请用 Excel 另存后重新上传',
  missing: '导入文件已不存在（可能已被清理），请重新上传',
  notXlsx: '文件不是有效的 Excel（.xlsx）文件，请上传 .xlsx 格式的文件',
  tooManyEntries: '文件结构异常（条目过多），已拒绝',
  cellTooLong: '文件中有单元格内容过长（超过 32767 个字符），已拒绝',
  inflatedTooLarge: (mb: number) => `文件解压后超过 ${mb} MB，已拒绝；请拆分后分批导入`,
  sharedStringsTooLarge: '文件中的文字内容（共享字符串）过多或过大，已拒绝；请拆分后分批导入',
} as const;

export interface ZipLimits {
  /** All entries together, inflated. */
  maxInflatedBytes: number;
  maxEntries: number;
  /** The longest stretch of an XML entry without a '<' (one text node): bounds what an XML parser buffers. */
  maxXmlTextBytes: number;
  /** Extra per-entry limit (e.g. the shared strings), checked as bytes come. */
  entryLimit?: (path: string) => { maxBytes: number; message: string } | undefined;
  signal?: AbortSignal;
}

/** One entry: read `stream` (or call `drain`) to the end before asking for the next entry. */
export interface GuardedEntry {
  path: string;
  stream: Transform;
  /** Reads (and counts) what is left of the entry. */
  drain(): Promise<void>;
}

/** Maps whatever went wrong while reading to what the user is told. */
export function toXlsxError(err: unknown): XlsxError {
  if (err instanceof XlsxError) return err;
  const e = err as { code?: string; message?: string };
  if (e.code === 'ENOENT') return new XlsxError(400, XLSX_MESSAGES.missing);
  // saxes reports "line:column: message"
  if (typeof e.message === 'string' && /^\d+:\d+: /.test(e.message)) return new XlsxError(400, XLSX_MESSAGES.badSheet);
  return new XlsxError(400, XLSX_MESSAGES.corrupt);
}

const LT = 0x3c;

class EntryGuard extends Transform {
  private bytes = 0;
  private textRun = 0;

  constructor(
    private readonly path: string,
    private readonly total: { bytes: number },
    private readonly limits: ZipLimits,
    private readonly extraCheck?: () => void,
  ) {
    super();
  }

  override _transform(chunk: Buffer, _enc: BufferEncoding, callback: TransformCallback): void {
    try {
      this.bytes += chunk.length;
      this.total.bytes += chunk.length;
      if (this.total.bytes > this.limits.maxInflatedBytes) {
        throw new XlsxError(413, XLSX_MESSAGES.inflatedTooLarge(Math.round(this.limits.maxInflatedBytes / 1048576)));
      }
      const own = this.limits.entryLimit?.(this.path);
      if (own && this.bytes > own.maxBytes) throw new XlsxError(413, own.message);
      if (this.path.endsWith('.xml') || this.path.endsWith('.rels')) this.scanText(chunk);
      this.extraCheck?.();
      callback(null, chunk);
    } catch (err) {
      callback(err as Error);
    }
  }

  /** Tracks the run of bytes since the last '<'; only runs that span chunks can pass the limit, unless a chunk is larger. */
  private scanText(chunk: Buffer): void {
    const max = this.limits.maxXmlTextBytes;
    const first = chunk.indexOf(LT);
    if (first === -1) {
      this.textRun += chunk.length;
    } else {
      if (this.textRun + first > max) throw new XlsxError(413, XLSX_MESSAGES.cellTooLong);
      const last = chunk.lastIndexOf(LT);
      if (chunk.length > max) {
        for (let from = first + 1, at = chunk.indexOf(LT, from); at !== -1 && at <= last; from = at + 1, at = chunk.indexOf(LT, from)) {
          if (at - from > max) throw new XlsxError(413, XLSX_MESSAGES.cellTooLong);
        }
      }
      this.textRun = chunk.length - last - 1;
    }
    if (this.textRun > max) throw new XlsxError(413, XLSX_MESSAGES.cellTooLong);
  }
}

/**
 * The entries of the zip on `source`, in stored order, each behind a guard that counts its inflated bytes.
 * `check` runs before each chunk of the entry named is passed on (e.g. to cap the number of shared strings).
 * Closing the iteration early (break/return) closes the source.
 */
export async function* guardedZipEntries(
  source: Readable,
  limits: ZipLimits,
  check?: (path: string) => (() => void) | undefined,
): AsyncGenerator<GuardedEntry> {
  const zip = unzipper.Parse({ forceStream: true });
  const total = { bytes: 0 };
  let failure: Error | undefined;
  let current: EntryGuard | undefined;
  let entries = 0;
  const fail = (err: unknown) => {
    if (failure) return;
    failure = err instanceof Error ? err : new Error(String(err));
    current?.destroy(failure);
    source.unpipe(zip);
    source.destroy();
    zip.destroy();
  };
  const onAbort = () => fail(limits.signal?.reason ?? new Error('aborted'));
  source.on('error', fail);
  zip.on('error', fail);
  if (limits.signal?.aborted) onAbort();
  limits.signal?.addEventListener('abort', onAbort, { once: true });
  source.pipe(zip);
  try {
    for await (const item of zip) {
      if (failure) break;
      const entry = item as ParseEntry;
      entries += 1;
      if (entries > limits.maxEntries) throw new XlsxError(413, XLSX_MESSAGES.tooManyEntries);
      const guard = new EntryGuard(entry.path, total, limits, check?.(entry.path));
      current = guard;
      guard.on('error', fail);
      entry.pipe(guard);
      const drain = async () => {
        if (guard.readableEnded || guard.destroyed) return;
        guard.resume();
        await finished(guard);
      };
      yield { path: entry.path, stream: guard, drain };
      await drain();
      if (failure) throw failure;
      current = undefined;
    }
    if (failure) throw failure;
  } catch (err) {
    throw failure ?? err;
  } finally {
    limits.signal?.removeEventListener('abort', onAbort);
    if (!source.destroyed) source.destroy();
    if (!zip.destroyed) zip.destroy();
    current?.destroy();
  }
}
