import type { Transaction } from 'kysely';
import { hasPermission } from '../../../domain/permissions';
import { scopeOf } from '../../auth/scope';
import type { SessionAccount } from '../../auth/session-store';
import type { Database } from '../../db/database';
import type { DB } from '../../db/types';
import type { SanctionStatus } from '../../db/tables-supervision';
import { forbidden, notFound } from '../../errors';

const sanctionColumns = [
  's.id',
  's.kind',
  's.status',
  's.person_id as personId',
  'p.name as personName',
  'p.id_number_masked as idNumberMasked',
  's.enterprise_id as enterpriseId',
  'e.name as enterpriseName',
  'e.uscc',
  's.filing_id as filingId',
  's.org_unit_id as orgUnitId',
  'o.name as orgUnitName',
  's.incident_title as incidentTitle',
  's.incident_date as incidentDate',
  's.incident_description as incidentDescription',
  's.reason',
  's.ban_start as banStart',
  's.ban_end as banEnd',
  's.proposed_at as proposedAt',
  'pa.display_name as proposedByName',
  'pu.name as proposedByUnit',
  's.decision_reason as decisionReason',
  's.decided_at as decidedAt',
  's.removal_reason as removalReason',
  's.removed_at as removedAt',
  'n.notice_no as noticeNo',
] as const;

/** Reading 警示 and 黑名单 records: bureaus their region, an officer the decided ones about them, with appeals and evidence. */
export class SanctionViews {
  constructor(protected readonly db: Database) {}

  protected base(db: Database | Transaction<DB> = this.db) {
    return db
      .selectFrom('sanctions as s')
      .innerJoin('persons as p', 'p.id', 's.person_id')
      .innerJoin('enterprises as e', 'e.id', 's.enterprise_id')
      .innerJoin('org_units as o', 'o.id', 's.org_unit_id')
      .innerJoin('accounts as pa', 'pa.id', 's.proposed_by')
      .innerJoin('org_units as pu', 'pu.id', 'pa.org_unit_id')
      .leftJoin('blacklist_notices as n', 'n.sanction_id', 's.id');
  }

  /** Bureaus: their region; an officer: the decided sanctions about them; anyone else: refused. */
  private scoped(caller: SessionAccount) {
    if (hasPermission(caller.role, 'supervision:read')) return this.base().where(scopeOf(caller).region('s.org_unit_id'));
    if (hasPermission(caller.role, 'officer_profile:manage'))
      return this.base().where('p.account_id', '=', caller.accountId).where('s.status', 'in', ['in_force', 'removed']);
    throw forbidden();
  }

  async list(
    caller: SessionAccount,
    filter: { kind?: 'warning' | 'blacklist' | undefined; status?: SanctionStatus | undefined; q?: string | undefined },
    page: number,
    pageSize: number,
  ) {
    let q = this.scoped(caller);
    if (filter.kind) q = q.where('s.kind', '=', filter.kind);
    if (filter.status) q = q.where('s.status', '=', filter.status);
    if (filter.q) {
      const like = `%${filter.q}%`;
      q = q.where((eb) => eb.or([eb('p.name', 'like', like), eb('e.name', 'like', like), eb('s.incident_title', 'like', like)]));
    }
    const [{ total }, items] = await Promise.all([
      q.select((eb) => eb.fn.countAll<number>().as('total')).executeTakeFirstOrThrow(),
      q
        .select(sanctionColumns)
        .orderBy('s.id', 'desc')
        .limit(pageSize)
        .offset((page - 1) * pageSize)
        .execute(),
    ]);
    return { items, total: Number(total) };
  }

  async get(caller: SessionAccount, id: number) {
    const row = await this.scoped(caller).select(sanctionColumns).where('s.id', '=', id).executeTakeFirst();
    if (!row) throw notFound('警示或黑名单记录');
    const [appeals, attachments] = await Promise.all([
      this.db
        .selectFrom('sanction_appeals')
        .select(['id', 'reason', 'status', 'response', 'created_at as createdAt', 'decided_at as decidedAt'])
        .where('sanction_id', '=', id)
        .orderBy('id')
        .execute(),
      this.db
        .selectFrom('supervision_attachments')
        .select(['id', 'name', 'created_at as createdAt'])
        .where('subject_type', '=', 'sanction')
        .where('subject_id', '=', id)
        .orderBy('id')
        .execute(),
    ]);
    const isOfficer = hasPermission(caller.role, 'officer_profile:manage');
    return {
      ...row,
      appeals,
      attachments,
      canAppeal: isOfficer && row.status === 'in_force' && !appeals.some((a) => a.status === 'pending'),
    };
  }

  /** The stored reference of an evidence file of a sanction the caller may see. */
  async attachment(caller: SessionAccount, id: number, attachmentId: number) {
    await this.get(caller, id);
    const row = await this.db
      .selectFrom('supervision_attachments')
      .select(['ref', 'id'])
      .where('subject_type', '=', 'sanction')
      .where('subject_id', '=', id)
      .where('id', '=', attachmentId)
      .executeTakeFirst();
    if (!row) throw notFound('证明材料');
    return row;
  }
}
