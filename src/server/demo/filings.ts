import type { Kysely } from 'kysely';
import { idNumberCheckCharacter, maskIdNumber, parseIdNumber } from '../../domain/id-number';
import { addWorkingDays, todayInChina } from '../../domain/working-days';
import { loadWorkingCalendar } from '../modules/policy/working-calendar';
import type { CryptoService } from '../crypto/index';
import { evaluateEligibility, failedCriteria, needsOverride, POLICY_RULES, segmentOf, type EligibilityRules } from '../../domain/eligibility';
import { CertificateService } from '../modules/certificates/service';
import { issueFilingProof } from '../modules/filings/proof';
import type { DB, FilingStatus } from '../db/types';
import { clock } from '../clock';

export const DEMO_OFFICER_ACCOUNT = 'officer-kunshan-1';

const SURNAMES = '王李张刘陈杨黄赵周吴徐孙朱马胡郭林何高罗郑梁谢宋唐许';
const GIVEN = ['建华', '志刚', '丽华', '国强', '秀兰', '海峰', '晓东', '雪梅', '振宇', '红霞', '明辉', '玉兰', '立新', '春燕', '永刚', '桂英'];
const EDUCATION = ['college', 'bachelor', 'bachelor', 'bachelor', 'master', 'master', 'doctor'] as const;
const TITLES: readonly [string, 'manager' | 'deputyGeneralManager' | 'generalManager'][] = [
  ['质量副总经理', 'deputyGeneralManager'],
  ['副总经理', 'deputyGeneralManager'],
  ['质量总监', 'manager'],
  ['总经理', 'generalManager'],
];

/** The mix of states each demo county shows (most enterprises with a CQO are 'active'). */
const PLAN: readonly FilingStatus[] = [
  'active',
  'active',
  'active',
  'active',
  'active',
  'active',
  'submitted',
  'submitted',
  'returned',
  'draft',
  'rejected',
  'withdrawn',
  'ended',
];

interface SeedContext {
  db: Kysely<DB>;
  crypto: CryptoService;
  certificates: CertificateService;
}

async function createPerson(s: SeedContext, n: number, regionCode: string, accountId: number | null = null) {
  const year = 1968 + (n % 22);
  const month = String((n % 12) + 1).padStart(2, '0');
  const day = String((n % 27) + 1).padStart(2, '0');
  const body = `${regionCode}${year}${month}${day}${String(100 + (n % 900)).padStart(3, '0')}`;
  const id = body + idNumberCheckCharacter(body);
  const parsed = parseIdNumber(id, clock.now());
  if (!parsed.ok) throw new Error(`demo ID number invalid: ${parsed.message}`);
  const [title, level] = TITLES[n % TITLES.length] ?? TITLES[0] ?? ['副总经理', 'deputyGeneralManager'];
  const row = await s.db
    .insertInto('persons')
    .values({
      name: `${SURNAMES[n % SURNAMES.length] ?? '王'}${GIVEN[(n * 7) % GIVEN.length] ?? '伟'}`,
      id_number_enc: s.crypto.encrypt(id),
      id_number_hash: s.crypto.keyedHash(id),
      id_number_masked: maskIdNumber(id),
      gender: parsed.value.gender,
      birth_date: parsed.value.birthDate,
      phone: `139${String(51000000 + n).padStart(8, '0')}`,
      education: EDUCATION[n % EDUCATION.length] ?? 'bachelor',
      quality_years: 5 + (n % 18),
      position_title: title,
      position_level: level,
      account_id: accountId,
    })
    .onConflict((oc) => oc.column('id_number_hash').doNothing())
    .returning(['id', 'name', 'id_number_masked'])
    .executeTakeFirst();
  return row;
}

/** Demo approvals spread over the past 30 months (deterministic per filing), for the coverage trend. */
const DAY = 86_400_000;
const decidedDaysAgo = (n: number) => 20 + ((n * 37) % 900);

/** Small and micro enterprises get CQOs too (their segment's coverage is not 0%): mostly active. */
const SME_PLAN: readonly FilingStatus[] = ['active', 'active', 'active', 'submitted', 'active', 'draft'];
const SME_FILINGS = 90;

/**
 * Officers and filings in every state across the demo counties (规上, 国有 and 中小微 enterprises), each checked
 * against the eligibility rules in force as a submission would be; approvals at dates spread over the past 30
 * months, those failing a binding rule with an override reason; every approved filing's 备案证明 issued through
 * `issueFilingProof` (the approval's own path) from the record as decided. The pair ent-kunshan-1 /
 * officer-kunshan-1 has an active filing.
 */
export async function seedDemoFilings(db: Kysely<DB>, crypto: CryptoService, officerPasswordHash: string): Promise<number> {
  // review deadlines by the official calendar (weekends only for years without one)
  const calendar = await loadWorkingCalendar(db, '2000-01-01', '2200-12-31');
  const existing = await db
    .selectFrom('filings')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  if (Number(existing.n) > 0) return 0;
  const s: SeedContext = { db, crypto, certificates: new CertificateService(crypto) };
  const today = clock.today();
  const reviewer = await db.selectFrom('accounts').select('id').where('username', '=', 'kunshan').executeTakeFirst();
  const ruleRow = await db.selectFrom('eligibility_rules').select(['version', 'rules']).orderBy('version', 'desc').executeTakeFirst();
  const rules = (ruleRow?.rules as unknown as EligibilityRules | undefined) ?? POLICY_RULES;

  // the demo enterprise account's enterprise first, so it gets the demo officer
  const demoEnterprise = await db.selectFrom('accounts').select('enterprise_id').where('username', '=', 'ent-kunshan-1').executeTakeFirst();
  const columns = ['e.id', 'e.name', 'e.uscc', 'e.org_unit_id', 'e.ownership', 'e.above_scale', 'o.code', 'o.name as unitName'] as const;
  const aboveScale = await db
    .selectFrom('enterprises as e')
    .innerJoin('org_units as o', 'o.id', 'e.org_unit_id')
    .select(columns)
    .where('e.status', '=', 'operating')
    .where('e.above_scale', '=', true)
    .orderBy('e.id')
    .execute();
  aboveScale.sort((a, b) => Number(b.id === demoEnterprise?.enterprise_id) - Number(a.id === demoEnterprise?.enterprise_id));
  const smes = await db
    .selectFrom('enterprises as e')
    .innerJoin('org_units as o', 'o.id', 'e.org_unit_id')
    .select(columns)
    .where('e.status', '=', 'operating')
    .where('e.above_scale', '=', false)
    .where('e.ownership', '<>', 'state')
    .where('e.id', '<>', demoEnterprise?.enterprise_id ?? 0)
    .orderBy('e.id')
    .limit(SME_FILINGS)
    .execute();
  const plan = [
    ...aboveScale
      .slice(0, 260)
      .map((e, i) => ({ e, status: e.id === demoEnterprise?.enterprise_id ? ('active' as const) : (PLAN[i % PLAN.length] ?? 'active') })),
    ...smes.map((e, i) => ({ e, status: SME_PLAN[i % SME_PLAN.length] ?? 'active' })),
  ];

  let n = 0;
  for (const { e, status } of plan) {
    let officerAccount: number | null = null;
    if (e.id === demoEnterprise?.enterprise_id) {
      const acct = await db
        .insertInto('accounts')
        .values({
          username: DEMO_OFFICER_ACCOUNT,
          display_name: '陈质量',
          role: 'officer',
          org_unit_id: e.org_unit_id,
          password_hash: officerPasswordHash,
          must_change_password: false,
        })
        .onConflict((oc) => oc.doNothing())
        .returning('id')
        .executeTakeFirst();
      officerAccount = acct?.id ?? null;
    }
    const k = n;
    const person = await createPerson(s, 1000 + k, e.code.slice(0, 6), officerAccount);
    n += 1;
    if (!person) continue;
    if (officerAccount)
      await db
        .updateTable('persons')
        .set({ name: '陈质量', account_link_basis: 'migrated', account_linked_at: clock.now() })
        .where('id', '=', person.id)
        .execute();
    // the enterprise's own candidate data, as it typed it (here: the same facts as the person's profile);
    // some submitted candidates fall short, so a reviewer meets the override field
    const profile = await db
      .selectFrom('persons')
      .select(['name', 'phone', 'education', 'quality_years', 'position_title', 'position_level'])
      .where('id', '=', person.id)
      .executeTakeFirstOrThrow();
    const facts = status === 'submitted' && k % 3 === 0 ? { ...profile, quality_years: 3 } : profile;
    await db
      .insertInto('candidates')
      .values({ enterprise_id: e.id, person_id: person.id, ...facts })
      .onConflict((oc) => oc.doNothing())
      .execute();
    // a rejection for not reporting to the GM: the filing says so, and the check fails on it
    const reportsToGeneralManager = status !== 'rejected';
    const eligibility = evaluateEligibility(rules, segmentOf({ ownership: e.ownership, aboveScale: e.above_scale }), {
      education: facts.education,
      qualityYears: facts.quality_years,
      position: facts.position_level,
      reportsToGeneralManager,
    });
    const decided = status === 'active' || status === 'ended' || status === 'returned' || status === 'rejected';
    // approvals spread over 30 months; the rest submitted 3 or 40 days ago (some overdue) or 60 days ago
    const decidedAt = status === 'active' || status === 'ended' ? new Date(clock.nowMs() - decidedDaysAgo(k) * DAY) : new Date(clock.nowMs() - 55 * DAY);
    const submittedAt =
      status === 'active' || status === 'ended'
        ? new Date(decidedAt.getTime() - 4 * DAY)
        : new Date(clock.nowMs() - (status === 'submitted' ? (k % 2 === 0 ? 40 : 3) : 60) * DAY);
    const submittedOn = todayInChina(submittedAt);
    const appointmentDate = todayInChina(new Date(submittedAt.getTime() - DAY));
    const endedAt =
      status === 'ended'
        ? ([todayInChina(new Date(decidedAt.getTime() + (30 + ((k * 13) % 300)) * DAY)), todayInChina(new Date(clock.nowMs() - DAY))].sort()[0] ?? today)
        : null;
    const approved = status === 'active' || status === 'ended';
    const override =
      approved && needsOverride(eligibility)
        ? { reason: '拟任人员长期主持企业质量管理工作，实绩突出，经局务会研究同意破格备案', criteria: failedCriteria(eligibility) }
        : null;
    const filing = await db
      .insertInto('filings')
      .values({
        enterprise_id: e.id,
        person_id: person.id,
        org_unit_id: e.org_unit_id,
        status,
        appointment_date: appointmentDate,
        departments_led: '质量管理部、检验检测中心',
        reports_to_general_manager: reportsToGeneralManager,
        veto_right: true,
        treatment: '享受企业高级副职待遇',
        // structured 待遇 (policy 四): most demo officers at 高层副职 level, some not, so the statistic has both
        treatment_level: k % 4 === 3 ? 'middle_manager' : 'senior_deputy_or_above',
        attends_management_meetings: k % 5 !== 4,
        post_allowance_yuan: k % 3 === 0 ? 1500 + (k % 4) * 500 : null,
        treatment_benefits: k % 3 === 0 ? ['executive_pay', 'post_allowance'] : ['executive_pay'],
        eligibility: JSON.stringify(eligibility),
        rule_version: ruleRow?.version ?? null,
        round: status === 'draft' ? 0 : 1,
        review_deadline: status === 'draft' ? null : addWorkingDays(submittedOn, 20, calendar),
        submitted_at: status === 'draft' ? null : submittedAt,
        decided_at: decided ? decidedAt : null,
        decided_by: decided ? (reviewer?.id ?? null) : null,
        decision_reason:
          status === 'returned'
            ? '授权书未加盖企业公章，请补充后重新提交'
            : status === 'rejected'
              ? '拟任人员不直接向总经理负责，不符合首席质量官制度要求'
              : null,
        override_reason: override?.reason ?? null,
        override_rule_version: override ? (ruleRow?.version ?? null) : null,
        override_criteria: override ? JSON.stringify(override.criteria) : null,
        override_by: override ? (reviewer?.id ?? null) : null,
        end_kind: status === 'ended' ? 'resignation' : null,
        exit_cause: status === 'ended' ? 'voluntary' : null,
        end_reason: status === 'ended' ? '个人原因辞任' : null,
        ended_at: endedAt,
        created_at: new Date(submittedAt.getTime() - DAY),
        updated_at: decided ? decidedAt : submittedAt,
        candidate_snapshot: JSON.stringify({
          name: facts.name,
          phone: facts.phone,
          education: facts.education,
          qualityYears: facts.quality_years,
          positionTitle: facts.position_title,
          positionLevel: facts.position_level,
          nameMismatch: false,
          qualifications: [],
        }),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    if (status !== 'draft') {
      const decision = approved
        ? 'approved'
        : status === 'returned'
          ? 'returned'
          : status === 'rejected'
            ? 'rejected'
            : status === 'withdrawn'
              ? 'withdrawn'
              : null;
      const snapshot = {
        appointmentDate,
        departmentsLed: '质量管理部、检验检测中心',
        reportsToGeneralManager,
        vetoRight: true,
        treatment: '享受企业高级副职待遇',
        personId: person.id,
      };
      await db
        .insertInto('filing_rounds')
        .values({
          filing_id: filing.id,
          round: 1,
          submitted_at: submittedAt,
          snapshot: JSON.stringify(snapshot),
          eligibility: JSON.stringify(eligibility),
          decision,
          remarks:
            status === 'returned'
              ? '授权书未加盖企业公章，请补充后重新提交'
              : status === 'rejected'
                ? '拟任人员不直接向总经理负责，不符合首席质量官制度要求'
                : null,
          decided_at: decision ? (decided ? decidedAt : submittedAt) : null,
          decided_by: decision && decision !== 'withdrawn' ? (reviewer?.id ?? null) : null,
        })
        .execute();
    }
    if (approved) {
      await issueFilingProof(db, s.certificates, filing.id);
      if (status === 'ended') await s.certificates.setStatus(db, 'filing', filing.id, 'ended', `辞任（${endedAt ?? today}）`);
      else await db.updateTable('enterprises').set({ has_active_officer: true }).where('id', '=', e.id).execute();
    }
  }
  return n;
}
