import { sql } from 'kysely';
import { hasPermission } from '../../../domain/permissions';
import { studyHoursToMinutes } from '../../../domain/study-hours';
import type { DutyRecordInput } from '../../../domain/supervision';
import { recordAudit, type Actor } from '../../audit/audit-log';
import { scopeOf } from '../../auth/scope';
import type { SessionAccount } from '../../auth/session-store';
import type { Database } from '../../db/database';
import type { DutyKind, DutyProjectType } from '../../db/tables-supervision';
import { conflict, forbidden, invalid, notFound, stateError } from '../../errors';
import { Notifier } from '../notifications/notifier';
import type { SettingsService } from '../settings/service';
import { setStudyMinutes } from '../study-ledger/ledger';
import { clock } from '../../clock';

export const dutyColumns = [
  'd.id',
  'd.filing_id as filingId',
  'd.person_id as personId',
  'p.name as personName',
  'd.enterprise_id as enterpriseId',
  'e.name as enterpriseName',
  'd.org_unit_id as orgUnitId',
  'o.name as orgUnitName',
  'd.kind',
  'd.project_type as projectType',
  'd.occurred_on as occurredOn',
  'd.title',
  'd.description',
  'd.outcome',
  'd.credited_minutes as creditedMinutes',
  'd.confirmed_at as confirmedAt',
  'ca.role as createdByRole',
  'd.created_at as createdAt',
  sql<number>`(select count(*) from supervision_attachments a where a.subject_type = 'duty_record' and a.subject_id = d.id)`.as('attachmentCount'),
] as const;

export interface DutyFilter {
  kind?: DutyKind | undefined;
  projectType?: DutyProjectType | undefined;
  from?: string | undefined;
  to?: string | undefined;
  q?: string | undefined;
  enterpriseId?: number | undefined;
  personId?: number | undefined;
}

/**
 * 履职记录: the officer or the enterprise records what the CQO did in office (vetoes, meetings, projects,
 * government quality work) under the active filing; bureaus in scope read, filter and export them, and may
 * confirm participation in government quality work, which credits the officer's study account.
 */
export class DutyRecordService {
  constructor(
    private readonly db: Database,
    private readonly settings: SettingsService,
    private readonly notifier = new Notifier(),
  ) {}

  /** The records the caller may see: bureaus their region, an enterprise its own, an officer their own. */
  scoped(caller: SessionAccount) {
    const base = this.db
      .selectFrom('duty_records as d')
      .innerJoin('persons as p', 'p.id', 'd.person_id')
      .innerJoin('enterprises as e', 'e.id', 'd.enterprise_id')
      .innerJoin('org_units as o', 'o.id', 'd.org_unit_id')
      .innerJoin('accounts as ca', 'ca.id', 'd.created_by');
    if (hasPermission(caller.role, 'supervision:read')) return base.where(scopeOf(caller).region('d.org_unit_id'));
    if (hasPermission(caller.role, 'filings:manage') && caller.enterpriseId) return base.where('d.enterprise_id', '=', caller.enterpriseId);
    if (hasPermission(caller.role, 'officer_profile:manage')) return base.where('p.account_id', '=', caller.accountId);
    throw forbidden();
  }

  filtered(caller: SessionAccount, f: DutyFilter) {
    let q = this.scoped(caller);
    if (f.kind) q = q.where('d.kind', '=', f.kind);
    if (f.projectType) q = q.where('d.project_type', '=', f.projectType);
    if (f.from) q = q.where('d.occurred_on', '>=', f.from);
    if (f.to) q = q.where('d.occurred_on', '<=', f.to);
    if (f.enterpriseId) q = q.where('d.enterprise_id', '=', f.enterpriseId);
    if (f.personId) q = q.where('d.person_id', '=', f.personId);
    if (f.q) {
      const like = `%${f.q}%`;
      q = q.where((eb) => eb.or([eb('d.title', 'like', like), eb('d.description', 'like', like), eb('e.name', 'like', like), eb('p.name', 'like', like)]));
    }
    return q;
  }

  async list(caller: SessionAccount, f: DutyFilter, page: number, pageSize: number) {
    const q = this.filtered(caller, f);
    const [{ total }, items] = await Promise.all([
      q.select((eb) => eb.fn.countAll<number>().as('total')).executeTakeFirstOrThrow(),
      q
        .select(dutyColumns)
        .orderBy('d.occurred_on', 'desc')
        .orderBy('d.id', 'desc')
        .limit(pageSize)
        .offset((page - 1) * pageSize)
        .execute(),
    ]);
    return { items: items.map((r) => ({ ...this.present(caller, r), attachmentCount: Number(r.attachmentCount) })), total: Number(total) };
  }

  /** Rows for the Excel export, in chunks (keyset on id). */
  async *exportRows(caller: SessionAccount, f: DutyFilter) {
    let after = 0;
    for (;;) {
      const rows = await this.filtered(caller, f).select(dutyColumns).where('d.id', '>', after).orderBy('d.id').limit(500).execute();
      if (rows.length === 0) return;
      yield rows;
      after = rows[rows.length - 1]?.id ?? after;
      if (rows.length < 500) return;
    }
  }

  /** An enterprise is told no person id (it addresses persons as its candidates; issue 16 item 1). */
  private present<T extends { personId: number }>(caller: SessionAccount, row: T): Omit<T, 'personId'> & { personId: number | null } {
    return hasPermission(caller.role, 'filings:manage') ? { ...row, personId: null } : row;
  }

  async get(caller: SessionAccount, id: number) {
    const row = await this.scoped(caller).select(dutyColumns).where('d.id', '=', id).executeTakeFirst();
    if (!row) throw notFound('履职记录');
    const attachments = await this.db
      .selectFrom('supervision_attachments')
      .select(['id', 'name', 'created_at as createdAt'])
      .where('subject_type', '=', 'duty_record')
      .where('subject_id', '=', id)
      .orderBy('id')
      .execute();
    return {
      ...this.present(caller, row),
      attachmentCount: Number(row.attachmentCount),
      attachments,
      canEdit: this.isAuthorSide(caller) && row.confirmedAt === null,
    };
  }

  private isAuthorSide(caller: SessionAccount): boolean {
    return (hasPermission(caller.role, 'filings:manage') && caller.enterpriseId !== null) || hasPermission(caller.role, 'officer_profile:manage');
  }

  /** The active filing a new record belongs to: the enterprise's, or the officer's own (chosen when several). */
  private async filingFor(caller: SessionAccount, filingId: number | undefined) {
    let q = this.db
      .selectFrom('filings as f')
      .innerJoin('persons as p', 'p.id', 'f.person_id')
      .select(['f.id', 'f.person_id', 'f.enterprise_id', 'f.org_unit_id', 'f.appointment_date'])
      .where('f.status', '=', 'active');
    if (hasPermission(caller.role, 'filings:manage') && caller.enterpriseId) q = q.where('f.enterprise_id', '=', caller.enterpriseId);
    else if (hasPermission(caller.role, 'officer_profile:manage')) q = q.where('p.account_id', '=', caller.accountId);
    else throw forbidden('履职记录由首席质量官本人或所在企业登记');
    const rows = await q.execute();
    if (rows.length === 0) throw conflict('目前没有在任的首席质量官备案，不能登记履职记录');
    if (filingId !== undefined) {
      const chosen = rows.find((r) => r.id === filingId);
      if (!chosen) throw invalid('filingId', '请选择您在任的企业');
      return chosen;
    }
    if (rows.length > 1) throw invalid('filingId', '您在多家企业任职，请选择企业');
    const only = rows[0];
    if (!only) throw conflict('目前没有在任的首席质量官备案，不能登记履职记录');
    return only;
  }

  async create(caller: SessionAccount, actor: Actor, input: DutyRecordInput) {
    const filing = await this.filingFor(caller, input.filingId);
    if (input.occurredOn > clock.today()) throw invalid('occurredOn', '发生日期不能晚于今天');
    if (filing.appointment_date && input.occurredOn < filing.appointment_date)
      throw invalid('occurredOn', `发生日期不能早于聘任日期 ${filing.appointment_date}`);
    const id = await this.db.transaction().execute(async (trx) => {
      const row = await trx
        .insertInto('duty_records')
        .values({
          filing_id: filing.id,
          person_id: filing.person_id,
          enterprise_id: filing.enterprise_id,
          org_unit_id: filing.org_unit_id,
          kind: input.kind,
          project_type: input.kind === 'quality_management' ? (input.projectType ?? null) : null,
          occurred_on: input.occurredOn,
          title: input.title,
          description: input.description,
          outcome: input.outcome ?? null,
          created_by: caller.accountId,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      await recordAudit(trx, actor, {
        action: 'duty_record.create',
        targetType: 'duty_record',
        targetId: row.id,
        details: { kind: input.kind, enterpriseId: filing.enterprise_id },
      });
      return row.id;
    });
    return this.get(caller, id);
  }

  /** The author side (the officer or the enterprise) may delete a record the bureau has not confirmed. */
  async remove(caller: SessionAccount, actor: Actor, id: number) {
    if (!this.isAuthorSide(caller)) throw forbidden('履职记录由首席质量官本人或所在企业维护');
    const record = await this.get(caller, id);
    await this.db.transaction().execute(async (trx) => {
      const row = await trx.selectFrom('duty_records').select(['id', 'confirmed_at']).where('id', '=', record.id).forUpdate().executeTakeFirst();
      if (!row) throw notFound('履职记录');
      if (row.confirmed_at) throw stateError('主管局已确认的履职记录不能删除');
      await trx.deleteFrom('supervision_attachments').where('subject_type', '=', 'duty_record').where('subject_id', '=', id).execute();
      await trx.deleteFrom('duty_records').where('id', '=', id).execute();
      await recordAudit(trx, actor, {
        action: 'duty_record.delete',
        targetType: 'duty_record',
        targetId: id,
        details: { kind: record.kind, title: record.title },
      });
    });
  }

  async addAttachment(caller: SessionAccount, actor: Actor, id: number, ref: string, name: string) {
    if (!this.isAuthorSide(caller)) throw forbidden('证明材料由首席质量官本人或所在企业上传');
    const record = await this.get(caller, id);
    if (record.confirmedAt) throw stateError('主管局已确认的履职记录不能再添加材料');
    await this.db.transaction().execute(async (trx) => {
      await trx
        .insertInto('supervision_attachments')
        .values({ subject_type: 'duty_record', subject_id: id, ref, name, created_by: caller.accountId })
        .execute();
      await recordAudit(trx, actor, { action: 'duty_record.attachment', targetType: 'duty_record', targetId: id, details: { name } });
    });
    return this.get(caller, id);
  }

  async attachment(caller: SessionAccount, id: number, attachmentId: number) {
    await this.get(caller, id);
    const row = await this.db
      .selectFrom('supervision_attachments')
      .select(['id', 'ref'])
      .where('subject_type', '=', 'duty_record')
      .where('subject_id', '=', id)
      .where('id', '=', attachmentId)
      .executeTakeFirst();
    if (!row) throw notFound('证明材料');
    return row;
  }

  /**
   * A bureau in scope confirms participation in government quality work and credits the officer's study account
   * (source 'government_work', one line per record, so confirming again only corrects the hours).
   */
  async confirm(caller: SessionAccount, actor: Actor, id: number, hours: number) {
    if (!hasPermission(caller.role, 'supervision:manage')) throw forbidden();
    const { minutesPerHour } = await this.settings.studySettings();
    const minutes = studyHoursToMinutes(hours, minutesPerHour);
    await this.db.transaction().execute(async (trx) => {
      const row = await trx
        .selectFrom('duty_records as d')
        .innerJoin('persons as p', 'p.id', 'd.person_id')
        .select(['d.id', 'd.kind', 'd.person_id', 'd.occurred_on', 'd.title', 'd.confirmed_at', 'p.account_id'])
        .where('d.id', '=', id)
        .where(scopeOf(caller).region('d.org_unit_id'))
        .forUpdate(['d'])
        .executeTakeFirst();
      if (!row) throw notFound('履职记录');
      if (row.kind !== 'government_work') throw stateError('只有参与政府质量工作的记录可以确认学时');
      if (row.confirmed_at) throw stateError('该记录已确认');
      await trx
        .updateTable('duty_records')
        .set({ credited_minutes: minutes, confirmed_by: caller.accountId, confirmed_at: clock.now(), updated_at: clock.now() })
        .where('id', '=', id)
        .execute();
      await setStudyMinutes(trx, {
        personId: row.person_id,
        year: Number(row.occurred_on.slice(0, 4)),
        source: 'government_work',
        sourceRef: `duty_record:${id}`,
        minutes,
        title: `参与政府质量工作：${row.title}`,
        occurredOn: row.occurred_on,
      });
      await recordAudit(trx, actor, { action: 'duty_record.confirm', targetType: 'duty_record', targetId: id, details: { minutes } });
      if (row.account_id) {
        await this.notifier.notify(trx, [row.account_id], {
          kind: 'duty_record.confirmed',
          title: '政府质量工作已确认',
          body: `“${row.title}”已由主管局确认，计入年度学时 ${hours} 学时。`,
          link: '/me/duty-records',
        });
      }
    });
    return this.get(caller, id);
  }
}
