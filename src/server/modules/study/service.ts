import { sql, type Kysely } from 'kysely';
import {
  applyHeartbeat,
  DEFAULT_STUDY_TIME_POLICY,
  type StudyTimePolicy,
  gradeQuiz,
  REFUSAL_MESSAGES,
  requiredLessonSeconds,
  type Heartbeat,
  type Quiz,
} from '../../../domain/study-time';
import { recordAudit, type Actor } from '../../audit/audit-log';
import type { SessionAccount } from '../../auth/session-store';
import type { Database } from '../../db/database';
import type { DB } from '../../db/types';
import { forbidden, invalid, notFound, stateError } from '../../errors';
import { HeartbeatBatches } from './heartbeat-batch';
import { appointmentRegion, learnerOf, linked, mine, owner, rollIntoLedger } from './learner';
import { clock } from '../../clock';

import { visibleTo } from './course-rows';
import { requirePersonOfAccount } from '../../persons/repository';

/**
 * The person behind an officer account (persons.account_id = the session's account), for what belongs to the person:
 * the study account, transcripts, claims. Courses are studied by a `Learner` (learner.ts), linked or not.
 */
export async function requireStudyPerson(db: Kysely<DB>, caller: SessionAccount): Promise<{ id: number; name: string; regionPath: string }> {
  const person = await requirePersonOfAccount(db, caller.accountId, () =>
    forbidden('本账户身份待核验：主管局确认身份关联后方可使用学时账户（课程可先行学习，学习时间在确认后计入）'),
  );
  return { ...person, regionPath: await appointmentRegion(db, person.id, caller.orgUnitPath) };
}

/**
 * Studying a lesson: opening it (a study session holding the person's lease), heartbeats that credit the time
 * followed, and the quiz (or completion) that rolls the lesson's time into the year's ledger. The catalogue is catalogue.ts.
 */
export class StudyService {
  private readonly beats: HeartbeatBatches;

  /** `policy`: the heartbeat interval and crediting rules; the session answer and every beat use the same one. */
  constructor(
    private readonly db: Database,
    private readonly policy: StudyTimePolicy = DEFAULT_STUDY_TIME_POLICY,
  ) {
    this.beats = new HeartbeatBatches(db);
  }

  /** Opens a lesson: a new study session that takes the person's lease (any other tab or device stops earning). */
  async openSession(caller: SessionAccount, lessonId: number) {
    const person = await learnerOf(this.db, caller);
    const lesson = await this.db
      .selectFrom('lessons as l')
      .innerJoin('courses as c', 'c.id', 'l.course_id')
      .innerJoin('org_units as o', 'o.id', 'c.org_unit_id')
      .select(['l.id', 'l.course_id', 'l.kind', 'l.title', 'l.duration_seconds', 'l.media_key', 'l.page_count', 'l.quiz'])
      .where('l.id', '=', lessonId)
      .where(visibleTo(person.regionPath))
      .executeTakeFirst();
    if (!lesson) throw notFound('课时');
    return this.db.transaction().execute(async (trx) => {
      const before = await trx
        .selectFrom('study_sessions as s')
        .select([(eb) => eb.fn.coalesce(eb.fn.sum<number>('credited_seconds'), sql<number>`0`).as('s')])
        .where(mine(person, 's'))
        .where('lesson_id', '=', lessonId)
        .executeTakeFirstOrThrow();
      const last = await trx
        .selectFrom('study_sessions as s')
        .select('last_position')
        .where(mine(person, 's'))
        .where('lesson_id', '=', lessonId)
        .orderBy('id', 'desc')
        .executeTakeFirst();
      const progress = await trx
        .selectFrom('lesson_progress as p')
        .select('status')
        .where(mine(person, 'p'))
        .where('lesson_id', '=', lessonId)
        .executeTakeFirst();
      const completed = progress?.status === 'completed';
      const now = clock.now();
      // the player resumes where the person left off (from the start once a lesson was watched to its end)
      const resumePosition = last && last.last_position < lesson.duration_seconds - 2 ? last.last_position : 0;
      const session = await trx
        .insertInto('study_sessions')
        .values({
          account_id: caller.accountId,
          person_id: person.personId,
          lesson_id: lessonId,
          course_id: lesson.course_id,
          kind: lesson.kind,
          duration_seconds: lesson.duration_seconds,
          lesson_completed: completed,
          credited_before: Number(before.s),
          last_position: resumePosition,
          last_beat_at: now,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      await trx
        .insertInto('study_leases')
        .values({ ...owner(person), session_id: session.id, taken_at: now })
        .onConflict((oc) => oc.column(linked(person) ? 'person_id' : 'account_id').doUpdateSet({ session_id: session.id, taken_at: now }))
        .execute();
      if (!progress) {
        await trx
          .insertInto('lesson_progress')
          .values({ ...owner(person), lesson_id: lessonId, course_id: lesson.course_id, best_score: null, completed_at: null, completed_year: null })
          .execute();
      } else {
        await trx.updateTable('lesson_progress as p').set({ updated_at: now }).where(mine(person, 'p')).where('lesson_id', '=', lessonId).execute();
      }
      const quiz = lesson.quiz as Quiz | null;
      return {
        sessionId: session.id,
        lessonId,
        courseId: lesson.course_id,
        kind: lesson.kind,
        title: lesson.title,
        durationSeconds: lesson.duration_seconds,
        requiredSeconds: requiredLessonSeconds(lesson.kind, lesson.duration_seconds, this.policy),
        creditedSeconds: Number(before.s),
        resumePosition,
        completed,
        heartbeatSeconds: this.policy.heartbeatSeconds,
        maxPlaybackRate: this.policy.maxPlaybackRate,
        pageCount: lesson.page_count,
        mediaUrl: lesson.media_key ? `/api/study/lessons/${lessonId}/media` : null,
        quiz: quiz
          ? { passScore: quiz.passScore, questions: quiz.questions.map((q) => ({ text: q.text, options: q.options, multiple: q.answer.length > 1 })) }
          : null,
      };
    });
  }

  /**
   * One heartbeat: one read of the session with its lease, then one guarded update (the sequence number it read,
   * the lease still held, the lesson not completed meanwhile), so concurrent beats and a completing quiz never
   * count a second twice. Both are batched with the other beats of the same turn (heartbeat-batch.ts). Not audited
   * (the session rows are the record).
   */
  async heartbeat(caller: SessionAccount, sessionId: number, beat: Heartbeat) {
    const found = await this.beats.read(sessionId);
    const row = found && found.account_id === caller.accountId ? found : null;
    if (!row) throw notFound('学习会话');
    const state = {
      kind: row.kind,
      durationSeconds: row.duration_seconds,
      creditedBeforeSeconds: row.credited_before,
      creditedSeconds: row.credited_seconds,
      lastBeatAtMs: row.last_beat_at.getTime(),
      lastSeq: row.last_seq,
      lastPosition: row.last_position,
      lessonCompleted: row.lesson_completed,
    };
    const now = clock.nowMs();
    const verdict = applyHeartbeat(state, beat, now, row.holds, this.policy);
    const lessonCredited = (s: number) => row.credited_before + s;
    if (!verdict.accepted) {
      return {
        accepted: false,
        creditSeconds: 0,
        reason: verdict.reason,
        message: REFUSAL_MESSAGES[verdict.reason],
        lessonCreditedSeconds: lessonCredited(row.credited_seconds),
        serverTime: now,
      };
    }
    const next = verdict.next;
    const written = await this.beats.write({
      sessionId,
      creditedSeconds: next.creditedSeconds,
      lastBeatAtMs: next.lastBeatAtMs,
      lastSeq: next.lastSeq,
      lastPosition: next.lastPosition,
      readSeq: row.last_seq,
      readCompleted: row.lesson_completed,
    });
    if (!written) {
      // another beat, a completed quiz or a new tab got there first: this one earns nothing
      return {
        accepted: false,
        creditSeconds: 0,
        reason: 'superseded',
        message: REFUSAL_MESSAGES.superseded,
        lessonCreditedSeconds: lessonCredited(row.credited_seconds),
        serverTime: now,
      };
    }
    return {
      accepted: true,
      creditSeconds: verdict.creditSeconds,
      reason: verdict.reason,
      message: null,
      lessonCreditedSeconds: lessonCredited(next.creditedSeconds),
      serverTime: now,
    };
  }

  /**
   * A quiz attempt (or, for a lesson without a quiz, the request to complete it). Opens only once the lesson has
   * been followed long enough. Passing completes the lesson: its credited seconds, pending until now, roll into the
   * year's ledger line of the course (whole minutes of all the course's completed lessons that year).
   */
  async attempt(caller: SessionAccount, actor: Actor, lessonId: number, answers: number[][]) {
    const person = await learnerOf(this.db, caller);
    const lesson = await this.db
      .selectFrom('lessons as l')
      .innerJoin('courses as c', 'c.id', 'l.course_id')
      .innerJoin('org_units as o', 'o.id', 'c.org_unit_id')
      .select(['l.id', 'l.course_id', 'l.kind', 'l.title', 'l.duration_seconds', 'l.quiz', 'c.title as courseTitle'])
      .where('l.id', '=', lessonId)
      .where(visibleTo(person.regionPath))
      .executeTakeFirst();
    if (!lesson) throw notFound('课时');
    const quiz = lesson.quiz as Quiz | null;
    if (quiz && answers.length !== quiz.questions.length) throw invalid('answers', `请回答全部 ${quiz.questions.length} 道题`);
    return this.db.transaction().execute(async (trx) => {
      const progress = await trx
        .selectFrom('lesson_progress as p')
        .selectAll()
        .where(mine(person, 'p'))
        .where('lesson_id', '=', lessonId)
        .forUpdate()
        .executeTakeFirst();
      if (!progress) throw stateError('请先打开本课时学习');
      if (progress.status === 'completed') throw stateError('本课时已完成');
      // stop every open session of the lesson from earning (their guarded updates now fail), then count
      await trx.updateTable('study_sessions as s').set({ lesson_completed: true }).where(mine(person, 's')).where('lesson_id', '=', lessonId).execute();
      const sum = await trx
        .selectFrom('study_sessions as s')
        .select([(eb) => eb.fn.coalesce(eb.fn.sum<number>('credited_seconds'), sql<number>`0`).as('s')])
        .where(mine(person, 's'))
        .where('lesson_id', '=', lessonId)
        .executeTakeFirstOrThrow();
      const credited = Number(sum.s);
      const required = requiredLessonSeconds(lesson.kind, lesson.duration_seconds, this.policy);
      if (credited < required) {
        throw stateError(`本课时需学习满 ${Math.ceil(required / 60)} 分钟后才能${quiz ? '参加测验' : '完成'}（已计 ${Math.floor(credited / 60)} 分钟）`);
      }
      const grade = quiz ? gradeQuiz(quiz, answers) : { score: 100, passed: true, correct: [] as boolean[] };
      await trx
        .insertInto('quiz_attempts')
        .values({ ...owner(person), lesson_id: lessonId, answers: JSON.stringify(answers), score: grade.score, passed: grade.passed })
        .execute();
      const today = clock.today();
      const year = Number(today.slice(0, 4));
      await trx
        .updateTable('lesson_progress')
        .set({
          attempts: sql<number>`attempts + 1`,
          best_score: Math.max(progress.best_score ?? 0, grade.score),
          updated_at: clock.now(),
          ...(grade.passed ? { status: 'completed' as const, credited_seconds: credited, completed_at: clock.now(), completed_year: year } : {}),
        })
        .where(mine(person, 'lesson_progress'))
        .where('lesson_id', '=', lessonId)
        .execute();
      if (!grade.passed) {
        // not passed: the sessions may earn again (the lesson is still open), nothing reaches the ledger
        await trx.updateTable('study_sessions as s').set({ lesson_completed: false }).where(mine(person, 's')).where('lesson_id', '=', lessonId).execute();
        return { score: grade.score, passed: false, correct: grade.correct, creditedMinutes: 0 };
      }
      // an unlinked account's completed time waits in its progress rows until the link moves it to the person
      const minutes = linked(person) ? await rollIntoLedger(trx, person.personId, lesson.course_id, lesson.courseTitle, year, today) : 0;
      await recordAudit(trx, actor, {
        action: 'study.lesson.complete',
        targetType: 'lesson',
        targetId: lessonId,
        details: { personId: person.personId, courseId: lesson.course_id, score: grade.score, creditedSeconds: credited, courseMinutes: minutes },
      });
      return { score: grade.score, passed: true, correct: grade.correct, creditedMinutes: Math.floor(credited / 60) };
    });
  }
}
