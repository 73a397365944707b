import { sql, type Transaction } from 'kysely';
import { FILING_END_KINDS, type ExitCauseKey } from '../../../domain/filing-input';
import { hasPermission } from '../../../domain/permissions';
import { recordAudit, type Actor } from '../../audit/audit-log';
import type { SessionAccount } from '../../auth/session-store';
import type { Database } from '../../db/database';
import type { DB } from '../../db/types';
import { AppError, conflict, notFound, stateError } from '../../errors';
import type { CertificateService } from '../certificates/service';
import { Notifier } from '../notifications/notifier';
import { notifyOfficerLeft } from '../notifications/officer-change';
import { assertNotBanned } from '../supervision/ban';
import { approvalOverride, overrideColumns } from './overrides';
import { homeOfficerAtActiveFiling } from '../identity/officer-home';
import { evaluateCandidate } from './eligibility-check';
import { issueFilingProof } from './proof';
import { assertReviewer } from './review-rights';
import { decideRound, enterpriseOf, lockInBureauScope, statusLabel } from './transitions';
import type { FilingViews } from './views';
import { clock } from '../../clock';

/**
 * 聘任备案, the decisions: the responsible bureau approves (the filing becomes the enterprise's one active CQO, which
 * a unique index holds under any race), re-checks eligibility, returns for correction or rejects a submitted filing;
 * an active filing is ended by the bureau or by its enterprise. Each answers the filing as the caller sees it.
 */
export class FilingDecisionService {
  constructor(
    private readonly db: Database,
    private readonly certificates: CertificateService,
    private readonly views: FilingViews,
    private readonly notifier = new Notifier(),
  ) {}

  private async reviewable(trx: Transaction<DB>, caller: SessionAccount, id: number) {
    const filing = await lockInBureauScope(trx, caller, id);
    if (!filing) throw notFound('备案');
    await assertReviewer(trx, caller, filing.org_unit_id);
    if (filing.status !== 'submitted') throw stateError(`当前状态为“${statusLabel(filing.status)}”，不能审核`);
    return filing;
  }

  /**
   * Approves: the filing becomes the enterprise's active one and any previous active filing ends, in one transaction.
   * The stored eligibility check gates it (`approvalOverride`): never evaluated → 409; failing a binding rule → only
   * with `overrideReason`, kept on the filing with the rule version and the failed criteria, and audited.
   */
  async approve(caller: SessionAccount, actor: Actor, id: number, remarks: string | null, overrideReason: string | null = null) {
    try {
      await this.db.transaction().execute(async (trx) => {
        const filing = await this.reviewable(trx, caller, id);
        const override = approvalOverride(filing.eligibility, filing.rule_version, overrideReason);
        await assertNotBanned(trx, filing.person_id);
        const previous = await trx
          .selectFrom('filings')
          .select(['id'])
          .where('enterprise_id', '=', filing.enterprise_id)
          .where('status', '=', 'active')
          .forUpdate()
          .executeTakeFirst();
        if (previous) {
          await trx
            .updateTable('filings')
            .set({
              status: 'ended',
              end_kind: 'superseded',
              end_reason: '新任首席质量官备案生效',
              ended_at: filing.appointment_date ?? clock.today(),
              updated_at: clock.now(),
              version: sql<number>`version + 1`,
            })
            .where('id', '=', previous.id)
            .execute();
          await this.certificates.setStatus(trx, 'filing', previous.id, 'ended', '新任首席质量官备案生效');
          await recordAudit(trx, actor, { action: 'filing.end', targetType: 'filing', targetId: previous.id, details: { kind: 'superseded', by: id } });
          await notifyOfficerLeft(trx, previous.id, 'superseded', filing.appointment_date ?? clock.today(), this.notifier);
        }
        await trx
          .updateTable('filings')
          .set({
            status: 'active',
            decided_at: clock.now(),
            decided_by: caller.accountId,
            decision_reason: remarks,
            ...overrideColumns(override, caller.accountId),
            updated_at: clock.now(),
            version: sql<number>`version + 1`,
          })
          .where('id', '=', id)
          .execute();
        await decideRound(trx, id, filing.round, 'approved', remarks, caller.accountId);
        await trx.updateTable('enterprises').set({ has_active_officer: true }).where('id', '=', filing.enterprise_id).execute();
        await issueFilingProof(trx, this.certificates, id);
        await homeOfficerAtActiveFiling(trx, actor, filing.person_id);
        await this.notifier.notify(trx, await this.notifier.enterpriseAccounts(trx, filing.enterprise_id), {
          kind: 'filing.approved',
          title: '聘任备案已通过',
          body: '首席质量官聘任备案已予以备案，可下载备案证明。',
          link: '/my-filings',
        });
        await recordAudit(trx, actor, {
          action: override ? 'filing.approve_override' : 'filing.approve',
          targetType: 'filing',
          targetId: id,
          ...(override
            ? {
                details: {
                  overrideReason: override.reason,
                  ruleVersion: override.ruleVersion,
                  failedCriteria: override.failedCriteria.map((c) => ({ key: c.key, label: c.label, required: c.required, actual: c.actual })),
                },
              }
            : {}),
        });
      });
    } catch (err) {
      if ((err as { code?: string }).code === '23505') throw conflict('该企业已有另一份备案同时获批，请刷新后重试');
      throw err;
    }
    return this.views.get(caller, id);
  }

  /** The reviewer re-runs the eligibility check of a submitted filing against the rules in force (the round keeps it too). */
  async reevaluate(caller: SessionAccount, actor: Actor, id: number) {
    await this.db.transaction().execute(async (trx) => {
      const filing = await this.reviewable(trx, caller, id);
      const { version, result } = await evaluateCandidate(trx, filing.enterprise_id, filing.person_id, filing.reports_to_general_manager);
      await trx
        .updateTable('filings')
        .set({ eligibility: JSON.stringify(result), rule_version: version || null, updated_at: clock.now() })
        .where('id', '=', id)
        .execute();
      await trx
        .updateTable('filing_rounds')
        .set({ eligibility: JSON.stringify(result) })
        .where('filing_id', '=', id)
        .where('round', '=', filing.round)
        .execute();
      await recordAudit(trx, actor, {
        action: 'filing.reevaluate',
        targetType: 'filing',
        targetId: id,
        details: { ruleVersion: version || null, pass: result.pass, failed: result.criteria.filter((c) => !c.pass).map((c) => c.key) },
      });
    });
    return this.views.get(caller, id);
  }

  returnForCorrection(caller: SessionAccount, actor: Actor, id: number, remarks: string) {
    return this.decline(caller, actor, id, 'returned', remarks);
  }

  reject(caller: SessionAccount, actor: Actor, id: number, reason: string) {
    return this.decline(caller, actor, id, 'rejected', reason);
  }

  /** 退回补正 or 不予备案: the reviewer's text is kept on the filing and its round, and the enterprise is told. */
  private async decline(caller: SessionAccount, actor: Actor, id: number, outcome: 'returned' | 'rejected', text: string) {
    const notice = outcome === 'returned' ? { title: '聘任备案被退回补正', body: `主管局意见：${text}` } : { title: '聘任备案不予备案', body: `理由：${text}` };
    await this.db.transaction().execute(async (trx) => {
      const filing = await this.reviewable(trx, caller, id);
      await trx
        .updateTable('filings')
        .set({
          status: outcome,
          decided_at: clock.now(),
          decided_by: caller.accountId,
          decision_reason: text,
          updated_at: clock.now(),
          version: sql<number>`version + 1`,
        })
        .where('id', '=', id)
        .execute();
      await decideRound(trx, id, filing.round, outcome, text, caller.accountId);
      await this.notifier.notify(trx, await this.notifier.enterpriseAccounts(trx, filing.enterprise_id), {
        kind: `filing.${outcome}`,
        ...notice,
        link: '/my-filings',
      });
      await recordAudit(trx, actor, { action: outcome === 'returned' ? 'filing.return' : 'filing.reject', targetType: 'filing', targetId: id });
    });
    return this.views.get(caller, id);
  }

  /** Dismissal, resignation or exit: by the enterprise for its own, or by the responsible bureau. */
  async end(
    caller: SessionAccount,
    actor: Actor,
    id: number,
    input: { kind: 'dismissal' | 'resignation' | 'exit'; cause: ExitCauseKey; reason: string; date: string },
  ) {
    const cause = input.cause;
    await this.db.transaction().execute(async (trx) => {
      const byBureau = hasPermission(caller.role, 'filings:review');
      const filing = byBureau
        ? await lockInBureauScope(trx, caller, id)
        : await trx.selectFrom('filings').selectAll().where('id', '=', id).where('enterprise_id', '=', enterpriseOf(caller)).forUpdate().executeTakeFirst();
      if (!filing) throw notFound('备案');
      if (byBureau) await assertReviewer(trx, caller, filing.org_unit_id);
      if (filing.status !== 'active') throw stateError(`当前状态为“${statusLabel(filing.status)}”，只有在任的备案可以结束`);
      if (filing.appointment_date && input.date < filing.appointment_date)
        throw new AppError(422, 'RULE', '结束日期不能早于聘任日期', [{ path: 'date', message: '结束日期不能早于聘任日期' }]);
      await trx
        .updateTable('filings')
        .set({
          status: 'ended',
          end_kind: input.kind,
          exit_cause: cause,
          end_reason: input.reason,
          ended_at: input.date,
          updated_at: clock.now(),
          version: sql<number>`version + 1`,
        })
        .where('id', '=', id)
        .execute();
      await trx.updateTable('enterprises').set({ has_active_officer: false }).where('id', '=', filing.enterprise_id).execute();
      await this.certificates.setStatus(trx, 'filing', id, 'ended', `${FILING_END_KINDS[input.kind]}（${input.date}）`);
      await recordAudit(trx, actor, { action: 'filing.end', targetType: 'filing', targetId: id, details: { kind: input.kind, cause } });
      await notifyOfficerLeft(trx, id, input.kind, input.date, this.notifier);
    });
    return this.views.get(caller, id);
  }
}
