import type { FastifyReply, FastifyRequest } from 'fastify';
import { AppError, notFound } from '../errors';
import { sendFile } from '../http-send';
import { FileTooLarge, type FileStore } from './file-store';
import { readStored, storeChecked } from './staged-upload';
import { EVIDENCE_TYPES, sniffEvidenceType, type EvidenceType } from './upload-checks';

export const EVIDENCE_MAX_BYTES = 10 * 1048576;

/**
 * Stores the one file of a multipart evidence upload (授权书, certificates…): at most 10 MB, PDF/JPG/PNG by its
 * first bytes whatever its name says. Returns the stored reference `<key>#<type>`.
 */
export async function storeEvidence(request: FastifyRequest, files: FileStore, what: string): Promise<string> {
  const file = await request.file({ limits: { fileSize: EVIDENCE_MAX_BYTES, files: 1 } });
  if (!file) throw new AppError(400, 'VALIDATION', `请选择${what}文件`, [{ path: 'file', message: '请选择文件' }]);
  try {
    const stored = await storeChecked(files, 'evidence', 'bin', file.file, EVIDENCE_MAX_BYTES, async (local) => {
      const type = await sniffEvidenceType(local);
      if (!type) throw new AppError(400, 'VALIDATION', `${what}应为 PDF、JPG 或 PNG 文件`, [{ path: 'file', message: '文件类型不支持' }]);
      return type;
    });
    return `${stored.key}#${stored.checked}`;
  } catch (err) {
    if (err instanceof FileTooLarge || (err as { statusCode?: number }).statusCode === 413)
      throw new AppError(413, 'PAYLOAD_TOO_LARGE', `${what}不能超过 10 MB`);
    throw err;
  }
}

export function parseEvidenceRef(ref: string | null): { key: string; type: EvidenceType } | null {
  const [key, type] = (ref ?? '').split('#');
  return key && type && type in EVIDENCE_TYPES ? { key, type: type as EvidenceType } : null;
}

/** Streams stored evidence inline, never sniffed by the browser as anything else. */
export async function sendEvidence(reply: FastifyReply, files: FileStore, ref: string | null, name: string): Promise<FastifyReply> {
  const evidence = parseEvidenceRef(ref);
  if (!evidence) throw notFound('文件');
  const stream = await readStored(files, evidence.key, '文件');
  return sendFile(reply, `${name}.${evidence.type}`, stream, { type: EVIDENCE_TYPES[evidence.type].mime, disposition: 'inline' });
}
