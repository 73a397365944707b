import { sql } from 'kysely';
import { hasPermission } from '../../../domain/permissions';
import { TIER_ORGANISER_KINDS, TRAINING_TIER_LABELS, type TrainingTier } from '../../../domain/training';
import { recordAudit, type Actor } from '../../audit/audit-log';
import { scopeOf } from '../../auth/scope';
import type { SessionAccount } from '../../auth/session-store';
import { clock } from '../../clock';
import type { Database } from '../../db/database';
import { invalid, stateError } from '../../errors';
import { Notifier } from '../notifications/notifier';
import { isMergedIntoCity } from '../regions/delegation';
import { assertCan, classFor, classReadScope } from './access';
import { ENROLMENT_SUBJECT } from './certificate-issue';
import { enrolAbilities } from './enrol-abilities';
import { maySeeSurveyReport } from './reports';
import { enrolmentView, type ClassRow } from './records';
import type { ClassInput } from '../../../contract/training-input';
import { findPersonOfAccount } from '../../persons/repository';

/** Training classes (培训班): their creation with sessions and instructors, cancellation, the list and the detail page. */
export class TrainingClasses {
  private readonly notifier = new Notifier();

  constructor(private readonly db: Database) {}

  async create(caller: SessionAccount, actor: Actor, input: ClassInput) {
    assertCan(caller, 'manage');
    if (!TIER_ORGANISER_KINDS[input.tier].includes(caller.orgUnitKind)) {
      throw invalid(
        'tier',
        `${TRAINING_TIER_LABELS[input.tier]}培训由${input.tier === 'basic' ? '县（市、区）或设区市' : input.tier === 'enhanced' ? '设区市' : '省'}市场监管局组织`,
      );
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
          .where(scopeOf(caller).line('o.path'))
          .executeTakeFirst();
        if (!trainer) throw invalid('trainerAccountId', '承办机构账户不存在或不在本辖区');
        input = { ...input, providerName: input.providerName ?? trainer.display_name };
      }
      if (input.instructors.length > 0) {
        const ok = await trx
          .selectFrom('training_instructors as i')
          .select('i.id')
          .where(
            'i.id',
            'in',
            input.instructors.map((x) => x.instructorId),
          )
          .where(scopeOf(caller).above('i.org_unit_id'))
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
        .values(
          input.sessions.map((s) => ({ class_id: row.id, title: s.title, starts_at: s.startsAt, ends_at: s.endsAt, late_after_minutes: s.lateAfterMinutes })),
        )
        .execute();
      if (input.instructors.length > 0) {
        await trx
          .insertInto('training_class_instructors')
          .values(
            [...new Map(input.instructors.map((x) => [x.instructorId, x])).values()].map((x) => ({
              class_id: row.id,
              instructor_id: x.instructorId,
              topic: x.topic ?? null,
            })),
          )
          .execute();
      }
      await recordAudit(trx, actor, {
        action: 'training.class.create',
        targetType: 'training_class',
        targetId: row.id,
        details: { name: input.name, tier: input.tier },
      });
      return { id: row.id };
    });
  }

  async cancel(caller: SessionAccount, actor: Actor, classId: number, reason: string) {
    await this.db.transaction().execute(async (trx) => {
      const c = await classFor(trx, caller, classId, 'manage', null, true);
      if (c.status === 'cancelled') throw stateError('该培训班已取消');
      await trx
        .updateTable('training_classes')
        .set({ status: 'cancelled', status_reason: reason, updated_at: clock.now() })
        .where('id', '=', classId)
        .execute();
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

  async list(caller: SessionAccount, filter: { tier?: TrainingTier | undefined; scope?: 'upcoming' | 'past' | undefined }, page: number, pageSize: number) {
    assertCan(caller, 'read');
    const personId = (await findPersonOfAccount(this.db, caller.accountId))?.id ?? null;
    let q = this.db.selectFrom('training_classes as c').innerJoin('org_units as o', 'o.id', 'c.org_unit_id').where(classReadScope(caller, personId));
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
        sql<number>`(select count(*)::int from certificates ct join training_enrolments e on e.id = ct.subject_id where ct.subject_type = ${ENROLMENT_SUBJECT} and ct.status = 'valid' and e.class_id = c.id)`.as(
          'certified',
        ),
      ])
      .orderBy(sql`(select min(starts_at) from training_sessions s where s.class_id = c.id)`, 'desc')
      .limit(pageSize)
      .offset((page - 1) * pageSize)
      .execute();
    const abilities = await enrolAbilities(
      this.db,
      caller,
      personId,
      rows.map((r) => ({ ...r, enrolled: Number(r.enrolled) })),
    );
    return {
      total,
      items: rows.map((r) => ({
        ...this.classSummary(r, r.orgUnitName),
        firstStart: r.firstStart,
        lastEnd: r.lastEnd,
        enrolled: Number(r.enrolled),
        waitlisted: Number(r.waitlisted),
        certified: Number(r.certified),
        ...(abilities.get(r.id) ?? { canEnrol: false, enrolRefusal: null }),
      })),
    };
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

  async get(caller: SessionAccount, classId: number) {
    const personId = (await findPersonOfAccount(this.db, caller.accountId))?.id ?? null;
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
    const firstStart = sessions[0]?.starts_at ?? null;
    const ability = (await enrolAbilities(this.db, caller, personId, [{ ...c, firstStart, enrolled: count('enrolled') }])).get(c.id) ?? {
      canEnrol: false,
      enrolRefusal: null,
    };
    const canDeliver =
      (hasPermission(caller.role, 'training:manage') && caller.role !== 'department') ||
      (hasPermission(caller.role, 'training:deliver') && c.trainer_account_id === caller.accountId);
    let mine = null;
    if (personId !== null) {
      const e = await this.db
        .selectFrom('training_enrolments')
        .selectAll()
        .where('class_id', '=', classId)
        .where('person_id', '=', personId)
        .executeTakeFirst();
      if (e) mine = await enrolmentView(this.db, c, e.id);
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
      canSeeSurveyReport: maySeeSurveyReport(caller),
      // an enterprise enrols its officers and candidates from the class page (officers enrol themselves in 我的培训)
      canEnrolCandidates: caller.role === 'enterprise' && ability.canEnrol,
      ...ability,
      mine,
    };
  }
}
