import { sql } from 'kysely';
import { recordAudit, type Actor } from '../../audit/audit-log';
import type { SessionAccount } from '../../auth/session-store';
import type { Database } from '../../db/database';
import { forbidden, invalid, notFound, stateError } from '../../errors';
import { Notifier } from '../notifications/notifier';
import { answerRef, creditContribution, revokeContribution } from './credit';
import { clock } from '../../clock';
import { hidesNames, maskAuthor, maskMentions } from './name-mask';
import { forumView, mayEdit, moderatorsOf, PAGE_SIZE, readableThread } from './forum-common';

/** Reading a thread and acting on it: likes, following, accepting an answer, reporting a post. */
export class ForumService {
  private readonly notifier = new Notifier();
  constructor(private readonly db: Database) {}

  async thread(caller: SessionAccount, threadId: number, page: number, pageSize = PAGE_SIZE) {
    const view = await forumView(this.db, caller);
    const { thread, board } = await readableThread(this.db, view, threadId);
    let q = this.db.selectFrom('community_posts').where('thread_id', '=', threadId);
    if (!board.canModerate) q = q.where((eb) => eb.or([eb('status', '=', 'published'), eb('author_account_id', '=', caller.accountId)]));
    const [posts, total, subscribed] = await Promise.all([
      q
        .select([
          'id',
          'is_opening',
          'author_account_id',
          'author_name',
          'author_org',
          'body_html',
          'mentions',
          'status',
          'status_reason',
          'like_count',
          'edited_at',
          'created_at',
        ])
        .select((eb) =>
          eb
            .exists(eb.selectFrom('community_likes as l').whereRef('l.post_id', '=', 'community_posts.id').where('l.account_id', '=', caller.accountId))
            .as('liked'),
        )
        .select(
          sql<
            { id: number; name: string; bytes: number }[] | null
          >`(select json_agg(json_build_object('id', f.id, 'name', f.name, 'bytes', f.bytes) order by f.id) from community_files f where f.post_id = community_posts.id and not f.is_image)`.as(
            'files',
          ),
        )
        .orderBy('id')
        .limit(pageSize)
        .offset((page - 1) * pageSize)
        .execute(),
      q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
      this.db
        .selectFrom('community_subscriptions')
        .select('thread_id')
        .where('thread_id', '=', threadId)
        .where('account_id', '=', caller.accountId)
        .executeTakeFirst(),
    ]);
    const openReports =
      board.canModerate && posts.length
        ? await this.db
            .selectFrom('community_reports')
            .select(['post_id', (eb) => eb.fn.countAll<number>().as('n')])
            .where(
              'post_id',
              'in',
              posts.map((p) => p.id),
            )
            .where('status', '=', 'open')
            .groupBy('post_id')
            .execute()
        : [];
    const hide = await hidesNames(this.db, caller);
    const all = posts.map((p) =>
      maskAuthor(
        {
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
        },
        hide,
        p.author_account_id === caller.accountId,
      ),
    );
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

  async like(caller: SessionAccount, postId: number, liked: boolean) {
    const view = await forumView(this.db, caller);
    return this.db.transaction().execute(async (trx) => {
      const post = await trx.selectFrom('community_posts').select(['id', 'thread_id', 'status']).where('id', '=', postId).executeTakeFirst();
      if (!post) throw notFound('帖子');
      await readableThread(trx, view, post.thread_id);
      if (post.status !== 'published') throw stateError('该帖子未发布');
      const changed = liked
        ? await trx
            .insertInto('community_likes')
            .values({ post_id: postId, account_id: caller.accountId })
            .onConflict((oc) => oc.doNothing())
            .executeTakeFirst()
        : await trx.deleteFrom('community_likes').where('post_id', '=', postId).where('account_id', '=', caller.accountId).executeTakeFirst();
      const n = Number('numInsertedOrUpdatedRows' in changed ? (changed.numInsertedOrUpdatedRows ?? 0n) : changed.numDeletedRows);
      if (n > 0)
        await trx
          .updateTable('community_posts')
          .set({ like_count: sql<number>`like_count + ${liked ? 1 : -1}` })
          .where('id', '=', postId)
          .execute();
      const row = await trx.selectFrom('community_posts').select('like_count').where('id', '=', postId).executeTakeFirstOrThrow();
      return { liked, likeCount: row.like_count };
    });
  }

  async subscribe(caller: SessionAccount, threadId: number, on: boolean) {
    const view = await forumView(this.db, caller);
    await readableThread(this.db, view, threadId);
    if (on)
      await this.db
        .insertInto('community_subscriptions')
        .values({ thread_id: threadId, account_id: caller.accountId })
        .onConflict((oc) => oc.doNothing())
        .execute();
    else await this.db.deleteFrom('community_subscriptions').where('thread_id', '=', threadId).where('account_id', '=', caller.accountId).execute();
    return { subscribed: on };
  }

  /** The author of a question accepts one reply as its answer (or changes it). */
  async accept(caller: SessionAccount, actor: Actor, threadId: number, postId: number) {
    const view = await forumView(this.db, caller);
    await this.db.transaction().execute(async (trx) => {
      const { thread } = await readableThread(trx, view, threadId);
      if (thread.author_account_id !== caller.accountId) throw forbidden('只有提问者可以采纳答案');
      if (thread.kind !== 'question') throw stateError('只有问题帖可以采纳答案');
      const post = await trx
        .selectFrom('community_posts')
        .select(['id', 'author_account_id', 'is_opening', 'status'])
        .where('id', '=', postId)
        .where('thread_id', '=', threadId)
        .executeTakeFirst();
      if (!post || post.is_opening || post.status !== 'published') throw invalid('postId', '请选择本主题下已发布的回复');
      if (thread.accepted_post_id === postId) throw stateError('该回复已被采纳');
      await trx.updateTable('community_threads').set({ accepted_post_id: postId, updated_at: clock.now() }).where('id', '=', threadId).execute();
      if (thread.accepted_post_id !== null) await revokeContribution(trx, answerRef(thread.accepted_post_id), '提问者改为采纳其他回答');
      if (post.author_account_id !== caller.accountId) await creditContribution(trx, post.author_account_id, answerRef(postId), `回答被采纳：${thread.title}`);
      await recordAudit(trx, actor, { action: 'community.thread.accept', targetType: 'community_thread', targetId: threadId, details: { postId } });
      if (post.author_account_id !== caller.accountId) {
        await this.notifier.notify(trx, [post.author_account_id], {
          kind: 'community.accepted',
          title: `您的回答被采纳：${thread.title}`,
          body: '感谢您的分享。',
          link: `/community/threads/${threadId}`,
        });
      }
    });
  }

  async report(caller: SessionAccount, actor: Actor, postId: number, reason: string) {
    const view = await forumView(this.db, caller);
    await this.db.transaction().execute(async (trx) => {
      const post = await trx.selectFrom('community_posts').select(['id', 'thread_id', 'author_account_id']).where('id', '=', postId).executeTakeFirst();
      if (!post) throw notFound('帖子');
      const { board, thread } = await readableThread(trx, view, post.thread_id);
      if (post.author_account_id === caller.accountId) throw stateError('不能举报自己的帖子');
      const row = await trx
        .insertInto('community_reports')
        .values({ post_id: postId, reporter_account_id: caller.accountId, reason })
        .onConflict((oc) => oc.doNothing())
        .returning('id')
        .executeTakeFirst();
      if (!row) throw stateError('您已举报过该帖子，请等待处理');
      await recordAudit(trx, actor, { action: 'community.post.report', targetType: 'community_post', targetId: postId, details: { reason } });
      await this.notifier.notify(trx, await moderatorsOf(trx, board), {
        kind: 'community.moderation',
        title: `举报：${thread.title}`,
        body: reason,
        link: '/community/moderation',
      });
    });
  }
}
