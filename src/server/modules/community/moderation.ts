import { sql, type Kysely } from 'kysely';
import { recordAudit, type Actor } from '../../audit/audit-log';
import type { SessionAccount } from '../../auth/session-store';
import type { Database } from '../../db/database';
import type { DB } from '../../db/types';
import { conflict, forbidden, invalid, notFound, stateError } from '../../errors';
import { Notifier } from '../notifications/notifier';
import { CommunityView, isBureauManager, requireCommunity } from './access';
import { answerRef, creditContribution, featuredRef, revokeContribution } from './credit';
import { publishReply } from './forum-common';
import { clock } from '../../clock';

/** The review queue and the moderators' actions; every one audited in its transaction. */
export class ModerationService {
  private readonly notifier = new Notifier();
  constructor(private readonly db: Database) {}

  private async view(caller: SessionAccount) {
    requireCommunity(caller);
    return CommunityView.load(this.db, caller);
  }

  /** Posts awaiting approval (pre-moderated boards) and posts with open reports, in boards the caller moderates. */
  async queue(caller: SessionAccount) {
    const view = await this.view(caller);
    const boards = view.moderatedBoardIds();
    if (boards.length === 0) return [];
    const rows = await this.db
      .selectFrom('community_posts as p')
      .innerJoin('community_threads as t', 't.id', 'p.thread_id')
      .innerJoin('community_boards as b', 'b.id', 'p.board_id')
      .select([
        'p.id',
        'p.thread_id',
        'p.is_opening',
        'p.author_name',
        'p.author_org',
        'p.body_html',
        'p.status',
        'p.created_at',
        't.title',
        't.locked',
        'b.name as board_name',
      ])
      .select(
        sql<
          { id: number; reason: string; created_at: string }[]
        >`coalesce((select json_agg(json_build_object('id', r.id, 'reason', r.reason, 'created_at', r.created_at) order by r.id) from community_reports r where r.post_id = p.id and r.status = 'open'), '[]'::json)`.as(
          'reports',
        ),
      )
      .where('p.board_id', 'in', boards)
      .where((eb) =>
        eb.or([
          eb('p.status', '=', 'pending'),
          eb.exists(eb.selectFrom('community_reports as r').whereRef('r.post_id', '=', 'p.id').where('r.status', '=', 'open')),
        ]),
      )
      .orderBy('p.id')
      .limit(200)
      .execute();
    return rows.map((r) => ({
      postId: r.id,
      threadId: r.thread_id,
      isOpening: r.is_opening,
      title: r.title,
      boardName: r.board_name,
      authorName: r.author_name,
      authorOrg: r.author_org,
      bodyHtml: r.body_html,
      status: r.status,
      locked: r.locked,
      createdAt: r.created_at,
      reports: r.reports.map((x) => ({ id: x.id, reason: x.reason, createdAt: new Date(x.created_at) })),
    }));
  }

  private async moderatedPost(trx: Kysely<DB>, view: CommunityView, postId: number) {
    const post = await trx.selectFrom('community_posts').selectAll().where('id', '=', postId).forUpdate().executeTakeFirst();
    if (!post) throw notFound('帖子');
    const board = view.boards.get(post.board_id);
    if (!board?.canRead) throw notFound('帖子');
    if (!board.canModerate) throw forbidden('仅版主可处理帖子');
    const thread = await trx.selectFrom('community_threads').selectAll().where('id', '=', post.thread_id).forUpdate().executeTakeFirstOrThrow();
    return { post, board, thread };
  }

  /**
   * approve: a pending post is published; hide: a post (the opening post hides the thread) is hidden with a
   * reason and its open reports upheld; restore: a hidden post is shown again; dismiss: open reports are closed.
   */
  async decide(caller: SessionAccount, actor: Actor, postId: number, decision: 'approve' | 'hide' | 'restore' | 'dismiss', reason: string | null) {
    const view = await this.view(caller);
    await this.db.transaction().execute(async (trx) => {
      const { post, thread } = await this.moderatedPost(trx, view, postId);
      const setStatus = async (status: 'published' | 'hidden', statusReason: string | null) => {
        await trx.updateTable('community_posts').set({ status, status_reason: statusReason, updated_at: clock.now() }).where('id', '=', postId).execute();
        if (post.is_opening) await trx.updateTable('community_threads').set({ status, updated_at: clock.now() }).where('id', '=', thread.id).execute();
      };
      const closeReports = (status: 'upheld' | 'dismissed') =>
        trx
          .updateTable('community_reports')
          .set({ status, decided_by: caller.accountId, decided_at: clock.now() })
          .where('post_id', '=', postId)
          .where('status', '=', 'open')
          .executeTakeFirst();
      if (decision === 'approve') {
        if (post.status !== 'pending') throw stateError('该帖子不在待审核状态');
        await setStatus('published', null);
        // a reply that was published before an edit sent it back for review is counted again, not announced again
        const republished =
          !post.is_opening &&
          (await trx
            .selectFrom('community_post_edits')
            .select('id')
            .where('post_id', '=', postId)
            .where('previous_status', '=', 'published')
            .limit(1)
            .executeTakeFirst()) !== undefined;
        if (republished)
          await trx
            .updateTable('community_threads')
            .set({ reply_count: sql<number>`reply_count + 1` })
            .where('id', '=', thread.id)
            .execute();
        else if (!post.is_opening) await publishReply(trx, this.notifier, thread.id, postId, post.author_account_id, post.author_name, thread.title);
        await this.notifier.notify(trx, [post.author_account_id], {
          kind: 'community.approved',
          title: `您的帖子已通过审核：${thread.title}`,
          body: '已发布。',
          link: `/community/threads/${thread.id}`,
        });
      } else if (decision === 'hide') {
        if (post.status === 'hidden') throw stateError('该帖子已隐藏');
        if (!reason) throw invalid('reason', '请填写隐藏理由');
        const wasPublished = post.status === 'published';
        await setStatus('hidden', reason);
        if (!post.is_opening && wasPublished) {
          await trx
            .updateTable('community_threads')
            .set({ reply_count: sql<number>`greatest(reply_count - 1, 0)` })
            .where('id', '=', thread.id)
            .execute();
          if (thread.accepted_post_id === postId) {
            await trx.updateTable('community_threads').set({ accepted_post_id: null }).where('id', '=', thread.id).execute();
            await revokeContribution(trx, answerRef(postId), '回答已被隐藏');
          }
        }
        if (post.is_opening && thread.featured) await revokeContribution(trx, featuredRef(thread.id), '主题已被隐藏');
        await closeReports('upheld');
        await this.notifier.notify(trx, [post.author_account_id], {
          kind: 'community.hidden',
          title: `您的帖子已被隐藏：${thread.title}`,
          body: `理由：${reason}`,
          link: `/community/threads/${thread.id}`,
        });
      } else if (decision === 'restore') {
        if (post.status !== 'hidden') throw stateError('该帖子未被隐藏');
        await setStatus('published', null);
        if (!post.is_opening)
          await trx
            .updateTable('community_threads')
            .set({ reply_count: sql<number>`reply_count + 1` })
            .where('id', '=', thread.id)
            .execute();
        if (post.is_opening && thread.featured) await creditContribution(trx, thread.author_account_id, featuredRef(thread.id), `精华主题：${thread.title}`);
      } else {
        const closed = await closeReports('dismissed');
        if (Number(closed.numUpdatedRows) === 0) throw stateError('该帖子没有待处理的举报');
      }
      await recordAudit(trx, actor, {
        action: `community.post.${decision}`,
        targetType: 'community_post',
        targetId: postId,
        details: { threadId: thread.id, reason, from: post.status },
      });
    });
  }

  /** Thread flags: lock, pin, feature. */
  async flag(caller: SessionAccount, actor: Actor, threadId: number, flag: 'locked' | 'pinned' | 'featured', on: boolean) {
    const view = await this.view(caller);
    await this.db.transaction().execute(async (trx) => {
      const thread = await this.moderatedThread(trx, view, threadId);
      if (thread[flag] === on) throw stateError('状态未改变');
      await trx
        .updateTable('community_threads')
        .set({ [flag]: on, updated_at: clock.now() })
        .where('id', '=', threadId)
        .execute();
      if (flag === 'featured' && on) await creditContribution(trx, thread.author_account_id, featuredRef(threadId), `精华主题：${thread.title}`);
      if (flag === 'featured' && !on) await revokeContribution(trx, featuredRef(threadId), '取消精华');
      const action = { locked: on ? 'lock' : 'unlock', pinned: on ? 'pin' : 'unpin', featured: on ? 'feature' : 'unfeature' }[flag];
      await recordAudit(trx, actor, {
        action: `community.thread.${action}`,
        targetType: 'community_thread',
        targetId: threadId,
        details: { title: thread.title },
      });
    });
  }

  /** Moves a thread to another board the caller moderates. */
  async move(caller: SessionAccount, actor: Actor, threadId: number, boardId: number) {
    const view = await this.view(caller);
    const target = view.boards.get(boardId);
    if (!target?.canModerate) throw invalid('boardId', '目标版块不存在或您不是其版主');
    await this.db.transaction().execute(async (trx) => {
      const thread = await this.moderatedThread(trx, view, threadId);
      if (thread.board_id === boardId) throw stateError('主题已在该版块');
      await trx.updateTable('community_threads').set({ board_id: boardId, updated_at: clock.now() }).where('id', '=', threadId).execute();
      await trx.updateTable('community_posts').set({ board_id: boardId }).where('thread_id', '=', threadId).execute();
      await recordAudit(trx, actor, {
        action: 'community.thread.move',
        targetType: 'community_thread',
        targetId: threadId,
        details: { from: thread.board_id, to: boardId },
      });
    });
  }

  private async moderatedThread(trx: Kysely<DB>, view: CommunityView, threadId: number) {
    const thread = await trx.selectFrom('community_threads').selectAll().where('id', '=', threadId).forUpdate().executeTakeFirst();
    const board = thread ? view.boards.get(thread.board_id) : undefined;
    if (!thread || !board?.canRead) throw notFound('主题');
    if (!board.canModerate) throw forbidden('仅版主可处理主题');
    return thread;
  }

  /**
   * Province-wide words (read by every bureau, changed only by the province bureau) and an organisation's own
   * words (its admins). `change` asks for the right to add or remove.
   */
  async words(caller: SessionAccount, organisationId: number | null, change = false) {
    const view = await this.view(caller);
    if (organisationId !== null) view.managedOrg(organisationId);
    else if (!isBureauManager(caller)) throw forbidden('全省敏感词由主管局维护');
    else if (change && caller.orgUnitKind !== 'province') throw forbidden('全省敏感词只能由省局修改');
    return this.db
      .selectFrom('community_sensitive_words')
      .select(['id', 'word', 'organisation_id as organisationId', 'created_at as createdAt'])
      .where((eb) => (organisationId === null ? eb('organisation_id', 'is', null) : eb('organisation_id', '=', organisationId)))
      .orderBy('word')
      .execute();
  }

  async addWord(caller: SessionAccount, actor: Actor, organisationId: number | null, word: string) {
    await this.words(caller, organisationId, true);
    return this.db.transaction().execute(async (trx) => {
      const row = await trx
        .insertInto('community_sensitive_words')
        .values({ organisation_id: organisationId, word, created_by: caller.accountId })
        .onConflict((oc) => oc.doNothing())
        .returning('id')
        .executeTakeFirst();
      if (!row) throw conflict('该敏感词已存在', [{ path: 'word', message: '已存在' }]);
      await recordAudit(trx, actor, {
        action: 'community.word.add',
        targetType: 'community_sensitive_word',
        targetId: row.id,
        details: { word, organisationId },
      });
      return { id: row.id };
    });
  }

  async removeWord(caller: SessionAccount, actor: Actor, id: number) {
    const row = await this.db.selectFrom('community_sensitive_words').select(['id', 'word', 'organisation_id']).where('id', '=', id).executeTakeFirst();
    if (!row) throw notFound('敏感词');
    await this.words(caller, row.organisation_id, true);
    await this.db.transaction().execute(async (trx) => {
      await trx.deleteFrom('community_sensitive_words').where('id', '=', id).execute();
      await recordAudit(trx, actor, { action: 'community.word.remove', targetType: 'community_sensitive_word', targetId: id, details: { word: row.word } });
    });
  }
}
