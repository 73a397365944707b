import { sql, type Kysely, type Transaction } from 'kysely';
import { evaluateEligibility, POLICY_RULES, segmentOf, type EligibilityResult, type EligibilityRules } from '../../../domain/eligibility';
import { FILING_END_KINDS, FILING_STATUSES, type ExitCauseKey, type FilingInput } from '../../../domain/filing-input';
import { hasPermission } from '../../../domain/permissions';
import { addOfficialWorkingDays } from '../policy/working-calendar';
import { recordAudit, type Actor } from '../../audit/audit-log';
import { scopeOf } from '../../auth/scope';
import type { SessionAccount } from '../../auth/session-store';
import type { Database } from '../../db/database';
import type { DB, FilingStatus } from '../../db/types';
import { AppError, conflict, forbidden, invalid, notFound, stateError } from '../../errors';
import { updateVersioned } from '../../db/versioned';
import type { CertificateService } from '../certificates/service';
import { Notifier } from '../notifications/notifier';
import { notifyOfficerLeft } from '../notifications/officer-change';
import { assertNotBanned } from '../supervision/ban';
import type { SettingsService } from '../settings/service';
import { approvalOverride, overrideColumns } from './overrides';
import { concludedSelectionOf } from '../selections/service';
import { homeOfficerAtActiveFiling } from '../identity/officer-home';
import { candidateSnapshot } from './persons';
import { issueFilingProof } from './proof';
import { assertReviewer } from './review-rights';
import { FilingViews } from './views';
import { clock } from '../../clock';

/**
 * 聘任备案: the enterprise drafts and submits, the responsible bureau approves, returns for correction or
 * rejects; an approved filing is the enterprise's one active CQO (a unique index holds that under any race).
 */
export class FilingService extends FilingViews {
  constructor(
    db: Database,
    private readonly certificates: CertificateService,
    private readonly settings: SettingsService,
    private readonly notifier = new Notifier(),
  ) {
    super(db);
  }

  private async rules(trx: Transaction<DB> | Database): Promise<{ version: number; rules: EligibilityRules }> {
    const row = await trx.selectFrom('eligibility_rules').select(['version', 'rules']).orderBy('version', 'desc').limit(1).executeTakeFirst();
    return row ? { version: row.version, rules: row.rules as unknown as EligibilityRules } : { version: 0, rules: POLICY_RULES };
  }

  /**
   * Eligibility under the rules in force, from the enterprise's own candidate data as the filing snapshots it (never
   * the shared person record, which another enterprise's typing must not move). Returns the snapshot with the result.
   */
  private async evaluate(trx: Transaction<DB> | Database, enterpriseId: number, personId: number, reportsToGeneralManager: boolean) {
    const enterprise = await trx.selectFrom('enterprises').select(['ownership', 'above_scale']).where('id', '=', enterpriseId).executeTakeFirstOrThrow();
    const snapshot = await candidateSnapshot(trx, enterpriseId, personId);
    const { version, rules } = await this.rules(trx);
    const result: EligibilityResult = evaluateEligibility(rules, segmentOf({ ownership: enterprise.ownership, aboveScale: enterprise.above_scale }), {
      education: snapshot.education,
      qualityYears: snapshot.qualityYears,
      position: snapshot.positionLevel,
      reportsToGeneralManager,
    });
    return { version, result, snapshot };
  }

  private enterpriseOf(caller: SessionAccount): number {
    if (!hasPermission(caller.role, 'filings:manage') || !caller.enterpriseId) throw forbidden('只有已确认的企业账户可以办理聘任备案');
    return caller.enterpriseId;
  }

  async create(caller: SessionAccount, actor: Actor, input: FilingInput) {
    const enterpriseId = this.enterpriseOf(caller);
    const personId = await personOfCandidate(this.db, enterpriseId, input.candidateId);
    const enterprise = await this.db.selectFrom('enterprises').select('org_unit_id').where('id', '=', enterpriseId).executeTakeFirstOrThrow();
    const id = await this.db.transaction().execute(async (trx) => {
      // one open filing per enterprise is the unique index filings_one_open: a second insert answers 409
      await assertNotBanned(trx, personId);
      const { version, result, snapshot } = await this.evaluate(trx, enterpriseId, personId, input.reportsToGeneralManager);
      const row = await trx
        .insertInto('filings')
        .values({
          enterprise_id: enterpriseId,
          org_unit_id: enterprise.org_unit_id,
          ...filingColumnsOf(personId, input, version, result),
          // the winner of the enterprise's concluded competitive selection: the filing carries the selection
          selection_id: await concludedSelectionOf(trx, enterpriseId, personId),
          candidate_snapshot: JSON.stringify(snapshot),
          created_by: caller.accountId,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      await recordAudit(trx, actor, { action: 'filing.create', targetType: 'filing', targetId: row.id, details: { enterpriseId } });
      return row.id;
    });
    return this.get(caller, id);
  }

  /** Loads the caller's own filing in one of the given states, locked for the transition. */
  private async ownFiling(trx: Transaction<DB>, caller: SessionAccount, id: number, states: FilingStatus[], verb: string) {
    const enterpriseId = this.enterpriseOf(caller);
    const filing = await trx.selectFrom('filings').selectAll().where('id', '=', id).where('enterprise_id', '=', enterpriseId).forUpdate().executeTakeFirst();
    if (!filing) throw notFound('备案');
    if (!states.includes(filing.status)) throw stateError(`当前状态为“${statusLabel(filing.status)}”，不能${verb}`);
    return filing;
  }

  private async reviewable(trx: Transaction<DB>, caller: SessionAccount, id: number) {
    const filing = await lockInBureauScope(trx, caller, id);
    if (!filing) throw notFound('备案');
    await assertReviewer(trx, caller, filing.org_unit_id);
    if (filing.status !== 'submitted') throw stateError(`当前状态为“${statusLabel(filing.status)}”，不能审核`);
    return filing;
  }

  async update(caller: SessionAccount, actor: Actor, id: number, input: FilingInput & { version: number }) {
    await this.db.transaction().execute(async (trx) => {
      const filing = await this.ownFiling(trx, caller, id, ['draft', 'returned'], '修改');
      const personId = await personOfCandidate(trx, filing.enterprise_id, input.candidateId);
      await assertNotBanned(trx, personId);
      const { version, result, snapshot } = await this.evaluate(trx, filing.enterprise_id, personId, input.reportsToGeneralManager);
      await updateVersioned(trx, 'filings', id, input.version, {
        ...filingColumnsOf(personId, input, version, result, 'keep omitted'),
        selection_id: await concludedSelectionOf(trx, filing.enterprise_id, personId),
        candidate_snapshot: JSON.stringify(snapshot),
        updated_at: clock.now(),
      });
      await recordAudit(trx, actor, { action: 'filing.update', targetType: 'filing', targetId: id });
    });
    return this.get(caller, id);
  }

  async submit(caller: SessionAccount, actor: Actor, id: number) {
    const reviewDays = (await this.settings.systemSettings()).filingReviewWorkingDays;
    await this.db.transaction().execute(async (trx) => {
      const filing = await this.ownFiling(trx, caller, id, ['draft', 'returned'], '提交');
      if (!filing.appointment_date) throw invalid('appointmentDate', '请填写聘任日期');
      await assertNotBanned(trx, filing.person_id);
      if (!filing.authorization_letter)
        throw new AppError(422, 'RULE', '请先上传总经理签发的授权书', [{ path: 'authorizationLetter', message: '请上传授权书' }]);
      // re-check against the rules in force at submission, on the candidate data as submitted (kept on the filing)
      const { version, result, snapshot: candidate } = await this.evaluate(trx, filing.enterprise_id, filing.person_id, filing.reports_to_general_manager);
      const round = filing.round + 1;
      const today = clock.today();
      const deadline = await addOfficialWorkingDays(trx, today, reviewDays);
      await trx
        .updateTable('filings')
        .set({
          status: 'submitted',
          round,
          eligibility: JSON.stringify(result),
          rule_version: version || null,
          candidate_snapshot: JSON.stringify(candidate),
          submitted_at: clock.now(),
          review_deadline: deadline,
          decision_reason: null,
          decided_at: null,
          decided_by: null,
          updated_at: clock.now(),
          version: sql<number>`version + 1`,
        })
        .where('id', '=', id)
        .execute();
      const snapshot = {
        appointmentDate: filing.appointment_date,
        departmentsLed: filing.departments_led,
        reportsToGeneralManager: filing.reports_to_general_manager,
        vetoRight: filing.veto_right,
        treatment: filing.treatment,
        personId: filing.person_id,
        candidate,
      };
      await trx
        .insertInto('filing_rounds')
        .values({ filing_id: id, round, submitted_by: caller.accountId, snapshot: JSON.stringify(snapshot), eligibility: JSON.stringify(result) })
        .execute();
      await recordAudit(trx, actor, { action: 'filing.submit', targetType: 'filing', targetId: id, details: { round, eligible: result.pass } });
      const enterprise = await trx.selectFrom('enterprises').select('name').where('id', '=', filing.enterprise_id).executeTakeFirstOrThrow();
      await this.notifier.notify(trx, await this.notifier.filingReviewersOf(trx, filing.org_unit_id), {
        kind: 'filing.submitted',
        title: '新的聘任备案待审核',
        body: `${enterprise.name}提交了首席质量官聘任备案（第 ${round} 轮），请于 ${deadline} 前审核。`,
        link: `/filings/${id}`,
      });
    });
    return this.get(caller, id);
  }

  async withdraw(caller: SessionAccount, actor: Actor, id: number) {
    await this.db.transaction().execute(async (trx) => {
      const filing = await this.ownFiling(trx, caller, id, ['submitted', 'draft', 'returned'], '撤回');
      await trx
        .updateTable('filings')
        .set({ status: 'withdrawn', updated_at: clock.now(), version: sql<number>`version + 1` })
        .where('id', '=', id)
        .execute();
      if (filing.status === 'submitted') await this.decideRound(trx, id, filing.round, 'withdrawn', null, caller.accountId);
      await recordAudit(trx, actor, { action: 'filing.withdraw', targetType: 'filing', targetId: id });
    });
    return this.get(caller, id);
  }

  private async decideRound(
    trx: Transaction<DB>,
    filingId: number,
    round: number,
    decision: 'approved' | 'returned' | 'rejected' | 'withdrawn',
    remarks: string | null,
    by: number,
  ) {
    await trx
      .updateTable('filing_rounds')
      .set({ decision, remarks, decided_by: by, decided_at: clock.now() })
      .where('filing_id', '=', filingId)
      .where('round', '=', round)
      .execute();
  }

  /** The 备案证明 of an approved filing, signed, issued in the approving transaction from the record as decided. */
  private async issueProof(trx: Transaction<DB>, filingId: number): Promise<void> {
    await issueFilingProof(trx, this.certificates, filingId);
  }

  /** Stores the key of an uploaded 授权书 (`<key>#<type>`) on a draft or returned filing, replacing an earlier one. */
  async attachLetter(caller: SessionAccount, actor: Actor, id: number, keyAndType: string) {
    await this.db.transaction().execute(async (trx) => {
      await this.ownFiling(trx, caller, id, ['draft', 'returned'], '上传授权书');
      await trx
        .updateTable('filings')
        .set({ authorization_letter: keyAndType, updated_at: clock.now(), version: sql<number>`version + 1` })
        .where('id', '=', id)
        .execute();
      await recordAudit(trx, actor, { action: 'filing.letter', targetType: 'filing', targetId: id });
    });
    return this.get(caller, id);
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
        await this.decideRound(trx, id, filing.round, 'approved', remarks, caller.accountId);
        await trx.updateTable('enterprises').set({ has_active_officer: true }).where('id', '=', filing.enterprise_id).execute();
        await this.issueProof(trx, id);
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
    return this.get(caller, id);
  }

  /** The reviewer re-runs the eligibility check of a submitted filing against the rules in force (the round keeps it too). */
  async reevaluate(caller: SessionAccount, actor: Actor, id: number) {
    await this.db.transaction().execute(async (trx) => {
      const filing = await this.reviewable(trx, caller, id);
      const { version, result } = await this.evaluate(trx, filing.enterprise_id, filing.person_id, filing.reports_to_general_manager);
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
    return this.get(caller, id);
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
      await this.decideRound(trx, id, filing.round, outcome, text, caller.accountId);
      await this.notifier.notify(trx, await this.notifier.enterpriseAccounts(trx, filing.enterprise_id), {
        kind: `filing.${outcome}`,
        ...notice,
        link: '/my-filings',
      });
      await recordAudit(trx, actor, { action: outcome === 'returned' ? 'filing.return' : 'filing.reject', targetType: 'filing', targetId: id });
    });
    return this.get(caller, id);
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
        : await trx
            .selectFrom('filings')
            .selectAll()
            .where('id', '=', id)
            .where('enterprise_id', '=', this.enterpriseOf(caller))
            .forUpdate()
            .executeTakeFirst();
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
    return this.get(caller, id);
  }
}

const statusLabel = (s: FilingStatus) => FILING_STATUSES[s];

/** The columns a draft or an edit sets from the enterprise's input and the eligibility check. */
/**
 * A filing's columns from the input. A new filing stores an optional field not sent as empty; an update leaves it as
 * it is (`undefined` columns are left out of the UPDATE), and null clears it.
 */
function filingColumnsOf(personId: number, input: FilingInput, version: number, result: EligibilityResult, omitted: 'empty' | 'keep omitted' = 'empty') {
  const opt = <T>(value: T | null | undefined): T | null | undefined => (value === undefined && omitted === 'keep omitted' ? undefined : (value ?? null));
  return {
    person_id: personId,
    appointment_date: input.appointmentDate,
    departments_led: opt(input.departmentsLed),
    reports_to_general_manager: input.reportsToGeneralManager,
    veto_right: input.vetoRight,
    treatment: opt(input.treatment),
    treatment_level: opt(input.treatmentLevel),
    attends_management_meetings: opt(input.attendsManagementMeetings),
    post_allowance_yuan: opt(input.postAllowanceYuan),
    treatment_benefits: input.treatmentBenefits === undefined && omitted === 'keep omitted' ? undefined : (input.treatmentBenefits ?? []),
    eligibility: JSON.stringify(result),
    rule_version: version || null,
  };
}

/** A filing of an enterprise in the bureau's region, locked for a transition. */
function lockInBureauScope(trx: Transaction<DB>, caller: SessionAccount, id: number) {
  return trx
    .selectFrom('filings as f')
    .innerJoin('enterprises as e', 'e.id', 'f.enterprise_id')
    .selectAll('f')
    .where('f.id', '=', id)
    .where(scopeOf(caller).region('e.org_unit_id'))
    .forUpdate()
    .executeTakeFirst();
}

/** An enterprise files only persons it recorded as candidates, named by its candidate id. */
async function personOfCandidate(db: Kysely<DB>, enterpriseId: number, candidateId: number): Promise<number> {
  const candidate = await db
    .selectFrom('candidates')
    .select('person_id')
    .where('enterprise_id', '=', enterpriseId)
    .where('id', '=', candidateId)
    .executeTakeFirst();
  if (!candidate) throw invalid('candidateId', '请先登记拟任人员');
  return candidate.person_id;
}
