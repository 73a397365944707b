import { sql, type Kysely } from 'kysely';
import { recordAudit, type Actor } from '../../audit/audit-log';
import type { SessionAccount } from '../../auth/session-store';
import type { Database } from '../../db/database';
import type { DB } from '../../db/types';
import { forbidden, invalid, notFound, stateError } from '../../errors';
import { Notifier } from '../notifications/notifier';
import { realNames, type BoardView } from './access';
import { findSensitiveWord, htmlToText, imageIdsIn, sanitizePostHtml } from './content';
import { clock } from '../../clock';
import { notifyNaming } from './name-mask';
import { assertMaySeeNames } from '../identity/links';
import { bannedMessage, forumView, moderatorsOf, publishReply, readableThread, searchVector, type PostInput, type ThreadInput } from './forum-common';

/** Writing in the forum: new threads, replies and edits (sanitised, checked for sensitive words, mentions told). */
export class ForumPosting {
  private readonly notifier = new Notifier();
  constructor(private readonly db: Database) {}

  /**
   * Sanitises, checks sensitive words, links files; returns what to store. The one rule for new posts and
   * edits: an edit (`editedPostId`) may also keep the images and attachments already on that post.
   */
  private async prepare(trx: Kysely<DB>, caller: SessionAccount, board: BoardView, input: PostInput, title: string | null, editedPostId: number | null = null) {
    const own = await trx
      .selectFrom('community_files')
      .select(['id', 'is_image'])
      .where('uploader_account_id', '=', caller.accountId)
      .where((eb) => (editedPostId === null ? eb('post_id', 'is', null) : eb.or([eb('post_id', 'is', null), eb('post_id', '=', editedPostId)])))
      .execute();
    const ownImages = new Set(own.filter((f) => f.is_image).map((f) => f.id));
    const html = sanitizePostHtml(input.bodyHtml, ownImages);
    const text = htmlToText(html);
    if (text.replace(/\[图片\]/g, '').trim().length < 2 && imageIdsIn(html).length === 0) throw invalid('bodyHtml', '正文：请填写内容（至少 2 个字）');
    if (text.length > 20000) throw invalid('bodyHtml', '正文：不能超过 20000 字');
    const word = await findSensitiveWord(trx, `${title ?? ''}\n${text}`, board.organisationId);
    if (word)
      throw invalid(title && (await findSensitiveWord(trx, title, board.organisationId)) ? 'title' : 'bodyHtml', `内容包含敏感词“${word}”，请修改后再发布`);
    const ownFiles = new Set(own.filter((f) => !f.is_image).map((f) => f.id));
    const attachmentIds = [...new Set(input.attachmentIds ?? [])];
    for (const id of attachmentIds) if (!ownFiles.has(id)) throw invalid('attachmentIds', '附件不存在或已被使用，请重新上传');
    const fileIds = [...imageIdsIn(html), ...attachmentIds];
    const mentions = [...new Set(input.mentionAccountIds ?? [])].filter((id) => id !== caller.accountId);
    const names = await realNames(trx, [caller.accountId]);
    const author = names.get(caller.accountId);
    return {
      html,
      text,
      fileIds,
      mentions,
      author: { name: author?.name ?? caller.displayName, org: author?.org ?? null, industry: author?.industry ?? null },
    };
  }

  /** Mentioned accounts that can read the board (others are silently not told). */
  private async mentionable(trx: Kysely<DB>, board: BoardView, ids: number[]): Promise<number[]> {
    if (ids.length === 0) return [];
    const rows = await trx.selectFrom('accounts').select('id').where('id', 'in', ids).where('role', '=', 'officer').where('status', '=', 'active').execute();
    if (board.organisationId === null || board.readAccess === 'all') return rows.map((r) => r.id);
    const members = await trx
      .selectFrom('community_members')
      .select('account_id')
      .where('organisation_id', '=', board.organisationId)
      .where('status', '=', 'active')
      .where('account_id', 'in', ids)
      .execute();
    return members.map((m) => m.account_id);
  }

  async createThread(caller: SessionAccount, actor: Actor, boardId: number, input: ThreadInput) {
    const view = await forumView(this.db, caller);
    const board = view.board(boardId);
    if (!board.canPost) throw forbidden(bannedMessage(view, board) ?? '您没有在该版块发帖的权限');
    return this.db.transaction().execute(async (trx) => {
      const p = await this.prepare(trx, caller, board, input, input.title);
      const status: 'pending' | 'published' = board.moderation === 'pre' && !board.canModerate ? 'pending' : 'published';
      const thread = await trx
        .insertInto('community_threads')
        .values({ board_id: boardId, kind: input.kind, title: input.title, author_account_id: caller.accountId, status })
        .returning('id')
        .executeTakeFirstOrThrow();
      const post = await trx
        .insertInto('community_posts')
        .values({
          thread_id: thread.id,
          board_id: boardId,
          is_opening: true,
          author_account_id: caller.accountId,
          author_name: p.author.name,
          author_org: p.author.org,
          author_industry: p.author.industry,
          body_html: p.html,
          body_text: p.text,
          search: searchVector(`${input.title}\n${p.text}`),
          mentions: p.mentions,
          status,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      if (p.fileIds.length) await trx.updateTable('community_files').set({ post_id: post.id }).where('id', 'in', p.fileIds).execute();
      await trx.insertInto('community_subscriptions').values({ thread_id: thread.id, account_id: caller.accountId }).execute();
      await recordAudit(trx, actor, {
        action: 'community.thread.create',
        targetType: 'community_thread',
        targetId: thread.id,
        details: { boardId, title: input.title, status },
      });
      if (status === 'published') await this.notifyMentions(trx, board, p.mentions, p.author.name, input.title, thread.id);
      else
        await this.notifier.notify(trx, await moderatorsOf(trx, board), {
          kind: 'community.moderation',
          title: `待审核主题：${input.title}`,
          body: `${board.name}版块有新主题等待审核。`,
          link: '/community/moderation',
        });
      return { id: thread.id, postId: post.id, status };
    });
  }

  async reply(caller: SessionAccount, actor: Actor, threadId: number, input: PostInput) {
    const view = await forumView(this.db, caller);
    return this.db.transaction().execute(async (trx) => {
      const { thread, board } = await readableThread(trx, view, threadId);
      await trx.selectFrom('community_threads').select('id').where('id', '=', threadId).forUpdate().execute();
      if (!board.canModerate) {
        if (!board.canPost) throw forbidden(bannedMessage(view, board) ?? '您没有在该版块回复的权限');
        if (thread.locked) throw stateError('该主题已锁定，不能回复');
        if (thread.status !== 'published') throw stateError('主题尚未发布，不能回复');
      }
      const p = await this.prepare(trx, caller, board, input, null);
      const status: 'pending' | 'published' = board.moderation === 'pre' && !board.canModerate ? 'pending' : 'published';
      const post = await trx
        .insertInto('community_posts')
        .values({
          thread_id: threadId,
          board_id: thread.board_id,
          author_account_id: caller.accountId,
          author_name: p.author.name,
          author_org: p.author.org,
          author_industry: p.author.industry,
          body_html: p.html,
          body_text: p.text,
          search: searchVector(p.text),
          mentions: p.mentions,
          status,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      if (p.fileIds.length) await trx.updateTable('community_files').set({ post_id: post.id }).where('id', 'in', p.fileIds).execute();
      await recordAudit(trx, actor, { action: 'community.reply.create', targetType: 'community_post', targetId: post.id, details: { threadId, status } });
      if (status === 'published') await publishReply(trx, this.notifier, threadId, post.id, caller.accountId, p.author.name, thread.title);
      if (status === 'published') await this.notifyMentions(trx, board, p.mentions, p.author.name, thread.title, threadId);
      else
        await this.notifier.notify(trx, await moderatorsOf(trx, board), {
          kind: 'community.moderation',
          title: `待审核回复：${thread.title}`,
          body: `${board.name}版块有新回复等待审核。`,
          link: '/community/moderation',
        });
      return { id: post.id, status };
    });
  }

  /**
   * The author edits a topic (title and body) or a reply (body), any time while it is visible: published or
   * still pending, not hidden or rejected by a moderator, not in a locked thread (moderators excepted), and
   * while the author may still post in the board. The edit goes through `prepare` like a new post
   * (sanitising, sensitive words, files); on a pre-moderated board a non-moderator's edit goes back to the
   * review queue. What it replaced is kept in `community_post_edits`; the search vector is rewritten.
   */
  async edit(caller: SessionAccount, actor: Actor, postId: number, input: PostInput & { title?: string | undefined }) {
    const view = await forumView(this.db, caller);
    return this.db.transaction().execute(async (trx) => {
      const found = await trx.selectFrom('community_posts').select(['thread_id']).where('id', '=', postId).executeTakeFirst();
      if (!found) throw notFound('帖子');
      const { thread, board } = await readableThread(trx, view, found.thread_id);
      await trx.selectFrom('community_threads').select('id').where('id', '=', thread.id).forUpdate().execute();
      const post = await trx.selectFrom('community_posts').selectAll().where('id', '=', postId).forUpdate().executeTakeFirstOrThrow();
      if (post.status !== 'published' && !board.canModerate && post.author_account_id !== caller.accountId) throw notFound('帖子');
      if (post.author_account_id !== caller.accountId) throw forbidden('只能编辑自己的帖子');
      if (!board.canPost && !board.canModerate) throw forbidden(bannedMessage(view, board) ?? '您没有在该版块发帖的权限');
      if (post.status === 'hidden' || post.status === 'rejected') throw stateError('该帖子已被版主处理，不能编辑');
      if (thread.locked && !board.canModerate) throw stateError('该主题已锁定，不能编辑');
      if (!post.is_opening && input.title !== undefined) throw invalid('title', '回复没有标题');
      const title = post.is_opening ? (input.title ?? thread.title) : null;
      const p = await this.prepare(trx, caller, board, input, title, postId);
      const status = post.status === 'published' && board.moderation === 'pre' && !board.canModerate ? 'pending' : post.status;
      await trx
        .insertInto('community_post_edits')
        .values({
          post_id: postId,
          editor_account_id: caller.accountId,
          previous_title: post.is_opening ? thread.title : null,
          previous_body_html: post.body_html,
          previous_status: post.status,
        })
        .execute();
      await trx
        .updateTable('community_posts')
        .set({
          body_html: p.html,
          body_text: p.text,
          search: searchVector(title === null ? p.text : `${title}\n${p.text}`),
          mentions: p.mentions,
          status,
          edited_at: clock.now(),
          updated_at: clock.now(),
        })
        .where('id', '=', postId)
        .execute();
      if (p.fileIds.length)
        await trx.updateTable('community_files').set({ post_id: postId }).where('id', 'in', p.fileIds).where('post_id', 'is', null).execute();
      if (post.is_opening)
        await trx
          .updateTable('community_threads')
          .set({ title: title ?? thread.title, status, updated_at: clock.now() })
          .where('id', '=', thread.id)
          .execute();
      else if (status !== post.status)
        await trx
          .updateTable('community_threads')
          .set({ reply_count: sql<number>`greatest(reply_count - 1, 0)` })
          .where('id', '=', thread.id)
          .execute();
      await recordAudit(trx, actor, {
        action: 'community.post.edit',
        targetType: 'community_post',
        targetId: postId,
        details: { threadId: thread.id, isOpening: post.is_opening, titleChanged: post.is_opening && title !== thread.title, from: post.status, status },
      });
      const shownTitle = title ?? thread.title;
      if (status === 'published') {
        const added = p.mentions.filter((id) => !post.mentions.map(Number).includes(id));
        await this.notifyMentions(trx, board, added, post.author_name, shownTitle, thread.id);
      } else if (status !== post.status) {
        await this.notifier.notify(trx, await moderatorsOf(trx, board), {
          kind: 'community.moderation',
          title: `待审核的修改：${shownTitle}`,
          body: `${board.name}版块有帖子修改后等待审核。`,
          link: '/community/moderation',
        });
      }
      return { id: postId, status };
    });
  }

  /** What the edits of a post replaced, newest first: for the board's moderators and the author. */
  async edits(caller: SessionAccount, postId: number) {
    const view = await forumView(this.db, caller);
    const post = await this.db.selectFrom('community_posts').select(['thread_id', 'author_account_id']).where('id', '=', postId).executeTakeFirst();
    if (!post) throw notFound('帖子');
    const { board } = await readableThread(this.db, view, post.thread_id);
    if (!board.canModerate && post.author_account_id !== caller.accountId) throw forbidden('仅版主可查看编辑记录');
    const rows = await this.db
      .selectFrom('community_post_edits as e')
      .select(['e.id', 'e.editor_account_id', 'e.previous_title', 'e.previous_body_html', 'e.previous_status', 'e.edited_at'])
      .where('e.post_id', '=', postId)
      .orderBy('e.id', 'desc')
      .execute();
    const names = await realNames(this.db, [...new Set(rows.map((r) => r.editor_account_id))]);
    return rows.map((r) => ({
      id: r.id,
      editorName: names.get(r.editor_account_id)?.name ?? null,
      previousTitle: r.previous_title,
      previousBodyHtml: r.previous_body_html,
      previousStatus: r.previous_status,
      editedAt: r.edited_at,
    }));
  }

  private async notifyMentions(trx: Kysely<DB>, board: BoardView, mentions: number[], authorName: string, title: string, threadId: number) {
    await notifyNaming(trx, this.notifier, await this.mentionable(trx, board, mentions), authorName, (name) => ({
      kind: 'community.mention',
      title: `${name} 在“${title}”中提到了您`,
      body: `${board.name}版块`,
      link: `/community/threads/${threadId}`,
    }));
  }

  /** Officers a post may mention: those who can read the board, by name. */
  async mentionCandidates(caller: SessionAccount, boardId: number, q: string) {
    const view = await forumView(this.db, caller);
    const board = view.board(boardId);
    let query = this.db
      .selectFrom('persons as p')
      .innerJoin('accounts as a', 'a.id', 'p.account_id')
      .select(['a.id'])
      .where('a.role', '=', 'officer')
      .where('a.status', '=', 'active')
      .where('p.name', 'like', `${q.replace(/[%_\\]/g, '\\$&')}%`)
      .where('a.id', '!=', caller.accountId);
    if (board.organisationId !== null && board.readAccess === 'members') {
      const orgId = board.organisationId;
      query = query.where((eb) =>
        eb.exists(
          eb.selectFrom('community_members as m').whereRef('m.account_id', '=', 'a.id').where('m.organisation_id', '=', orgId).where('m.status', '=', 'active'),
        ),
      );
    }
    const rows = await query.orderBy('p.name').limit(10).execute();
    const names = await realNames(
      this.db,
      rows.map((r) => r.id),
    );
    return rows.map((r) => ({ accountId: r.id, name: names.get(r.id)?.name ?? '', enterpriseName: names.get(r.id)?.org ?? null }));
  }

  /** The officers the caller may @ on a board, by name; an account whose identity is not confirmed sees no names. */
  async namedMentionCandidates(caller: SessionAccount, boardId: number, q: string) {
    await assertMaySeeNames(this.db, caller);
    return this.mentionCandidates(caller, boardId, q);
  }
}
