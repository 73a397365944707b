import { sql } from 'kysely';
import { hasPermission } from '../../../domain/permissions';
import { EXPERT_STATUSES, EXPERT_TASK_KINDS } from '../../../domain/supervision';
import { recordAudit, type Actor } from '../../audit/audit-log';
import { scopeOf } from '../../auth/scope';
import type { SessionAccount } from '../../auth/session-store';
import type { Database } from '../../db/database';
import type { ExpertStatus } from '../../db/tables-supervision';
import { conflict, forbidden, notFound, stateError } from '../../errors';
import { Notifier } from '../notifications/notifier';
import { activeBan } from './ban';
import { clock } from '../../clock';

const memberColumns = [
  'm.id',
  'm.person_id as personId',
  'p.name as personName',
  'p.position_title as positionTitle',
  'm.org_unit_id as orgUnitId',
  'o.name as orgUnitName',
  'm.fields',
  'm.industry_section as industrySection',
  'm.note',
  'm.status',
  'm.responded_at as respondedAt',
  'm.created_at as createdAt',
  sql<
    string | null
  >`(select e.name from filings f join enterprises e on e.id = f.enterprise_id where f.person_id = m.person_id and f.status = 'active' order by f.id desc limit 1)`.as(
    'enterpriseName',
  ),
  sql<number>`(select count(*) from expert_draws d where d.member_id = m.id)`.as('drawCount'),
] as const;

/**
 * 专家库: bureaus nominate officers (an active filing in their region) with their fields of expertise; the officer
 * accepts or declines; bureaus in scope search the pool and record draws (assignments to a diagnosis or review).
 */
export class ExpertPoolService {
  constructor(
    private readonly db: Database,
    private readonly notifier = new Notifier(),
  ) {}

  private base() {
    return this.db.selectFrom('expert_pool_members as m').innerJoin('persons as p', 'p.id', 'm.person_id').innerJoin('org_units as o', 'o.id', 'm.org_unit_id');
  }

  private assertBureau(caller: SessionAccount, permission: 'supervision:read' | 'supervision:manage') {
    if (!hasPermission(caller.role, permission)) throw forbidden();
  }

  async list(
    caller: SessionAccount,
    f: { status?: ExpertStatus | undefined; q?: string | undefined; industrySection?: string | undefined },
    page: number,
    pageSize: number,
  ) {
    this.assertBureau(caller, 'supervision:read');
    let q = this.base().where(scopeOf(caller).region('m.org_unit_id'));
    if (f.status) q = q.where('m.status', '=', f.status);
    if (f.industrySection) q = q.where('m.industry_section', '=', f.industrySection);
    if (f.q) {
      const like = `%${f.q}%`;
      q = q.where((eb) => eb.or([eb('p.name', 'like', like), sql<boolean>`array_to_string(m.fields, ' ') like ${like}`]));
    }
    const [{ total }, items] = await Promise.all([
      q.select((eb) => eb.fn.countAll<number>().as('total')).executeTakeFirstOrThrow(),
      q
        .select(memberColumns)
        .orderBy('m.id', 'desc')
        .limit(pageSize)
        .offset((page - 1) * pageSize)
        .execute(),
    ]);
    return { items: items.map((r) => ({ ...r, drawCount: Number(r.drawCount) })), total: Number(total) };
  }

  async get(caller: SessionAccount, id: number) {
    let q = this.base().select(memberColumns).where('m.id', '=', id);
    if (hasPermission(caller.role, 'supervision:read')) q = q.where(scopeOf(caller).region('m.org_unit_id'));
    else if (hasPermission(caller.role, 'officer_profile:manage')) q = q.where('p.account_id', '=', caller.accountId);
    else throw forbidden();
    const member = await q.executeTakeFirst();
    if (!member) throw notFound('专家库成员');
    const draws = await this.db
      .selectFrom('expert_draws as d')
      .innerJoin('org_units as o', 'o.id', 'd.org_unit_id')
      .select([
        'd.id',
        'd.task_kind as taskKind',
        'd.task_title as taskTitle',
        'd.task_date as taskDate',
        'd.note',
        'o.name as orgUnitName',
        'd.created_at as createdAt',
      ])
      .where('d.member_id', '=', id)
      .orderBy('d.id', 'desc')
      .execute();
    return { ...member, drawCount: Number(member.drawCount), draws };
  }

  /** The officer's own nominations and draws. */
  async mine(caller: SessionAccount) {
    if (!hasPermission(caller.role, 'officer_profile:manage')) throw forbidden();
    const rows = await this.base().select('m.id').where('p.account_id', '=', caller.accountId).execute();
    return Promise.all(rows.map((r) => this.get(caller, r.id)));
  }

  async nominate(
    caller: SessionAccount,
    actor: Actor,
    input: { filingId: number; fields: string[]; industrySection?: string | null | undefined; note?: string | null | undefined },
  ) {
    this.assertBureau(caller, 'supervision:manage');
    const id = await this.db.transaction().execute(async (trx) => {
      const filing = await trx
        .selectFrom('filings as f')
        .innerJoin('enterprises as e', 'e.id', 'f.enterprise_id')
        .innerJoin('persons as p', 'p.id', 'f.person_id')
        .select(['f.person_id', 'f.status', 'e.org_unit_id', 'e.industry_section', 'p.account_id', 'p.name'])
        .where('f.id', '=', input.filingId)
        .where(scopeOf(caller).region('e.org_unit_id'))
        .executeTakeFirst();
      if (!filing) throw notFound('备案');
      if (filing.status !== 'active') throw stateError('只能推荐在任的首席质量官入库');
      if (await activeBan(trx, filing.person_id)) throw conflict('该人员在黑名单禁入期内，不能入库');
      const existing = await trx
        .selectFrom('expert_pool_members')
        .select(['id', 'status'])
        .where('person_id', '=', filing.person_id)
        .forUpdate()
        .executeTakeFirst();
      if (existing && (existing.status === 'nominated' || existing.status === 'active'))
        throw conflict(`该人员已在专家库中（${EXPERT_STATUSES[existing.status]}）`);
      const values = {
        person_id: filing.person_id,
        org_unit_id: filing.org_unit_id,
        fields: input.fields,
        industry_section: input.industrySection ?? filing.industry_section ?? null,
        note: input.note ?? null,
        status: 'nominated' as const,
        nominated_by: caller.accountId,
        responded_at: null,
        updated_at: clock.now(),
      };
      const memberId = existing
        ? (await trx.updateTable('expert_pool_members').set(values).where('id', '=', existing.id).returning('id').executeTakeFirstOrThrow()).id
        : (await trx.insertInto('expert_pool_members').values(values).returning('id').executeTakeFirstOrThrow()).id;
      await recordAudit(trx, actor, {
        action: 'expert.nominate',
        targetType: 'expert',
        targetId: memberId,
        details: { personId: filing.person_id, fields: input.fields },
      });
      if (filing.account_id) {
        await this.notifier.notify(trx, [filing.account_id], {
          kind: 'expert.nominated',
          title: '您被推荐进入首席质量官专家库',
          body: `${caller.orgUnitName}推荐您进入专家库（${input.fields.join('、')}），请确认是否接受。`,
          link: '/me/experts',
        });
      }
      return memberId;
    });
    return this.get(caller, id);
  }

  /** The officer accepts a nomination, or declines (also leaving the pool later). */
  async respond(caller: SessionAccount, actor: Actor, id: number, accept: boolean) {
    if (!hasPermission(caller.role, 'officer_profile:manage')) throw forbidden('由本人确认');
    await this.db.transaction().execute(async (trx) => {
      const m = await trx
        .selectFrom('expert_pool_members as m')
        .innerJoin('persons as p', 'p.id', 'm.person_id')
        .select(['m.id', 'm.status', 'm.nominated_by'])
        .where('m.id', '=', id)
        .where('p.account_id', '=', caller.accountId)
        .forUpdate(['m'])
        .executeTakeFirst();
      if (!m) throw notFound('专家库成员');
      const allowed = accept ? m.status === 'nominated' : m.status === 'nominated' || m.status === 'active';
      if (!allowed) throw stateError(`当前状态为“${EXPERT_STATUSES[m.status]}”，不能${accept ? '接受' : '谢绝'}`);
      await trx
        .updateTable('expert_pool_members')
        .set({ status: accept ? 'active' : 'declined', responded_at: clock.now(), updated_at: clock.now() })
        .where('id', '=', id)
        .execute();
      await recordAudit(trx, actor, { action: accept ? 'expert.accept' : 'expert.decline', targetType: 'expert', targetId: id });
      await this.notifier.notify(trx, [m.nominated_by], {
        kind: 'expert.response',
        title: accept ? '专家库推荐已接受' : '专家库推荐被谢绝',
        body: `${caller.displayName}${accept ? '已接受' : '谢绝了'}专家库推荐。`,
        link: '/supervision/experts',
      });
    });
    return this.get(caller, id);
  }

  async withdraw(caller: SessionAccount, actor: Actor, id: number, reason: string) {
    this.assertBureau(caller, 'supervision:manage');
    await this.db.transaction().execute(async (trx) => {
      const m = await trx
        .selectFrom('expert_pool_members as m')
        .select(['m.id', 'm.status'])
        .where('m.id', '=', id)
        .where(scopeOf(caller).region('m.org_unit_id'))
        .forUpdate()
        .executeTakeFirst();
      if (!m) throw notFound('专家库成员');
      if (m.status !== 'nominated' && m.status !== 'active') throw stateError(`当前状态为“${EXPERT_STATUSES[m.status]}”，不能移出`);
      await trx.updateTable('expert_pool_members').set({ status: 'withdrawn', note: reason, updated_at: clock.now() }).where('id', '=', id).execute();
      await recordAudit(trx, actor, { action: 'expert.withdraw', targetType: 'expert', targetId: id, details: { reason } });
    });
    return this.get(caller, id);
  }

  /** Records a draw: an accepted member assigned to a diagnosis or review task of the calling bureau. */
  async draw(
    caller: SessionAccount,
    actor: Actor,
    id: number,
    input: { taskKind: 'diagnosis' | 'review'; taskTitle: string; taskDate: string; note?: string | null | undefined },
  ) {
    this.assertBureau(caller, 'supervision:manage');
    await this.db.transaction().execute(async (trx) => {
      const m = await trx
        .selectFrom('expert_pool_members as m')
        .innerJoin('persons as p', 'p.id', 'm.person_id')
        .select(['m.id', 'm.status', 'p.account_id'])
        .where('m.id', '=', id)
        .where(scopeOf(caller).region('m.org_unit_id'))
        .forUpdate(['m'])
        .executeTakeFirst();
      if (!m) throw notFound('专家库成员');
      if (m.status !== 'active') throw stateError(`当前状态为“${EXPERT_STATUSES[m.status]}”，只能抽取在库专家`);
      const row = await trx
        .insertInto('expert_draws')
        .values({
          member_id: id,
          org_unit_id: caller.orgUnitId,
          task_kind: input.taskKind,
          task_title: input.taskTitle,
          task_date: input.taskDate,
          note: input.note ?? null,
          drawn_by: caller.accountId,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      await recordAudit(trx, actor, {
        action: 'expert.draw',
        targetType: 'expert',
        targetId: id,
        details: { drawId: row.id, taskKind: input.taskKind, taskTitle: input.taskTitle },
      });
      if (m.account_id) {
        await this.notifier.notify(trx, [m.account_id], {
          kind: 'expert.drawn',
          title: `专家抽取：${EXPERT_TASK_KINDS[input.taskKind]}`,
          body: `${caller.orgUnitName}抽取您参加“${input.taskTitle}”（${input.taskDate}）。`,
          link: '/me/experts',
        });
      }
    });
    return this.get(caller, id);
  }
}
