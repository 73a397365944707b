import { sql, type Kysely, type Transaction } from 'kysely';
import { hasPermission } from '../../../domain/permissions';
import { checkPublish, rankByTotal, scoresSchema, SELECTION_STATUSES, weightedTotal, type SelectionInput } from '../../../domain/selection';
import { recordAudit, type Actor } from '../../audit/audit-log';
import { scopeOf } from '../../auth/scope';
import type { SessionAccount } from '../../auth/session-store';
import type { Database } from '../../db/database';
import type { DB } from '../../db/types';
import type { SelectionStatus } from '../../db/tables-selection';
import { updateVersioned } from '../../db/versioned';
import { conflict, forbidden, invalid, notFound, stateError } from '../../errors';
import { clock } from '../../clock';

type Db = Kysely<DB> | Transaction<DB>;

const label = (s: SelectionStatus) => SELECTION_STATUSES[s];

/**
 * 竞争聘用: the enterprise opens a selection (criteria with weights, the panel), adds candidates it recorded, scores
 * them, publishes the result for 公示, answers objections and concludes; the winner's filing then carries the
 * selection (`filings.selection_id`, set by the filing service). Bureaus read the selections of their region.
 */
export class SelectionService {
  constructor(private readonly db: Database) {}

  /** The caller's view of selections: an enterprise its own, a bureau (filings:read) its region, no one else. */
  private scoped(db: Db, caller: SessionAccount) {
    const base = db.selectFrom('competitive_selections as s').innerJoin('enterprises as e', 'e.id', 's.enterprise_id');
    if (hasPermission(caller.role, 'filings:manage')) {
      if (caller.enterpriseId === null) throw forbidden('企业注册尚未确认');
      return base.where('s.enterprise_id', '=', caller.enterpriseId);
    }
    if (hasPermission(caller.role, 'filings:read')) return base.where(scopeOf(caller).region('s.org_unit_id'));
    throw forbidden();
  }

  /** A page of the caller's selections, newest first, with the total of the filter. */
  async list(caller: SessionAccount, status: SelectionStatus | undefined, page: number, pageSize: number) {
    let q = this.scoped(this.db, caller);
    if (status) q = q.where('s.status', '=', status);
    const [{ total }, rows] = await Promise.all([
      q.select((eb) => eb.fn.countAll<number>().as('total')).executeTakeFirstOrThrow(),
      q
        .select([
          's.id',
          's.title',
          's.status',
          'e.name as enterpriseName',
          's.publicity_start as publicityStart',
          's.publicity_end as publicityEnd',
          's.created_at as createdAt',
          sql<number>`(select count(*) from selection_candidates c where c.selection_id = s.id)`.as('candidates'),
          sql<number>`(select count(*) from selection_objections o where o.selection_id = s.id and o.answer is null)`.as('openObjections'),
        ])
        .orderBy('s.id', 'desc')
        .limit(pageSize)
        .offset((page - 1) * pageSize)
        .execute(),
    ]);
    return { items: rows.map((r) => ({ ...r, candidates: Number(r.candidates), openObjections: Number(r.openObjections) })), total: Number(total) };
  }

  async get(caller: SessionAccount, id: number) {
    const s = await this.scoped(this.db, caller)
      .innerJoin('org_units as o', 'o.id', 's.org_unit_id')
      .selectAll('s')
      .select(['e.name as enterpriseName', 'o.name as orgUnitName'])
      .where('s.id', '=', id)
      .executeTakeFirst();
    if (!s) throw notFound('竞争聘用');
    const enterpriseSide = hasPermission(caller.role, 'filings:manage');
    const candidates = await this.db
      .selectFrom('selection_candidates as c')
      .innerJoin('persons as p', 'p.id', 'c.person_id')
      .innerJoin('candidates as k', (j) => j.onRef('k.enterprise_id', '=', 'c.enterprise_id').onRef('k.person_id', '=', 'c.person_id'))
      // an enterprise sees the name it typed; a bureau the name on file
      .select([
        'c.person_id as personId',
        'k.id as candidateId',
        enterpriseSide ? 'k.name as name' : 'p.name as name',
        'p.id_number_masked as idNumberMasked',
        'c.scores',
        'c.total',
      ])
      .where('c.selection_id', '=', id)
      .orderBy('c.added_at')
      .execute();
    const objections = await this.db
      .selectFrom('selection_objections')
      .select(['id', 'body', 'contact', 'filed_at as filedAt', 'answer', 'answered_at as answeredAt'])
      .where('selection_id', '=', id)
      .orderBy('id')
      .execute();
    const filing = await this.db.selectFrom('filings').select(['id', 'status']).where('selection_id', '=', id).orderBy('id', 'desc').executeTakeFirst();
    const today = clock.today();
    const manage = enterpriseSide;
    return {
      id: s.id,
      version: s.version,
      enterpriseId: s.enterprise_id,
      enterpriseName: s.enterpriseName,
      orgUnitName: s.orgUnitName,
      title: s.title,
      criteria: s.criteria,
      panel: s.panel,
      status: s.status,
      // the enterprise names persons by its candidate ids and is told no person id (issue 16 item 1)
      selectedPersonId: enterpriseSide ? null : s.selected_person_id,
      selectedCandidateId: enterpriseSide ? (candidates.find((c) => c.personId === s.selected_person_id)?.candidateId ?? null) : null,
      resultNote: s.result_note,
      publicityStart: s.publicity_start,
      publicityEnd: s.publicity_end,
      publishedAt: s.published_at,
      concludedAt: s.concluded_at,
      cancelReason: s.cancel_reason,
      createdAt: s.created_at,
      candidates: rankByTotal(
        candidates.map((c) => ({
          personId: enterpriseSide ? null : c.personId,
          candidateId: enterpriseSide ? c.candidateId : null,
          name: c.name,
          idNumberMasked: c.idNumberMasked,
          scores: c.scores,
          total: c.total === null ? null : Number(c.total),
        })),
      ),
      objections,
      filing: filing ?? null,
      // abilities, computed here so the page does not re-derive the rules
      canEdit: manage && s.status === 'open',
      canPublish: manage && s.status === 'open',
      canAnswer: manage && s.status === 'publicity',
      canConclude: manage && s.status === 'publicity' && s.publicity_end !== null && today > s.publicity_end && objections.every((o) => o.answer !== null),
      canCancel: manage && (s.status === 'open' || s.status === 'publicity'),
    };
  }

  /** The selection of the calling enterprise, locked, in one of the given states. */
  private async lockOwn(trx: Transaction<DB>, caller: SessionAccount, id: number, states: SelectionStatus[], doing: string) {
    if (!hasPermission(caller.role, 'filings:manage') || caller.enterpriseId === null) throw forbidden('仅企业可办理竞争聘用');
    const s = await trx
      .selectFrom('competitive_selections')
      .selectAll()
      .where('id', '=', id)
      .where('enterprise_id', '=', caller.enterpriseId)
      .forUpdate()
      .executeTakeFirst();
    if (!s) throw notFound('竞争聘用');
    if (!states.includes(s.status)) throw stateError(`当前状态为“${label(s.status)}”，不能${doing}`);
    return s;
  }

  async create(caller: SessionAccount, actor: Actor, input: SelectionInput) {
    if (!hasPermission(caller.role, 'filings:manage') || caller.enterpriseId === null) throw forbidden('仅企业可发起竞争聘用');
    const enterpriseId = caller.enterpriseId;
    const id = await this.db.transaction().execute(async (trx) => {
      const e = await trx.selectFrom('enterprises').select('org_unit_id').where('id', '=', enterpriseId).executeTakeFirstOrThrow();
      // one open selection per enterprise: the partial unique index decides (409)
      const row = await trx
        .insertInto('competitive_selections')
        .values({
          enterprise_id: enterpriseId,
          org_unit_id: e.org_unit_id,
          title: input.title,
          criteria: JSON.stringify(input.criteria),
          panel: input.panel,
          created_by: caller.accountId,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      await recordAudit(trx, actor, {
        action: 'selection.create',
        targetType: 'selection',
        targetId: row.id,
        details: { title: input.title, criteria: input.criteria },
      });
      return row.id;
    });
    return this.get(caller, id);
  }

  /** Changes title, criteria or panel while open; changed criteria clear the scores already given. */
  async update(caller: SessionAccount, actor: Actor, id: number, version: number, input: SelectionInput) {
    await this.db.transaction().execute(async (trx) => {
      const s = await this.lockOwn(trx, caller, id, ['open'], '修改');
      await updateVersioned(trx, 'competitive_selections', id, version, {
        title: input.title,
        criteria: JSON.stringify(input.criteria),
        panel: input.panel,
        updated_at: clock.now(),
      });
      const criteriaChanged = JSON.stringify(s.criteria) !== JSON.stringify(input.criteria);
      if (criteriaChanged) await trx.updateTable('selection_candidates').set({ scores: null, total: null }).where('selection_id', '=', id).execute();
      await recordAudit(trx, actor, { action: 'selection.update', targetType: 'selection', targetId: id, details: { criteriaChanged } });
    });
    return this.get(caller, id);
  }

  /**
   * The person behind one of the calling enterprise's own candidate ids: the enterprise names its candidates by
   * candidate id, never by person id (issue 16 item 1). `refuse` is the error when it is not one of its candidates.
   */
  private async personOf(caller: SessionAccount, candidateId: number, refuse: () => Error): Promise<number> {
    const row =
      caller.enterpriseId === null
        ? undefined
        : await this.db
            .selectFrom('candidates')
            .select('person_id')
            .where('enterprise_id', '=', caller.enterpriseId)
            .where('id', '=', candidateId)
            .executeTakeFirst();
    if (!row) throw refuse();
    return row.person_id;
  }

  async addCandidate(caller: SessionAccount, actor: Actor, id: number, candidateId: number) {
    const personId = await this.personOf(caller, candidateId, () => invalid('candidateId', '候选人须为本企业已登记的拟任人员'));
    await this.db.transaction().execute(async (trx) => {
      const s = await this.lockOwn(trx, caller, id, ['open'], '添加候选人');
      const recorded = await trx
        .selectFrom('candidates')
        .select('person_id')
        .where('enterprise_id', '=', s.enterprise_id)
        .where('person_id', '=', personId)
        .executeTakeFirst();
      if (!recorded) throw invalid('personId', '候选人须为本企业已登记的拟任人员');
      // the primary key refuses a candidate added twice (409)
      await trx.insertInto('selection_candidates').values({ selection_id: id, enterprise_id: s.enterprise_id, person_id: personId }).execute();
      await recordAudit(trx, actor, { action: 'selection.candidate.add', targetType: 'selection', targetId: id, details: { personId } });
    });
    return this.get(caller, id);
  }

  async removeCandidate(caller: SessionAccount, actor: Actor, id: number, candidateId: number) {
    const personId = await this.personOf(caller, candidateId, () => notFound('候选人'));
    await this.db.transaction().execute(async (trx) => {
      await this.lockOwn(trx, caller, id, ['open'], '移除候选人');
      const gone = await trx
        .deleteFrom('selection_candidates')
        .where('selection_id', '=', id)
        .where('person_id', '=', personId)
        .returning('person_id')
        .executeTakeFirst();
      if (!gone) throw notFound('候选人');
      await recordAudit(trx, actor, { action: 'selection.candidate.remove', targetType: 'selection', targetId: id, details: { personId } });
    });
    return this.get(caller, id);
  }

  /** The panel's scores of one candidate, one per criterion; the weighted total is computed here. */
  async score(caller: SessionAccount, actor: Actor, id: number, candidateId: number, scores: number[]) {
    const personId = await this.personOf(caller, candidateId, () => notFound('候选人'));
    await this.db.transaction().execute(async (trx) => {
      const s = await this.lockOwn(trx, caller, id, ['open'], '评分');
      const parsed = scoresSchema.length(s.criteria.length, { error: `应为每个评分项目（共 ${String(s.criteria.length)} 项）各给一个分数` }).safeParse(scores);
      if (!parsed.success) throw invalid('scores', parsed.error.issues[0]?.message ?? '分数不正确');
      const total = weightedTotal(s.criteria, parsed.data);
      const row = await trx
        .updateTable('selection_candidates')
        .set({ scores: JSON.stringify(parsed.data), total })
        .where('selection_id', '=', id)
        .where('person_id', '=', personId)
        .returning('person_id')
        .executeTakeFirst();
      if (!row) throw notFound('候选人');
      await recordAudit(trx, actor, { action: 'selection.score', targetType: 'selection', targetId: id, details: { personId, scores: parsed.data, total } });
    });
    return this.get(caller, id);
  }

  /** Publishes the result for 公示: the candidate selected (by the enterprise's candidate id) and the publicity period. */
  async publish(
    caller: SessionAccount,
    actor: Actor,
    id: number,
    version: number,
    sent: { selectedCandidateId: number; resultNote?: string | null | undefined; publicityStart: string; publicityEnd: string },
  ) {
    const { selectedCandidateId, ...rest } = sent;
    const input = {
      ...rest,
      selectedPersonId: await this.personOf(caller, selectedCandidateId, () => invalid('selectedCandidateId', '拟聘人选须为本次竞争聘用的候选人')),
    };
    await this.db.transaction().execute(async (trx) => {
      await this.lockOwn(trx, caller, id, ['open'], '发布公示');
      const candidates = await trx.selectFrom('selection_candidates').select(['person_id as personId', 'total']).where('selection_id', '=', id).execute();
      const refusal = checkPublish({
        candidates: candidates.map((c) => ({ personId: c.personId, total: c.total === null ? null : Number(c.total) })),
        selectedPersonId: input.selectedPersonId,
        resultNote: input.resultNote ?? null,
        publicityStart: input.publicityStart,
        publicityEnd: input.publicityEnd,
        today: clock.today(),
      });
      if (refusal) throw invalid(refusal.path, refusal.message);
      await updateVersioned(trx, 'competitive_selections', id, version, {
        status: 'publicity',
        selected_person_id: input.selectedPersonId,
        result_note: input.resultNote?.trim() || null,
        publicity_start: input.publicityStart,
        publicity_end: input.publicityEnd,
        published_at: clock.now(),
        updated_at: clock.now(),
      });
      await recordAudit(trx, actor, {
        action: 'selection.publish',
        targetType: 'selection',
        targetId: id,
        details: { selectedPersonId: input.selectedPersonId, publicityStart: input.publicityStart, publicityEnd: input.publicityEnd },
      });
    });
    return this.get(caller, id);
  }

  /** The enterprise answers an objection filed during the publicity. */
  async answer(caller: SessionAccount, actor: Actor, objectionId: number, answer: string) {
    const selectionId = await this.db.transaction().execute(async (trx) => {
      const o = await trx
        .selectFrom('selection_objections')
        .select(['id', 'selection_id', 'answer'])
        .where('id', '=', objectionId)
        .forUpdate()
        .executeTakeFirst();
      if (!o) throw notFound('异议');
      await this.lockOwn(trx, caller, o.selection_id, ['publicity'], '答复异议');
      if (o.answer !== null) throw conflict('该异议已答复');
      await trx
        .updateTable('selection_objections')
        .set({ answer, answered_by: caller.accountId, answered_at: clock.now() })
        .where('id', '=', objectionId)
        .execute();
      await recordAudit(trx, actor, { action: 'selection.objection.answer', targetType: 'selection', targetId: o.selection_id, details: { objectionId } });
      return o.selection_id;
    });
    return this.get(caller, selectionId);
  }

  /** After the publicity, with every objection answered, the selection concludes and the winner can be filed. */
  async conclude(caller: SessionAccount, actor: Actor, id: number, version: number) {
    await this.db.transaction().execute(async (trx) => {
      const s = await this.lockOwn(trx, caller, id, ['publicity'], '完成');
      if (s.publicity_end !== null && clock.today() <= s.publicity_end) throw stateError(`公示期至 ${s.publicity_end} 结束，结束后方可完成`);
      const open = await trx.selectFrom('selection_objections').select('id').where('selection_id', '=', id).where('answer', 'is', null).executeTakeFirst();
      if (open) throw stateError('尚有异议未答复，答复后方可完成');
      await updateVersioned(trx, 'competitive_selections', id, version, { status: 'concluded', concluded_at: clock.now(), updated_at: clock.now() });
      await recordAudit(trx, actor, {
        action: 'selection.conclude',
        targetType: 'selection',
        targetId: id,
        details: { selectedPersonId: s.selected_person_id },
      });
    });
    return this.get(caller, id);
  }

  async cancel(caller: SessionAccount, actor: Actor, id: number, version: number, reason: string) {
    await this.db.transaction().execute(async (trx) => {
      await this.lockOwn(trx, caller, id, ['open', 'publicity'], '取消');
      await updateVersioned(trx, 'competitive_selections', id, version, { status: 'cancelled', cancel_reason: reason, updated_at: clock.now() });
      await recordAudit(trx, actor, { action: 'selection.cancel', targetType: 'selection', targetId: id, details: { reason } });
    });
    return this.get(caller, id);
  }
}

/** The concluded selection an enterprise's filing of this person comes from (the newest), for `filings.selection_id`. */
export async function concludedSelectionOf(db: Db, enterpriseId: number, personId: number): Promise<number | null> {
  const row = await db
    .selectFrom('competitive_selections')
    .select('id')
    .where('enterprise_id', '=', enterpriseId)
    .where('selected_person_id', '=', personId)
    .where('status', '=', 'concluded')
    .orderBy('id', 'desc')
    .executeTakeFirst();
  return row?.id ?? null;
}
