import { mayDecideSanction, mayProposeSanction } from '../../../domain/abilities';
import type { Transaction } from 'kysely';
import { hasPermission } from '../../../domain/permissions';
import { SANCTION_KINDS, SANCTION_STATUSES, type SanctionProposal } from '../../../domain/supervision';
import { recordAudit, type Actor } from '../../audit/audit-log';
import { scopeOf } from '../../auth/scope';
import type { SessionAccount } from '../../auth/session-store';
import type { Database } from '../../db/database';
import type { DB } from '../../db/types';
import type { SanctionStatus } from '../../db/tables-supervision';
import { conflict, forbidden, invalid, notFound, stateError } from '../../errors';
import type { CertificateService } from '../certificates/service';
import { Notifier } from '../notifications/notifier';
import { enforceBlacklisting } from './blacklisting';
import { SanctionViews } from './sanction-views';
import { clock } from '../../clock';

/** Only the province decides, removes and answers appeals (policy 七: 省局 blacklist decisions). */
function assertProvince(caller: SessionAccount): void {
  if (!mayDecideSanction(caller.role)) throw forbidden('警示与黑名单由省局决定');
}

/**
 * 警示 and 黑名单: a county or city bureau proposes with the quality-safety accident and evidence; the province
 * approves or rejects. Approving a blacklisting ends the officer's active filings (and their proofs), withdraws
 * them from the expert pool and publishes the public notice, in one transaction; the ban is then enforced on
 * every filing by person (see ban.ts). Appeals by the officer and removals by the province are recorded.
 */
export class SanctionService extends SanctionViews {
  constructor(
    db: Database,
    private readonly certificates: CertificateService,
    private readonly notifier = new Notifier(),
  ) {
    super(db);
  }

  async propose(caller: SessionAccount, actor: Actor, input: SanctionProposal) {
    if (!mayProposeSanction(caller.role)) {
      throw forbidden('警示与黑名单由县（市、区）局或设区市局提出，省局决定');
    }
    const id = await this.db.transaction().execute(async (trx) => {
      const filing = await trx
        .selectFrom('filings as f')
        .innerJoin('enterprises as e', 'e.id', 'f.enterprise_id')
        .select(['f.id', 'f.person_id', 'f.enterprise_id', 'f.status', 'e.org_unit_id'])
        .where('f.id', '=', input.filingId)
        .where(scopeOf(caller).region('e.org_unit_id'))
        .executeTakeFirst();
      if (!filing) throw notFound('备案');
      if (filing.status !== 'active' && filing.status !== 'ended') throw stateError('只能针对已备案（在任或已结束）的首席质量官提出警示或黑名单');
      const pending = await trx
        .selectFrom('sanctions')
        .select('id')
        .where('person_id', '=', filing.person_id)
        .where('kind', '=', input.kind)
        .where('status', '=', 'proposed')
        .executeTakeFirst();
      if (pending) throw conflict(`该人员已有一份待省局决定的${SANCTION_KINDS[input.kind]}建议`);
      if (input.incidentDate > clock.today()) throw invalid('incidentDate', '事故日期不能晚于今天');
      const row = await trx
        .insertInto('sanctions')
        .values({
          kind: input.kind,
          person_id: filing.person_id,
          enterprise_id: filing.enterprise_id,
          filing_id: filing.id,
          org_unit_id: filing.org_unit_id,
          incident_title: input.incidentTitle,
          incident_date: input.incidentDate,
          incident_description: input.incidentDescription,
          reason: input.reason,
          ban_start: input.kind === 'blacklist' ? (input.banStart ?? null) : null,
          ban_end: input.kind === 'blacklist' ? (input.banEnd ?? null) : null,
          proposed_by: caller.accountId,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      await recordAudit(trx, actor, {
        action: 'sanction.propose',
        targetType: 'sanction',
        targetId: row.id,
        details: { kind: input.kind, personId: filing.person_id, enterpriseId: filing.enterprise_id },
      });
      const province = await trx.selectFrom('accounts').select('id').where('role', '=', 'province_admin').where('status', '=', 'active').execute();
      await this.notifier.notify(
        trx,
        province.map((a) => a.id),
        {
          kind: 'sanction.proposed',
          title: `新的${SANCTION_KINDS[input.kind]}建议待决定`,
          body: `${caller.orgUnitName}提出${SANCTION_KINDS[input.kind]}建议：${input.incidentTitle}`,
          link: `/supervision/sanctions?id=${String(row.id)}`,
        },
      );
      return row.id;
    });
    return this.get(caller, id);
  }

  /** Evidence of a proposal: added by a bureau in scope while the proposal awaits the decision. */
  async addEvidence(caller: SessionAccount, actor: Actor, id: number, ref: string, name: string) {
    if (!hasPermission(caller.role, 'supervision:manage')) throw forbidden();
    await this.db.transaction().execute(async (trx) => {
      const row = await trx
        .selectFrom('sanctions as s')
        .select(['s.id', 's.status'])
        .where('s.id', '=', id)
        .where(scopeOf(caller).region('s.org_unit_id'))
        .forUpdate()
        .executeTakeFirst();
      if (!row) throw notFound('警示或黑名单记录');
      if (row.status !== 'proposed') throw stateError(`当前状态为“${SANCTION_STATUSES[row.status]}”，不能再补充证明材料`);
      await trx.insertInto('supervision_attachments').values({ subject_type: 'sanction', subject_id: id, ref, name, created_by: caller.accountId }).execute();
      await recordAudit(trx, actor, { action: 'sanction.evidence', targetType: 'sanction', targetId: id, details: { name } });
    });
    return this.get(caller, id);
  }

  private async lockForDecision(trx: Transaction<DB>, caller: SessionAccount, id: number, states: SanctionStatus[], verb: string) {
    assertProvince(caller);
    const row = await trx
      .selectFrom('sanctions as s')
      .selectAll('s')
      .where('s.id', '=', id)
      .where(scopeOf(caller).region('s.org_unit_id'))
      .forUpdate()
      .executeTakeFirst();
    if (!row) throw notFound('警示或黑名单记录');
    if (!states.includes(row.status)) throw stateError(`当前状态为“${SANCTION_STATUSES[row.status]}”，不能${verb}`);
    return row;
  }

  private async partiesOf(trx: Transaction<DB>, s: { person_id: number; enterprise_id: number }) {
    const person = await trx.selectFrom('persons').select(['name', 'account_id']).where('id', '=', s.person_id).executeTakeFirstOrThrow();
    const enterprise = await trx.selectFrom('enterprises').select(['name', 'uscc']).where('id', '=', s.enterprise_id).executeTakeFirstOrThrow();
    const enterpriseAccounts = await this.notifier.enterpriseAccounts(trx, s.enterprise_id);
    /** the same notice to the enterprise (leading to the public notices) and to the officer (to their own page) */
    const notifyBoth = async (notice: { kind: string; title: string; body: string }) => {
      await this.notifier.notify(trx, enterpriseAccounts, { ...notice, link: '/blacklist' });
      if (person.account_id) await this.notifier.notify(trx, [person.account_id], { ...notice, link: '/me/sanctions' });
    };
    return { person, enterprise, notifyBoth };
  }

  async approve(caller: SessionAccount, actor: Actor, id: number, remarks: string | null) {
    try {
      await this.db.transaction().execute(async (trx) => {
        const s = await this.lockForDecision(trx, caller, id, ['proposed'], '决定');
        const today = clock.today();
        await trx
          .updateTable('sanctions')
          .set({ status: 'in_force', decided_by: caller.accountId, decided_at: clock.now(), decision_reason: remarks, updated_at: clock.now() })
          .where('id', '=', id)
          .execute();
        const { person, enterprise, notifyBoth } = await this.partiesOf(trx, s);
        if (s.kind === 'warning') {
          await notifyBoth({
            kind: 'sanction.warning',
            title: '首席质量官警示',
            body: `因${s.incident_title}，省局决定对首席质量官${person.name}予以警示。理由：${s.reason}`,
          });
          await recordAudit(trx, actor, { action: 'sanction.approve', targetType: 'sanction', targetId: id, details: { kind: 'warning' } });
          return;
        }
        const { noticeNo, endedFilings } = await enforceBlacklisting(
          trx,
          actor,
          { certificates: this.certificates, notifier: this.notifier },
          s,
          person,
          enterprise,
          today,
        );
        await notifyBoth({
          kind: 'sanction.blacklist',
          title: '首席质量官列入黑名单',
          body: `因${s.incident_title}，省局决定将${person.name}列入首席质量官黑名单（${noticeNo}），禁入期 ${s.ban_start ?? ''} 至 ${s.ban_end ?? ''}。本人可在“警示与黑名单”中提出申诉。`,
        });
        await recordAudit(trx, actor, {
          action: 'sanction.approve',
          targetType: 'sanction',
          targetId: id,
          details: { kind: 'blacklist', noticeNo, endedFilings },
        });
      });
    } catch (err) {
      if ((err as { code?: string }).code === '23505') throw conflict('公告编号冲突，请重试');
      throw err;
    }
    return this.get(caller, id);
  }

  async reject(caller: SessionAccount, actor: Actor, id: number, reason: string) {
    await this.db.transaction().execute(async (trx) => {
      const s = await this.lockForDecision(trx, caller, id, ['proposed'], '决定');
      await trx
        .updateTable('sanctions')
        .set({ status: 'rejected', decided_by: caller.accountId, decided_at: clock.now(), decision_reason: reason, updated_at: clock.now() })
        .where('id', '=', id)
        .execute();
      await this.notifier.notify(trx, [s.proposed_by], {
        kind: 'sanction.rejected',
        title: `${SANCTION_KINDS[s.kind]}建议未予采纳`,
        body: `省局意见：${reason}`,
        link: `/supervision/sanctions?id=${String(id)}`,
      });
      await recordAudit(trx, actor, { action: 'sanction.reject', targetType: 'sanction', targetId: id });
    });
    return this.get(caller, id);
  }

  /** Removal by the province: the ban stops, the notice says so; ended filings stay ended (a new filing is needed). */
  private async removeIn(trx: Transaction<DB>, actor: Actor, caller: SessionAccount, id: number, reason: string) {
    const s = await this.lockForDecision(trx, caller, id, ['in_force'], '移除');
    await trx
      .updateTable('sanctions')
      .set({ status: 'removed', removed_by: caller.accountId, removed_at: clock.now(), removal_reason: reason, updated_at: clock.now() })
      .where('id', '=', id)
      .execute();
    await trx
      .updateTable('blacklist_notices')
      .set({ withdrawn_at: clock.now(), withdrawn_reason: reason })
      .where('sanction_id', '=', id)
      .where('withdrawn_at', 'is', null)
      .execute();
    const { person, notifyBoth } = await this.partiesOf(trx, s);
    await notifyBoth({
      kind: 'sanction.removed',
      title: `${SANCTION_KINDS[s.kind]}已移除`,
      body: `省局已移除对${person.name}的${SANCTION_KINDS[s.kind]}。理由：${reason}`,
    });
    await recordAudit(trx, actor, { action: 'sanction.remove', targetType: 'sanction', targetId: id, details: { kind: s.kind } });
  }

  async remove(caller: SessionAccount, actor: Actor, id: number, reason: string) {
    await this.db.transaction().execute((trx) => this.removeIn(trx, actor, caller, id, reason));
    return this.get(caller, id);
  }

  /** The officer's appeal against a sanction in force; one pending appeal at a time. */
  async appeal(caller: SessionAccount, actor: Actor, id: number, reason: string) {
    if (!hasPermission(caller.role, 'officer_profile:manage')) throw forbidden('申诉由本人提出');
    try {
      await this.db.transaction().execute(async (trx) => {
        const s = await trx
          .selectFrom('sanctions as s')
          .innerJoin('persons as p', 'p.id', 's.person_id')
          .select(['s.id', 's.status', 's.kind'])
          .where('s.id', '=', id)
          .where('p.account_id', '=', caller.accountId)
          .where('s.status', 'in', ['in_force', 'removed'])
          .forUpdate()
          .executeTakeFirst();
        if (!s) throw notFound('警示或黑名单记录');
        if (s.status !== 'in_force') throw stateError(`当前状态为“${SANCTION_STATUSES[s.status]}”，不能申诉`);
        const pending = await trx.selectFrom('sanction_appeals').select('id').where('sanction_id', '=', id).where('status', '=', 'pending').executeTakeFirst();
        if (pending) throw conflict('已有一份申诉正在处理');
        const row = await trx
          .insertInto('sanction_appeals')
          .values({ sanction_id: id, submitted_by: caller.accountId, reason })
          .returning('id')
          .executeTakeFirstOrThrow();
        await recordAudit(trx, actor, { action: 'sanction.appeal', targetType: 'sanction', targetId: id, details: { appealId: row.id } });
        const province = await trx.selectFrom('accounts').select('id').where('role', '=', 'province_admin').where('status', '=', 'active').execute();
        await this.notifier.notify(
          trx,
          province.map((a) => a.id),
          {
            kind: 'sanction.appeal',
            title: `收到${SANCTION_KINDS[s.kind]}申诉`,
            body: '当事人对警示或黑名单决定提出申诉，请处理。',
            link: `/supervision/sanctions?id=${String(id)}`,
          },
        );
      });
    } catch (err) {
      if ((err as { code?: string }).code === '23505') throw conflict('已有一份申诉正在处理');
      throw err;
    }
    return this.get(caller, id);
  }

  /** The province answers an appeal: upheld removes the sanction, dismissed keeps it; either way the answer is recorded. */
  async decideAppeal(caller: SessionAccount, actor: Actor, appealId: number, upheld: boolean, response: string) {
    assertProvince(caller);
    const sanctionId = await this.db.transaction().execute(async (trx) => {
      const appeal = await trx.selectFrom('sanction_appeals').selectAll().where('id', '=', appealId).forUpdate().executeTakeFirst();
      if (!appeal) throw notFound('申诉');
      if (appeal.status !== 'pending') throw stateError('该申诉已处理');
      await trx
        .updateTable('sanction_appeals')
        .set({ status: upheld ? 'upheld' : 'dismissed', response, decided_by: caller.accountId, decided_at: clock.now() })
        .where('id', '=', appealId)
        .execute();
      await recordAudit(trx, actor, { action: 'sanction.appeal.decide', targetType: 'sanction', targetId: appeal.sanction_id, details: { appealId, upheld } });
      if (upheld) await this.removeIn(trx, actor, caller, appeal.sanction_id, `申诉成立：${response}`);
      else
        await this.notifier.notify(trx, [appeal.submitted_by], {
          kind: 'sanction.appeal.dismissed',
          title: '申诉未获支持',
          body: `省局维持原决定：${response}`,
          link: '/me/sanctions',
        });
      return appeal.sanction_id;
    });
    return this.get(caller, sanctionId);
  }
}
