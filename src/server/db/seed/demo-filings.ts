import type { Kysely } from 'kysely';
import { idNumberCheckCharacter, maskIdNumber, parseIdNumber } from '../../../domain/id-number';
import { addWorkingDays, todayInChina } from '../../../domain/working-days';
import type { CryptoService } from '../../crypto/index';
import { CertificateService } from '../../modules/certificates/service';
import type { DB, FilingStatus } from '../types';
import { clock } from '../../clock';

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
const PLAN: readonly FilingStatus[] = ['active', 'active', 'active', 'active', 'active', 'active', 'submitted', 'submitted', 'returned', 'draft', 'rejected', 'withdrawn', 'ended'];

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

/**
 * Officers and filings in every state across the demo counties, with signed proofs for the active ones,
 * and the pair ent-kunshan-1 / officer-kunshan-1 with an active filing.
 */
export async function seedDemoFilings(db: Kysely<DB>, crypto: CryptoService, officerPasswordHash: string): Promise<number> {
  const existing = await db.selectFrom('filings').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  if (Number(existing.n) > 0) return 0;
  const s: SeedContext = { db, crypto, certificates: new CertificateService(crypto) };
  const today = clock.today();
  const reviewer = await db.selectFrom('accounts').select('id').where('username', '=', 'kunshan').executeTakeFirst();

  // the demo enterprise account's enterprise first, so it gets the demo officer
  const demoEnterprise = await db.selectFrom('accounts').select('enterprise_id').where('username', '=', 'ent-kunshan-1').executeTakeFirst();
  const enterprises = await db
    .selectFrom('enterprises as e')
    .innerJoin('org_units as o', 'o.id', 'e.org_unit_id')
    .select(['e.id', 'e.name', 'e.uscc', 'e.org_unit_id', 'o.code', 'o.name as unitName'])
    .where('e.status', '=', 'operating')
    .where('e.above_scale', '=', true)
    .orderBy('e.id')
    .execute();
  enterprises.sort((a, b) => Number(b.id === demoEnterprise?.enterprise_id) - Number(a.id === demoEnterprise?.enterprise_id));

  let n = 0;
  for (const e of enterprises.slice(0, 260)) {
    const status: FilingStatus = e.id === demoEnterprise?.enterprise_id ? 'active' : (PLAN[n % PLAN.length] ?? 'active');
    let officerAccount: number | null = null;
    if (e.id === demoEnterprise?.enterprise_id) {
      const acct = await db
        .insertInto('accounts')
        .values({ username: DEMO_OFFICER_ACCOUNT, display_name: '陈质量', role: 'officer', org_unit_id: e.org_unit_id, password_hash: officerPasswordHash, must_change_password: false })
        .onConflict((oc) => oc.doNothing())
        .returning('id')
        .executeTakeFirst();
      officerAccount = acct?.id ?? null;
    }
    const person = await createPerson(s, 1000 + n, e.code.slice(0, 6), officerAccount);
    n += 1;
    if (!person) continue;
    if (officerAccount) await db.updateTable('persons').set({ name: '陈质量', account_link_basis: 'migrated', account_linked_at: clock.now() }).where('id', '=', person.id).execute();
    // the enterprise's own candidate data, as it typed it (here: the same facts as the person's profile)
    const facts = await db.selectFrom('persons').select(['name', 'phone', 'education', 'quality_years', 'position_title', 'position_level']).where('id', '=', person.id).executeTakeFirstOrThrow();
    await db.insertInto('candidates').values({ enterprise_id: e.id, person_id: person.id, ...facts }).onConflict((oc) => oc.doNothing()).execute();
    // submitted long enough ago that some are overdue
    const submittedDaysAgo = status === 'submitted' ? (n % 2 === 0 ? 40 : 3) : 60;
    const submittedAt = new Date(clock.nowMs() - submittedDaysAgo * 86_400_000);
    const submittedOn = todayInChina(submittedAt);
    const rounds = status === 'draft' ? 0 : status === 'returned' ? 1 : 1;
    const filing = await db
      .insertInto('filings')
      .values({
        enterprise_id: e.id,
        person_id: person.id,
        org_unit_id: e.org_unit_id,
        status,
        appointment_date: submittedOn,
        departments_led: '质量管理部、检验检测中心',
        reports_to_general_manager: true,
        veto_right: true,
        treatment: '享受企业高级副职待遇',
        eligibility: JSON.stringify({ segment: 'aboveScale', pass: true, advisory: false, criteria: [] }),
        rule_version: 1,
        round: rounds,
        review_deadline: status === 'draft' ? null : addWorkingDays(submittedOn, 20),
        submitted_at: status === 'draft' ? null : submittedAt,
        decided_at: ['active', 'returned', 'rejected', 'ended'].includes(status) ? new Date(submittedAt.getTime() + 5 * 86_400_000) : null,
        decided_by: ['active', 'returned', 'rejected', 'ended'].includes(status) ? (reviewer?.id ?? null) : null,
        decision_reason: status === 'returned' ? '授权书未加盖企业公章，请补充后重新提交' : status === 'rejected' ? '拟任人员不直接向总经理负责，不符合首席质量官制度要求' : null,
        end_kind: status === 'ended' ? 'resignation' : null,
        end_reason: status === 'ended' ? '个人原因辞任' : null,
        ended_at: status === 'ended' ? today : null,
        candidate_snapshot: JSON.stringify({ name: facts.name, phone: facts.phone, education: facts.education, qualityYears: facts.quality_years, positionTitle: facts.position_title, positionLevel: facts.position_level, nameMismatch: false, qualifications: [] }),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    if (rounds > 0) {
      const decision = status === 'active' || status === 'ended' ? 'approved' : status === 'returned' ? 'returned' : status === 'rejected' ? 'rejected' : status === 'withdrawn' ? 'withdrawn' : null;
      await db
        .insertInto('filing_rounds')
        .values({ filing_id: filing.id, round: 1, submitted_at: submittedAt, snapshot: '{}', eligibility: JSON.stringify({ pass: true }), decision, decided_at: decision ? new Date(submittedAt.getTime() + 5 * 86_400_000) : null, decided_by: decision && decision !== 'withdrawn' ? (reviewer?.id ?? null) : null })
        .execute();
    }
    if (status === 'active' || status === 'ended') {
      await s.certificates.issue(db, {
        kind: 'filing_proof',
        subjectType: 'filing',
        subjectId: filing.id,
        personId: person.id,
        orgUnitId: e.org_unit_id,
        payload: {
          personName: officerAccount ? '陈质量' : person.name,
          idNumberMasked: person.id_number_masked,
          enterpriseName: e.name,
          uscc: e.uscc,
          bureauName: `${e.unitName}市场监督管理局`,
          appointmentDate: submittedOn,
          departmentsLed: '质量管理部、检验检测中心',
          reportsToGeneralManager: true,
          vetoRight: true,
          filedOn: todayInChina(new Date(submittedAt.getTime() + 5 * 86_400_000)),
        },
      });
      if (status === 'ended') await s.certificates.setStatus(db, 'filing', filing.id, 'ended', `辞任（${today}）`);
      else await db.updateTable('enterprises').set({ has_active_officer: true }).where('id', '=', e.id).execute();
    }
  }
  return n;
}
