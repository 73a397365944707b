import { sql, type Kysely, type Transaction } from 'kysely';
import type { SessionAccount } from '../../auth/session-store';
import type { DB } from '../../db/types';
import { notFound } from '../../errors';
import { segmentForIndex } from '../../search/chinese-text';
import { Notifier } from '../notifications/notifier';
import { CommunityView, requireCommunity, type BoardView } from './access';
import { clock } from '../../clock';
import { notifyNaming } from './name-mask';

export interface BoardInput {
  organisationId: number | null;
  name: string;
  description?: string | null | undefined;
  readAccess: 'all' | 'members';
  postAccess: 'all' | 'members' | 'admins';
  moderation: 'post' | 'pre';
  sort?: number | undefined;
  status?: 'active' | 'closed' | undefined;
}

export interface PostInput {
  bodyHtml: string;
  attachmentIds?: number[] | undefined;
  mentionAccountIds?: number[] | undefined;
}

export interface ThreadInput extends PostInput {
  title: string;
  kind: 'discussion' | 'question';
}

export const PAGE_SIZE = 20;

/** The tsvector of a post: the title (opening posts) and the text, segmented by jieba. */
export const searchVector = (text: string) => sql`to_tsvector('simple', ${segmentForIndex(text)})`;

/** The caller's view of the community (organisations, boards, abilities); officers and bureaus only. */
export function forumView(db: Kysely<DB>, caller: SessionAccount): Promise<CommunityView> {
  requireCommunity(caller);
  return CommunityView.load(db, caller);
}

/** A thread the caller may read (published, or their own, or they moderate it), with its board. */
export async function readableThread(db: Kysely<DB>, view: CommunityView, threadId: number) {
  const t = await db.selectFrom('community_threads').selectAll().where('id', '=', threadId).executeTakeFirst();
  if (!t) throw notFound('主题');
  const board = view.boards.get(t.board_id);
  if (!board?.canRead) throw notFound('主题');
  if (t.status !== 'published' && !board.canModerate && t.author_account_id !== view.caller.accountId) throw notFound('主题');
  return { thread: t, board };
}

/** Whether the author may still edit a post of this status in this thread (see ForumService.edit). */
export function mayEdit(board: BoardView, thread: { locked: boolean }, status: string): boolean {
  if (status !== 'published' && status !== 'pending') return false;
  if (board.canModerate) return true;
  return board.canPost && !thread.locked;
}

export function bannedMessage(view: CommunityView, board: BoardView): string | null {
  if (board.organisationId === null) return null;
  const until = view.orgs.get(board.organisationId)?.bannedUntil;
  return until ? `您在本组织被禁言至 ${until.toLocaleString('zh-CN', { timeZone: 'Asia/Shanghai' })}` : null;
}

/** Counts a published reply on its thread and tells the thread's followers. */
export async function publishReply(
  trx: Kysely<DB>,
  notifier: Notifier,
  threadId: number,
  postId: number,
  authorAccountId: number,
  authorName: string,
  title: string,
): Promise<void> {
  await trx
    .updateTable('community_threads')
    .set({ reply_count: sql<number>`reply_count + 1`, last_posted_at: clock.now() })
    .where('id', '=', threadId)
    .execute();
  const followers = await trx
    .selectFrom('community_subscriptions')
    .select('account_id')
    .where('thread_id', '=', threadId)
    .where('account_id', '!=', authorAccountId)
    .execute();
  await notifyNaming(
    trx,
    notifier,
    followers.map((f) => f.account_id),
    authorName,
    (name) => ({
      kind: 'community.reply',
      title: `${name} 回复了“${title}”`,
      body: '您关注的主题有新回复。',
      link: `/community/threads/${threadId}#post-${postId}`,
    }),
  );
}

/** Accounts that moderate a board: the organisation's admins, or for public boards the province bureau. */
export async function moderatorsOf(trx: Kysely<DB> | Transaction<DB>, board: BoardView): Promise<number[]> {
  if (board.organisationId !== null) {
    const rows = await trx
      .selectFrom('community_members')
      .select('account_id')
      .where('organisation_id', '=', board.organisationId)
      .where('is_admin', '=', true)
      .where('status', '=', 'active')
      .execute();
    return rows.map((r) => r.account_id);
  }
  const rows = await trx
    .selectFrom('accounts as a')
    .innerJoin('org_units as o', 'o.id', 'a.org_unit_id')
    .select('a.id')
    .where('a.role', '=', 'province_admin')
    .where('a.status', '=', 'active')
    .where('o.kind', '=', 'province')
    .execute();
  return rows.map((r) => r.id);
}
