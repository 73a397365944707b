import type { FastifyReply, FastifyRequest } from 'fastify';
import { recordAudit, type Actor } from '../../audit/audit-log';
import type { SessionAccount } from '../../auth/session-store';
import type { Database } from '../../db/database';
import { AppError, notFound } from '../../errors';
import { sendFile } from '../../http-send';
import { EVIDENCE_MAX_BYTES, parseEvidenceRef } from '../../storage/evidence';
import { FileTooLarge, type FileStore } from '../../storage/file-store';
import { readStored, storeChecked } from '../../storage/staged-upload';
import { EVIDENCE_TYPES, sniffEvidenceType } from '../../storage/upload-checks';
import { CommunityView, requireCommunity } from './access';

/**
 * Images and attachments of posts: the same checks as every other upload (≤ 10 MB, PDF/JPG/PNG by their first
 * bytes). A file belongs to its uploader until a post uses it; then whoever can read the post can open it.
 */
export async function uploadCommunityFile(
  db: Database,
  files: FileStore,
  caller: SessionAccount,
  actor: Actor,
  request: FastifyRequest,
  kind: 'image' | 'attachment',
) {
  requireCommunity(caller);
  const file = await request.file({ limits: { fileSize: EVIDENCE_MAX_BYTES, files: 1 } });
  if (!file) throw new AppError(400, 'VALIDATION', '请选择文件', [{ path: 'file', message: '请选择文件' }]);
  let stored: { key: string; bytes: number; checked: keyof typeof EVIDENCE_TYPES };
  try {
    stored = await storeChecked(files, 'community', 'bin', file.file, EVIDENCE_MAX_BYTES, async (local) => {
      const sniffed = await sniffEvidenceType(local);
      if (!sniffed) throw new AppError(400, 'VALIDATION', '文件应为 PDF、JPG 或 PNG', [{ path: 'file', message: '文件类型不支持' }]);
      if (kind === 'image' && sniffed === 'pdf') throw new AppError(400, 'VALIDATION', '图片应为 JPG 或 PNG', [{ path: 'file', message: '图片类型不支持' }]);
      return sniffed;
    });
  } catch (err) {
    if (err instanceof FileTooLarge || (err as { statusCode?: number }).statusCode === 413) throw new AppError(413, 'PAYLOAD_TOO_LARGE', '文件不能超过 10 MB');
    throw err;
  }
  const type = stored.checked;
  const name = (file.filename || `附件.${type}`).replace(/[\\/\r\n"]/g, '_').slice(0, 120);
  return db.transaction().execute(async (trx) => {
    const row = await trx
      .insertInto('community_files')
      .values({ uploader_account_id: caller.accountId, file_ref: `${stored.key}#${type}`, name, bytes: stored.bytes, is_image: kind === 'image' })
      .returning(['id', 'is_image'])
      .executeTakeFirstOrThrow();
    await recordAudit(trx, actor, {
      action: 'community.file.upload',
      targetType: 'community_file',
      targetId: row.id,
      details: { name, bytes: stored.bytes, type },
    });
    return { id: row.id, name, bytes: stored.bytes, isImage: row.is_image, url: `/api/community/files/${row.id}` };
  });
}

export async function sendCommunityFile(db: Database, files: FileStore, caller: SessionAccount, id: number, reply: FastifyReply) {
  requireCommunity(caller);
  const row = await db
    .selectFrom('community_files')
    .select(['id', 'post_id', 'uploader_account_id', 'file_ref', 'name'])
    .where('id', '=', id)
    .executeTakeFirst();
  if (!row) throw notFound('文件');
  if (row.post_id === null) {
    if (row.uploader_account_id !== caller.accountId) throw notFound('文件');
  } else {
    const view = await CommunityView.load(db, caller);
    const post = await db
      .selectFrom('community_posts as p')
      .innerJoin('community_threads as t', 't.id', 'p.thread_id')
      .select(['p.board_id', 'p.status', 't.status as thread_status', 'p.author_account_id'])
      .where('p.id', '=', row.post_id)
      .executeTakeFirstOrThrow();
    const board = view.boards.get(post.board_id);
    const visible =
      board?.canRead &&
      (board.canModerate || post.author_account_id === caller.accountId || (post.status === 'published' && post.thread_status === 'published'));
    if (!visible) throw notFound('文件');
  }
  const ref = parseEvidenceRef(row.file_ref);
  if (!ref) throw notFound('文件');
  const stream = await readStored(files, ref.key, '文件');
  return sendFile(reply, row.name, stream, { type: EVIDENCE_TYPES[ref.type].mime, disposition: 'inline', cacheControl: 'private, max-age=3600' });
}

/** Post images and attachments as a service for the routes (the file store and the database wired once). */
export class CommunityFiles {
  constructor(
    private readonly db: Database,
    private readonly files: FileStore,
  ) {}

  upload(caller: SessionAccount, actor: Actor, request: FastifyRequest, kind: 'image' | 'attachment') {
    return uploadCommunityFile(this.db, this.files, caller, actor, request, kind);
  }

  send(caller: SessionAccount, id: number, reply: FastifyReply) {
    return sendCommunityFile(this.db, this.files, caller, id, reply);
  }
}
