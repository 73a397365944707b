import { sql } from 'kysely';
import type { Criterion, EligibilityResult } from '../../../domain/eligibility';
import { hasPermission } from '../../../domain/permissions';
import { scopeOf } from '../../auth/scope';
import type { SessionAccount } from '../../auth/session-store';
import type { Database } from '../../db/database';
import { forbidden, notFound } from '../../errors';
import { personIdentityColumns, type CandidateSnapshot } from './persons';
import { proofOf } from './proof';
import { filingFilterCondition, type FilingFilter } from './register';
import { mayDecideFilingsOf } from './review-rights';

const filingColumns = [
  'f.id',
  'f.version',
  'f.enterprise_id as enterpriseId',
  'e.name as enterpriseName',
  'e.uscc',
  'f.person_id as personId',
  'p.name as personName',
  'p.id_number_masked as idNumberMasked',
  'f.org_unit_id as orgUnitId',
  'o.name as orgUnitName',
  'f.status',
  'f.appointment_date as appointmentDate',
  'f.departments_led as departmentsLed',
  'f.reports_to_general_manager as reportsToGeneralManager',
  'f.veto_right as vetoRight',
  'f.treatment',
  'f.treatment_level as treatmentLevel',
  'f.attends_management_meetings as attendsManagementMeetings',
  'f.post_allowance_yuan as postAllowanceYuan',
  'f.treatment_benefits as treatmentBenefits',
  'f.selection_id as selectionId',
  sql<boolean>`f.authorization_letter is not null`.as('hasAuthorizationLetter'),
  sql<string | null>`(select c.serial from certificates c where c.subject_type = 'filing' and c.subject_id = f.id order by c.id desc limit 1)`.as(
    'proofSerial',
  ),
  // stored by evaluateEligibility (results kept before a field existed lack it)
  sql<EligibilityResult | null>`f.eligibility`.as('eligibility'),
  'f.rule_version as ruleVersion',
  'f.round',
  'f.review_deadline as reviewDeadline',
  'f.submitted_at as submittedAt',
  'f.decided_at as decidedAt',
  'f.decision_reason as decisionReason',
  'f.override_reason as overrideReason',
  'f.override_rule_version as overrideRuleVersion',
  sql<Criterion[] | null>`f.override_criteria`.as('overrideCriteria'),
  'f.end_kind as endKind',
  'f.exit_cause as exitCause',
  'f.end_reason as endReason',
  'f.ended_at as endedAt',
  'f.created_at as createdAt',
  'f.updated_at as updatedAt',
] as const;

/** The enterprise's view: it keeps candidates, not persons (issue 16 item 1). */
const enterpriseView = (caller: SessionAccount) => !hasPermission(caller.role, 'filings:read') && hasPermission(caller.role, 'filings:manage');

/** An enterprise sees the name it typed for its candidate (from the filing's snapshot), never the name on file. */
function filingColumnsFor(caller: SessionAccount) {
  const columns = [
    ...filingColumns,
    sql<number | null>`(select k.id from candidates k where k.enterprise_id = f.enterprise_id and k.person_id = f.person_id)`.as('candidateId'),
  ] as const;
  if (!enterpriseView(caller)) return columns;
  return columns.map((c) =>
    c === 'p.name as personName' ? sql<string>`coalesce(f.candidate_snapshot->>'name', p.name)`.as('personName') : c,
  ) as unknown as typeof columns;
}

/**
 * What leaves the server about the filing's person: an enterprise gets its own candidate id and no person id (the
 * global sequential id would tell when the person was first recorded, by whoever); other callers the person id.
 */
function presentPerson<T extends { personId: number; candidateId: number | null }>(
  caller: SessionAccount,
  row: T,
): Omit<T, 'personId' | 'candidateId'> & { personId: number | null; candidateId: number | null } {
  return enterpriseView(caller) ? { ...row, personId: null } : { ...row, candidateId: null };
}

/** What callers see of filings: the register (list, export), a filing's detail and its 授权书, each within the caller's scope. */
export class FilingViews {
  constructor(protected readonly db: Database) {}

  /** Filings the caller may see: bureaus by region, an enterprise its own. */
  private scoped(caller: SessionAccount) {
    const base = this.db
      .selectFrom('filings as f')
      .innerJoin('enterprises as e', 'e.id', 'f.enterprise_id')
      .innerJoin('persons as p', 'p.id', 'f.person_id')
      .innerJoin('org_units as o', 'o.id', 'f.org_unit_id');
    // bureaus and departments see filings of the enterprises they see (current unit; a department's industries too)
    if (hasPermission(caller.role, 'filings:read')) return base.where(scopeOf(caller).enterprise('e'));
    if (hasPermission(caller.role, 'filings:manage') && caller.enterpriseId) return base.where('f.enterprise_id', '=', caller.enterpriseId);
    // an officer sees the filings that name them
    if (hasPermission(caller.role, 'officer_profile:manage')) return base.where('p.account_id', '=', caller.accountId);
    return base.where(sql<boolean>`false`);
  }

  /** The register's filtered filings within the caller's scope (list and export share it). */
  private filtered(caller: SessionAccount, filter: FilingFilter) {
    if (!hasPermission(caller.role, 'filings:read') && !hasPermission(caller.role, 'filings:manage') && !hasPermission(caller.role, 'officer_profile:manage'))
      throw forbidden();
    return this.scoped(caller).where(filingFilterCondition(filter));
  }

  async list(caller: SessionAccount, filter: FilingFilter, page: number, pageSize: number) {
    const q = this.filtered(caller, filter);
    const [{ total }, items] = await Promise.all([
      q.select((eb) => eb.fn.countAll<number>().as('total')).executeTakeFirstOrThrow(),
      // the review queue comes by nearest deadline; everything else newest first
      (filter.status === 'submitted' || filter.overdue ? q.orderBy('f.review_deadline', 'asc').orderBy('f.id') : q.orderBy('f.updated_at', 'desc'))
        .select(filingColumnsFor(caller))
        .limit(pageSize)
        .offset((page - 1) * pageSize)
        .execute(),
    ]);
    // the same rule as the detail's canReview, computed once per distinct unit of the page (not once per row)
    const reviewable = new Map<number, boolean>();
    if (hasPermission(caller.role, 'filings:review')) {
      const units = [...new Set(items.map((f) => f.orgUnitId))];
      const decisions = await Promise.all(units.map((u) => mayDecideFilingsOf(this.db, caller, u)));
      units.forEach((u, i) => reviewable.set(u, decisions[i] ?? false));
    }
    return { items: items.map((f) => ({ ...presentPerson(caller, f), canReview: reviewable.get(f.orgUnitId) ?? false })), total: Number(total) };
  }

  /** The 备案台账 rows of the filter, in chunks (keyset on id), for the Excel export. */
  async *exportRows(caller: SessionAccount, filter: FilingFilter) {
    let after = 0;
    for (;;) {
      const rows = await this.filtered(caller, filter).select(filingColumnsFor(caller)).where('f.id', '>', after).orderBy('f.id').limit(500).execute();
      if (rows.length === 0) return;
      yield rows;
      after = rows[rows.length - 1]?.id ?? after;
      if (rows.length < 500) return;
    }
  }

  async get(caller: SessionAccount, id: number) {
    const filing = await this.scoped(caller)
      .select([...filingColumnsFor(caller), 'f.candidate_snapshot'])
      .where('f.id', '=', id)
      .executeTakeFirst();
    if (!filing) throw notFound('备案');
    const rounds = await this.db
      .selectFrom('filing_rounds')
      .select([
        'round',
        'submitted_at as submittedAt',
        'decision',
        'remarks',
        'decided_at as decidedAt',
        sql<EligibilityResult | null>`eligibility`.as('eligibility'),
      ])
      .where('filing_id', '=', id)
      .orderBy('round')
      .execute();
    const { candidate_snapshot, ...rest } = filing;
    const snapshot = (candidate_snapshot ?? null) as CandidateSnapshot | null;
    const identity = await this.db.selectFrom('persons as p').select(personIdentityColumns).where('p.id', '=', filing.personId).executeTakeFirstOrThrow();
    // the facts are the filing's snapshot of the enterprise's candidate data, the identity is the person's
    const person = {
      ...identity,
      name: rest.personName,
      phone: snapshot?.phone ?? null,
      education: snapshot?.education ?? null,
      qualityYears: snapshot?.qualityYears ?? null,
      positionTitle: snapshot?.positionTitle ?? null,
      positionLevel: snapshot?.positionLevel ?? null,
    };
    // only the bureau learns that the name the enterprise typed differs from the one on file
    const bureau = hasPermission(caller.role, 'filings:read');
    const candidate = snapshot ? { ...snapshot, nameMismatch: bureau ? snapshot.nameMismatch : false } : null;
    // the same rule the review and end routes enforce, so the page shows their buttons only to who may use them
    const canReview = await mayDecideFilingsOf(this.db, caller, filing.orgUnitId);
    return {
      ...presentPerson(caller, rest),
      person: { ...person, id: enterpriseView(caller) ? null : person.id },
      candidate,
      rounds,
      canReview,
      proof: await proofOf(this.db, id),
    };
  }

  /** The filing's 授权书 as the caller may open it: the filing's id and the stored reference (`<key>#<type>`), if any. */
  async letter(caller: SessionAccount, id: number): Promise<{ filingId: number; ref: string | null }> {
    const filing = await this.get(caller, id);
    const row = await this.db.selectFrom('filings').select('authorization_letter').where('id', '=', filing.id).executeTakeFirst();
    return { filingId: filing.id, ref: row?.authorization_letter ?? null };
  }
}
