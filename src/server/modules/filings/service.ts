import { sql, type Kysely } from 'kysely';
import type { EligibilityResult } from '../../../domain/eligibility';
import type { FilingInput } from '../../../domain/filing-input';
import { addOfficialWorkingDays } from '../policy/working-calendar';
import { recordAudit, type Actor } from '../../audit/audit-log';
import type { SessionAccount } from '../../auth/session-store';
import type { Database } from '../../db/database';
import type { DB } from '../../db/types';
import { AppError, invalid } from '../../errors';
import { updateVersioned } from '../../db/versioned';
import { Notifier } from '../notifications/notifier';
import { assertNotBanned } from '../supervision/ban';
import type { SettingsService } from '../settings/service';
import { concludedSelectionOf } from '../selections/service';
import { evaluateCandidate } from './eligibility-check';
import { decideRound, enterpriseOf, lockOwnFiling } from './transitions';
import { FilingViews } from './views';
import { clock } from '../../clock';

/**
 * 聘任备案, the enterprise's side: it drafts, edits, attaches the 授权书, submits (a new round, reviewed by the
 * responsible bureau before the deadline in working days) and withdraws; the bureau's decisions are FilingDecisionService.
 */
export class FilingService extends FilingViews {
  constructor(
    db: Database,
    private readonly settings: SettingsService,
    private readonly notifier = new Notifier(),
  ) {
    super(db);
  }

  async create(caller: SessionAccount, actor: Actor, input: FilingInput) {
    const enterpriseId = enterpriseOf(caller);
    const personId = await personOfCandidate(this.db, enterpriseId, input.candidateId);
    const enterprise = await this.db.selectFrom('enterprises').select('org_unit_id').where('id', '=', enterpriseId).executeTakeFirstOrThrow();
    const id = await this.db.transaction().execute(async (trx) => {
      // one open filing per enterprise is the unique index filings_one_open: a second insert answers 409
      await assertNotBanned(trx, personId);
      const { version, result, snapshot } = await evaluateCandidate(trx, enterpriseId, personId, input.reportsToGeneralManager);
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

  async update(caller: SessionAccount, actor: Actor, id: number, input: FilingInput & { version: number }) {
    await this.db.transaction().execute(async (trx) => {
      const filing = await lockOwnFiling(trx, caller, id, ['draft', 'returned'], '修改');
      const personId = await personOfCandidate(trx, filing.enterprise_id, input.candidateId);
      await assertNotBanned(trx, personId);
      const { version, result, snapshot } = await evaluateCandidate(trx, filing.enterprise_id, personId, input.reportsToGeneralManager);
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
      const filing = await lockOwnFiling(trx, caller, id, ['draft', 'returned'], '提交');
      if (!filing.appointment_date) throw invalid('appointmentDate', '请填写聘任日期');
      await assertNotBanned(trx, filing.person_id);
      if (!filing.authorization_letter)
        throw new AppError(422, 'RULE', '请先上传总经理签发的授权书', [{ path: 'authorizationLetter', message: '请上传授权书' }]);
      // re-check against the rules in force at submission, on the candidate data as submitted (kept on the filing)
      const { version, result, snapshot: candidate } = await evaluateCandidate(trx, filing.enterprise_id, filing.person_id, filing.reports_to_general_manager);
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
      const filing = await lockOwnFiling(trx, caller, id, ['submitted', 'draft', 'returned'], '撤回');
      await trx
        .updateTable('filings')
        .set({ status: 'withdrawn', updated_at: clock.now(), version: sql<number>`version + 1` })
        .where('id', '=', id)
        .execute();
      if (filing.status === 'submitted') await decideRound(trx, id, filing.round, 'withdrawn', null, caller.accountId);
      await recordAudit(trx, actor, { action: 'filing.withdraw', targetType: 'filing', targetId: id });
    });
    return this.get(caller, id);
  }

  /** Stores the key of an uploaded 授权书 (`<key>#<type>`) on a draft or returned filing, replacing an earlier one. */
  async attachLetter(caller: SessionAccount, actor: Actor, id: number, keyAndType: string) {
    await this.db.transaction().execute(async (trx) => {
      await lockOwnFiling(trx, caller, id, ['draft', 'returned'], '上传授权书');
      await trx
        .updateTable('filings')
        .set({ authorization_letter: keyAndType, updated_at: clock.now(), version: sql<number>`version + 1` })
        .where('id', '=', id)
        .execute();
      await recordAudit(trx, actor, { action: 'filing.letter', targetType: 'filing', targetId: id });
    });
    return this.get(caller, id);
  }
}

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
