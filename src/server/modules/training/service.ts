import { sql, type Kysely, type Transaction } from 'kysely';
import { hasPermission } from '../../../domain/permissions';
import {
  checkEnrolment,
  checkScoreEntry,
  evaluateCompletion,
  quizScore,
  signInStatus,
  TIER_ORGANISER_KINDS,
  trainingLedgerRef,
  TRAINING_TIER_LABELS,
  ENROLMENT_PRIORITY_LABELS,
  WAITLIST_RULE,
  type EnrolmentPriority,
  type Completion,
  type QuizQuestion,
  type TrainingTier,
} from '../../../domain/training';
import { todayInChina } from '../../../domain/working-days';
import { issueRotatingToken, verifyRotatingToken } from '../../../domain/rotating-token';
import { recordAudit, type Actor } from '../../audit/audit-log';
import { pathWithin } from '../../auth/scope';
import type { SessionAccount } from '../../auth/session-store';
import type { CryptoService } from '../../crypto/index';
import type { Database } from '../../db/database';
import type { DB } from '../../db/types';
import { AppError, conflict, forbidden, invalid, notFound, stateError } from '../../errors';
import type { SettingsService } from '../settings/service';
import { CertificateService } from '../certificates/service';
import { Notifier } from '../notifications/notifier';
import { revokeStudyLines } from '../study-ledger/ledger';
import { isMergedIntoCity } from '../training-plans/delegation';
import { assertCan, classFor, classReadScope, instructorScope, personOf } from './access';
import type { ClassInput, SurveyInput } from './schemas';
import { parseScoreCell, type ScoreFileRow } from './score-import';
import { clock } from '../../clock';
import { priorityRank } from './priority';
import { assertClassOver, assertSessionStarted, lastSessionEnd, notYetOver } from './timing';
import { ENROLMENT_SUBJECT, issueTrainingCertificate, signedDates, type TrainingCertificatePayload } from './certificate-issue';

export { ENROLMENT_SUBJECT, type TrainingCertificatePayload };

export const SIGN_IN_PURPOSE = 'training-attendance';

type Db = Kysely<DB>;
type ClassRow = Awaited<ReturnType<typeof classFor>>;

/** What a 培训合格证 says; signed with the serial and kind. */
const num = (v: string | null): number | null => (v === null ? null : Number(v));

export class TrainingService {
  readonly certificates: CertificateService;
  private readonly notifier = new Notifier();

  constructor(
    private readonly db: Database,
    private readonly crypto: CryptoService,
    private readonly settings: SettingsService,
    private readonly publicUrl: string,
  ) {
    this.certificates = new CertificateService(crypto);
  }

  // ---------------------------------------------------------------- instructors

  async listInstructors(caller: SessionAccount) {
    assertCan(caller, 'read');
    const rows = await this.db
      .selectFrom('training_instructors as i')
      .innerJoin('org_units as o', 'o.id', 'i.org_unit_id')
      .selectAll('i')
      .select('o.name as orgUnitName')
      .where(instructorScope(caller))
      .orderBy('i.org_unit_id')
      .orderBy('i.name')
      .execute();
    const ratings = await this.instructorRatings(rows.map((r) => r.id));
    return rows.map((r) => ({
      id: r.id,
      orgUnitId: r.org_unit_id,
      orgUnitName: r.orgUnitName,
      name: r.name,
      organisation: r.organisation,
      title: r.title,
      topics: r.topics,
      active: r.active,
      rating: ratings.get(r.id)?.mean ?? null,
      ratingCount: ratings.get(r.id)?.count ?? 0,
    }));
  }

  /** Mean rating (1–5) of each instructor over every survey answer that rated them. */
  async instructorRatings(ids: readonly number[], db: Db = this.db): Promise<Map<number, { mean: number; count: number }>> {
    const out = new Map<number, { mean: number; count: number }>();
    if (ids.length === 0) return out;
    const rows = await sql<{ id: string; mean: string; n: number }>`
      select kv.key as id, avg(kv.value::numeric) as mean, count(*)::int as n
      from training_survey_responses r, jsonb_each_text(r.instructor_ratings) kv
      where kv.key = any(${ids.map(String)})
      group by kv.key`.execute(db);
    for (const r of rows.rows) out.set(Number(r.id), { mean: Math.round(Number(r.mean) * 10) / 10, count: Number(r.n) });
    return out;
  }

  async saveInstructor(caller: SessionAccount, actor: Actor, id: number | null, input: { name: string; organisation: string; title?: string | null | undefined; topics?: string[] | undefined; active?: boolean | undefined }) {
    assertCan(caller, 'manage');
    if (caller.orgUnitKind !== 'city' && caller.orgUnitKind !== 'province') throw forbidden('讲师库由设区市市场监管局和省局维护');
    return this.db.transaction().execute(async (trx) => {
      // an update leaves the fields it does not carry as they are (Kysely omits undefined columns)
      const values = { name: input.name, organisation: input.organisation, title: input.title, topics: input.topics, active: input.active };
      let rowId: number;
      if (id === null) {
        rowId = (await trx.insertInto('training_instructors').values({ ...values, title: input.title ?? null, topics: input.topics ?? [], active: input.active ?? true, org_unit_id: caller.orgUnitId, created_by: caller.accountId }).returning('id').executeTakeFirstOrThrow()).id;
      } else {
        const updated = await trx
          .updateTable('training_instructors')
          .set({ ...values, updated_at: clock.now() })
          .where('id', '=', id)
          .where('org_unit_id', '=', caller.orgUnitId)
          .returning('id')
          .executeTakeFirst();
        if (!updated) throw notFound('讲师');
        rowId = updated.id;
      }
      await recordAudit(trx, actor, { action: id === null ? 'training.instructor.create' : 'training.instructor.update', targetType: 'training_instructor', targetId: rowId, details: { name: input.name } });
      return { id: rowId };
    });
  }

  // ---------------------------------------------------------------- classes

  async createClass(caller: SessionAccount, actor: Actor, input: ClassInput) {
    assertCan(caller, 'manage');
    if (!TIER_ORGANISER_KINDS[input.tier].includes(caller.orgUnitKind)) {
      throw invalid('tier', `${TRAINING_TIER_LABELS[input.tier]}培训由${input.tier === 'basic' ? '县（市、区）或设区市' : input.tier === 'enhanced' ? '设区市' : '省'}市场监管局组织`);
    }
    return this.db.transaction().execute(async (trx) => {
      if (input.tier === 'basic' && caller.orgUnitKind !== 'city' && (await isMergedIntoCity(trx, caller.orgUnitId))) {
        throw invalid('tier', '本县（市、区）已合并至设区市，基础培训由市局组织');
      }
      if (input.trainerAccountId) {
        const trainer = await trx
          .selectFrom('accounts as a')
          .innerJoin('org_units as o', 'o.id', 'a.org_unit_id')
          .select(['a.id', 'a.display_name'])
          .where('a.id', '=', input.trainerAccountId)
          .where('a.role', '=', 'trainer')
          .where('a.status', '=', 'active')
          .where(sql<boolean>`(${pathWithin('o.path', caller.orgUnitPath)} or ${caller.orgUnitPath} like o.path || '.%')`)
          .executeTakeFirst();
        if (!trainer) throw invalid('trainerAccountId', '承办机构账户不存在或不在本辖区');
        input = { ...input, providerName: input.providerName ?? trainer.display_name };
      }
      if (input.instructors.length > 0) {
        const ok = await trx
          .selectFrom('training_instructors as i')
          .select('i.id')
          .where('i.id', 'in', input.instructors.map((x) => x.instructorId))
          .where(sql<boolean>`i.org_unit_id in (select id from org_units where code = any(string_to_array(${caller.orgUnitPath}, '.')))`)
          .execute();
        if (ok.length !== new Set(input.instructors.map((x) => x.instructorId)).size) throw invalid('instructors', '讲师须来自本市或省级讲师库');
      }
      const row = await trx
        .insertInto('training_classes')
        .values({
          org_unit_id: caller.orgUnitId,
          trainer_account_id: input.trainerAccountId ?? null,
          provider_name: input.providerName ?? null,
          name: input.name,
          tier: input.tier,
          format: input.format,
          venue: input.venue ?? null,
          online_link: input.onlineLink ?? null,
          description: input.description ?? null,
          capacity: input.capacity,
          hours: input.hours,
          enrol_deadline: input.enrolDeadline ?? null,
          waive_prerequisite: input.waivePrerequisite,
          pass_mark: input.passMark,
          min_attendance_percent: input.minAttendancePercent,
          certificate_valid_months: input.certificateValidMonths ?? null,
          quiz: input.quiz && input.quiz.length > 0 ? JSON.stringify(input.quiz) : null,
          created_by: caller.accountId,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      await trx
        .insertInto('training_sessions')
        .values(input.sessions.map((s) => ({ class_id: row.id, title: s.title, starts_at: s.startsAt, ends_at: s.endsAt, late_after_minutes: s.lateAfterMinutes })))
        .execute();
      if (input.instructors.length > 0) {
        await trx
          .insertInto('training_class_instructors')
          .values([...new Map(input.instructors.map((x) => [x.instructorId, x])).values()].map((x) => ({ class_id: row.id, instructor_id: x.instructorId, topic: x.topic ?? null })))
          .execute();
      }
      await recordAudit(trx, actor, { action: 'training.class.create', targetType: 'training_class', targetId: row.id, details: { name: input.name, tier: input.tier } });
      return { id: row.id };
    });
  }

  async cancelClass(caller: SessionAccount, actor: Actor, classId: number, reason: string) {
    await this.db.transaction().execute(async (trx) => {
      const c = await classFor(trx, caller, classId, 'manage', null, true);
      if (c.status === 'cancelled') throw stateError('该培训班已取消');
      await trx.updateTable('training_classes').set({ status: 'cancelled', status_reason: reason, updated_at: clock.now() }).where('id', '=', classId).execute();
      const accounts = await trx
        .selectFrom('training_enrolments as e')
        .innerJoin('persons as p', 'p.id', 'e.person_id')
        .select('p.account_id')
        .where('e.class_id', '=', classId)
        .where('e.status', '!=', 'cancelled')
        .execute();
      await this.notifier.notify(
        trx,
        accounts.flatMap((a) => (a.account_id === null ? [] : [a.account_id])),
        { kind: 'training.class.cancelled', title: `培训班已取消：${c.name}`, body: `取消原因：${reason}`, link: '/me/training' },
      );
      await recordAudit(trx, actor, { action: 'training.class.cancel', targetType: 'training_class', targetId: classId, details: { reason } });
    });
  }

  async listClasses(caller: SessionAccount, filter: { tier?: TrainingTier | undefined; scope?: 'upcoming' | 'past' | undefined }, page: number, pageSize: number) {
    assertCan(caller, 'read');
    const personId = await personOf(this.db, caller);
    let q = this.db
      .selectFrom('training_classes as c')
      .innerJoin('org_units as o', 'o.id', 'c.org_unit_id')
      .where(classReadScope(caller, personId));
    if (filter.tier) q = q.where('c.tier', '=', filter.tier);
    const lastEnd = sql<Date>`(select max(ends_at) from training_sessions s where s.class_id = c.id)`;
    if (filter.scope === 'upcoming') q = q.where(sql<boolean>`${lastEnd} >= ${clock.now()}`);
    if (filter.scope === 'past') q = q.where(sql<boolean>`${lastEnd} < ${clock.now()}`);
    const total = Number((await q.select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
    const rows = await q
      .selectAll('c')
      .select([
        'o.name as orgUnitName',
        sql<Date | null>`(select min(starts_at) from training_sessions s where s.class_id = c.id)`.as('firstStart'),
        lastEnd.as('lastEnd'),
        sql<number>`(select count(*)::int from training_enrolments e where e.class_id = c.id and e.status = 'enrolled')`.as('enrolled'),
        sql<number>`(select count(*)::int from training_enrolments e where e.class_id = c.id and e.status = 'waitlisted')`.as('waitlisted'),
        sql<number>`(select count(*)::int from certificates ct join training_enrolments e on e.id = ct.subject_id where ct.subject_type = ${ENROLMENT_SUBJECT} and ct.status = 'valid' and e.class_id = c.id)`.as('certified'),
      ])
      .orderBy(sql`(select min(starts_at) from training_sessions s where s.class_id = c.id)`, 'desc')
      .limit(pageSize)
      .offset((page - 1) * pageSize)
      .execute();
    return { total, items: rows.map((r) => ({ ...this.classSummary(r, r.orgUnitName), firstStart: r.firstStart, lastEnd: r.lastEnd, enrolled: Number(r.enrolled), waitlisted: Number(r.waitlisted), certified: Number(r.certified) })) };
  }

  private classSummary(c: ClassRow, orgUnitName: string) {
    return {
      id: c.id,
      name: c.name,
      tier: c.tier,
      format: c.format,
      orgUnitId: c.org_unit_id,
      orgUnitName,
      providerName: c.provider_name,
      trainerAccountId: c.trainer_account_id,
      venue: c.venue,
      onlineLink: c.online_link,
      description: c.description,
      capacity: c.capacity,
      hours: Number(c.hours),
      enrolDeadline: c.enrol_deadline,
      waivePrerequisite: c.waive_prerequisite,
      passMark: c.pass_mark,
      minAttendancePercent: c.min_attendance_percent,
      certificateValidMonths: c.certificate_valid_months,
      status: c.status,
      statusReason: c.status_reason,
    };
  }

  async getClass(caller: SessionAccount, classId: number) {
    const personId = await personOf(this.db, caller);
    const c = await classFor(this.db, caller, classId, 'read', personId);
    const unit = await this.db.selectFrom('org_units').select('name').where('id', '=', c.org_unit_id).executeTakeFirstOrThrow();
    const sessions = await this.db.selectFrom('training_sessions').selectAll().where('class_id', '=', classId).orderBy('starts_at').execute();
    const instructors = await this.db
      .selectFrom('training_class_instructors as ci')
      .innerJoin('training_instructors as i', 'i.id', 'ci.instructor_id')
      .select(['i.id', 'i.name', 'i.organisation', 'i.title', 'ci.topic'])
      .where('ci.class_id', '=', classId)
      .orderBy('i.name')
      .execute();
    const counts = await this.db
      .selectFrom('training_enrolments')
      .select(['status', (eb) => eb.fn.countAll<number>().as('n')])
      .where('class_id', '=', classId)
      .groupBy('status')
      .execute();
    const count = (s: string) => Number(counts.find((x) => x.status === s)?.n ?? 0);
    const quiz = c.quiz ?? [];
    const canDeliver =
      (hasPermission(caller.role, 'training:manage') && caller.role !== 'department') || (hasPermission(caller.role, 'training:deliver') && c.trainer_account_id === caller.accountId);
    let mine = null;
    if (personId !== null) {
      const e = await this.db.selectFrom('training_enrolments').selectAll().where('class_id', '=', classId).where('person_id', '=', personId).executeTakeFirst();
      if (e) mine = await this.enrolmentView(this.db, c, e.id);
    }
    return {
      ...this.classSummary(c, unit.name),
      sessions: sessions.map((s) => ({ id: s.id, title: s.title, startsAt: s.starts_at, endsAt: s.ends_at, lateAfterMinutes: s.late_after_minutes })),
      instructors,
      enrolled: count('enrolled'),
      waitlisted: count('waitlisted'),
      quiz: quiz.map((q) => ({ question: q.question, options: q.options })),
      canDeliver,
      canManage: hasPermission(caller.role, 'training:manage') && caller.role !== 'department',
      mine,
    };
  }

  // ---------------------------------------------------------------- enrolment

  /** Valid (unexpired) training certificate tiers of a person. */
  async heldTiers(db: Db, personId: number): Promise<Set<TrainingTier>> {
    const rows = await db
      .selectFrom('certificates')
      .select(sql<string>`payload->>'tier'`.as('tier'))
      .where('person_id', '=', personId)
      .where('kind', '=', 'training_certificate')
      .where('status', '=', 'valid')
      .where((eb) => eb.or([eb('expires_at', 'is', null), eb('expires_at', '>', clock.now())]))
      .execute();
    return new Set(rows.map((r) => r.tier as TrainingTier));
  }

  /** Enrols the officer (or, for an enterprise account, one of its officers); a full class puts them on the waiting list. */
  async enrol(caller: SessionAccount, actor: Actor, classId: number, requestedCandidateId: number | undefined) {
    return this.db.transaction().execute(async (trx) => {
      let personId: number;
      let enterpriseId: number | null;
      if (caller.role === 'officer') {
        const own = await personOf(trx, caller);
        if (own === null) throw forbidden('账户尚未关联首席质量官身份');
        personId = own;
        const filing = await trx.selectFrom('filings').select('enterprise_id').where('person_id', '=', personId).where('status', '=', 'active').executeTakeFirst();
        enterpriseId = filing?.enterprise_id ?? null;
      } else if (caller.role === 'enterprise') {
        if (caller.enterpriseId === null) throw forbidden('企业注册尚未确认');
        if (requestedCandidateId === undefined) throw invalid('candidateId', '请选择报名人员');
        // the enterprise names its candidate (its officers are candidates too) by its own candidate id
        const candidate = await trx.selectFrom('candidates').select('person_id').where('enterprise_id', '=', caller.enterpriseId).where('id', '=', requestedCandidateId).executeTakeFirst();
        if (!candidate) throw invalid('candidateId', '报名人员须为本企业的首席质量官或拟任人员');
        personId = candidate.person_id;
        enterpriseId = caller.enterpriseId;
      } else {
        throw forbidden('仅首席质量官本人或其所在企业可报名');
      }
      const c = await classFor(trx, caller, classId, 'read', personId, true);
      const firstStart = await trx.selectFrom('training_sessions').select((eb) => eb.fn.min('starts_at').as('s')).where('class_id', '=', classId).executeTakeFirstOrThrow();
      const existing = await trx.selectFrom('training_enrolments').select(['id', 'status']).where('class_id', '=', classId).where('person_id', '=', personId).executeTakeFirst();
      const enrolledCount = Number(
        (await trx.selectFrom('training_enrolments').select((eb) => eb.fn.countAll().as('n')).where('class_id', '=', classId).where('status', '=', 'enrolled').executeTakeFirstOrThrow()).n,
      );
      const now = clock.now();
      const check = checkEnrolment({
        tier: c.tier,
        classStatus: c.status,
        waivePrerequisite: c.waive_prerequisite,
        enrolDeadline: c.enrol_deadline,
        firstSessionStartsAt: firstStart.s ? new Date(firstStart.s) : null,
        heldTiers: await this.heldTiers(trx, personId),
        alreadyEnrolled: existing !== undefined && existing.status !== 'cancelled',
        enrolledCount,
        capacity: c.capacity,
        now,
        today: todayInChina(now),
      });
      if (!check.ok) {
        if (check.reason === 'duplicate') throw conflict(check.message);
        if (check.reason === 'prerequisite') throw new AppError(422, 'RULE', check.message);
        throw stateError(check.message);
      }
      let id: number;
      if (existing) {
        await trx
          .updateTable('training_enrolments')
          .set({ status: check.status, enterprise_id: enterpriseId, enrolled_by: caller.accountId, cancel_reason: null, cancelled_at: null, created_at: now, updated_at: now })
          .where('id', '=', existing.id)
          .execute();
        id = existing.id;
      } else {
        id = (
          await trx
            .insertInto('training_enrolments')
            .values({ class_id: classId, person_id: personId, enterprise_id: enterpriseId, status: check.status, enrolled_by: caller.accountId })
            .returning('id')
            .executeTakeFirstOrThrow()
        ).id;
      }
      await recordAudit(trx, actor, { action: 'training.enrol', targetType: 'training_enrolment', targetId: id, details: { classId, personId, status: check.status } });
      return { id, status: check.status };
    });
  }

  /** Cancels an enrolment (the person, their enterprise, or whoever runs the class) and gives the seat to the first on the waiting list. */
  async cancelEnrolment(caller: SessionAccount, actor: Actor, enrolmentId: number, reason: string) {
    await this.db.transaction().execute(async (trx) => {
      const e = await trx.selectFrom('training_enrolments').selectAll().where('id', '=', enrolmentId).forUpdate().executeTakeFirst();
      if (!e) throw notFound('报名记录');
      const personId = await personOf(trx, caller);
      const own = (caller.role === 'officer' && personId === e.person_id) || (caller.role === 'enterprise' && caller.enterpriseId !== null && caller.enterpriseId === e.enterprise_id);
      const c = own ? await classFor(trx, caller, e.class_id, 'read', personId, true) : await classFor(trx, caller, e.class_id, 'deliver', null, true).catch(() => {
        throw notFound('报名记录');
      });
      if (e.status === 'cancelled') throw stateError('该报名已取消');
      const attended = await trx.selectFrom('training_attendance').select('id').where('enrolment_id', '=', e.id).where('status', '!=', 'absent').executeTakeFirst();
      if (attended && own) throw stateError('已签到参训，不能自行取消报名');
      await trx.updateTable('training_enrolments').set({ status: 'cancelled', cancel_reason: reason, cancelled_at: clock.now(), updated_at: clock.now() }).where('id', '=', e.id).execute();
      await recordAudit(trx, actor, { action: 'training.enrolment.cancel', targetType: 'training_enrolment', targetId: e.id, details: { classId: e.class_id, reason } });
      if (e.status === 'enrolled') {
        const next = await trx
          .selectFrom('training_enrolments as te')
          .innerJoin('persons as p', 'p.id', 'te.person_id')
          .select(['te.id', 'p.account_id'])
          .where('te.class_id', '=', e.class_id)
          .where('te.status', '=', 'waitlisted')
          .orderBy(priorityRank(sql.ref('te.person_id')))
          .orderBy('te.created_at')
          .orderBy('te.id')
          .limit(1)
          .executeTakeFirst();
        if (next) {
          await trx.updateTable('training_enrolments').set({ status: 'enrolled', updated_at: clock.now() }).where('id', '=', next.id).execute();
          await recordAudit(trx, actor, { action: 'training.enrolment.promote', targetType: 'training_enrolment', targetId: next.id, details: { classId: e.class_id } });
          if (next.account_id !== null) {
            await this.notifier.notify(trx, [next.account_id], { kind: 'training.enrolment.promoted', title: `候补转正：${c.name}`, body: '有学员取消报名，您已由候补转为正式报名。', link: '/me/training' });
          }
        }
      }
    });
  }

  // ---------------------------------------------------------------- attendance

  /** The current sign-in code of a session for the trainer's screen: a signed token that changes every 30 s. */
  async signInCode(caller: SessionAccount, sessionId: number, now = clock.nowMs()) {
    const s = await this.db.selectFrom('training_sessions').selectAll().where('id', '=', sessionId).executeTakeFirst();
    if (!s) throw notFound('课次');
    const c = await classFor(this.db, caller, s.class_id, 'deliver');
    if (c.status === 'cancelled') throw stateError('该培训班已取消');
    const issued = issueRotatingToken(this.crypto.macKey(SIGN_IN_PURPOSE), SIGN_IN_PURPOSE, `s${String(sessionId)}`, now);
    const signedIn = Number(
      (
        await this.db
          .selectFrom('training_attendance')
          .select((eb) => eb.fn.countAll().as('n'))
          .where('session_id', '=', sessionId)
          .where('status', 'in', ['present', 'late'])
          .executeTakeFirstOrThrow()
      ).n,
    );
    const enrolled = Number(
      (await this.db.selectFrom('training_enrolments').select((eb) => eb.fn.countAll().as('n')).where('class_id', '=', c.id).where('status', '=', 'enrolled').executeTakeFirstOrThrow()).n,
    );
    return {
      token: issued.token,
      url: `${this.publicUrl}/training/sign-in?t=${encodeURIComponent(issued.token)}`,
      expiresAt: new Date(issued.expiresAtMs),
      className: c.name,
      sessionTitle: s.title,
      startsAt: s.starts_at,
      endsAt: s.ends_at,
      signedIn,
      enrolled,
    };
  }

  /** An officer's sign-in by scanning the code: the token must be genuine and current, the officer enrolled, the session open. */
  async signIn(caller: SessionAccount, actor: Actor, token: string, now = clock.now()) {
    if (caller.role !== 'officer') throw forbidden('请使用首席质量官账户扫码签到');
    const check = verifyRotatingToken(this.crypto.macKey(SIGN_IN_PURPOSE), SIGN_IN_PURPOSE, token, now.getTime());
    if (!check.ok) {
      throw invalid('token', check.reason === 'expired' ? '签到二维码已过期，请扫描屏幕上的最新二维码' : '签到二维码无效');
    }
    const sessionId = Number(check.subject.replace(/^s/, ''));
    return this.db.transaction().execute(async (trx) => {
      const s = await trx.selectFrom('training_sessions').selectAll().where('id', '=', sessionId).executeTakeFirst();
      if (!s) throw invalid('token', '签到二维码无效');
      const personId = await personOf(trx, caller);
      const c = await trx.selectFrom('training_classes').select(['id', 'name', 'status']).where('id', '=', s.class_id).executeTakeFirstOrThrow();
      const e = personId === null ? undefined : await trx.selectFrom('training_enrolments').select(['id', 'status']).where('class_id', '=', c.id).where('person_id', '=', personId).executeTakeFirst();
      if (!e || e.status !== 'enrolled') throw stateError(`您未报名“${c.name}”或仍在候补，不能签到`);
      const base = { classId: c.id, className: c.name, sessionTitle: s.title };
      const existing = await trx.selectFrom('training_attendance').select(['status', 'signed_in_at']).where('session_id', '=', sessionId).where('enrolment_id', '=', e.id).executeTakeFirst();
      if (existing && existing.status !== 'absent') return { ...base, status: existing.status, signedInAt: existing.signed_in_at ?? now, already: true };
      const window = signInStatus({ startsAt: s.starts_at, endsAt: s.ends_at, lateAfterMinutes: s.late_after_minutes }, now);
      if (!window.ok) throw stateError(window.message);
      await trx
        .insertInto('training_attendance')
        .values({ session_id: sessionId, enrolment_id: e.id, status: window.status, method: 'qr', signed_in_at: now, recorded_by: caller.accountId })
        .onConflict((oc) => oc.columns(['session_id', 'enrolment_id']).doUpdateSet({ status: window.status, method: 'qr', signed_in_at: now, recorded_by: caller.accountId, correction_reason: null, updated_at: now }))
        .execute();
      await recordAudit(trx, actor, { action: 'training.sign_in', targetType: 'training_session', targetId: sessionId, details: { enrolmentId: e.id, status: window.status } });
      return { ...base, status: window.status, signedInAt: now, already: false };
    });
  }

  /** A trainer's correction of one person's attendance at one session, with the reason, audited with before and after. */
  async correctAttendance(caller: SessionAccount, actor: Actor, sessionId: number, enrolmentId: number, status: 'present' | 'late' | 'absent', reason: string) {
    await this.db.transaction().execute(async (trx) => {
      const s = await trx.selectFrom('training_sessions').select(['id', 'class_id', 'starts_at']).where('id', '=', sessionId).executeTakeFirst();
      if (!s) throw notFound('课次');
      await classFor(trx, caller, s.class_id, 'deliver');
      assertSessionStarted(s.starts_at);
      const e = await trx.selectFrom('training_enrolments').select(['id', 'status']).where('id', '=', enrolmentId).where('class_id', '=', s.class_id).executeTakeFirst();
      if (!e) throw notFound('报名记录');
      if (e.status !== 'enrolled') throw stateError('只能更正正式报名学员的考勤');
      const before = await trx.selectFrom('training_attendance').select('status').where('session_id', '=', sessionId).where('enrolment_id', '=', enrolmentId).executeTakeFirst();
      const now = clock.now();
      await trx
        .insertInto('training_attendance')
        .values({ session_id: sessionId, enrolment_id: enrolmentId, status, method: 'manual', signed_in_at: null, correction_reason: reason, recorded_by: caller.accountId })
        .onConflict((oc) => oc.columns(['session_id', 'enrolment_id']).doUpdateSet({ status, method: 'manual', correction_reason: reason, recorded_by: caller.accountId, updated_at: now }))
        .execute();
      await recordAudit(trx, actor, { action: 'training.attendance.correct', targetType: 'training_session', targetId: sessionId, details: { enrolmentId, from: before?.status ?? null, to: status, reason } });
    });
  }

  // ---------------------------------------------------------------- assessment and completion

  async saveScores(caller: SessionAccount, actor: Actor, classId: number, entries: { enrolmentId: number; score?: number | null | undefined; makeupScore?: number | null | undefined }[]) {
    return this.db.transaction().execute(async (trx) => {
      const c = await classFor(trx, caller, classId, 'deliver', null, true);
      if (c.status === 'cancelled') throw stateError('该培训班已取消，不能录入成绩');
      await assertClassOver(trx, classId, 'scores');
      const rows = await trx.selectFrom('training_enrolments').select(['id', 'status', 'score']).where('class_id', '=', classId).where('id', 'in', entries.map((x) => x.enrolmentId)).execute();
      const byId = new Map(rows.map((r) => [r.id, r]));
      let changed = 0;
      for (const [i, entry] of entries.entries()) {
        const row = byId.get(entry.enrolmentId);
        const problem = checkScoreEntry(row && { status: row.status, score: num(row.score) }, entry, c.pass_mark)[0];
        if (problem) throw invalid(`entries.${String(i)}.${problem.field}`, `第 ${String(i + 1)} 行：${problem.reason}`);
        const set: { score?: number | null; makeup_score?: number | null; updated_at: Date } = { updated_at: clock.now() };
        if (entry.score !== undefined) set.score = entry.score;
        if (entry.makeupScore !== undefined) set.makeup_score = entry.makeupScore;
        await trx.updateTable('training_enrolments').set(set).where('id', '=', entry.enrolmentId).execute();
        changed += 1;
      }
      await recordAudit(trx, actor, { action: 'training.scores.save', targetType: 'training_class', targetId: classId, details: { count: changed } });
      return { saved: changed };
    });
  }

  /** The enrolled learners of a class with their scores, for the Excel score template. */
  async scoreSheetRows(caller: SessionAccount, classId: number) {
    const c = await classFor(this.db, caller, classId, 'deliver');
    const rows = await this.db
      .selectFrom('training_enrolments as e')
      .innerJoin('persons as p', 'p.id', 'e.person_id')
      .leftJoin('enterprises as ent', 'ent.id', 'e.enterprise_id')
      .select(['e.id', 'p.name', 'ent.name as enterpriseName', 'e.score', 'e.makeup_score'])
      .where('e.class_id', '=', classId)
      .where('e.status', '=', 'enrolled')
      .orderBy('e.created_at')
      .orderBy('e.id')
      .execute();
    return { c, rows: rows.map((r) => ({ id: r.id, name: r.name, enterpriseName: r.enterpriseName, score: num(r.score), makeupScore: num(r.makeup_score) })) };
  }

  /**
   * Records the scores of an Excel score file (rows read by `readScoreFile`): every row is checked with the
   * rules of `saveScores` (one rule, `checkScoreEntry`); all rows are applied in one transaction, or, when any
   * row is bad, nothing is and the answer lists every bad row as `rows.<row number>.<field>`.
   */
  async importScores(caller: SessionAccount, actor: Actor, classId: number, fileName: string, rows: readonly ScoreFileRow[]) {
    return this.db.transaction().execute(async (trx) => {
      const c = await classFor(trx, caller, classId, 'deliver', null, true);
      if (c.status === 'cancelled') throw stateError('该培训班已取消，不能导入成绩');
      await assertClassOver(trx, classId, 'scores');
      const enrolments = await trx
        .selectFrom('training_enrolments as e')
        .innerJoin('persons as p', 'p.id', 'e.person_id')
        .select(['e.id', 'e.status', 'e.score', 'e.makeup_score', 'p.name'])
        .where('e.class_id', '=', classId)
        .execute();
      const byId = new Map(enrolments.map((e) => [e.id, e]));
      const problems: { path: string; message: string }[] = [];
      const bad = (row: ScoreFileRow, field: string, reason: string) => problems.push({ path: `rows.${String(row.rowNumber)}.${field}`, message: reason });
      const seen = new Map<number, number>();
      const entries: { enrolmentId: number; score: number | null; makeupScore: number | null }[] = [];
      for (const row of rows) {
        if (row.key === '') {
          bad(row, 'enrolmentId', '缺少报名编号');
          continue;
        }
        const id = /^\d{1,9}$/.test(row.key) ? Number(row.key) : null;
        const enrolment = id === null ? undefined : byId.get(id);
        if (id === null || !enrolment) {
          bad(row, 'enrolmentId', `报名编号“${row.key.slice(0, 20)}”不是本班的报名`);
          continue;
        }
        const first = seen.get(enrolment.id);
        if (first !== undefined) {
          bad(row, 'enrolmentId', `与第 ${String(first)} 行的报名编号重复`);
          continue;
        }
        seen.set(enrolment.id, row.rowNumber);
        if (row.name !== '' && row.name !== enrolment.name) bad(row, 'name', '姓名与报名编号不符，请勿修改报名编号或调整行序');
        const score = parseScoreCell(row.score);
        const makeup = parseScoreCell(row.makeupScore);
        if (!score.ok) bad(row, 'score', score.reason);
        if (!makeup.ok) bad(row, 'makeupScore', makeup.reason);
        // a cell that is not a number leaves the rules that depend on it unchecked, the others still run
        const found = checkScoreEntry(
          { status: enrolment.status, score: num(enrolment.score) },
          { score: score.ok ? score.value : undefined, makeupScore: score.ok && makeup.ok ? makeup.value : undefined },
          c.pass_mark,
        );
        for (const p of found) bad(row, p.field, p.reason);
        if (score.ok && makeup.ok && found.length === 0) entries.push({ enrolmentId: enrolment.id, score: score.value, makeupScore: makeup.value });
      }
      if (problems.length > 0) {
        const badRows = [...new Set(problems.map((p) => Number(p.path.split('.')[1])))];
        throw new AppError(400, 'VALIDATION', `成绩未导入：${String(badRows.length)} 行有误（第 ${badRows.slice(0, 10).join('、')}${badRows.length > 10 ? ' 等' : ''} 行），请修改后重新导入`, problems);
      }
      let changed = 0;
      const now = clock.now();
      for (const e of entries) {
        const before = byId.get(e.enrolmentId);
        if (before && num(before.score) === e.score && num(before.makeup_score) === e.makeupScore) continue;
        await trx.updateTable('training_enrolments').set({ score: e.score, makeup_score: e.makeupScore, updated_at: now }).where('id', '=', e.enrolmentId).execute();
        changed += 1;
      }
      await recordAudit(trx, actor, { action: 'training.scores.import', targetType: 'training_class', targetId: classId, details: { fileName, rows: entries.length, changed } });
      return { imported: entries.length, changed };
    });
  }

  /** One enrolment with its attendance, scores, completion, certificate and survey, as the officer and the roster show it. */
  async enrolmentView(db: Db, c: ClassRow, enrolmentId: number) {
    const e = await db.selectFrom('training_enrolments').selectAll().where('id', '=', enrolmentId).executeTakeFirstOrThrow();
    const sessions = await db
      .selectFrom('training_sessions as s')
      .leftJoin('training_attendance as a', (j) => j.onRef('a.session_id', '=', 's.id').on('a.enrolment_id', '=', enrolmentId))
      .select(['s.id', 's.title', 's.starts_at', 's.ends_at', 'a.status', 'a.method', 'a.signed_in_at', 'a.correction_reason'])
      .where('s.class_id', '=', c.id)
      .orderBy('s.starts_at')
      .execute();
    const lastEnd = sessions.reduce<Date | null>((m, s) => (m === null || s.ends_at > m ? s.ends_at : m), null);
    const completion = evaluateCompletion({
      sessionCount: sessions.length,
      attendedCount: sessions.filter((s) => s.status === 'present' || s.status === 'late').length,
      minAttendancePercent: c.min_attendance_percent,
      passMark: c.pass_mark,
      score: num(e.score),
      makeupScore: num(e.makeup_score),
      notYetOver: notYetOver(lastEnd),
    });
    const cert = await db
      .selectFrom('certificates')
      .select(['id', 'serial', 'status', 'status_reason', 'issued_at', 'expires_at', 'payload'])
      .where('subject_type', '=', ENROLMENT_SUBJECT)
      .where('subject_id', '=', enrolmentId)
      .orderBy('id', 'desc')
      .executeTakeFirst();
    const survey = await db.selectFrom('training_survey_responses').select('submitted_at').where('enrolment_id', '=', enrolmentId).executeTakeFirst();
    return {
      id: e.id,
      status: e.status,
      score: num(e.score),
      makeupScore: num(e.makeup_score),
      preQuizScore: e.pre_quiz_score,
      createdAt: e.created_at,
      sessions: sessions.map((s) => ({ id: s.id, title: s.title, startsAt: s.starts_at, endsAt: s.ends_at, attendance: s.status, method: s.method, signedInAt: s.signed_in_at, correctionReason: s.correction_reason })),
      completion,
      // the dates as signed (payload), the ones the PDF and the verification page show
      certificate: cert ? { id: cert.id, serial: cert.serial, status: cert.status, statusReason: cert.status_reason, issuedAt: cert.issued_at, expiresAt: cert.expires_at, ...signedDates(cert.payload) } : null,
      surveySubmittedAt: survey?.submitted_at ?? null,
    };
  }

  /** The roster of a class: every enrolment with attendance per session, scores, completion and certificate. */
  async roster(caller: SessionAccount, classId: number) {
    // names and phones of the enrolled: for those who run the class (organising bureaus, its trainer), not departments
    if (caller.role === 'officer' || caller.role === 'enterprise' || caller.role === 'department') throw forbidden('无权查看培训班花名册');
    const c = await classFor(this.db, caller, classId, 'deliver');
    const sessions = await this.db.selectFrom('training_sessions').select(['id', 'title', 'starts_at', 'ends_at']).where('class_id', '=', classId).orderBy('starts_at').execute();
    const enrolments = await this.db
      .selectFrom('training_enrolments as e')
      .innerJoin('persons as p', 'p.id', 'e.person_id')
      .leftJoin('enterprises as ent', 'ent.id', 'e.enterprise_id')
      .select(['e.id', 'e.status', 'e.score', 'e.makeup_score', 'e.created_at', 'e.cancel_reason', 'p.name', 'p.phone', 'p.position_title', 'ent.name as enterpriseName', priorityRank(sql.ref('e.person_id')).as('priority')])
      .where('e.class_id', '=', classId)
      .orderBy(sql`case e.status when 'enrolled' then 0 when 'waitlisted' then 1 else 2 end`)
      .orderBy(sql`case when e.status = 'waitlisted' then ${priorityRank(sql.ref('e.person_id'))} else 0 end`)
      .orderBy('e.created_at')
      .execute();
    const attendance = await this.db
      .selectFrom('training_attendance as a')
      .innerJoin('training_sessions as s', 's.id', 'a.session_id')
      .select(['a.session_id', 'a.enrolment_id', 'a.status', 'a.method', 'a.signed_in_at', 'a.correction_reason'])
      .where('s.class_id', '=', classId)
      .execute();
    const certs = await this.db
      .selectFrom('certificates as ct')
      .innerJoin('training_enrolments as e', 'e.id', 'ct.subject_id')
      .select(['ct.id', 'ct.subject_id', 'ct.serial', 'ct.status'])
      .where('ct.subject_type', '=', ENROLMENT_SUBJECT)
      .where('e.class_id', '=', classId)
      .orderBy('ct.id')
      .execute();
    const certOf = new Map(certs.map((x) => [x.subject_id, x]));
    const surveys = new Set(
      (await this.db.selectFrom('training_survey_responses').select('enrolment_id').where('class_id', '=', classId).execute()).map((r) => r.enrolment_id),
    );
    const now = clock.nowMs();
    const pending = notYetOver(sessions.reduce<Date | null>((m, s) => (m === null || s.ends_at > m ? s.ends_at : m), null));
    let waitlistPosition = 0;
    return {
      sessions: sessions.map((s) => ({ id: s.id, title: s.title, startsAt: s.starts_at, endsAt: s.ends_at })),
      waitlistRule: WAITLIST_RULE,
      items: enrolments.map((e) => {
        const priority = Number(e.priority) as EnrolmentPriority;
        const mine = attendance.filter((a) => a.enrolment_id === e.id);
        const bySession = Object.fromEntries(
          sessions.map((s) => {
            const a = mine.find((x) => x.session_id === s.id);
            // a session that has ended without a sign-in counts as absent
            return [String(s.id), a ? { status: a.status, method: a.method, signedInAt: a.signed_in_at, correctionReason: a.correction_reason } : s.ends_at.getTime() < now && e.status === 'enrolled' ? { status: 'absent' as const, method: null, signedInAt: null, correctionReason: null } : null];
          }),
        );
        const completion: Completion = evaluateCompletion({
          sessionCount: sessions.length,
          attendedCount: mine.filter((a) => a.status !== 'absent').length,
          minAttendancePercent: c.min_attendance_percent,
          passMark: c.pass_mark,
          score: num(e.score),
          makeupScore: num(e.makeup_score),
          notYetOver: pending,
        });
        const cert = certOf.get(e.id);
        return {
          id: e.id,
          name: e.name,
          phone: e.phone,
          positionTitle: e.position_title,
          enterpriseName: e.enterpriseName,
          status: e.status,
          enrolledAt: e.created_at,
          priority,
          priorityLabel: ENROLMENT_PRIORITY_LABELS[priority],
          waitlistPosition: e.status === 'waitlisted' ? (waitlistPosition += 1) : null,
          cancelReason: e.cancel_reason,
          score: num(e.score),
          makeupScore: num(e.makeup_score),
          attendance: bySession,
          completion,
          certificate: cert ? { id: cert.id, serial: cert.serial, status: cert.status } : null,
          surveyDone: surveys.has(e.id),
        };
      }),
    };
  }

  // ---------------------------------------------------------------- certificates

  /** Issues the 培训合格证 of one enrolment if it is complete; credits the study account. Returns null when already issued. */
  async issueCertificate(trx: Transaction<DB>, actor: Actor, c: ClassRow, enrolmentId: number, opts: { strict: boolean; minutesPerHour: number }): Promise<{ id: number; serial: string } | null> {
    if (opts.strict) await assertClassOver(trx, c.id, 'certificates');
    const view = await this.enrolmentView(trx, c, enrolmentId);
    if (view.status !== 'enrolled') {
      if (opts.strict) throw stateError('只有正式报名学员可以获得合格证');
      return null;
    }
    if (view.certificate?.status === 'valid') {
      if (opts.strict) throw conflict(`已发放合格证（${view.certificate.serial}）`);
      return null;
    }
    if (!view.completion.complete) {
      if (opts.strict) throw stateError(`未达到结业条件：${view.completion.missing.join('；')}`);
      return null;
    }
    return this.issueFor(trx, actor, c, enrolmentId, view.completion.finalScore, opts.minutesPerHour);
  }

  /** `minutesPerHour` is read before the transaction (settings use the pool; PGlite has one connection). */
  private async issueFor(trx: Transaction<DB>, actor: Actor, c: ClassRow, enrolmentId: number, score: number | null, minutesPerHour: number) {
    const { cert, holderAccountId } = await issueTrainingCertificate(trx, this.certificates, c, enrolmentId, score, minutesPerHour, clock.now());
    const e = { account_id: holderAccountId };
    if (e.account_id !== null) {
      await this.notifier.notify(trx, [e.account_id], { kind: 'training.certificate.issued', title: `培训合格证已发放：${c.name}`, body: `证书编号 ${cert.serial}，可在“我的培训”中下载。`, link: '/me/training' });
    }
    await recordAudit(trx, actor, { action: 'training.certificate.issue', targetType: 'certificate', targetId: cert.id, details: { serial: cert.serial, enrolmentId, classId: c.id } });
    return cert;
  }

  async issueOne(caller: SessionAccount, actor: Actor, enrolmentId: number) {
    const { minutesPerHour } = await this.settings.studySettings();
    return this.db.transaction().execute(async (trx) => {
      const e = await trx.selectFrom('training_enrolments').select(['class_id']).where('id', '=', enrolmentId).forUpdate().executeTakeFirst();
      if (!e) throw notFound('报名记录');
      const c = await classFor(trx, caller, e.class_id, 'deliver');
      const issued = await this.issueCertificate(trx, actor, c, enrolmentId, { strict: true, minutesPerHour });
      if (!issued) throw stateError('未能发放合格证');
      return issued;
    });
  }

  /** Issues every certificate a class has earned and not yet received, in chunks (called from the bulk-issue job). */
  async issueChunk(trx: Transaction<DB>, actor: Actor, classId: number, afterEnrolmentId: number, limit: number, minutesPerHour: number) {
    const c = await trx.selectFrom('training_classes').selectAll().where('id', '=', classId).executeTakeFirstOrThrow();
    // before the last session has ended nothing is earned (the route refuses the job; this holds for a queued one)
    if (notYetOver(await lastSessionEnd(trx, classId))) return { issued: 0, lastId: null, done: true };
    const ids = await trx
      .selectFrom('training_enrolments')
      .select('id')
      .where('class_id', '=', classId)
      .where('status', '=', 'enrolled')
      .where('id', '>', afterEnrolmentId)
      .orderBy('id')
      .limit(limit)
      .forUpdate()
      .execute();
    let issued = 0;
    for (const { id } of ids) if (await this.issueCertificate(trx, actor, c, id, { strict: false, minutesPerHour })) issued += 1;
    return { issued, lastId: ids.at(-1)?.id ?? null, done: ids.length < limit };
  }

  private async certificateForDelivery(trx: Transaction<DB>, caller: SessionAccount, certificateId: number) {
    const cert = await trx.selectFrom('certificates').selectAll().where('id', '=', certificateId).where('subject_type', '=', ENROLMENT_SUBJECT).forUpdate().executeTakeFirst();
    if (!cert) throw notFound('合格证');
    const e = await trx.selectFrom('training_enrolments').select(['id', 'class_id', 'person_id']).where('id', '=', cert.subject_id).executeTakeFirstOrThrow();
    const c = await classFor(trx, caller, e.class_id, 'deliver').catch((err: unknown) => {
      throw err instanceof Error && 'status' in err && (err as { status: number }).status === 404 ? notFound('合格证') : err;
    });
    return { cert, e, c };
  }

  async revoke(caller: SessionAccount, actor: Actor, certificateId: number, reason: string) {
    await this.db.transaction().execute(async (trx) => {
      const { cert, e, c } = await this.certificateForDelivery(trx, caller, certificateId);
      if (cert.status !== 'valid') throw stateError('该合格证已撤销或失效');
      await trx.updateTable('certificates').set({ status: 'revoked', status_reason: reason, status_changed_at: clock.now() }).where('id', '=', cert.id).execute();
      await revokeStudyLines(trx, { source: 'training', sourceRef: trainingLedgerRef(c.id), personId: e.person_id }, `培训合格证 ${cert.serial} 已撤销：${reason}`);
      const account = await trx.selectFrom('persons').select('account_id').where('id', '=', e.person_id).executeTakeFirstOrThrow();
      if (account.account_id !== null) {
        await this.notifier.notify(trx, [account.account_id], { kind: 'training.certificate.revoked', title: `培训合格证已撤销：${c.name}`, body: `证书编号 ${cert.serial}，撤销原因：${reason}`, link: '/me/training' });
      }
      await recordAudit(trx, actor, { action: 'training.certificate.revoke', targetType: 'certificate', targetId: cert.id, details: { serial: cert.serial, reason } });
    });
  }

  /** Reissue (补发/换发): the current certificate is revoked with the reason and a new serial is issued with the same facts. */
  async reissue(caller: SessionAccount, actor: Actor, certificateId: number, reason: string) {
    const { minutesPerHour } = await this.settings.studySettings();
    return this.db.transaction().execute(async (trx) => {
      const { cert, e, c } = await this.certificateForDelivery(trx, caller, certificateId);
      await assertClassOver(trx, c.id, 'certificates');
      const latest = await trx.selectFrom('certificates').select('id').where('subject_type', '=', ENROLMENT_SUBJECT).where('subject_id', '=', e.id).orderBy('id', 'desc').executeTakeFirstOrThrow();
      if (latest.id !== cert.id) throw stateError('只能换发该学员最新的一份合格证');
      if (cert.status === 'valid') {
        await trx.updateTable('certificates').set({ status: 'revoked', status_reason: `已换发：${reason}`, status_changed_at: clock.now() }).where('id', '=', cert.id).execute();
      }
      const view = await this.enrolmentView(trx, c, e.id);
      if (!view.completion.complete) throw stateError(`未达到结业条件，不能换发：${view.completion.missing.join('；')}`);
      const issued = await this.issueFor(trx, actor, c, e.id, view.completion.finalScore, minutesPerHour);
      await recordAudit(trx, actor, { action: 'training.certificate.reissue', targetType: 'certificate', targetId: issued.id, details: { previous: cert.serial, serial: issued.serial, reason } });
      return issued;
    });
  }

  /** A certificate row the caller may download: its holder, or whoever can read the class's roster. */
  async certificateForDownload(caller: SessionAccount, certificateId: number) {
    const cert = await this.db.selectFrom('certificates').selectAll().where('id', '=', certificateId).where('subject_type', '=', ENROLMENT_SUBJECT).executeTakeFirst();
    if (!cert) throw notFound('合格证');
    if (caller.role === 'officer') {
      const personId = await personOf(this.db, caller);
      if (personId === null || personId !== cert.person_id) throw notFound('合格证');
      return cert;
    }
    if (caller.role === 'enterprise') throw notFound('合格证');
    const e = await this.db.selectFrom('training_enrolments').select('class_id').where('id', '=', cert.subject_id).executeTakeFirstOrThrow();
    // the class's organising bureaus and its trainer; a department reads classes, not the certificates of people
    await classFor(this.db, caller, e.class_id, 'deliver').catch(() => {
      throw notFound('合格证');
    });
    return cert;
  }

  // ---------------------------------------------------------------- survey

  private async ownEnrolment(trx: Db, caller: SessionAccount, classId: number) {
    if (caller.role !== 'officer') throw forbidden('效果评估问卷由参训学员本人填写');
    const personId = await personOf(trx, caller);
    const c = await classFor(trx, caller, classId, 'read', personId);
    const e = personId === null ? undefined : await trx.selectFrom('training_enrolments').selectAll().where('class_id', '=', classId).where('person_id', '=', personId).executeTakeFirst();
    if (!e || e.status !== 'enrolled') throw stateError('只有本班正式报名学员可以填写');
    return { c, e };
  }

  async submitPreQuiz(caller: SessionAccount, actor: Actor, classId: number, answers: number[]) {
    return this.db.transaction().execute(async (trx) => {
      const { c, e } = await this.ownEnrolment(trx, caller, classId);
      const quiz = (c.quiz ?? []) as QuizQuestion[];
      if (quiz.length === 0) throw stateError('本班未设置知识测验');
      if (e.pre_quiz_score !== null) throw conflict('已完成课前测验');
      if (answers.length !== quiz.length) throw invalid('answers', '请回答全部测验题');
      const score = quizScore(quiz, answers);
      await trx.updateTable('training_enrolments').set({ pre_quiz_score: score, updated_at: clock.now() }).where('id', '=', e.id).execute();
      await recordAudit(trx, actor, { action: 'training.quiz.pre', targetType: 'training_enrolment', targetId: e.id, details: { score } });
      return { score };
    });
  }

  async submitSurvey(caller: SessionAccount, actor: Actor, classId: number, input: SurveyInput) {
    return this.db.transaction().execute(async (trx) => {
      const { c, e } = await this.ownEnrolment(trx, caller, classId);
      const first = await trx.selectFrom('training_sessions').select((eb) => eb.fn.min('starts_at').as('s')).where('class_id', '=', classId).executeTakeFirstOrThrow();
      const signedIn = await trx.selectFrom('training_attendance').select('id').where('enrolment_id', '=', e.id).where('status', '!=', 'absent').executeTakeFirst();
      if (!signedIn && first.s && new Date(first.s as Date).getTime() > clock.nowMs()) throw stateError('签到参训或培训开始后方可填写效果评估');
      const done = await trx.selectFrom('training_survey_responses').select('id').where('enrolment_id', '=', e.id).executeTakeFirst();
      if (done) throw conflict('已提交过本班的效果评估');
      const instructorIds = new Set((await trx.selectFrom('training_class_instructors').select('instructor_id').where('class_id', '=', classId).execute()).map((r) => String(r.instructor_id)));
      for (const key of Object.keys(input.instructorRatings)) if (!instructorIds.has(key)) throw invalid(`instructorRatings.${key}`, '只能评价本班授课讲师');
      const quiz = (c.quiz ?? []) as QuizQuestion[];
      let postScore: number | null = null;
      if (quiz.length > 0 && input.quizAnswers !== undefined) {
        if (input.quizAnswers.length !== quiz.length) throw invalid('quizAnswers', '请回答全部测验题');
        postScore = quizScore(quiz, input.quizAnswers);
      }
      const row = await trx
        .insertInto('training_survey_responses')
        .values({ class_id: classId, enrolment_id: e.id, ratings: JSON.stringify(input.ratings), instructor_ratings: JSON.stringify(input.instructorRatings), comment: input.comment ?? null, post_quiz_score: postScore })
        .returning('id')
        .executeTakeFirstOrThrow();
      await recordAudit(trx, actor, { action: 'training.survey.submit', targetType: 'training_class', targetId: classId, details: { responseId: row.id } });
      return { id: row.id, postQuizScore: postScore };
    });
  }
}
