import { sql, type Kysely } from 'kysely';
import { lessonChangeRefusal, type Quiz } from '../../../domain/study-time';
import { recordAudit, type Actor } from '../../audit/audit-log';
import { scopeOf } from '../../auth/scope';
import type { SessionAccount } from '../../auth/session-store';
import type { Database } from '../../db/database';
import type { DB } from '../../db/types';
import { AppError, forbidden, invalid, notFound, stateError } from '../../errors';
import { segmentForIndex } from '../../search/chinese-text';
import type { FileStore } from '../../storage/file-store';
import type { CourseInput, CourseUpdate, LessonInput, LessonUpdate } from '../../../contract/study';
import { clock } from '../../clock';
import { updateVersioned } from '../../db/versioned';
import { courseColumns, toCourse, type CourseRow } from './course-rows';

/** Publishing (bureaus): courses and their lessons, media, ordering, publication and withdrawal, within the caller's region. */
export class CoursePublishing {
  constructor(private readonly db: Database) {}

  /** A course in the caller's region (404 otherwise); `lock` takes its row lock, so changes to its lessons serialise. */
  private async managedCourse(db: Kysely<DB>, caller: SessionAccount, courseId: number, lock = false) {
    const q = db.selectFrom('courses as c').selectAll('c').where('c.id', '=', courseId).where(scopeOf(caller).region('c.org_unit_id'));
    const course = await (lock ? q.forUpdate('c') : q).executeTakeFirst();
    if (!course) throw notFound('课程');
    return course;
  }

  /** A lesson of a course in the caller's region with its course, both locked (404 for either out of scope). */
  private async managedLesson(trx: Kysely<DB>, caller: SessionAccount, lessonId: number) {
    const ref = await trx.selectFrom('lessons').select('course_id').where('id', '=', lessonId).executeTakeFirst();
    if (!ref) throw notFound('课时');
    // the course first, then the lesson: the same order as every other change of the course's lessons
    const course = await this.managedCourse(trx, caller, ref.course_id, true);
    const lesson = await trx.selectFrom('lessons').selectAll().where('id', '=', lessonId).where('course_id', '=', course.id).forUpdate().executeTakeFirst();
    if (!lesson) throw notFound('课时');
    return { course, lesson };
  }

  /** Officers who have opened the lesson (each has a progress row; sessions and attempts come with it). */
  private async learnersOf(db: Kysely<DB>, lessonId: number): Promise<number> {
    const row = await db
      .selectFrom('lesson_progress')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('lesson_id', '=', lessonId)
      .executeTakeFirstOrThrow();
    const sessions = await db.selectFrom('study_sessions').select('id').where('lesson_id', '=', lessonId).limit(1).executeTakeFirst();
    return Math.max(Number(row.n), sessions ? 1 : 0);
  }

  /** What may change in a lesson: null, or why only its title and quiz wording may (see `lessonChangeRefusal`). */
  private static lockedBecause(courseStatus: string, learners: number): string | null {
    if (learners > 0) return `已有 ${learners} 名学员学习本课时`;
    if (courseStatus === 'published') return '课程已发布';
    return null;
  }

  /** Why a lesson cannot be deleted, or null. */
  private static deleteRefusal(courseStatus: string, learners: number): string | null {
    if (learners > 0) return `已有 ${learners} 名学员学习过本课时，学习记录和已计学时须保留，不能删除`;
    if (courseStatus === 'published') return '课程已发布，不能删除课时；请先撤回课程';
    return null;
  }

  /**
   * Gives the course's lessons the positions 1..n in `orderedIds`' order. `unique (course_id, sort)` is checked
   * row by row, so the lessons first move to negative positions (no clash with each other or with the targets).
   */
  private static async renumber(trx: Kysely<DB>, courseId: number, orderedIds: readonly number[]): Promise<void> {
    await trx
      .updateTable('lessons')
      .set({ sort: sql<number>`-sort` })
      .where('course_id', '=', courseId)
      .execute();
    for (const [i, id] of orderedIds.entries()) {
      await trx
        .updateTable('lessons')
        .set({ sort: i + 1 })
        .where('id', '=', id)
        .where('course_id', '=', courseId)
        .execute();
    }
  }

  async createCourse(caller: SessionAccount, actor: Actor, input: CourseInput): Promise<{ id: number }> {
    if (caller.orgUnitKind !== 'province' && caller.orgUnitKind !== 'city') throw forbidden('课程由省局（全省适用）或设区市局（本市适用）发布');
    return this.db.transaction().execute(async (trx) => {
      const row = await trx
        .insertInto('courses')
        .values({
          title: input.title,
          summary: input.summary,
          org_unit_id: caller.orgUnitId,
          level: input.level,
          required: input.required,
          credit_hours: input.creditHours,
          tags: input.tags,
          search_vector: sql<string>`to_tsvector('simple', ${segmentForIndex([input.title, input.summary, ...input.tags].join(' '))})`,
          created_by: caller.accountId,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      await recordAudit(trx, actor, {
        action: 'study.course.create',
        targetType: 'course',
        targetId: row.id,
        details: { title: input.title, level: input.level },
      });
      return row;
    });
  }

  async updateCourse(caller: SessionAccount, actor: Actor, courseId: number, input: CourseUpdate): Promise<number> {
    return this.db.transaction().execute(async (trx) => {
      const course = await this.managedCourse(trx, caller, courseId);
      // fields the edit does not carry keep their stored values
      const summary = input.summary ?? course.summary;
      const tags = input.tags ?? course.tags;
      const version = await updateVersioned(trx, 'courses', courseId, input.version, {
        title: input.title,
        summary,
        level: input.level,
        required: input.required,
        credit_hours: input.creditHours,
        tags,
        search_vector: sql<string>`to_tsvector('simple', ${segmentForIndex([input.title, summary, ...tags].join(' '))})`,
        updated_at: clock.now(),
      });
      await recordAudit(trx, actor, { action: 'study.course.update', targetType: 'course', targetId: courseId, details: { title: input.title } });
      return version;
    });
  }

  async addLesson(caller: SessionAccount, actor: Actor, courseId: number, input: LessonInput): Promise<{ id: number }> {
    return this.db.transaction().execute(async (trx) => {
      const course = await this.managedCourse(trx, caller, courseId, true);
      if (course.status === 'published') throw stateError('课程已发布，请先撤回再修改课时');
      const last = await trx
        .selectFrom('lessons')
        .select((eb) => eb.fn.max('sort').as('sort'))
        .where('course_id', '=', courseId)
        .executeTakeFirst();
      const row = await trx
        .insertInto('lessons')
        .values({
          course_id: courseId,
          sort: Number(last?.sort ?? 0) + 1,
          title: input.title,
          kind: input.kind,
          duration_seconds: input.kind === 'document' ? (input.readingMinutes ?? 0) * 60 : 0,
          quiz: JSON.stringify(input.quiz),
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      await recordAudit(trx, actor, {
        action: 'study.lesson.create',
        targetType: 'lesson',
        targetId: row.id,
        details: { courseId, title: input.title, kind: input.kind },
      });
      return row;
    });
  }

  /** A lesson for its editor: the quiz with its answers, and what may still change. */
  async lessonForEdit(caller: SessionAccount, lessonId: number) {
    const lesson = await this.db.selectFrom('lessons').selectAll().where('id', '=', lessonId).executeTakeFirst();
    if (!lesson) throw notFound('课时');
    const course = await this.managedCourse(this.db, caller, lesson.course_id);
    const learners = await this.learnersOf(this.db, lessonId);
    return {
      id: lesson.id,
      courseId: lesson.course_id,
      sort: lesson.sort,
      title: lesson.title,
      kind: lesson.kind,
      durationSeconds: lesson.duration_seconds,
      readingMinutes: lesson.kind === 'document' ? Math.round(lesson.duration_seconds / 60) : null,
      hasMedia: lesson.media_key !== null,
      quiz: lesson.quiz as Quiz | null,
      learners,
      lockedBecause: CoursePublishing.lockedBecause(course.status, learners),
      deleteRefusal: CoursePublishing.deleteRefusal(course.status, learners),
    };
  }

  /**
   * Edits a lesson. The kind never changes; once the course is published or officers have opened the lesson, only
   * the title and the wording of the quiz may (`lessonChangeRefusal`): credited time, completions and recorded
   * attempts are never touched by an edit. Refusals are 409 naming the field.
   */
  async updateLesson(caller: SessionAccount, actor: Actor, lessonId: number, input: LessonUpdate): Promise<void> {
    await this.db.transaction().execute(async (trx) => {
      const { course, lesson } = await this.managedLesson(trx, caller, lessonId);
      const learners = await this.learnersOf(trx, lessonId);
      const before = {
        kind: lesson.kind,
        readingMinutes: lesson.kind === 'document' ? Math.round(lesson.duration_seconds / 60) : null,
        quiz: lesson.quiz as Quiz | null,
      };
      // a reading time or quiz the edit does not carry is kept
      const after = {
        kind: input.kind,
        readingMinutes: input.kind === 'document' ? (input.readingMinutes ?? before.readingMinutes) : null,
        quiz: input.quiz === undefined ? before.quiz : input.quiz,
      };
      const refusal = lessonChangeRefusal(before, after, CoursePublishing.lockedBecause(course.status, learners));
      if (refusal) throw new AppError(409, 'STATE', refusal.message, [refusal]);
      const changed = [
        ...(input.title !== lesson.title ? ['title'] : []),
        ...(after.readingMinutes !== before.readingMinutes ? ['readingMinutes'] : []),
        ...(JSON.stringify(after.quiz) !== JSON.stringify(before.quiz) ? ['quiz'] : []),
      ];
      if (changed.length === 0) return;
      await trx
        .updateTable('lessons')
        .set({
          title: input.title,
          quiz: JSON.stringify(after.quiz),
          ...(lesson.kind === 'document' && after.readingMinutes !== before.readingMinutes ? { duration_seconds: (after.readingMinutes ?? 0) * 60 } : {}),
        })
        .where('id', '=', lessonId)
        .execute();
      await recordAudit(trx, actor, {
        action: 'study.lesson.update',
        targetType: 'lesson',
        targetId: lessonId,
        details: { courseId: course.id, title: input.title, changed },
      });
    });
  }

  /**
   * Puts a course's lessons in the given order. The list must be exactly the course's lessons (409 otherwise, and
   * nothing changes). Allowed on a published course: the order changes no credited time.
   */
  async reorderLessons(caller: SessionAccount, actor: Actor, courseId: number, lessonIds: readonly number[]): Promise<void> {
    await this.db.transaction().execute(async (trx) => {
      const course = await this.managedCourse(trx, caller, courseId, true);
      const current = await trx.selectFrom('lessons').select('id').where('course_id', '=', courseId).orderBy('sort').execute();
      const ids = new Set(current.map((l) => l.id));
      if (lessonIds.length !== ids.size || lessonIds.some((id) => !ids.has(id))) {
        const message = '课时顺序应包含本课程的全部课时且每个课时一次；课程的课时可能已被修改，请刷新后重试';
        throw new AppError(409, 'CONFLICT', message, [{ path: 'lessonIds', message }]);
      }
      if (current.every((l, i) => l.id === lessonIds[i])) return;
      await CoursePublishing.renumber(trx, courseId, lessonIds);
      await recordAudit(trx, actor, {
        action: 'study.lesson.reorder',
        targetType: 'course',
        targetId: courseId,
        details: { title: course.title, from: current.map((l) => l.id), to: lessonIds },
      });
    });
  }

  /**
   * Deletes a lesson of a course that is not published and that no officer has opened (409 otherwise); the
   * remaining lessons close up. Its uploaded file is removed once the deletion is committed.
   */
  async deleteLesson(caller: SessionAccount, actor: Actor, files: FileStore, lessonId: number): Promise<void> {
    const mediaKey = await this.db.transaction().execute(async (trx) => {
      const { course, lesson } = await this.managedLesson(trx, caller, lessonId);
      const refusal = CoursePublishing.deleteRefusal(course.status, await this.learnersOf(trx, lessonId));
      if (refusal) throw stateError(refusal);
      await trx.deleteFrom('lessons').where('id', '=', lessonId).execute();
      const rest = await trx.selectFrom('lessons').select('id').where('course_id', '=', course.id).orderBy('sort').execute();
      await CoursePublishing.renumber(
        trx,
        course.id,
        rest.map((l) => l.id),
      );
      await recordAudit(trx, actor, {
        action: 'study.lesson.delete',
        targetType: 'lesson',
        targetId: lessonId,
        details: { courseId: course.id, title: lesson.title, kind: lesson.kind },
      });
      return lesson.media_key;
    });
    if (mediaKey && !mediaKey.startsWith('bundled:')) await files.remove(mediaKey);
  }

  /** The lesson for a media upload, in the caller's scope and not yet published. */
  async lessonForUpload(caller: SessionAccount, lessonId: number): Promise<{ id: number; kind: 'video' | 'document' }> {
    const lesson = await this.db.selectFrom('lessons').selectAll().where('id', '=', lessonId).executeTakeFirst();
    if (!lesson) throw notFound('课时');
    const course = await this.managedCourse(this.db, caller, lesson.course_id);
    if (course.status === 'published') throw stateError('课程已发布，请先撤回再修改课时');
    if (lesson.kind === 'quiz') throw invalid('file', '测验课时无需上传文件');
    return { id: lesson.id, kind: lesson.kind };
  }

  /** Checks the lesson, has `store` receive the file (typed by its content as the lesson's kind), then attaches it. */
  async uploadMedia<M extends { ref: string; durationSeconds: number | null; pageCount: number | null }>(
    caller: SessionAccount,
    actor: Actor,
    lessonId: number,
    store: (kind: 'video' | 'document') => Promise<M>,
  ): Promise<M> {
    const lesson = await this.lessonForUpload(caller, lessonId);
    const media = await store(lesson.kind);
    await this.attachMedia(actor, lesson.id, media);
    return media;
  }

  async attachMedia(actor: Actor, lessonId: number, media: { ref: string; durationSeconds: number | null; pageCount: number | null }): Promise<void> {
    await this.db.transaction().execute(async (trx) => {
      await trx
        .updateTable('lessons')
        .set({ media_key: media.ref, page_count: media.pageCount, ...(media.durationSeconds !== null ? { duration_seconds: media.durationSeconds } : {}) })
        .where('id', '=', lessonId)
        .execute();
      await recordAudit(trx, actor, {
        action: 'study.lesson.media',
        targetType: 'lesson',
        targetId: lessonId,
        details: { durationSeconds: media.durationSeconds, pageCount: media.pageCount },
      });
    });
  }

  async setCourseStatus(caller: SessionAccount, actor: Actor, courseId: number, status: 'published' | 'withdrawn'): Promise<void> {
    await this.db.transaction().execute(async (trx) => {
      const course = await this.managedCourse(trx, caller, courseId);
      if (status === 'published') {
        if (course.status === 'published') throw stateError('课程已发布');
        const lessons = await trx.selectFrom('lessons').select(['title', 'kind', 'media_key', 'duration_seconds']).where('course_id', '=', courseId).execute();
        if (lessons.length === 0) throw stateError('课程还没有课时，不能发布');
        const missing = lessons.find((l) => l.kind !== 'quiz' && (!l.media_key || l.duration_seconds <= 0));
        if (missing) throw stateError(`课时「${missing.title}」尚未上传文件，不能发布`);
      } else if (course.status !== 'published') throw stateError('只有已发布的课程可以撤回');
      await trx
        .updateTable('courses')
        .set({ status, updated_at: clock.now(), version: sql<number>`version + 1`, ...(status === 'published' ? { published_at: clock.now() } : {}) })
        .where('id', '=', courseId)
        .execute();
      await recordAudit(trx, actor, {
        action: status === 'published' ? 'study.course.publish' : 'study.course.withdraw',
        targetType: 'course',
        targetId: courseId,
        details: { title: course.title },
      });
    });
  }

  async managedCourses(caller: SessionAccount) {
    const rows = await this.db
      .selectFrom('courses as c')
      .innerJoin('org_units as o', 'o.id', 'c.org_unit_id')
      .select(courseColumns)
      .where(scopeOf(caller).region('c.org_unit_id'))
      .orderBy('c.id', 'desc')
      .execute();
    return rows.map((r) => toCourse(r as CourseRow));
  }
}
