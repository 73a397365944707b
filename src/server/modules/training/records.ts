import { sql, type Kysely } from 'kysely';
import {
  ENROLMENT_PRIORITY_LABELS,
  evaluateCompletion,
  TRAINING_FORMAT_LABELS,
  TRAINING_TIER_LABELS,
  WAITLIST_RULE,
  type Completion,
  type EnrolmentPriority,
} from '../../../domain/training';
import type { SessionAccount } from '../../auth/session-store';
import { clock } from '../../clock';
import type { Database } from '../../db/database';
import type { DB } from '../../db/types';
import { forbidden } from '../../errors';
import { classFor } from './access';
import { ENROLMENT_SUBJECT, signedDates } from './certificate-issue';
import { priorityRank } from './priority';
import { notYetOver } from './timing';
import { findPersonOfAccount } from '../../persons/repository';

export type Db = Kysely<DB>;
export type ClassRow = Awaited<ReturnType<typeof classFor>>;

/** A numeric column (scores) as a number. */
export const num = (v: string | null): number | null => (v === null ? null : Number(v));

/** One enrolment with its attendance, scores, completion, certificate and survey, as the officer and the roster show it. */
export async function enrolmentView(db: Db, c: ClassRow, enrolmentId: number) {
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
    sessions: sessions.map((s) => ({
      id: s.id,
      title: s.title,
      startsAt: s.starts_at,
      endsAt: s.ends_at,
      attendance: s.status,
      method: s.method,
      signedInAt: s.signed_in_at,
      correctionReason: s.correction_reason,
    })),
    completion,
    // the dates as signed (payload), the ones the PDF and the verification page show
    certificate: cert
      ? {
          id: cert.id,
          serial: cert.serial,
          status: cert.status,
          statusReason: cert.status_reason,
          issuedAt: cert.issued_at,
          expiresAt: cert.expires_at,
          ...signedDates(cert.payload),
        }
      : null,
    surveySubmittedAt: survey?.submitted_at ?? null,
  };
}

/** The learners' records of a class as those who run it see them. */
export class TrainingRecords {
  constructor(private readonly db: Database) {}

  /** The roster of a class: every enrolment with attendance per session, scores, completion and certificate. */
  async roster(caller: SessionAccount, classId: number) {
    // names and phones of the enrolled: for those who run the class (organising bureaus, its trainer), not departments
    if (caller.role === 'officer' || caller.role === 'enterprise' || caller.role === 'department') throw forbidden('无权查看培训班花名册');
    const c = await classFor(this.db, caller, classId, 'deliver');
    const sessions = await this.db
      .selectFrom('training_sessions')
      .select(['id', 'title', 'starts_at', 'ends_at'])
      .where('class_id', '=', classId)
      .orderBy('starts_at')
      .execute();
    const enrolments = await this.db
      .selectFrom('training_enrolments as e')
      .innerJoin('persons as p', 'p.id', 'e.person_id')
      .leftJoin('enterprises as ent', 'ent.id', 'e.enterprise_id')
      .select([
        'e.id',
        'e.status',
        'e.score',
        'e.makeup_score',
        'e.created_at',
        'e.cancel_reason',
        'p.name',
        'p.phone',
        'p.position_title',
        'ent.name as enterpriseName',
        priorityRank(sql.ref('e.person_id')).as('priority'),
      ])
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
            return [
              String(s.id),
              a
                ? { status: a.status, method: a.method, signedInAt: a.signed_in_at, correctionReason: a.correction_reason }
                : s.ends_at.getTime() < now && e.status === 'enrolled'
                  ? { status: 'absent' as const, method: null, signedInAt: null, correctionReason: null }
                  : null,
            ];
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

  /** The roster with the class's name, for the Excel export. */
  async rosterForExport(caller: SessionAccount, classId: number) {
    const roster = await this.roster(caller, classId);
    const c = await classFor(this.db, caller, classId, 'deliver');
    return { className: c.name, roster };
  }

  /** 我的培训: the caller's own enrolments with attendance, scores and certificates (none without a person record). */
  async mine(caller: SessionAccount) {
    const personId = (await findPersonOfAccount(this.db, caller.accountId))?.id ?? null;
    if (personId === null) return { items: [] };
    const rows = await this.db
      .selectFrom('training_enrolments as e')
      .innerJoin('training_classes as c', 'c.id', 'e.class_id')
      .innerJoin('org_units as o', 'o.id', 'c.org_unit_id')
      .selectAll('c')
      .select(['e.id as enrolmentId', 'o.name as orgUnitName'])
      .where('e.person_id', '=', personId)
      .orderBy('e.created_at', 'desc')
      .execute();
    const items = [];
    for (const r of rows) {
      const { enrolmentId, orgUnitName, ...c } = r;
      items.push({
        classId: c.id,
        className: c.name,
        tier: c.tier,
        tierLabel: TRAINING_TIER_LABELS[c.tier],
        format: c.format,
        formatLabel: TRAINING_FORMAT_LABELS[c.format],
        orgUnitName,
        venue: c.venue,
        onlineLink: c.online_link,
        hours: Number(c.hours),
        classStatus: c.status,
        hasQuiz: (c.quiz ?? []).length > 0,
        enrolment: await enrolmentView(this.db, c, enrolmentId),
      });
    }
    return { items };
  }
}
