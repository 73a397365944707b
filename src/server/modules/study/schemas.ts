import { z } from 'zod';
import { updateBody, versionField } from '../../http';
import { COURSE_LEVELS, LESSON_KINDS } from '../../../domain/study-time';

const tag = z.string().trim().min(1).max(20);

export const courseInputSchema = z.object({
  title: z.string().trim().min(2, { error: '课程名称至少 2 个字' }).max(100),
  summary: z.string().trim().max(2000).default(''),
  level: z.enum(COURSE_LEVELS, { error: '课程层级应为基础、提升或高级' }),
  required: z.boolean().default(false),
  creditHours: z.number({ error: '学时应为数字' }).positive({ error: '学时应大于 0' }).max(100, { error: '学时不超过 100' }),
  tags: z.array(tag).max(10, { error: '标签不超过 10 个' }).default([]),
});
export type CourseInput = z.infer<typeof courseInputSchema>;
export const courseUpdateSchema = updateBody(courseInputSchema).extend({ version: versionField });
export type CourseUpdate = z.infer<typeof courseUpdateSchema>;

export const quizSchema = z.object({
  passScore: z.number().int().min(1, { error: '及格分应在 1–100 之间' }).max(100, { error: '及格分应在 1–100 之间' }),
  questions: z
    .array(
      z
        .object({
          text: z.string().trim().min(2, { error: '题目至少 2 个字' }).max(500),
          options: z.array(z.string().trim().min(1).max(200)).min(2, { error: '每题至少 2 个选项' }).max(8),
          answer: z.array(z.number().int().min(0)).min(1, { error: '请指定正确答案' }),
        })
        .refine((q) => q.answer.every((a) => a < q.options.length), { error: '正确答案不在选项范围内', path: ['answer'] }),
    )
    .min(1, { error: '测验至少 1 题' })
    .max(50),
});

const lessonFields = z.object({
  title: z.string().trim().min(2, { error: '课时名称至少 2 个字' }).max(100),
  kind: z.enum(LESSON_KINDS, { error: '课时类型应为视频、文档或测验' }),
  /** documents: the set reading time; videos take theirs from the file */
  readingMinutes: z.number().int().min(1, { error: '阅读时长至少 1 分钟' }).max(600).optional(),
  quiz: quizSchema.nullable().default(null),
});
/** A lesson edit: the reading time and quiz not sent are kept; a quiz lesson's quiz cannot be cleared. */
export const lessonUpdateSchema = updateBody(lessonFields).refine((l) => l.kind !== 'quiz' || l.quiz !== null, { error: '测验课时需要题目', path: ['quiz'] });
export type LessonUpdate = z.infer<typeof lessonUpdateSchema>;
export const lessonInputSchema = lessonFields
  .refine((l) => l.kind !== 'quiz' || l.quiz !== null, { error: '测验课时需要题目', path: ['quiz'] })
  .refine((l) => l.kind !== 'document' || l.readingMinutes !== undefined, { error: '文档课时需要阅读时长', path: ['readingMinutes'] });
export type LessonInput = z.infer<typeof lessonInputSchema>;

/** The full order of a course's lessons: every lesson id of the course, once. */
export const lessonOrderSchema = z.object({
  lessonIds: z
    .array(z.number().int().positive())
    .min(1, { error: '课时顺序不能为空' })
    .max(200)
    .refine((ids) => new Set(ids).size === ids.length, { error: '课时顺序中有重复的课时' }),
});

/** A lesson as its editor (the bureau) sees it: with the quiz's answers and what may still change. */
export const lessonEditSchema = z.object({
  id: z.number(),
  courseId: z.number(),
  sort: z.number(),
  title: z.string(),
  kind: z.enum(LESSON_KINDS),
  durationSeconds: z.number(),
  readingMinutes: z.number().nullable(),
  hasMedia: z.boolean(),
  quiz: quizSchema.nullable(),
  learners: z.number(),
  /** why only the title and the wording of the quiz may change (null: everything but the kind may) */
  lockedBecause: z.string().nullable(),
  /** why the lesson cannot be deleted (null: it can) */
  deleteRefusal: z.string().nullable(),
});

export const heartbeatSchema = z.object({
  seq: z.number().int().min(1).max(1_000_000),
  position: z.number().min(0).max(86_400),
  visible: z.boolean(),
  active: z.boolean(),
});

export const heartbeatResultSchema = z.object({
  accepted: z.boolean(),
  creditSeconds: z.number(),
  reason: z.string(),
  message: z.string().nullable(),
  lessonCreditedSeconds: z.number(),
  /** the server's clock (ms) at which the beat was measured */
  serverTime: z.number(),
});

export const attemptInputSchema = z.object({ answers: z.array(z.array(z.number().int().min(0)).max(8)).max(50) });

export const courseSchema = z.object({
  id: z.number(),
  version: z.number(),
  title: z.string(),
  summary: z.string(),
  level: z.enum(COURSE_LEVELS),
  required: z.boolean(),
  creditHours: z.number(),
  tags: z.array(z.string()),
  status: z.enum(['draft', 'published', 'withdrawn']),
  orgUnitName: z.string(),
  lessonCount: z.number(),
  durationSeconds: z.number(),
  publishedAt: z.date().nullable(),
  completedLessons: z.number().optional(),
  creditedSeconds: z.number().optional(),
});

export const lessonSchema = z.object({
  id: z.number(),
  sort: z.number(),
  title: z.string(),
  kind: z.enum(LESSON_KINDS),
  durationSeconds: z.number(),
  hasMedia: z.boolean(),
  pageCount: z.number().nullable(),
  hasQuiz: z.boolean(),
  status: z.enum(['not_started', 'in_progress', 'completed']),
  creditedSeconds: z.number(),
  requiredSeconds: z.number(),
  bestScore: z.number().nullable(),
  /** bureaus only: officers who have opened the lesson */
  learners: z.number().optional(),
});

export const courseDetailSchema = courseSchema.extend({ lessons: z.array(lessonSchema) });

export const openSessionSchema = z.object({
  sessionId: z.number(),
  lessonId: z.number(),
  courseId: z.number(),
  kind: z.enum(LESSON_KINDS),
  title: z.string(),
  durationSeconds: z.number(),
  requiredSeconds: z.number(),
  creditedSeconds: z.number(),
  resumePosition: z.number(),
  completed: z.boolean(),
  heartbeatSeconds: z.number(),
  maxPlaybackRate: z.number(),
  pageCount: z.number().nullable(),
  mediaUrl: z.string().nullable(),
  quiz: z.object({ passScore: z.number(), questions: z.array(z.object({ text: z.string(), options: z.array(z.string()), multiple: z.boolean() })) }).nullable(),
});
