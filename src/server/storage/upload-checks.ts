import fs from 'node:fs';
import unzipper from 'unzipper';
import { AppError } from '../errors';

const ZIP_MAGIC = Buffer.from([0x50, 0x4b, 0x03, 0x04]);

/**
 * An .xlsx is a zip: check the magic bytes, then read the central directory (without inflating anything)
 * and refuse archives that would inflate past the limit or hold an absurd number of entries.
 */
export async function checkXlsxArchive(path: string, maxInflatedBytes: number, maxEntries = 10_000): Promise<void> {
  const head = Buffer.alloc(4);
  const fd = await fs.promises.open(path, 'r');
  try {
    await fd.read(head, 0, 4, 0);
  } finally {
    await fd.close();
  }
  if (!head.equals(ZIP_MAGIC)) throw new AppError(400, 'VALIDATION', '文件不是有效的 Excel（.xlsx）文件', [{ path: 'file', message: '请上传 .xlsx 格式的文件' }]);
  let directory;
  try {
    directory = await unzipper.Open.file(path);
  } catch {
    throw new AppError(400, 'VALIDATION', '文件已损坏，无法读取', [{ path: 'file', message: '文件已损坏' }]);
  }
  if (directory.files.length > maxEntries) throw new AppError(413, 'PAYLOAD_TOO_LARGE', '文件结构异常（条目过多），已拒绝');
  const inflated = directory.files.reduce((n, f) => n + f.uncompressedSize, 0);
  if (inflated > maxInflatedBytes) {
    throw new AppError(413, 'PAYLOAD_TOO_LARGE', `文件解压后超过 ${Math.round(maxInflatedBytes / 1048576)} MB，已拒绝；请拆分后分批导入`);
  }
  if (!directory.files.some((f) => f.path === 'xl/workbook.xml')) {
    throw new AppError(400, 'VALIDATION', '文件不是有效的 Excel（.xlsx）文件', [{ path: 'file', message: '请上传 .xlsx 格式的文件' }]);
  }
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
