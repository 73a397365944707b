import type { Kysely } from 'kysely';
import { SURVEY_ITEM_KEYS, type TrainingTier } from '../../domain/training';
import { DEFAULT_MINUTES_PER_STUDY_HOUR } from '../../domain/study-hours';
import { todayInChina } from '../../domain/working-days';
import type { CryptoService } from '../crypto/index';
import { CertificateService } from '../modules/certificates/service';
import { issueTrainingCertificate } from '../modules/training/certificate-issue';
import type { DB } from '../db/types';
import { clock } from '../clock';

export const DEMO_TRAINER_ACCOUNT = 'trainer-suzhou';

const DAY = 86_400_000;
/** A time in China on a day `days` from today. */
const at = (days: number, hour: number, minute = 0): Date => {
  const day = todayInChina(new Date(clock.nowMs() + days * DAY));
  return new Date(`${day}T${String(hour).padStart(2, '0')}:${String(minute).padStart(2, '0')}:00+08:00`);
};

const COMMENTS = [
  '案例教学很实用，希望多安排现场观摩。',
  '讲师对质量管理体系讲解透彻，收获很大。',
  '课程安排紧凑，建议增加分组研讨时间。',
  '希望提供课件电子版，便于回企业传达。',
  '对首席质量官的职责有了更清晰的认识。',
];

/**
 * Demo training (never in production): a trainer account, the 苏州 and province instructor pools, a finished
 * 昆山 基础 class with attendance, scores (one make-up), surveys and certificates (officer-kunshan-1 among them),
 * and upcoming 基础/提升/高级 classes with enrolments and a waiting list.
 */
export async function seedDemoTraining(db: Kysely<DB>, crypto: CryptoService, hash: string): Promise<number> {
  const existing = await db
    .selectFrom('training_classes')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  if (Number(existing.n) > 0) return 0;
  const unit = async (code: string) => await db.selectFrom('org_units').select(['id', 'name']).where('code', '=', code).executeTakeFirstOrThrow();
  const province = await unit('320000');
  const suzhou = await unit('320500');
  const kunshan = await unit('320583');
  const account = async (username: string) => (await db.selectFrom('accounts').select('id').where('username', '=', username).executeTakeFirst())?.id ?? null;

  // officers of 昆山 with active filings, the demo officer first
  const demoOfficer = await db
    .selectFrom('persons as p')
    .innerJoin('accounts as a', 'a.id', 'p.account_id')
    .select('p.id')
    .where('a.username', '=', 'officer-kunshan-1')
    .executeTakeFirst();
  const officers = await db
    .selectFrom('filings as f')
    .innerJoin('persons as p', 'p.id', 'f.person_id')
    .select(['p.id', 'p.name', 'p.id_number_masked', 'p.account_id', 'f.enterprise_id'])
    .where('f.status', '=', 'active')
    .where('f.org_unit_id', '=', kunshan.id)
    .orderBy('p.id')
    .execute()
    .then((rows) => rows.sort((a, b) => Number(b.id === demoOfficer?.id) - Number(a.id === demoOfficer?.id)).slice(0, 14));
  if (officers.length < 6) return 0;

  const trainer =
    (await account(DEMO_TRAINER_ACCOUNT)) ??
    (
      await db
        .insertInto('accounts')
        .values({
          username: DEMO_TRAINER_ACCOUNT,
          display_name: '苏州市质量技术培训中心',
          role: 'trainer',
          org_unit_id: suzhou.id,
          password_hash: hash,
          must_change_password: false,
        })
        .returning('id')
        .executeTakeFirstOrThrow()
    ).id;

  const pool = async (orgUnitId: number, rows: [string, string, string, string[]][]) => {
    const ids: number[] = [];
    for (const [name, organisation, title, topics] of rows) {
      ids.push(
        (
          await db
            .insertInto('training_instructors')
            .values({ org_unit_id: orgUnitId, name, organisation, title, topics })
            .returning('id')
            .executeTakeFirstOrThrow()
        ).id,
      );
    }
    return ids;
  };
  const suzhouPool = await pool(suzhou.id, [
    ['沈立诚', '苏州大学质量管理研究所', '教授', ['质量管理体系', '卓越绩效']],
    ['顾文华', '苏州市质量技术监督综合检验检测中心', '高级工程师', ['产品质量安全', '检验检测']],
    ['陆晓雯', '苏州市标准化协会', '高级工程师', ['标准化', '团体标准']],
    ['周建明', '昆山某精密制造股份有限公司', '质量副总经理', ['首席质量官实务', '质量成本']],
  ]);
  const provincePool = await pool(province.id, [
    ['韩振东', '东南大学经济管理学院', '教授', ['质量强国战略', '质量经济学']],
    ['许静', '江苏省质量和标准化研究院', '研究员', ['质量基础设施', '品牌建设']],
  ]);

  const makeClass = async (v: {
    org: { id: number; name: string };
    name: string;
    tier: TrainingTier;
    format: 'in_person' | 'online' | 'site_visit' | 'seminar';
    venue?: string;
    link?: string;
    capacity: number;
    hours: number;
    trainer: number | null;
    provider: string | null;
    sessions: [string, Date, Date][];
    instructors: [number, string][];
    description: string;
    quiz?: boolean;
  }) => {
    const c = await db
      .insertInto('training_classes')
      .values({
        org_unit_id: v.org.id,
        trainer_account_id: v.trainer,
        provider_name: v.provider,
        name: v.name,
        tier: v.tier,
        format: v.format,
        venue: v.venue ?? null,
        online_link: v.link ?? null,
        description: v.description,
        capacity: v.capacity,
        hours: v.hours,
        certificate_valid_months: v.tier === 'basic' ? null : 36,
        quiz: v.quiz
          ? JSON.stringify([
              { question: '首席质量官应当直接向谁负责？', options: ['质量部经理', '企业总经理', '市场监管部门'], answer: 1 },
              { question: '首席质量官对质量安全事项享有什么权力？', options: ['一票否决权', '审批权', '处罚权'], answer: 0 },
              { question: '江苏省要求首席质量官每年在线自学不少于多少学时？', options: ['20 学时', '50 学时', '100 学时'], answer: 1 },
            ])
          : null,
      })
      .returning(['id', 'org_unit_id', 'name', 'tier', 'hours', 'provider_name', 'certificate_valid_months'])
      .executeTakeFirstOrThrow();
    const sessions = [];
    for (const [title, s, e] of v.sessions)
      sessions.push(
        await db
          .insertInto('training_sessions')
          .values({ class_id: c.id, title, starts_at: s, ends_at: e })
          .returning(['id', 'starts_at', 'ends_at'])
          .executeTakeFirstOrThrow(),
      );
    for (const [instructor_id, topic] of v.instructors)
      await db.insertInto('training_class_instructors').values({ class_id: c.id, instructor_id, topic }).execute();
    return { c, sessions };
  };

  // A: the finished 昆山 基础 class
  const a = await makeClass({
    org: kunshan,
    name: `${clock.today().slice(0, 4)}年昆山市企业首席质量官基础培训班（第一期）`,
    tier: 'basic',
    format: 'in_person',
    venue: '昆山市市场监督管理局三楼培训室（前进中路 299 号）',
    capacity: 40,
    hours: 16,
    trainer,
    provider: '苏州市质量技术培训中心',
    sessions: [
      ['质量强国战略与首席质量官制度', at(-40, 9), at(-40, 17)],
      ['质量管理体系与质量安全风险防控', at(-39, 9), at(-39, 17)],
    ],
    instructors: [
      [suzhouPool[0] ?? 0, '质量管理体系'],
      [suzhouPool[1] ?? 0, '产品质量安全'],
      [suzhouPool[3] ?? 0, '首席质量官实务'],
    ],
    description: '面向新任及拟任首席质量官，讲授首席质量官制度、质量管理体系和质量安全风险防控，结业考核合格颁发基础培训合格证。',
    quiz: true,
  });
  const certificates = new CertificateService(crypto);
  let rows = 0;
  const enrolled = officers.slice(0, 12);
  for (const [i, o] of enrolled.entries()) {
    const score = i === 1 ? 52 : i === 2 ? 45 : 70 + ((i * 7) % 26);
    const makeup = i === 1 ? 78 : null;
    const e = await db
      .insertInto('training_enrolments')
      .values({
        class_id: a.c.id,
        person_id: o.id,
        enterprise_id: o.enterprise_id,
        status: 'enrolled',
        score,
        makeup_score: makeup,
        pre_quiz_score: [33, 67, 33, 67, 100][i % 5] ?? 33,
        created_at: new Date(clock.nowMs() - 55 * DAY),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    rows += 1;
    for (const [k, s] of a.sessions.entries()) {
      const absent = i === 3 && k === 1;
      const late = i === 4 && k === 0;
      await db
        .insertInto('training_attendance')
        .values({
          session_id: s.id,
          enrolment_id: e.id,
          status: absent ? 'absent' : late ? 'late' : 'present',
          method: absent ? 'manual' : 'qr',
          signed_in_at: absent ? null : new Date(s.starts_at.getTime() + (late ? 25 : -10 + i) * 60_000),
          correction_reason: absent ? '学员请假，未到场' : null,
          recorded_by: trainer,
        })
        .execute();
    }
    if (i !== 5) {
      const ratings = Object.fromEntries(SURVEY_ITEM_KEYS.map((k, j) => [k, Math.min(5, 3 + ((i + j) % 3))]));
      const instructorRatings = { [String(suzhouPool[0])]: 5 - (i % 2), [String(suzhouPool[1])]: 4, [String(suzhouPool[3])]: 4 + (i % 2) };
      await db
        .insertInto('training_survey_responses')
        .values({
          class_id: a.c.id,
          enrolment_id: e.id,
          ratings: JSON.stringify(ratings),
          instructor_ratings: JSON.stringify(instructorRatings),
          comment: i % 2 === 0 ? (COMMENTS[i % COMMENTS.length] ?? null) : null,
          post_quiz_score: [67, 100, 67, 100, 100][i % 5] ?? 67,
          submitted_at: at(-39, 17, 20),
        })
        .execute();
    }
    const complete = i !== 2 && i !== 3;
    if (complete) {
      const finalScore = makeup ?? score;
      const issuedAt = at(-35, 10);
      // the service's issuing path: payload, certificate and study line from the class and person records
      await issueTrainingCertificate(db, certificates, a.c, e.id, finalScore, DEFAULT_MINUTES_PER_STUDY_HOUR, issuedAt);
    }
  }

  // B: an upcoming 苏州 提升 class (officer-kunshan-1 holds the 基础 certificate and may enrol)
  const b = await makeClass({
    org: suzhou,
    name: `${clock.today().slice(0, 4)}年苏州市企业首席质量官提升培训班`,
    tier: 'enhanced',
    format: 'in_person',
    venue: '苏州市市场监督管理局培训中心（苏州工业园区）',
    capacity: 30,
    hours: 24,
    trainer,
    provider: '苏州市质量技术培训中心',
    sessions: [
      ['卓越绩效模式与质量成本管理', at(10, 9), at(10, 17)],
      ['标准化战略与团体标准实践', at(11, 9), at(11, 17)],
      ['标杆企业现场教学', at(12, 9), at(12, 16)],
    ],
    instructors: [
      [suzhouPool[0] ?? 0, '卓越绩效'],
      [suzhouPool[2] ?? 0, '标准化'],
    ],
    description: '面向在任首席质量官的继续教育，须持有基础培训合格证。',
  });
  for (const o of enrolled.slice(4, 9)) {
    await db.insertInto('training_enrolments').values({ class_id: b.c.id, person_id: o.id, enterprise_id: o.enterprise_id, status: 'enrolled' }).execute();
    rows += 1;
  }

  // C: an upcoming online 基础 class that is full, with a waiting list
  const c = await makeClass({
    org: kunshan,
    name: `${clock.today().slice(0, 4)}年昆山市企业首席质量官基础培训班（第二期·线上）`,
    tier: 'basic',
    format: 'online',
    link: 'https://meeting.example.gov.cn/j/320583',
    capacity: 3,
    hours: 8,
    trainer: null,
    provider: null,
    sessions: [['首席质量官制度与履职要求（线上）', at(5, 14), at(5, 17, 30)]],
    instructors: [[suzhouPool[3] ?? 0, '首席质量官实务']],
    description: '线上直播课程，面向未参加第一期的拟任首席质量官。',
  });
  for (const [i, o] of officers.slice(10, 14).entries()) {
    await db
      .insertInto('training_enrolments')
      .values({
        class_id: c.c.id,
        person_id: o.id,
        enterprise_id: o.enterprise_id,
        status: i < 3 ? 'enrolled' : 'waitlisted',
        created_at: new Date(clock.nowMs() - (10 - i) * 3600_000),
      })
      .execute();
    rows += 1;
  }

  // D: the province's 高级 class
  await makeClass({
    org: province,
    name: `${clock.today().slice(0, 4)}年江苏省企业首席质量官高级研修班`,
    tier: 'advanced',
    format: 'seminar',
    venue: '江苏省市场监督管理局培训中心（南京）',
    capacity: 60,
    hours: 32,
    trainer: null,
    provider: null,
    sessions: [
      ['质量强国战略专题研讨', at(30, 9), at(30, 17)],
      ['质量经济与品牌建设', at(31, 9), at(31, 17)],
    ],
    instructors: [
      [provincePool[0] ?? 0, '质量强国战略'],
      [provincePool[1] ?? 0, '品牌建设'],
    ],
    description: '面向持有提升培训合格证的首席质量官，研讨质量强国战略与企业质量经济。',
  });
  return rows;
}
