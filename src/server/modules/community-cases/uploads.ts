import type { FastifyReply, FastifyRequest } from 'fastify';
import { AppError, notFound } from '../../errors';
import { sendFile } from '../../http-send';
import { EVIDENCE_MAX_BYTES, parseEvidenceRef } from '../../storage/evidence';
import { FileTooLarge, type FileStore } from '../../storage/file-store';
import { readStored, storeChecked } from '../../storage/staged-upload';
import { EVIDENCE_TYPES, sniffEvidenceType, type EvidenceType } from '../../storage/upload-checks';

const TYPE_NAMES: Record<EvidenceType, string> = { pdf: 'PDF', jpg: 'JPG', png: 'PNG' };

/**
 * Stores the one file of a multipart upload (case attachments, event photos) with the evidence checks: at most
 * 10 MB and typed by its first bytes, limited to `types`. Returns the stored reference `<key>#<type>`, the name
 * given by the client (shown only as text) and the size.
 */
export async function storeCommunityFile(
  request: FastifyRequest,
  files: FileStore,
  what: string,
  types: readonly EvidenceType[],
): Promise<{ ref: string; name: string; bytes: number }> {
  const file = await request.file({ limits: { fileSize: EVIDENCE_MAX_BYTES, files: 1 } });
  if (!file) throw new AppError(400, 'VALIDATION', `请选择${what}文件`, [{ path: 'file', message: `${what}：请选择文件` }]);
  let stored: { key: string; bytes: number; checked: EvidenceType };
  try {
    stored = await storeChecked(files, 'community', 'bin', file.file, EVIDENCE_MAX_BYTES, async (local) => {
      const sniffed = await sniffEvidenceType(local);
      if (!sniffed || !types.includes(sniffed)) {
        const allowed = types.map((t) => TYPE_NAMES[t]).join('、');
        throw new AppError(400, 'VALIDATION', `${what}应为 ${allowed} 文件`, [{ path: 'file', message: `${what}：文件类型不支持，应为 ${allowed}` }]);
      }
      return sniffed;
    });
  } catch (err) {
    if (err instanceof FileTooLarge || (err as { statusCode?: number }).statusCode === 413)
      throw new AppError(413, 'PAYLOAD_TOO_LARGE', `${what}不能超过 10 MB`);
    throw err;
  }
  const type = stored.checked;
  const name = (file.filename || `${what}.${type}`).replace(/[\\/\r\n"]/g, '_').slice(0, 120);
  return { ref: `${stored.key}#${type}`, name, bytes: stored.bytes };
}

/** Streams a stored file inline (images, PDF) or as a download, never sniffed as anything else. */
export async function sendCommunityFile(
  reply: FastifyReply,
  files: FileStore,
  ref: string,
  name: string,
  disposition: 'inline' | 'attachment' = 'inline',
): Promise<FastifyReply> {
  const stored = parseEvidenceRef(ref);
  if (!stored) throw notFound('文件');
  const stream = await readStored(files, stored.key, '文件');
  return sendFile(reply, name, stream, { type: EVIDENCE_TYPES[stored.type].mime, disposition });
}
