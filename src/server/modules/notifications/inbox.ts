import type { SessionAccount } from '../../auth/session-store';
import { clock } from '../../clock';
import type { Database } from '../../db/database';
import { notFound } from '../../errors';

/** The caller's own notices: the bell's unread count, the list, marking read. */
export class NotificationInbox {
  constructor(private readonly db: Database) {}

  async list(caller: SessionAccount, query: { page: number; pageSize: number; unread?: boolean }) {
    const { page, pageSize, unread } = query;
    let q = this.db.selectFrom('notifications').where('account_id', '=', caller.accountId);
    if (unread) q = q.where('read_at', 'is', null);
    const [{ total }, { n }, items] = await Promise.all([
      q.select((eb) => eb.fn.countAll<number>().as('total')).executeTakeFirstOrThrow(),
      this.db
        .selectFrom('notifications')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('account_id', '=', caller.accountId)
        .where('read_at', 'is', null)
        .executeTakeFirstOrThrow(),
      q
        .select(['id', 'kind', 'title', 'body', 'link', 'read_at as readAt', 'created_at as createdAt'])
        .orderBy('id', 'desc')
        .limit(pageSize)
        .offset((page - 1) * pageSize)
        .execute(),
    ]);
    return { items, total: Number(total), unread: Number(n), page, pageSize };
  }

  async markRead(caller: SessionAccount, id: number): Promise<void> {
    const result = await this.db
      .updateTable('notifications')
      .set({ read_at: clock.now() })
      .where('id', '=', id)
      .where('account_id', '=', caller.accountId)
      .where('read_at', 'is', null)
      .executeTakeFirst();
    if (Number(result.numUpdatedRows) === 0) {
      const mine = await this.db.selectFrom('notifications').select('id').where('id', '=', id).where('account_id', '=', caller.accountId).executeTakeFirst();
      if (!mine) throw notFound('消息');
    }
  }

  async markAllRead(caller: SessionAccount): Promise<void> {
    await this.db.updateTable('notifications').set({ read_at: clock.now() }).where('account_id', '=', caller.accountId).where('read_at', 'is', null).execute();
  }
}
