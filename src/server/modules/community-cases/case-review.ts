import { sql, type Kysely } from 'kysely';
import { caseCreditMinutes } from '../../../domain/community-cases';
import { todayInChina } from '../../../domain/working-days';
import { recordAudit, type Actor } from '../../audit/audit-log';
import { scopeOf } from '../../auth/scope';
import type { SessionAccount } from '../../auth/session-store';
import type { DB } from '../../db/types';
import { Notifier } from '../notifications/notifier';
import { communityCreditRule, creditCommunityContribution, revokeCommunityCredit } from '../community/credit-rule';
import { clock } from '../../clock';
import { authorOf, expectStatus, listQuery, lockReviewableCase } from './case-rows';

const notifier = new Notifier();

/** Credits the author under the province's rule for a published case (idempotent: re-featuring replaces the line). */
async function creditCase(
  trx: Kysely<DB>,
  row: { id: number; person_id: number; title: string; featured: boolean; published_at: Date | null },
): Promise<number> {
  const rule = await communityCreditRule(trx);
  return creditCommunityContribution(trx, rule, {
    personId: row.person_id,
    sourceRef: `case:${row.id}`,
    title: `经验案例：${row.title}`,
    occurredOn: todayInChina(row.published_at ?? clock.now()),
    minutes: caseCreditMinutes(rule, row.featured),
  });
}

/** A bureau's review of the 经验案例 of its region: the queue, returning, publishing (with the author's study credit), featuring, unpublishing. */
export class CaseReview {
  constructor(private readonly db: Kysely<DB>) {}

  /** The review queue of a bureau: cases of its region by status. */
  async reviewQueue(caller: SessionAccount, status: 'submitted' | 'published' | 'returned' | 'all', page: number, pageSize: number) {
    let q = listQuery(this.db).where(scopeOf(caller).region('c.org_unit_id'));
    q = status === 'all' ? q.where('c.status', 'in', ['submitted', 'published', 'returned']) : q.where('c.status', '=', status);
    const total = await q
      .clearSelect()
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    const items = await q
      .orderBy('c.submitted_at', 'asc')
      .orderBy('c.id')
      .limit(pageSize)
      .offset((page - 1) * pageSize)
      .execute();
    return { items, total: Number(total.n), page, pageSize };
  }

  async returnCase(caller: SessionAccount, actor: Actor, id: number, remarks: string): Promise<void> {
    await this.db.transaction().execute(async (trx) => {
      const row = await lockReviewableCase(trx, caller, id);
      expectStatus(row.status, ['submitted'], '退回');
      await trx
        .updateTable('cases')
        .set({
          version: sql<number>`version + 1`,
          status: 'returned',
          review_remarks: remarks,
          reviewed_at: clock.now(),
          reviewed_by: caller.accountId,
          updated_at: clock.now(),
        })
        .where('id', '=', id)
        .execute();
      await recordAudit(trx, actor, { action: 'case.return', targetType: 'case', targetId: id, details: { remarks } });
      await notifier.notify(trx, authorOf(row), {
        kind: 'case.returned',
        title: '经验案例被退回修改',
        body: `《${row.title}》：${remarks}`,
        link: `/community/cases/${id}`,
      });
    });
  }

  /** Publishes a submitted case and credits the author's study account in the same transaction. */
  async publish(caller: SessionAccount, actor: Actor, id: number, featured: boolean, remarks?: string): Promise<number> {
    return this.db.transaction().execute(async (trx) => {
      const row = await lockReviewableCase(trx, caller, id);
      expectStatus(row.status, ['submitted'], '发布');
      const now = clock.now();
      await trx
        .updateTable('cases')
        .set({
          version: sql<number>`version + 1`,
          status: 'published',
          featured,
          published_at: now,
          reviewed_at: now,
          reviewed_by: caller.accountId,
          review_remarks: remarks ?? null,
          updated_at: now,
        })
        .where('id', '=', id)
        .execute();
      const minutes = await creditCase(trx, { ...row, featured, published_at: now });
      await recordAudit(trx, actor, { action: 'case.publish', targetType: 'case', targetId: id, details: { featured, creditedMinutes: minutes } });
      await notifier.notify(trx, authorOf(row), {
        kind: 'case.published',
        title: featured ? '经验案例已发布并入选精选' : '经验案例已发布',
        body: `《${row.title}》已发布到案例库${minutes > 0 ? `，计入年度学时 ${String(minutes)} 分钟` : ''}。`,
        link: `/community/cases/${id}`,
      });
      return minutes;
    });
  }

  /** Marks or unmarks a published case as featured; the author's credit follows. */
  async setFeatured(caller: SessionAccount, actor: Actor, id: number, featured: boolean): Promise<number> {
    return this.db.transaction().execute(async (trx) => {
      const row = await lockReviewableCase(trx, caller, id);
      expectStatus(row.status, ['published'], featured ? '设为精选' : '取消精选');
      await trx
        .updateTable('cases')
        .set({ version: sql<number>`version + 1`, featured, updated_at: clock.now() })
        .where('id', '=', id)
        .execute();
      const minutes = await creditCase(trx, { ...row, featured });
      await recordAudit(trx, actor, {
        action: featured ? 'case.feature' : 'case.unfeature',
        targetType: 'case',
        targetId: id,
        details: { creditedMinutes: minutes },
      });
      return minutes;
    });
  }

  /** Takes a published case out of the library (back to the author with remarks) and revokes its study minutes. */
  async unpublish(caller: SessionAccount, actor: Actor, id: number, remarks: string): Promise<void> {
    await this.db.transaction().execute(async (trx) => {
      const row = await lockReviewableCase(trx, caller, id);
      expectStatus(row.status, ['published'], '撤销发布');
      await trx
        .updateTable('cases')
        .set({
          version: sql<number>`version + 1`,
          status: 'returned',
          featured: false,
          review_remarks: remarks,
          reviewed_at: clock.now(),
          reviewed_by: caller.accountId,
          updated_at: clock.now(),
        })
        .where('id', '=', id)
        .execute();
      const revoked = await revokeCommunityCredit(trx, `case:${id}`, `案例撤销发布：${remarks}`);
      await recordAudit(trx, actor, { action: 'case.unpublish', targetType: 'case', targetId: id, details: { remarks, revokedLines: revoked } });
      await notifier.notify(trx, authorOf(row), {
        kind: 'case.unpublished',
        title: '经验案例已撤销发布',
        body: `《${row.title}》：${remarks}`,
        link: `/community/cases/${id}`,
      });
    });
  }
}
