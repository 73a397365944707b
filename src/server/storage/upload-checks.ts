import fs from 'node:fs';
import { pipeline, Transform } from 'node:stream';
import { openSource, zipLimitsOf, type XlsxSource } from '../excel/xlsx-reader';
import { guardedZipEntries, toXlsxError, XLSX_MESSAGES, XlsxError } from '../excel/zip-guard';
import { AppError } from '../errors';

const ZIP_MAGIC = Buffer.from([0x50, 0x4b, 0x03, 0x04]);

/** The answer to a request whose .xlsx cannot be read: 413 for a limit, 400 otherwise, the message in Chinese. */
export function xlsxAppError(err: unknown): AppError {
  const e = toXlsxError(err);
  return e.status === 413
    ? new AppError(413, 'PAYLOAD_TOO_LARGE', e.message)
    : new AppError(400, 'VALIDATION', e.message, [{ path: 'file', message: e.message }]);
}

/** Passes the stream on, refusing it at once unless it starts with a zip's magic bytes. */
function zipMagicCheck(): Transform {
  let head = Buffer.alloc(0);
  let checked = false;
  return new Transform({
    transform(chunk: Buffer, _enc, callback) {
      if (!checked) {
        head = Buffer.concat([head, chunk]);
        if (head.length < ZIP_MAGIC.length) return callback();
        checked = true;
        if (!head.subarray(0, 4).equals(ZIP_MAGIC)) return callback(new XlsxError(400, XLSX_MESSAGES.notXlsx));
        return callback(null, head);
      }
      callback(null, chunk);
    },
    flush(callback) {
      callback(checked ? null : new XlsxError(400, XLSX_MESSAGES.notXlsx));
    },
  });
}

/**
 * An .xlsx is a zip: check the magic bytes, then inflate every entry as a stream (nothing kept) counting the
 * bytes that come out, and refuse the file at the limit (413) whatever sizes its headers declare, or when it
 * is corrupt, truncated, holds an absurd number of entries or no workbook (400). Cheap next to parsing:
 * the inflater alone runs at several hundred MB/s.
 */
export async function checkXlsxArchive(source: XlsxSource, maxInflatedBytes: number, maxEntries = 10_000): Promise<void> {
  const checked = zipMagicCheck();
  pipeline(openSource(source), checked, () => undefined);
  let workbook = false;
  try {
    for await (const entry of guardedZipEntries(checked, zipLimitsOf({ limits: { maxInflatedBytes, maxEntries } }))) {
      if (entry.path === 'xl/workbook.xml') workbook = true;
      await entry.drain();
    }
  } catch (err) {
    throw xlsxAppError(err);
  }
  if (!workbook) throw xlsxAppError(new XlsxError(400, XLSX_MESSAGES.notXlsx));
}

/** Evidence files: what the first bytes say the file is, whatever its name claims. */
export const EVIDENCE_TYPES = {
  pdf: { magic: [Buffer.from('%PDF-')], mime: 'application/pdf' },
  png: { magic: [Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])], mime: 'image/png' },
  jpg: { magic: [Buffer.from([0xff, 0xd8, 0xff])], mime: 'image/jpeg' },
} as const;
export type EvidenceType = keyof typeof EVIDENCE_TYPES;

export async function sniffEvidenceType(path: string): Promise<EvidenceType | null> {
  const head = Buffer.alloc(8);
  const fd = await fs.promises.open(path, 'r');
  try {
    await fd.read(head, 0, 8, 0);
  } finally {
    await fd.close();
  }
  for (const [type, { magic }] of Object.entries(EVIDENCE_TYPES) as [EvidenceType, (typeof EVIDENCE_TYPES)[EvidenceType]][]) {
    if (magic.some((m) => head.subarray(0, m.length).equals(m))) return type;
  }
  return null;
}

/** An MP4 (ISO base media) file: an `ftyp` box first, whatever its name says. */
export async function isMp4File(path: string): Promise<boolean> {
  const head = Buffer.alloc(12);
  const fd = await fs.promises.open(path, 'r');
  try {
    await fd.read(head, 0, 12, 0);
  } finally {
    await fd.close();
  }
  return head.subarray(4, 8).toString('latin1') === 'ftyp';
}

/** The content types an evidence file is sent with (a download's answer in the OpenAPI document). */
export const EVIDENCE_MIME_TYPES = [EVIDENCE_TYPES.pdf.mime, EVIDENCE_TYPES.png.mime, EVIDENCE_TYPES.jpg.mime] as const;
