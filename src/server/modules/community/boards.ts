import { recordAudit, type Actor } from '../../audit/audit-log';
import type { SessionAccount } from '../../auth/session-store';
import type { Database } from '../../db/database';
import { forbidden } from '../../errors';
import { CommunityView, isBureauManager } from './access';
import { clock } from '../../clock';
import { hidesNames, maskAuthor } from './name-mask';
import { forumView, PAGE_SIZE, type BoardInput } from './forum-common';

/** The forum's boards: those the caller reads, creating and configuring them, and a board's thread list. */
export class ForumBoards {
  constructor(private readonly db: Database) {}

  async boards(caller: SessionAccount) {
    const view = await forumView(this.db, caller);
    const boards = [...view.boards.values()].filter((b) => b.canRead);
    if (boards.length === 0) return [];
    const stats = await this.db
      .selectFrom('community_threads')
      .select(['board_id', (eb) => eb.fn.countAll<number>().as('threads'), (eb) => eb.fn.max('last_posted_at').as('last')])
      .where(
        'board_id',
        'in',
        boards.map((b) => b.id),
      )
      .where('status', '=', 'published')
      .groupBy('board_id')
      .execute();
    const byBoard = new Map(stats.map((s) => [s.board_id, s]));
    return boards.map((b) => ({ ...b, threadCount: Number(byBoard.get(b.id)?.threads ?? 0), lastPostedAt: byBoard.get(b.id)?.last ?? null }));
  }

  async createBoard(caller: SessionAccount, actor: Actor, input: BoardInput) {
    const view = await forumView(this.db, caller);
    if (input.organisationId === null) {
      if (!isProvinceManager(view)) throw forbidden('公共版块由省局设置');
    } else {
      view.managedOrg(input.organisationId);
    }
    return this.db.transaction().execute(async (trx) => {
      const row = await trx
        .insertInto('community_boards')
        .values({
          organisation_id: input.organisationId,
          name: input.name,
          description: input.description ?? null,
          read_access: input.readAccess,
          post_access: input.postAccess,
          moderation: input.moderation,
          sort: input.sort ?? 0,
          created_by: caller.accountId,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      await recordAudit(trx, actor, { action: 'community.board.create', targetType: 'community_board', targetId: row.id, details: { ...input } });
      return { id: row.id };
    });
  }

  async updateBoard(caller: SessionAccount, actor: Actor, id: number, input: Omit<BoardInput, 'organisationId'>) {
    const view = await forumView(this.db, caller);
    const board = view.board(id);
    if (!board.canModerate) throw forbidden('仅版主可修改版块设置');
    await this.db.transaction().execute(async (trx) => {
      await trx
        .updateTable('community_boards')
        .set({
          name: input.name,
          description: input.description,
          read_access: input.readAccess,
          post_access: input.postAccess,
          moderation: input.moderation,
          sort: input.sort,
          status: input.status,
          updated_at: clock.now(),
        })
        .where('id', '=', id)
        .execute();
      await recordAudit(trx, actor, { action: 'community.board.update', targetType: 'community_board', targetId: id, details: { ...input } });
    });
  }

  async threads(caller: SessionAccount, boardId: number, page: number, pageSize = PAGE_SIZE) {
    const view = await forumView(this.db, caller);
    const board = view.board(boardId);
    let q = this.db
      .selectFrom('community_threads as t')
      .innerJoin('community_posts as p', (j) => j.onRef('p.thread_id', '=', 't.id').on('p.is_opening', '=', true))
      .where('t.board_id', '=', boardId);
    if (!board.canModerate) q = q.where((eb) => eb.or([eb('t.status', '=', 'published'), eb('t.author_account_id', '=', caller.accountId)]));
    const [items, total] = await Promise.all([
      q
        .select([
          't.id',
          't.kind',
          't.title',
          't.status',
          't.locked',
          't.pinned',
          't.featured',
          't.accepted_post_id',
          't.reply_count',
          't.last_posted_at',
          't.created_at',
          't.author_account_id',
          'p.author_name',
          'p.author_org',
          'p.like_count',
        ])
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
      items: items.map((t) =>
        maskAuthor(
          {
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
          },
          hide,
          t.author_account_id === caller.accountId,
        ),
      ),
      total: Number(total.n),
      page,
      pageSize,
    };
  }
}

function isProvinceManager(view: CommunityView): boolean {
  return isBureauManager(view.caller) && view.caller.orgUnitKind === 'province';
}
