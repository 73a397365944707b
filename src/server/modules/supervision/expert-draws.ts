import { randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import { hasPermission } from '../../../domain/permissions';
import { DRAW_AVOIDANCE, EXPERT_TASK_KINDS, type DrawAvoidance, type ExpertRandomDrawInput } from '../../../domain/supervision';
import { recordAudit, type Actor } from '../../audit/audit-log';
import { scopeOf } from '../../auth/scope';
import type { SessionAccount } from '../../auth/session-store';
import type { Database } from '../../db/database';
import { AppError, conflict, forbidden, notFound, stateError } from '../../errors';
import { clock } from '../../clock';
import { Notifier } from '../notifications/notifier';
import { poolHash, seededOrder } from './seeded-order';

type Excluded = { memberId: number; reason: string };

/**
 * 随机抽取专家 (policy 三.5): a bureau draws N experts at random from its filtered pool. Members of the enterprise
 * diagnosed or reviewed, of its county, with a declared conflict or under a ban are avoided. The seed, the pool and the
 * avoided members are kept with the batch and in the audit log, so `verify` re-runs the draw from the log and checks
 * every recorded position; a refusal is recorded and the next member of the seeded order replaces it.
 */
export class ExpertDrawService {
  constructor(
    private readonly db: Database,
    private readonly notifier = new Notifier(),
  ) {}

  private assertBureau(caller: SessionAccount, permission: 'supervision:read' | 'supervision:manage') {
    if (!hasPermission(caller.role, permission)) throw forbidden();
  }

  async draw(caller: SessionAccount, actor: Actor, input: ExpertRandomDrawInput) {
    this.assertBureau(caller, 'supervision:manage');
    const id = await this.db.transaction().execute(async (trx) => {
      let subject: { id: number; orgUnitId: number; name: string } | null = null;
      if (input.subjectEnterpriseId) {
        const e = await trx
          .selectFrom('enterprises')
          .select(['id', 'org_unit_id as orgUnitId', 'name'])
          .where('id', '=', input.subjectEnterpriseId)
          .where(scopeOf(caller).region('org_unit_id'))
          .executeTakeFirst();
        if (!e)
          throw new AppError(404, 'NOT_FOUND', '被诊断（评审）企业不存在或不在管辖范围内', [{ path: 'subjectEnterpriseId', message: '企业不在管辖范围内' }]);
        subject = e;
      }
      const like = input.field ? `%${input.field}%` : null;
      const members = await trx
        .selectFrom('expert_pool_members as m')
        .select([
          'm.id',
          'm.person_id as personId',
          sql<number | null>`(select f.enterprise_id from filings f where f.person_id = m.person_id and f.status = 'active' order by f.id desc limit 1)`.as(
            'enterpriseId',
          ),
          sql<number>`coalesce((select e.org_unit_id from filings f join enterprises e on e.id = f.enterprise_id where f.person_id = m.person_id and f.status = 'active' order by f.id desc limit 1), m.org_unit_id)`.as(
            'countyId',
          ),
          sql<boolean>`exists (select 1 from sanctions s where s.person_id = m.person_id and s.kind = 'blacklist' and s.status = 'in_force' and s.ban_end >= ${clock.today()}::date)`.as(
            'banned',
          ),
        ])
        .where('m.status', '=', 'active')
        .where(scopeOf(caller).region('m.org_unit_id'))
        .$if(Boolean(input.industrySection), (q) => q.where('m.industry_section', '=', input.industrySection ?? ''))
        .$if(like !== null, (q) => q.where(sql<boolean>`array_to_string(m.fields, ' ') like ${like}`))
        .orderBy('m.id')
        .execute();
      const inPool = new Set(members.map((m) => m.id));
      const unknown = input.conflicts.findIndex((c) => !inPool.has(c.memberId));
      if (unknown >= 0)
        throw new AppError(422, 'RULE', '申报利益冲突的专家不在本次筛选的专家库中', [
          { path: `conflicts.${String(unknown)}.memberId`, message: '不在本次筛选的专家库中' },
        ]);
      const declared = new Map(input.conflicts.map((c) => [c.memberId, c.reason]));
      const excluded: Excluded[] = [];
      const pool: number[] = [];
      for (const m of members) {
        const why: DrawAvoidance | null =
          subject && m.enterpriseId === subject.id
            ? 'same_enterprise'
            : subject && Number(m.countyId) === subject.orgUnitId
              ? 'same_county'
              : declared.has(m.id)
                ? 'declared_conflict'
                : m.banned
                  ? 'blacklisted'
                  : null;
        if (why)
          excluded.push({ memberId: m.id, reason: why === 'declared_conflict' ? `${DRAW_AVOIDANCE[why]}：${declared.get(m.id) ?? ''}` : DRAW_AVOIDANCE[why] });
        else pool.push(m.id);
      }
      if (pool.length < input.count)
        throw conflict(`符合条件的专家只有 ${String(pool.length)} 人（已回避 ${String(excluded.length)} 人），不足抽取人数 ${String(input.count)} 人`, [
          { path: 'count', message: `可抽取 ${String(pool.length)} 人` },
        ]);
      // 96 random bits in groups of four hex digits (the audit log masks unbroken hex runs as if they were tokens)
      const seed = (randomBytes(12).toString('hex').match(/.{4}/g) ?? []).join('-');
      const order = seededOrder(seed, pool);
      const hash = poolHash(pool, excluded);
      const filters = {
        industrySection: input.industrySection ?? null,
        field: input.field ?? null,
        subjectEnterpriseId: subject?.id ?? null,
        subjectEnterpriseName: subject?.name ?? null,
      };
      const batch = await trx
        .insertInto('expert_draw_batches')
        .values({
          org_unit_id: caller.orgUnitId,
          task_kind: input.taskKind,
          task_title: input.taskTitle,
          task_date: input.taskDate,
          requested: input.count,
          filters: JSON.stringify(filters),
          seed,
          pool: JSON.stringify(pool),
          excluded: JSON.stringify(excluded),
          pool_hash: hash,
          drawn_by: caller.accountId,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      const drawn = order.slice(0, input.count);
      await trx
        .insertInto('expert_draws')
        .values(
          drawn.map((memberId, i) => ({
            member_id: memberId,
            org_unit_id: caller.orgUnitId,
            task_kind: input.taskKind,
            task_title: input.taskTitle,
            task_date: input.taskDate,
            drawn_by: caller.accountId,
            batch_id: batch.id,
            position: i + 1,
          })),
        )
        .execute();
      await recordAudit(trx, actor, {
        action: 'expert.draw.random',
        targetType: 'expert_draw_batch',
        targetId: batch.id,
        details: { seed, pool, excluded, requested: input.count, drawn, filters },
      });
      await this.notifyDrawn(trx, drawn, caller.orgUnitName, input.taskKind, input.taskTitle, input.taskDate);
      return batch.id;
    });
    return this.get(caller, id);
  }

  private async notifyDrawn(trx: Database, memberIds: number[], bureau: string, kind: keyof typeof EXPERT_TASK_KINDS, title: string, date: string) {
    if (memberIds.length === 0) return;
    const accounts = await trx
      .selectFrom('expert_pool_members as m')
      .innerJoin('persons as p', 'p.id', 'm.person_id')
      .select('p.account_id')
      .where('m.id', 'in', memberIds)
      .where('p.account_id', 'is not', null)
      .execute();
    const ids = accounts.map((a) => a.account_id).filter((a): a is number => a !== null);
    if (ids.length)
      await this.notifier.notify(trx, ids, {
        kind: 'expert.drawn',
        title: `专家抽取：${EXPERT_TASK_KINDS[kind]}`,
        body: `${bureau}随机抽取您参加“${title}”（${date}）。`,
        link: '/me/experts',
      });
  }

  async list(caller: SessionAccount, page: number, pageSize: number) {
    this.assertBureau(caller, 'supervision:read');
    const q = this.db
      .selectFrom('expert_draw_batches as b')
      .innerJoin('org_units as o', 'o.id', 'b.org_unit_id')
      .where(scopeOf(caller).region('b.org_unit_id'));
    const [{ total }, items] = await Promise.all([
      q.select((eb) => eb.fn.countAll<number>().as('total')).executeTakeFirstOrThrow(),
      q
        .select([
          'b.id',
          'b.task_kind as taskKind',
          'b.task_title as taskTitle',
          'b.task_date as taskDate',
          'b.requested',
          'o.name as orgUnitName',
          'b.created_at as createdAt',
        ])
        .select(sql<number>`jsonb_array_length(b.pool)`.as('poolSize'))
        .select(sql<number>`jsonb_array_length(b.excluded)`.as('excludedCount'))
        .orderBy('b.id', 'desc')
        .limit(pageSize)
        .offset((page - 1) * pageSize)
        .execute(),
    ]);
    return { items: items.map((r) => ({ ...r, poolSize: Number(r.poolSize), excludedCount: Number(r.excludedCount) })), total: Number(total) };
  }

  private async batchInScope(db: Database, caller: SessionAccount, id: number) {
    const b = await db
      .selectFrom('expert_draw_batches as b')
      .innerJoin('org_units as o', 'o.id', 'b.org_unit_id')
      .selectAll('b')
      .select('o.name as orgUnitName')
      .where('b.id', '=', id)
      .where(scopeOf(caller).region('b.org_unit_id'))
      .executeTakeFirst();
    if (!b) throw notFound('专家抽取记录');
    return b;
  }

  async get(caller: SessionAccount, id: number) {
    this.assertBureau(caller, 'supervision:read');
    const b = await this.batchInScope(this.db, caller, id);
    const memberIds = [...b.pool, ...b.excluded.map((e) => e.memberId)];
    const names = new Map(
      memberIds.length === 0
        ? []
        : (
            await this.db
              .selectFrom('expert_pool_members as m')
              .innerJoin('persons as p', 'p.id', 'm.person_id')
              .innerJoin('org_units as o', 'o.id', 'm.org_unit_id')
              .select(['m.id', 'p.name', 'o.name as orgUnitName'])
              .where('m.id', 'in', memberIds)
              .execute()
          ).map((r) => [r.id, { name: r.name, orgUnitName: r.orgUnitName }]),
    );
    const draws = await this.db
      .selectFrom('expert_draws as d')
      .select([
        'd.id',
        'd.member_id as memberId',
        'd.position',
        'd.status',
        'd.refusal_reason as refusalReason',
        'd.replaces_draw_id as replacesDrawId',
        'd.created_at as createdAt',
      ])
      .where('d.batch_id', '=', id)
      .orderBy('d.position')
      .execute();
    return {
      id: b.id,
      orgUnitName: b.orgUnitName,
      taskKind: b.task_kind,
      taskTitle: b.task_title,
      taskDate: b.task_date,
      requested: b.requested,
      // as draw() stored them
      filters: b.filters as { industrySection: string | null; field: string | null; subjectEnterpriseId: number | null; subjectEnterpriseName: string | null },
      seed: b.seed,
      poolHash: b.pool_hash,
      pool: b.pool.map((m) => ({ memberId: m, ...(names.get(m) ?? { name: '—', orgUnitName: '—' }) })),
      excluded: b.excluded.map((e) => ({ ...e, ...(names.get(e.memberId) ?? { name: '—', orgUnitName: '—' }) })),
      draws: draws.map((d) => ({ ...d, ...(names.get(d.memberId) ?? { name: '—', orgUnitName: '—' }) })),
      createdAt: b.created_at,
      canManage: hasPermission(caller.role, 'supervision:manage'),
    };
  }

  /** A drawn expert refuses (told to the bureau): recorded with the reason, and the next member of the seeded order replaces them. */
  async refuse(caller: SessionAccount, actor: Actor, drawId: number, reason: string) {
    this.assertBureau(caller, 'supervision:manage');
    const batchId = await this.db.transaction().execute(async (trx) => {
      const d = await trx
        .selectFrom('expert_draws')
        .select(['id', 'batch_id', 'member_id', 'status', 'task_kind', 'task_title', 'task_date'])
        .where('id', '=', drawId)
        .where(scopeOf(caller).region('org_unit_id'))
        .forUpdate()
        .executeTakeFirst();
      if (!d || d.batch_id === null) throw notFound('随机抽取记录');
      if (d.status !== 'assigned') throw stateError('该专家已谢绝，已由下一位递补');
      const b = await this.batchInScope(trx, caller, d.batch_id);
      await trx
        .updateTable('expert_draws')
        .set({ status: 'refused', refusal_reason: reason })
        .where('id', '=', drawId)
        .where('status', '=', 'assigned')
        .execute();
      const taken = await trx
        .selectFrom('expert_draws')
        .select((eb) => eb.fn.max('position').as('last'))
        .where('batch_id', '=', b.id)
        .executeTakeFirstOrThrow();
      const position = Number(taken.last ?? 0) + 1;
      const order = seededOrder(b.seed, b.pool);
      const next = order[position - 1];
      let replacement: number | null = null;
      if (next !== undefined) {
        const row = await trx
          .insertInto('expert_draws')
          .values({
            member_id: next,
            org_unit_id: b.org_unit_id,
            task_kind: d.task_kind,
            task_title: d.task_title,
            task_date: d.task_date,
            drawn_by: caller.accountId,
            batch_id: b.id,
            position,
            replaces_draw_id: drawId,
          })
          .returning('id')
          .executeTakeFirstOrThrow();
        replacement = row.id;
        await this.notifyDrawn(trx, [next], caller.orgUnitName, d.task_kind, d.task_title, d.task_date);
      }
      await recordAudit(trx, actor, {
        action: 'expert.draw.refuse',
        targetType: 'expert_draw_batch',
        targetId: b.id,
        details: {
          drawId,
          memberId: d.member_id,
          reason,
          replacementDrawId: replacement,
          replacementMemberId: next ?? null,
          position: next === undefined ? null : position,
        },
      });
      return b.id;
    });
    return this.get(caller, batchId);
  }

  /**
   * Re-runs a draw from what the audit log recorded (seed, pool, avoided members) and checks it against the batch:
   * the fingerprint, and the member at every recorded position (first draws and replacements).
   */
  async verify(caller: SessionAccount, id: number) {
    this.assertBureau(caller, 'supervision:read');
    const b = await this.batchInScope(this.db, caller, id);
    const logged = await this.db
      .selectFrom('audit_events')
      .select('details')
      .where('action', '=', 'expert.draw.random')
      .where('target_type', '=', 'expert_draw_batch')
      .where('target_id', '=', String(id))
      .executeTakeFirst();
    const log = (logged?.details ?? null) as { seed?: string; pool?: number[]; excluded?: Excluded[] } | null;
    if (!log?.seed || !log.pool || !log.excluded) return { consistent: false, problems: ['审计日志中没有本次抽取的种子和候选名单'], order: [] as number[] };
    const problems: string[] = [];
    if (log.seed !== b.seed) problems.push('抽取记录的种子与审计日志不一致');
    if (poolHash(log.pool, log.excluded) !== b.pool_hash) problems.push('审计日志中的候选名单与抽取记录的指纹不一致');
    const order = seededOrder(log.seed, log.pool);
    const draws = await this.db.selectFrom('expert_draws').select(['position', 'member_id']).where('batch_id', '=', id).orderBy('position').execute();
    for (const d of draws) {
      const expected = order[(d.position ?? 0) - 1];
      if (expected !== d.member_id) problems.push(`第 ${String(d.position)} 位应为专家 ${String(expected ?? '—')}，记录为 ${String(d.member_id)}`);
    }
    return { consistent: problems.length === 0, problems, seed: log.seed, order, checked: draws.length };
  }
}
