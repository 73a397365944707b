/** The self-study API (src/server/modules/study, and the online-study rules of src/server/modules/policy). */
import { z } from 'zod';
import { STUDY_SOURCES } from '../domain/study-hours';
import { COURSE_LEVELS, LESSON_KINDS } from '../domain/study-time';
import { okSchema, updateBody, versionField } from './common';

const tag = z.string().trim().min(1).max(20);

export const courseInputSchema = z.object({
  title: z.string().trim().min(2, { error: '课程名称至少 2 个字' }).max(100).meta({ title: '课程名称' }),
  summary: z.string().trim().max(2000).default('').meta({ title: '简介' }),
  level: z.enum(COURSE_LEVELS, { error: '课程层级应为基础、提升或高级' }).meta({ title: '层级' }),
  required: z.boolean().default(false).meta({ title: '必修' }),
  creditHours: z.number({ error: '学时应为数字' }).positive({ error: '学时应大于 0' }).max(100, { error: '学时不超过 100' }).meta({ title: '学时' }),
  tags: z.array(tag).max(10, { error: '标签不超过 10 个' }).default([]).meta({ title: '标签' }),
});
export type CourseInput = z.infer<typeof courseInputSchema>;
export const courseUpdateSchema = updateBody(courseInputSchema).extend({ version: versionField.meta({ title: '版本' }) });
export type CourseUpdate = z.infer<typeof courseUpdateSchema>;

export const quizSchema = z.object({
  passScore: z.number().int().min(1, { error: '及格分应在 1–100 之间' }).max(100, { error: '及格分应在 1–100 之间' }).meta({ title: '及格分' }),
  questions: z
    .array(
      z
        .object({
          text: z.string().trim().min(2, { error: '题目至少 2 个字' }).max(500).meta({ title: '题目内容' }),
          options: z.array(z.string().trim().min(1).max(200)).min(2, { error: '每题至少 2 个选项' }).max(8).meta({ title: '选项' }),
          answer: z.array(z.number().int().min(0)).min(1, { error: '请指定正确答案' }).meta({ title: '正确答案' }),
        })
        .refine((q) => q.answer.every((a) => a < q.options.length), { error: '正确答案不在选项范围内', path: ['answer'] }),
    )
    .min(1, { error: '测验至少 1 题' })
    .max(50)
    .meta({ title: '题目' }),
});

const lessonFields = z.object({
  title: z.string().trim().min(2, { error: '课时名称至少 2 个字' }).max(100).meta({ title: '课时名称' }),
  kind: z.enum(LESSON_KINDS, { error: '课时类型应为视频、文档或测验' }).meta({ title: '类型' }),
  /** documents: the set reading time; videos take theirs from the file */
  readingMinutes: z.number().int().min(1, { error: '阅读时长至少 1 分钟' }).max(600).optional().meta({ title: '阅读时长' }),
  quiz: quizSchema.nullable().default(null).meta({ title: '测验' }),
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
    .refine((ids) => new Set(ids).size === ids.length, { error: '课时顺序中有重复的课时' })
    .meta({ title: '课时顺序' }),
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
  seq: z.number().int().min(1).max(1_000_000).meta({ title: '心跳序号' }),
  position: z.number().min(0).max(86_400).meta({ title: '播放位置' }),
  visible: z.boolean().meta({ title: '页面可见' }),
  active: z.boolean().meta({ title: '学习状态' }),
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

export const attemptInputSchema = z.object({
  answers: z
    .array(z.array(z.number().int().min(0)).max(8))
    .max(50)
    .meta({ title: '答案' }),
});

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

export const attemptResultSchema = z.object({ score: z.number(), passed: z.boolean(), correct: z.array(z.boolean()), creditedMinutes: z.number() });

/** `PUT /api/study/courses/:id`: the course's new version. */
export const courseUpdatedSchema = okSchema.extend({ version: z.number() });

/** `PUT /api/study/lessons/:id/media`: what the file gave the lesson. */
export const mediaUploadedSchema = okSchema.extend({ durationSeconds: z.number().nullable(), pageCount: z.number().nullable() });

/** The year of a study account or overview (`?year=`, the current one when left out). */
export const studyYearQuery = z.object({
  year: z.coerce.number().int().min(2000, { error: '年度无效' }).max(2200, { error: '年度无效' }).optional().meta({ title: '年度' }),
});

const studySourceSchema = z.enum(STUDY_SOURCES);
const paceSchema = z.enum(['done', 'on_track', 'behind']);

/** `GET /api/study/my/account`: one officer's annual account. */
export const studyAccountSchema = z.object({
  year: z.number(),
  targetHours: z.number(),
  minutesPerHour: z.number(),
  onlineSources: z.array(studySourceSchema),
  onlineMinutes: z.number(),
  onlineHours: z.number(),
  otherMinutes: z.number(),
  otherHours: z.number(),
  totalMinutes: z.number(),
  hours: z.number(),
  /** the pace of online self-study against the target */
  pace: paceSchema,
  bySource: z.array(z.object({ source: studySourceSchema, label: z.string(), minutes: z.number(), hours: z.number(), online: z.boolean() })),
  lines: z.array(
    z.object({
      id: z.number(),
      source: studySourceSchema,
      sourceLabel: z.string(),
      online: z.boolean(),
      title: z.string(),
      minutes: z.number(),
      occurredOn: z.string(),
      status: z.enum(['credited', 'revoked']),
      statusReason: z.string().nullable(),
    }),
  ),
  years: z.array(z.number()),
});

/** `GET /api/study/my/transcripts`. */
export const transcriptSchema = z.object({
  id: z.number(),
  serial: z.string(),
  year: z.number(),
  status: z.enum(['valid', 'ended', 'revoked']),
  issuedAt: z.date(),
});

export const issuedTranscriptSchema = z.object({ id: z.number(), serial: z.string() });

export const paceGroupSchema = z.object({
  id: z.number(),
  name: z.string(),
  officers: z.number(),
  done: z.number(),
  onTrack: z.number(),
  behind: z.number(),
  shareOnTrack: z.number(),
});

/** `GET /api/study/overview`: the region's officers by pace. */
export const studyOverviewSchema = z.object({
  year: z.number(),
  targetHours: z.number(),
  totals: paceGroupSchema,
  byRegion: z.array(paceGroupSchema),
  byEnterprise: z.array(paceGroupSchema),
  behind: z.array(
    z.object({
      personId: z.number(),
      name: z.string(),
      enterpriseName: z.string(),
      orgUnitName: z.string(),
      minutes: z.number(),
      hours: z.number(),
      onlineMinutes: z.number(),
      onlineHours: z.number(),
      pace: paceSchema,
    }),
  ),
});

/** A claim of offline learning or government quality work. */
export const studyClaimSchema = z.object({
  id: z.number(),
  source: z.enum(['offline', 'government_work']),
  title: z.string(),
  occurredOn: z.string(),
  minutes: z.number(),
  status: z.enum(['pending', 'approved', 'rejected']),
  decisionReason: z.string().nullable(),
  createdAt: z.date(),
  personName: z.string().optional(),
});

export const studySettingsSchema = z.object({
  minutesPerHour: z.number().int().min(30, { error: '每学时不少于 30 分钟' }).max(60, { error: '每学时不超过 60 分钟' }).meta({ title: '每学时分钟数' }),
  annualTargetHours: z.number().int().min(1).max(200).meta({ title: '年度目标学时' }),
  /** per-year override of the target, e.g. { "2027": 60 } */
  targetHoursByYear: z.record(z.string().regex(/^\d{4}$/), z.number().int().min(1).max(200)).meta({ title: '分年度目标' }),
  reminders: z
    .array(
      z.object({
        month: z.number().int().min(1).max(12).meta({ title: '月' }),
        day: z.number().int().min(1).max(31).meta({ title: '日' }),
        belowHours: z.number().min(0).max(200).meta({ title: '提醒阈值' }),
      }),
    )
    .max(12)
    .meta({ title: '提醒' }),
});

/** `GET`/`PUT /api/study/settings`: the settings, their version and (policy 八) the first year whose target may change. */
export const studySettingsAnswerSchema = studySettingsSchema.extend({ version: z.number(), firstOpenYear: z.number() });

/** `GET /api/study/online-rules`. */
export const onlineStudyRulesSchema = z.object({
  sources: z.array(z.object({ source: studySourceSchema, label: z.string() })),
  rules: z.array(
    z.object({
      year: z.number(),
      sources: z.array(studySourceSchema),
      note: z.string().nullable(),
      version: z.number(),
      updatedAt: z.date(),
      closedReason: z.string().nullable(),
    }),
  ),
  /** the earliest year whose rule can still be set (earlier years are closed, policy 八) */
  firstOpenYear: z.number(),
});
