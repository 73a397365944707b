import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { AppError, notFound } from '../../errors';
import { contentDisposition } from '../../http-send';
import type { Readable } from 'node:stream';
import { FileTooLarge, type ByteRange, type FileStore } from '../../storage/file-store';
import { readStored, storeChecked } from '../../storage/staged-upload';
import { isMp4File, sniffEvidenceType } from '../../storage/upload-checks';

export const LESSON_MEDIA_MAX_BYTES = 500 * 1048576;

/** Demo media shipped with the code (`bundled:<name>`), used by the demo courses of the seed. */
const BUNDLED_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../db/seed/media');

interface Media {
  size: number;
  open: (range?: ByteRange) => Promise<Readable>;
}

/** Bundled demo media from the code's own directory; everything else from the file store. */
async function openMedia(files: FileStore, key: string): Promise<Media | null> {
  const bundled = /^bundled:([a-z0-9-]+\.(?:mp4|pdf))$/.exec(key);
  if (bundled?.[1]) {
    const file = path.join(BUNDLED_DIR, bundled[1]);
    if (!fs.existsSync(file)) return null;
    return { size: fs.statSync(file).size, open: (range) => Promise.resolve(fs.createReadStream(file, range ?? {})) };
  }
  const stat = await files.stat(key);
  return stat ? { size: stat.bytes, open: (range) => readStored(files, key, '课时文件', range) } : null;
}

/** Reads the duration (seconds) from an MP4's `moov/mvhd` box, walking top-level boxes without reading the media. */
export async function mp4DurationSeconds(path: string): Promise<number | null> {
  const fd = await fs.promises.open(path, 'r');
  try {
    const size = (await fd.stat()).size;
    let offset = 0;
    const header = Buffer.alloc(16);
    while (offset + 8 <= size) {
      await fd.read(header, 0, 16, offset);
      let boxSize = header.readUInt32BE(0);
      const type = header.subarray(4, 8).toString('latin1');
      let headerSize = 8;
      if (boxSize === 1) {
        boxSize = Number(header.readBigUInt64BE(8));
        headerSize = 16;
      } else if (boxSize === 0) boxSize = size - offset;
      if (boxSize < headerSize) return null;
      if (type === 'moov') {
        const moov = Buffer.alloc(Math.min(boxSize - headerSize, 16 * 1048576));
        await fd.read(moov, 0, moov.length, offset + headerSize);
        const at = moov.indexOf('mvhd', 0, 'latin1');
        if (at < 4) return null;
        const version = moov.readUInt8(at + 4);
        const timescale = version === 1 ? moov.readUInt32BE(at + 4 + 20) : moov.readUInt32BE(at + 4 + 12);
        const duration = version === 1 ? Number(moov.readBigUInt64BE(at + 4 + 24)) : moov.readUInt32BE(at + 4 + 16);
        return timescale > 0 ? Math.round(duration / timescale) : null;
      }
      offset += boxSize;
    }
    return null;
  } finally {
    await fd.close();
  }
}

/** Counts the pages of a PDF well enough to size its viewer (the `/Type /Page` objects). */
export async function pdfPageCount(path: string): Promise<number> {
  const text = (await fs.promises.readFile(path)).toString('latin1');
  return Math.max(1, (text.match(/\/Type\s*\/Page(?!s)/g) ?? []).length);
}

/**
 * Stores the one file of a lesson-media upload: an MP4 video or a PDF document, by its first bytes.
 * Returns the stored key with its type and, for a video, its duration.
 */
export async function storeLessonMedia(
  request: FastifyRequest,
  files: FileStore,
  expected: 'video' | 'document',
): Promise<{ ref: string; durationSeconds: number | null; pageCount: number | null }> {
  const file = await request.file({ limits: { fileSize: LESSON_MEDIA_MAX_BYTES, files: 1 } });
  const what = expected === 'video' ? '视频（MP4）' : '文档（PDF）';
  if (!file) throw new AppError(400, 'VALIDATION', `请选择${what}文件`, [{ path: 'file', message: '请选择文件' }]);
  try {
    const stored = await storeChecked(files, 'study', expected === 'video' ? 'mp4' : 'pdf', file.file, LESSON_MEDIA_MAX_BYTES, async (local) => {
      const ok = expected === 'video' ? await isMp4File(local) : (await sniffEvidenceType(local)) === 'pdf';
      if (!ok) throw new AppError(400, 'VALIDATION', `课时文件应为${what}`, [{ path: 'file', message: '文件类型不支持' }]);
      if (expected === 'document') return { durationSeconds: null, pageCount: await pdfPageCount(local) };
      const durationSeconds = await mp4DurationSeconds(local);
      if (!durationSeconds) throw new AppError(400, 'VALIDATION', '无法读取视频时长，请上传有效的 MP4 文件', [{ path: 'file', message: '视频文件无效' }]);
      return { durationSeconds, pageCount: null };
    });
    return { ref: stored.key, ...stored.checked };
  } catch (err) {
    if (err instanceof FileTooLarge || (err as { statusCode?: number }).statusCode === 413)
      throw new AppError(413, 'PAYLOAD_TOO_LARGE', `${what}不能超过 500 MB`);
    throw err;
  }
}

/** Streams lesson media with HTTP range support (players seek by asking for byte ranges). */
export async function sendLessonMedia(request: FastifyRequest, reply: FastifyReply, files: FileStore, key: string | null): Promise<FastifyReply> {
  const media = key ? await openMedia(files, key) : null;
  if (!key || !media) throw notFound('课时文件');
  const size = media.size;
  const isVideo = key.endsWith('.mp4');
  void reply
    .header('content-type', isVideo ? 'video/mp4' : 'application/pdf')
    .header('accept-ranges', 'bytes')
    .header('cache-control', 'private, max-age=3600')
    .header('x-content-type-options', 'nosniff');
  if (!isVideo) {
    // shown inside the lesson page's frame
    void reply
      .header('content-disposition', contentDisposition('inline'))
      .header('x-frame-options', 'SAMEORIGIN')
      .header('content-security-policy', "frame-ancestors 'self'");
  }
  const range = /^bytes=(\d*)-(\d*)$/.exec(request.headers.range ?? '');
  if (range && !range[1] && !range[2]) return reply.code(416).header('content-range', `bytes */${size}`).send();
  if (!request.headers.range || !range) return reply.header('content-length', size).send(await media.open());
  let start = range[1] ? Number(range[1]) : NaN;
  let end = range[2] ? Number(range[2]) : size - 1;
  if (Number.isNaN(start)) {
    // suffix range: the last N bytes
    start = Math.max(0, size - end);
    end = size - 1;
  }
  end = Math.min(end, size - 1);
  if (start > end || start >= size) return reply.code(416).header('content-range', `bytes */${size}`).send();
  return reply
    .code(206)
    .header('content-range', `bytes ${start}-${end}/${size}`)
    .header('content-length', end - start + 1)
    .send(await media.open({ start, end }));
}
