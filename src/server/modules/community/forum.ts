import { sql, type Kysely, type Transaction } from 'kysely';
import { recordAudit, type Actor } from '../../audit/audit-log';
import type { SessionAccount } from '../../auth/session-store';
import type { Database } from '../../db/database';
import type { DB } from '../../db/types';
import { forbidden, invalid, notFound, stateError } from '../../errors';
import { segmentForIndex } from '../../search/chinese-text';
import { Notifier } from '../notifications/notifier';
import { CommunityView, isBureauManager, realNames, requireCommunity, type BoardView } from './access';
import { answerRef, creditContribution, revokeContribution } from './credit';
import { findSensitiveWord, htmlToText, imageIdsIn, sanitizePostHtml } from './content';
import { clock } from '../../clock';
import { hidesNames, maskAuthor, maskMentions, notifyNaming } from './name-mask';

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

const PAGE_SIZE = 20;

/** The tsvector of a post: the title (opening posts) and the text, segmented by jieba. */
export const searchVector = (text: string) => sql`to_tsvector('simple', ${segmentForIndex(text)})`;

export class ForumService {
  private readonly notifier = new Notifier();
  constructor(private readonly db: Database) {}

  view(caller: SessionAccount): Promise<CommunityView> {
    requireCommunity(caller);
    return CommunityView.load(this.db, caller);
  }

  async boards(caller: SessionAccount) {
    const view = await this.view(caller);
    const boards = [...view.boards.values()].filter((b) => b.canRead);
    if (boards.length === 0) return [];
    const stats = await this.db
      .selectFrom('community_threads')
      .select(['board_id', (eb) => eb.fn.countAll<number>().as('threads'), (eb) => eb.fn.max('last_posted_at').as('last')])
      .where('board_id', 'in', boards.map((b) => b.id))
      .where('status', '=', 'published')
      .groupBy('board_id')
      .execute();
    const byBoard = new Map(stats.map((s) => [s.board_id, s]));
    return boards.map((b) => ({ ...b, threadCount: Number(byBoard.get(b.id)?.threads ?? 0), lastPostedAt: byBoard.get(b.id)?.last ?? null }));
  }

  async createBoard(caller: SessionAccount, actor: Actor, input: BoardInput) {
    const view = await this.view(caller);
    if (input.organisationId === null) {
      if (!isProvinceManager(view)) throw forbidden('公共版块由省局设置');
    } else {
      view.managedOrg(input.organisationId);
    }
    return this.db.transaction().execute(async (trx) => {
      const row = await trx
        .insertInto('community_boards')
        .values({ organisation_id: input.organisationId, name: input.name, description: input.description ?? null, read_access: input.readAccess, post_access: input.postAccess, moderation: input.moderation, sort: input.sort ?? 0, created_by: caller.accountId })
        .returning('id')
        .executeTakeFirstOrThrow();
      await recordAudit(trx, actor, { action: 'community.board.create', targetType: 'community_board', targetId: row.id, details: { ...input } });
      return { id: row.id };
    });
  }

  async updateBoard(caller: SessionAccount, actor: Actor, id: number, input: Omit<BoardInput, 'organisationId'>) {
    const view = await this.view(caller);
    const board = view.board(id);
    if (!board.canModerate) throw forbidden('仅版主可修改版块设置');
    await this.db.transaction().execute(async (trx) => {
      await trx
        .updateTable('community_boards')
        .set({ name: input.name, description: input.description, read_access: input.readAccess, post_access: input.postAccess, moderation: input.moderation, sort: input.sort, status: input.status, updated_at: clock.now() })
        .where('id', '=', id)
        .execute();
      await recordAudit(trx, actor, { action: 'community.board.update', targetType: 'community_board', targetId: id, details: { ...input } });
    });
  }

  async threads(caller: SessionAccount, boardId: number, page: number, pageSize = PAGE_SIZE) {
    const view = await this.view(caller);
    const board = view.board(boardId);
    let q = this.db.selectFrom('community_threads as t').innerJoin('community_posts as p', (j) => j.onRef('p.thread_id', '=', 't.id').on('p.is_opening', '=', true)).where('t.board_id', '=', boardId);
    if (!board.canModerate) q = q.where((eb) => eb.or([eb('t.status', '=', 'published'), eb('t.author_account_id', '=', caller.accountId)]));
    const [items, total] = await Promise.all([
      q
        .select(['t.id', 't.kind', 't.title', 't.status', 't.locked', 't.pinned', 't.featured', 't.accepted_post_id', 't.reply_count', 't.last_posted_at', 't.created_at', 't.author_account_id', 'p.author_name', 'p.author_org', 'p.like_count'])
        .orderBy('t.pinned', 'desc')
        .orderBy('t.last_posted_at', 'desc')
        .orderBy('t.id', 'desc')
        .limit(pageSize)
        .offset((page - 1) * pageSize)
        .execute(),
      q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
    ]);
    const hide = await hidesNames(this.db, caller);
    return {
      board,
      items: items.map((t) => maskAuthor({
        id: t.id,
        kind: t.kind,
        title: t.title,
        status: t.status,
        locked: t.locked,
        pinned: t.pinned,
        featured: t.featured,
        answered: t.accepted_post_id !== null,
        replyCount: t.reply_count,
        likeCount: t.like_count,
        authorName: t.author_name,
        authorOrg: t.author_org,
        lastPostedAt: t.last_posted_at,
        createdAt: t.created_at,
      }, hide, t.author_account_id === caller.accountId)),
      total: Number(total.n),
      page,
      pageSize,
    };
  }

  /** A thread the caller may read (published, or their own, or they moderate it), with its board. */
  private async readableThread(db: Kysely<DB>, view: CommunityView, threadId: number) {
    const t = await db.selectFrom('community_threads').selectAll().where('id', '=', threadId).executeTakeFirst();
    if (!t) throw notFound('主题');
    const board = view.boards.get(t.board_id);
    if (!board?.canRead) throw notFound('主题');
    if (t.status !== 'published' && !board.canModerate && t.author_account_id !== view.caller.accountId) throw notFound('主题');
    return { thread: t, board };
  }

  async thread(caller: SessionAccount, threadId: number, page: number, pageSize = PAGE_SIZE) {
    const view = await this.view(caller);
    const { thread, board } = await this.readableThread(this.db, view, threadId);
    let q = this.db.selectFrom('community_posts').where('thread_id', '=', threadId);
    if (!board.canModerate) q = q.where((eb) => eb.or([eb('status', '=', 'published'), eb('author_account_id', '=', caller.accountId)]));
    const [posts, total, subscribed] = await Promise.all([
      q
        .select(['id', 'is_opening', 'author_account_id', 'author_name', 'author_org', 'body_html', 'mentions', 'status', 'status_reason', 'like_count', 'edited_at', 'created_at'])
        .select((eb) => eb.exists(eb.selectFrom('community_likes as l').whereRef('l.post_id', '=', 'community_posts.id').where('l.account_id', '=', caller.accountId)).as('liked'))
        .select(
          sql<{ id: number; name: string; bytes: number }[] | null>`(select json_agg(json_build_object('id', f.id, 'name', f.name, 'bytes', f.bytes) order by f.id) from community_files f where f.post_id = community_posts.id and not f.is_image)`.as('files'),
        )
        .orderBy('id')
        .limit(pageSize)
        .offset((page - 1) * pageSize)
        .execute(),
      q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
      this.db.selectFrom('community_subscriptions').select('thread_id').where('thread_id', '=', threadId).where('account_id', '=', caller.accountId).executeTakeFirst(),
    ]);
    const openReports = board.canModerate && posts.length
      ? await this.db.selectFrom('community_reports').select(['post_id', (eb) => eb.fn.countAll<number>().as('n')]).where('post_id', 'in', posts.map((p) => p.id)).where('status', '=', 'open').groupBy('post_id').execute()
      : [];
    const hide = await hidesNames(this.db, caller);
    const all = posts.map((p) => maskAuthor({
        id: p.id,
        isOpening: p.is_opening,
        authorName: p.author_name,
        authorOrg: p.author_org,
        mine: p.author_account_id === caller.accountId,
        bodyHtml: p.body_html,
        status: p.status,
        statusReason: board.canModerate || p.author_account_id === caller.accountId ? p.status_reason : null,
        likeCount: p.like_count,
        liked: Boolean(p.liked),
        createdAt: p.created_at,
        editedAt: p.edited_at,
        canEdit: p.author_account_id === caller.accountId && mayEdit(board, thread, p.status),
        attachments: p.files ?? [],
        openReports: Number(openReports.find((r) => r.post_id === p.id)?.n ?? 0),
        mentions: p.mentions.map(Number),
      }, hide, p.author_account_id === caller.accountId));
    // an unlinked account sees no names: authors and the @names in the text are masked
    const shown = (hide ? await maskMentions(this.db, all) : all).map(({ mentions: _mentions, ...p }) => p);
    return {
      thread: {
        id: thread.id,
        boardId: thread.board_id,
        boardName: board.name,
        organisationId: board.organisationId,
        organisationName: board.organisationName,
        kind: thread.kind,
        title: thread.title,
        status: thread.status,
        locked: thread.locked,
        pinned: thread.pinned,
        featured: thread.featured,
        acceptedPostId: thread.accepted_post_id,
        replyCount: thread.reply_count,
        authorAccountId: thread.author_account_id,
        createdAt: thread.created_at,
        subscribed: subscribed !== undefined,
        canReply: (board.canPost && !thread.locked && thread.status === 'published') || board.canModerate,
        canModerate: board.canModerate,
        isAuthor: thread.author_account_id === caller.accountId,
      },
      posts: shown,
      total: Number(total.n),
      page,
      pageSize,
    };
  }

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
    if (word) throw invalid(title && (await findSensitiveWord(trx, title, board.organisationId)) ? 'title' : 'bodyHtml', `内容包含敏感词“${word}”，请修改后再发布`);
    const ownFiles = new Set(own.filter((f) => !f.is_image).map((f) => f.id));
    const attachmentIds = [...new Set(input.attachmentIds ?? [])];
    for (const id of attachmentIds) if (!ownFiles.has(id)) throw invalid('attachmentIds', '附件不存在或已被使用，请重新上传');
    const fileIds = [...imageIdsIn(html), ...attachmentIds];
    const mentions = [...new Set(input.mentionAccountIds ?? [])].filter((id) => id !== caller.accountId);
    const names = await realNames(trx, [caller.accountId]);
    const author = names.get(caller.accountId);
    return { html, text, fileIds, mentions, author: { name: author?.name ?? caller.displayName, org: author?.org ?? null, industry: author?.industry ?? null } };
  }

  /** Mentioned accounts that can read the board (others are silently not told). */
  private async mentionable(trx: Kysely<DB>, board: BoardView, ids: number[]): Promise<number[]> {
    if (ids.length === 0) return [];
    const rows = await trx.selectFrom('accounts').select('id').where('id', 'in', ids).where('role', '=', 'officer').where('status', '=', 'active').execute();
    if (board.organisationId === null || board.readAccess === 'all') return rows.map((r) => r.id);
    const members = await trx.selectFrom('community_members').select('account_id').where('organisation_id', '=', board.organisationId).where('status', '=', 'active').where('account_id', 'in', ids).execute();
    return members.map((m) => m.account_id);
  }

  async createThread(caller: SessionAccount, actor: Actor, boardId: number, input: ThreadInput) {
    const view = await this.view(caller);
    const board = view.board(boardId);
    if (!board.canPost) throw forbidden(bannedMessage(view, board) ?? '您没有在该版块发帖的权限');
    return this.db.transaction().execute(async (trx) => {
      const p = await this.prepare(trx, caller, board, input, input.title);
      const status = board.moderation === 'pre' && !board.canModerate ? 'pending' : 'published';
      const thread = await trx.insertInto('community_threads').values({ board_id: boardId, kind: input.kind, title: input.title, author_account_id: caller.accountId, status }).returning('id').executeTakeFirstOrThrow();
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
      await recordAudit(trx, actor, { action: 'community.thread.create', targetType: 'community_thread', targetId: thread.id, details: { boardId, title: input.title, status } });
      if (status === 'published') await this.notifyMentions(trx, board, p.mentions, p.author.name, input.title, thread.id);
      else await this.notifier.notify(trx, await moderatorsOf(trx, board), { kind: 'community.moderation', title: `待审核主题：${input.title}`, body: `${board.name}版块有新主题等待审核。`, link: '/community/moderation' });
      return { id: thread.id, postId: post.id, status };
    });
  }

  async reply(caller: SessionAccount, actor: Actor, threadId: number, input: PostInput) {
    const view = await this.view(caller);
    return this.db.transaction().execute(async (trx) => {
      const { thread, board } = await this.readableThread(trx, view, threadId);
      await trx.selectFrom('community_threads').select('id').where('id', '=', threadId).forUpdate().execute();
      if (!board.canModerate) {
        if (!board.canPost) throw forbidden(bannedMessage(view, board) ?? '您没有在该版块回复的权限');
        if (thread.locked) throw stateError('该主题已锁定，不能回复');
        if (thread.status !== 'published') throw stateError('主题尚未发布，不能回复');
      }
      const p = await this.prepare(trx, caller, board, input, null);
      const status = board.moderation === 'pre' && !board.canModerate ? 'pending' : 'published';
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
      else await this.notifier.notify(trx, await moderatorsOf(trx, board), { kind: 'community.moderation', title: `待审核回复：${thread.title}`, body: `${board.name}版块有新回复等待审核。`, link: '/community/moderation' });
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
    const view = await this.view(caller);
    return this.db.transaction().execute(async (trx) => {
      const found = await trx.selectFrom('community_posts').select(['thread_id']).where('id', '=', postId).executeTakeFirst();
      if (!found) throw notFound('帖子');
      const { thread, board } = await this.readableThread(trx, view, found.thread_id);
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
      await trx.insertInto('community_post_edits').values({ post_id: postId, editor_account_id: caller.accountId, previous_title: post.is_opening ? thread.title : null, previous_body_html: post.body_html, previous_status: post.status }).execute();
      await trx
        .updateTable('community_posts')
        .set({ body_html: p.html, body_text: p.text, search: searchVector(title === null ? p.text : `${title}\n${p.text}`), mentions: p.mentions, status, edited_at: clock.now(), updated_at: clock.now() })
        .where('id', '=', postId)
        .execute();
      if (p.fileIds.length) await trx.updateTable('community_files').set({ post_id: postId }).where('id', 'in', p.fileIds).where('post_id', 'is', null).execute();
      if (post.is_opening) await trx.updateTable('community_threads').set({ title: title ?? thread.title, status, updated_at: clock.now() }).where('id', '=', thread.id).execute();
      else if (status !== post.status) await trx.updateTable('community_threads').set({ reply_count: sql<number>`greatest(reply_count - 1, 0)` }).where('id', '=', thread.id).execute();
      await recordAudit(trx, actor, { action: 'community.post.edit', targetType: 'community_post', targetId: postId, details: { threadId: thread.id, isOpening: post.is_opening, titleChanged: post.is_opening && title !== thread.title, from: post.status, status } });
      const shownTitle = title ?? thread.title;
      if (status === 'published') {
        const added = p.mentions.filter((id) => !post.mentions.map(Number).includes(id));
        await this.notifyMentions(trx, board, added, post.author_name, shownTitle, thread.id);
      } else if (status !== post.status) {
        await this.notifier.notify(trx, await moderatorsOf(trx, board), { kind: 'community.moderation', title: `待审核的修改：${shownTitle}`, body: `${board.name}版块有帖子修改后等待审核。`, link: '/community/moderation' });
      }
      return { id: postId, status };
    });
  }

  /** What the edits of a post replaced, newest first: for the board's moderators and the author. */
  async edits(caller: SessionAccount, postId: number) {
    const view = await this.view(caller);
    const post = await this.db.selectFrom('community_posts').select(['thread_id', 'author_account_id']).where('id', '=', postId).executeTakeFirst();
    if (!post) throw notFound('帖子');
    const { board } = await this.readableThread(this.db, view, post.thread_id);
    if (!board.canModerate && post.author_account_id !== caller.accountId) throw forbidden('仅版主可查看编辑记录');
    const rows = await this.db
      .selectFrom('community_post_edits as e')
      .select(['e.id', 'e.editor_account_id', 'e.previous_title', 'e.previous_body_html', 'e.previous_status', 'e.edited_at'])
      .where('e.post_id', '=', postId)
      .orderBy('e.id', 'desc')
      .execute();
    const names = await realNames(this.db, [...new Set(rows.map((r) => r.editor_account_id))]);
    return rows.map((r) => ({ id: r.id, editorName: names.get(r.editor_account_id)?.name ?? null, previousTitle: r.previous_title, previousBodyHtml: r.previous_body_html, previousStatus: r.previous_status, editedAt: r.edited_at }));
  }

  private async notifyMentions(trx: Kysely<DB>, board: BoardView, mentions: number[], authorName: string, title: string, threadId: number) {
    await notifyNaming(trx, this.notifier, await this.mentionable(trx, board, mentions), authorName, (name) => ({
      kind: 'community.mention',
      title: `${name} 在“${title}”中提到了您`,
      body: `${board.name}版块`,
      link: `/community/threads/${threadId}`,
    }));
  }

  async like(caller: SessionAccount, postId: number, liked: boolean) {
    const view = await this.view(caller);
    return this.db.transaction().execute(async (trx) => {
      const post = await trx.selectFrom('community_posts').select(['id', 'thread_id', 'status']).where('id', '=', postId).executeTakeFirst();
      if (!post) throw notFound('帖子');
      await this.readableThread(trx, view, post.thread_id);
      if (post.status !== 'published') throw stateError('该帖子未发布');
      const changed = liked
        ? await trx.insertInto('community_likes').values({ post_id: postId, account_id: caller.accountId }).onConflict((oc) => oc.doNothing()).executeTakeFirst()
        : await trx.deleteFrom('community_likes').where('post_id', '=', postId).where('account_id', '=', caller.accountId).executeTakeFirst();
      const n = Number('numInsertedOrUpdatedRows' in changed ? (changed.numInsertedOrUpdatedRows ?? 0n) : changed.numDeletedRows);
      if (n > 0) await trx.updateTable('community_posts').set({ like_count: sql<number>`like_count + ${liked ? 1 : -1}` }).where('id', '=', postId).execute();
      const row = await trx.selectFrom('community_posts').select('like_count').where('id', '=', postId).executeTakeFirstOrThrow();
      return { liked, likeCount: row.like_count };
    });
  }

  async subscribe(caller: SessionAccount, threadId: number, on: boolean) {
    const view = await this.view(caller);
    await this.readableThread(this.db, view, threadId);
    if (on) await this.db.insertInto('community_subscriptions').values({ thread_id: threadId, account_id: caller.accountId }).onConflict((oc) => oc.doNothing()).execute();
    else await this.db.deleteFrom('community_subscriptions').where('thread_id', '=', threadId).where('account_id', '=', caller.accountId).execute();
    return { subscribed: on };
  }

  /** The author of a question accepts one reply as its answer (or changes it). */
  async accept(caller: SessionAccount, actor: Actor, threadId: number, postId: number) {
    const view = await this.view(caller);
    await this.db.transaction().execute(async (trx) => {
      const { thread } = await this.readableThread(trx, view, threadId);
      if (thread.author_account_id !== caller.accountId) throw forbidden('只有提问者可以采纳答案');
      if (thread.kind !== 'question') throw stateError('只有问题帖可以采纳答案');
      const post = await trx.selectFrom('community_posts').select(['id', 'author_account_id', 'is_opening', 'status']).where('id', '=', postId).where('thread_id', '=', threadId).executeTakeFirst();
      if (!post || post.is_opening || post.status !== 'published') throw invalid('postId', '请选择本主题下已发布的回复');
      if (thread.accepted_post_id === postId) throw stateError('该回复已被采纳');
      await trx.updateTable('community_threads').set({ accepted_post_id: postId, updated_at: clock.now() }).where('id', '=', threadId).execute();
      if (thread.accepted_post_id !== null) await revokeContribution(trx, answerRef(thread.accepted_post_id), '提问者改为采纳其他回答');
      if (post.author_account_id !== caller.accountId) await creditContribution(trx, post.author_account_id, answerRef(postId), `回答被采纳：${thread.title}`);
      await recordAudit(trx, actor, { action: 'community.thread.accept', targetType: 'community_thread', targetId: threadId, details: { postId } });
      if (post.author_account_id !== caller.accountId) {
        await this.notifier.notify(trx, [post.author_account_id], { kind: 'community.accepted', title: `您的回答被采纳：${thread.title}`, body: '感谢您的分享。', link: `/community/threads/${threadId}` });
      }
    });
  }

  async report(caller: SessionAccount, actor: Actor, postId: number, reason: string) {
    const view = await this.view(caller);
    await this.db.transaction().execute(async (trx) => {
      const post = await trx.selectFrom('community_posts').select(['id', 'thread_id', 'author_account_id']).where('id', '=', postId).executeTakeFirst();
      if (!post) throw notFound('帖子');
      const { board, thread } = await this.readableThread(trx, view, post.thread_id);
      if (post.author_account_id === caller.accountId) throw stateError('不能举报自己的帖子');
      const row = await trx.insertInto('community_reports').values({ post_id: postId, reporter_account_id: caller.accountId, reason }).onConflict((oc) => oc.doNothing()).returning('id').executeTakeFirst();
      if (!row) throw stateError('您已举报过该帖子，请等待处理');
      await recordAudit(trx, actor, { action: 'community.post.report', targetType: 'community_post', targetId: postId, details: { reason } });
      await this.notifier.notify(trx, await moderatorsOf(trx, board), { kind: 'community.moderation', title: `举报：${thread.title}`, body: reason, link: '/community/moderation' });
    });
  }

  /** Officers a post may mention: those who can read the board, by name. */
  async mentionCandidates(caller: SessionAccount, boardId: number, q: string) {
    const view = await this.view(caller);
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
      query = query.where((eb) => eb.exists(eb.selectFrom('community_members as m').whereRef('m.account_id', '=', 'a.id').where('m.organisation_id', '=', orgId).where('m.status', '=', 'active')));
    }
    const rows = await query.orderBy('p.name').limit(10).execute();
    const names = await realNames(this.db, rows.map((r) => r.id));
    return rows.map((r) => ({ accountId: r.id, name: names.get(r.id)?.name ?? '', enterpriseName: names.get(r.id)?.org ?? null }));
  }
}

function isProvinceManager(view: CommunityView): boolean {
  return isBureauManager(view.caller) && view.caller.orgUnitKind === 'province';
}

/** Whether the author may still edit a post of this status in this thread (see ForumService.edit). */
function mayEdit(board: BoardView, thread: { locked: boolean }, status: string): boolean {
  if (status !== 'published' && status !== 'pending') return false;
  if (board.canModerate) return true;
  return board.canPost && !thread.locked;
}

function bannedMessage(view: CommunityView, board: BoardView): string | null {
  if (board.organisationId === null) return null;
  const until = view.orgs.get(board.organisationId)?.bannedUntil;
  return until ? `您在本组织被禁言至 ${until.toLocaleString('zh-CN', { timeZone: 'Asia/Shanghai' })}` : null;
}

/** Counts a published reply on its thread and tells the thread's followers. */
export async function publishReply(trx: Kysely<DB>, notifier: Notifier, threadId: number, postId: number, authorAccountId: number, authorName: string, title: string): Promise<void> {
  await trx.updateTable('community_threads').set({ reply_count: sql<number>`reply_count + 1`, last_posted_at: clock.now() }).where('id', '=', threadId).execute();
  const followers = await trx.selectFrom('community_subscriptions').select('account_id').where('thread_id', '=', threadId).where('account_id', '!=', authorAccountId).execute();
  await notifyNaming(
    trx,
    notifier,
    followers.map((f) => f.account_id),
    authorName,
    (name) => ({ kind: 'community.reply', title: `${name} 回复了“${title}”`, body: '您关注的主题有新回复。', link: `/community/threads/${threadId}#post-${postId}` }),
  );
}

/** Accounts that moderate a board: the organisation's admins, or for public boards the province bureau. */
export async function moderatorsOf(trx: Kysely<DB> | Transaction<DB>, board: BoardView): Promise<number[]> {
  if (board.organisationId !== null) {
    const rows = await trx.selectFrom('community_members').select('account_id').where('organisation_id', '=', board.organisationId).where('is_admin', '=', true).where('status', '=', 'active').execute();
    return rows.map((r) => r.account_id);
  }
  const rows = await trx.selectFrom('accounts as a').innerJoin('org_units as o', 'o.id', 'a.org_unit_id').select('a.id').where('a.role', '=', 'province_admin').where('a.status', '=', 'active').where('o.kind', '=', 'province').execute();
  return rows.map((r) => r.id);
}
