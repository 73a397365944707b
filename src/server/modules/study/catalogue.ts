import { sql } from 'kysely';
import { opensLessonMedia } from '../../../domain/document-access';
import { DEFAULT_STUDY_TIME_POLICY, type StudyTimePolicy, requiredLessonSeconds } from '../../../domain/study-time';
import { scopeOf } from '../../auth/scope';
import type { SessionAccount } from '../../auth/session-store';
import type { Database } from '../../db/database';
import { forbidden, notFound } from '../../errors';
import { segmentQuery } from '../../search/chinese-text';
import { learnerOf, mine } from './learner';
import { courseColumns, toCourse, visibleTo, type CourseRow } from './course-rows';

export interface CatalogueFilter {
  q?: string | undefined;
  level?: 'basic' | 'enhanced' | 'advanced' | undefined;
  required?: boolean | undefined;
  tag?: string | undefined;
}

/** The course catalogue: what an officer may study (by region, level, tag, search), their courses, a course with its lessons. */
export class CourseCatalogue {
  /** `policy`: the crediting rules, for the time each lesson requires. */
  constructor(
    private readonly db: Database,
    private readonly policy: StudyTimePolicy = DEFAULT_STUDY_TIME_POLICY,
  ) {}

  async catalogue(caller: SessionAccount, filter: CatalogueFilter, page: number, pageSize: number) {
    const person = await learnerOf(this.db, caller);
    let q = this.db.selectFrom('courses as c').innerJoin('org_units as o', 'o.id', 'c.org_unit_id').where(visibleTo(person.regionPath));
    if (filter.q) {
      const query = segmentQuery(filter.q);
      q = query ? q.where(sql<boolean>`c.search_vector @@ to_tsquery('simple', ${query})`) : q.where(sql<boolean>`false`);
    }
    if (filter.level) q = q.where('c.level', '=', filter.level);
    if (filter.required !== undefined) q = q.where('c.required', '=', filter.required);
    if (filter.tag) q = q.where(sql<boolean>`${filter.tag} = any(c.tags)`);
    const total = Number((await q.select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
    const rows = await q
      .select(courseColumns)
      .select([
        sql<number>`(select count(*) from lesson_progress p where p.course_id = c.id and ${mine(person, 'p')} and p.status = 'completed')::int`.as(
          'completedLessons',
        ),
      ])
      .orderBy('c.required', 'desc')
      .orderBy('c.published_at', 'desc')
      .limit(pageSize)
      .offset((page - 1) * pageSize)
      .execute();
    return { items: rows.map((r) => ({ ...toCourse(r as CourseRow), completedLessons: Number(r.completedLessons) })), total };
  }

  /** Courses the officer has started, with progress. */
  async myCourses(caller: SessionAccount) {
    const person = await learnerOf(this.db, caller);
    const rows = await this.db
      .selectFrom('courses as c')
      .innerJoin('org_units as o', 'o.id', 'c.org_unit_id')
      .select(courseColumns)
      .select([
        sql<number>`(select count(*) from lesson_progress p where p.course_id = c.id and ${mine(person, 'p')} and p.status = 'completed')::int`.as(
          'completedLessons',
        ),
        sql<number>`(select coalesce(sum(s.credited_seconds), 0) from study_sessions s where s.course_id = c.id and ${mine(person, 's')})::int`.as(
          'creditedSeconds',
        ),
        sql<Date>`(select max(p.updated_at) from lesson_progress p where p.course_id = c.id and ${mine(person, 'p')})`.as('lastStudied'),
      ])
      .where(sql<boolean>`exists (select 1 from lesson_progress p where p.course_id = c.id and ${mine(person, 'p')})`)
      .orderBy(sql`"lastStudied"`, 'desc')
      .execute();
    return rows.map((r) => ({ ...toCourse(r as CourseRow), completedLessons: Number(r.completedLessons), creditedSeconds: Number(r.creditedSeconds) }));
  }

  /** A course with its lessons and the caller's progress: officers see published courses of their region, bureaus those in scope. */
  async course(caller: SessionAccount, courseId: number) {
    if (!opensLessonMedia(caller.role)) throw forbidden('仅学员和课程管理单位可查看课程');
    const learner = caller.role === 'officer' ? await learnerOf(this.db, caller) : null;
    const row = await this.db
      .selectFrom('courses as c')
      .innerJoin('org_units as o', 'o.id', 'c.org_unit_id')
      .select(courseColumns)
      .where('c.id', '=', courseId)
      .where(learner ? visibleTo(learner.regionPath) : scopeOf(caller).region('c.org_unit_id'))
      .executeTakeFirst();
    if (!row) throw notFound('课程');
    const lessons = await this.db.selectFrom('lessons').selectAll().where('course_id', '=', courseId).orderBy('sort').execute();
    const progress = learner
      ? await this.db.selectFrom('lesson_progress as p').selectAll().where(mine(learner, 'p')).where('course_id', '=', courseId).execute()
      : [];
    const credited = learner
      ? await this.db
          .selectFrom('study_sessions as s')
          .select(['lesson_id', (eb) => eb.fn.sum<number>('credited_seconds').as('s')])
          .where(mine(learner, 's'))
          .where('course_id', '=', courseId)
          .groupBy('lesson_id')
          .execute()
      : [];
    const learners = learner
      ? []
      : await this.db
          .selectFrom('lesson_progress')
          .select(['lesson_id', (eb) => eb.fn.countAll<number>().as('n')])
          .where('course_id', '=', courseId)
          .groupBy('lesson_id')
          .execute();
    return {
      ...toCourse(row as CourseRow),
      completedLessons: progress.filter((p) => p.status === 'completed').length,
      creditedSeconds: credited.reduce((n, c) => n + Number(c.s), 0),
      lessons: lessons.map((l) => {
        const p = progress.find((x) => x.lesson_id === l.id);
        return {
          id: l.id,
          sort: l.sort,
          title: l.title,
          kind: l.kind,
          durationSeconds: l.duration_seconds,
          hasMedia: l.media_key !== null,
          pageCount: l.page_count,
          hasQuiz: l.quiz !== null,
          status: p ? p.status : ('not_started' as const),
          creditedSeconds: Number(credited.find((c) => c.lesson_id === l.id)?.s ?? 0),
          requiredSeconds: requiredLessonSeconds(l.kind, l.duration_seconds, this.policy),
          bestScore: p?.best_score ?? null,
          ...(learner ? {} : { learners: Number(learners.find((x) => x.lesson_id === l.id)?.n ?? 0) }),
        };
      }),
    };
  }

  /** A lesson the caller may open: an officer's visible course, or a bureau's course in scope (preview). */
  async lessonFor(caller: SessionAccount, lessonId: number) {
    const lesson = await this.db.selectFrom('lessons').selectAll().where('id', '=', lessonId).executeTakeFirst();
    if (!lesson) throw notFound('课时');
    await this.course(caller, lesson.course_id);
    return lesson;
  }
}
