/** The training API's requests (src/server/modules/training): bodies, queries and path parameters; the answers are in training.ts. */
import { z } from 'zod';
import {
  ATTENDANCE_STATUSES,
  SCORE_RANGE_MESSAGE,
  SURVEY_ITEM_KEYS,
  SURVEY_ITEMS,
  TRAINING_FORMATS,
  TRAINING_TIERS,
  type SurveyItem,
} from '../domain/training';
import { pageQuery } from './common';

const text = (max: number) => z.string().trim().max(max);
const dateText = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, { error: '日期格式应为 YYYY-MM-DD' });

export const instructorInputSchema = z.object({
  name: text(50).min(1, { error: '请填写讲师姓名' }).meta({ title: '讲师姓名' }),
  organisation: text(100).min(1, { error: '请填写所在单位' }).meta({ title: '所在单位' }),
  title: text(50).nullable().optional().meta({ title: '职称/职务' }),
  topics: z.array(text(50).min(1)).max(20).default([]).meta({ title: '授课专题' }),
  active: z.boolean().default(true).meta({ title: '学习状态' }),
});
export type InstructorInput = z.infer<typeof instructorInputSchema>;

export const sessionInputSchema = z
  .object({
    title: text(100).min(1, { error: '请填写课次名称' }).meta({ title: '课次名称' }),
    startsAt: z.coerce.date({ error: '请填写开始时间' }).meta({ title: '开始时间' }),
    endsAt: z.coerce.date({ error: '请填写结束时间' }).meta({ title: '结束时间' }),
    lateAfterMinutes: z.number().int().min(0).max(240).default(15).meta({ title: '迟到判定（分钟）' }),
  })
  .refine((s) => s.endsAt.getTime() > s.startsAt.getTime(), { error: '结束时间须晚于开始时间', path: ['endsAt'] });

export const quizSchema = z
  .array(
    z
      .object({
        question: text(300).min(1, { error: '请填写题目' }).meta({ title: '题目' }),
        options: z.array(text(100).min(1)).min(2).max(6).meta({ title: '选项' }),
        answer: z.number().int().min(0).meta({ title: '正确答案' }),
      })
      .refine((q) => q.answer < q.options.length, { error: '正确答案须为选项之一', path: ['answer'] }),
  )
  .max(20);

export const classInputSchema = z
  .object({
    name: text(100).min(2, { error: '请填写培训班名称' }).meta({ title: '培训班名称' }),
    tier: z.enum(TRAINING_TIERS).meta({ title: '培训等级' }),
    format: z.enum(TRAINING_FORMATS).meta({ title: '形式' }),
    venue: text(200).nullable().optional().meta({ title: '培训地点' }),
    onlineLink: z.url({ error: '线上链接须为网址' }).max(500).nullable().optional().meta({ title: '线上链接' }),
    description: text(2000).nullable().optional().meta({ title: '说明' }),
    capacity: z.number().int().min(1).max(2000).meta({ title: '名额' }),
    hours: z.number().positive().max(200).meta({ title: '学时' }),
    enrolDeadline: dateText.nullable().optional().meta({ title: '报名截止日期' }),
    waivePrerequisite: z.boolean().default(false).meta({ title: '免除前置培训要求' }),
    passMark: z.number().int().min(0).max(100).default(60).meta({ title: '合格分数线' }),
    minAttendancePercent: z.number().int().min(1).max(100).default(80).meta({ title: '结业出勤率' }),
    certificateValidMonths: z.number().int().min(1).max(240).nullable().optional().meta({ title: '证书有效期（月）' }),
    trainerAccountId: z.number().int().positive().nullable().optional().meta({ title: '承办机构' }),
    providerName: text(100).nullable().optional().meta({ title: '承办单位' }),
    instructors: z
      .array(
        z.object({ instructorId: z.number().int().positive().meta({ title: '讲师' }), topic: text(100).nullable().optional().meta({ title: '授课专题' }) }),
      )
      .max(30)
      .default([])
      .meta({ title: '讲师' }),
    sessions: z.array(sessionInputSchema).min(1, { error: '至少安排一次课' }).max(60).meta({ title: '课次' }),
    quiz: quizSchema.nullable().optional().meta({ title: '测验' }),
  })
  .refine((c) => c.format === 'online' || (c.venue ?? '').length > 0, { error: '线下培训须填写培训地点', path: ['venue'] })
  .refine((c) => c.format !== 'online' || (c.onlineLink ?? '').length > 0, { error: '线上培训须填写线上链接', path: ['onlineLink'] });
export type ClassInput = z.infer<typeof classInputSchema>;

export const reasonSchema = z.object({ reason: z.string().trim().min(2, { error: '请填写理由（至少 2 个字）' }).max(500).meta({ title: '理由' }) });

export const attendanceCorrectionSchema = z.object({
  status: z.enum(ATTENDANCE_STATUSES).meta({ title: '状态' }),
  reason: z.string().trim().min(2, { error: '请填写更正理由（至少 2 个字）' }).max(500).meta({ title: '理由' }),
});

const scoreValue = z.number().min(0, { error: SCORE_RANGE_MESSAGE }).max(100, { error: SCORE_RANGE_MESSAGE }).nullable();
export const scoresSchema = z.object({
  entries: z
    .array(
      z.object({
        enrolmentId: z.number().int().positive().meta({ title: '报名编号' }),
        score: scoreValue.optional().meta({ title: '考核成绩' }),
        makeupScore: scoreValue.optional().meta({ title: '补考成绩' }),
      }),
    )
    .min(1)
    .max(2000)
    .meta({ title: '成绩' }),
});

const rating = z.number().int().min(1, { error: '请选择 1–5 分' }).max(5, { error: '请选择 1–5 分' });
export const surveyInputSchema = z.object({
  ratings: z
    .object(Object.fromEntries(SURVEY_ITEM_KEYS.map((k) => [k, rating.meta({ title: SURVEY_ITEMS[k] })])) as Record<SurveyItem, typeof rating>)
    .meta({ title: '满意度评分' }),
  instructorRatings: z.record(z.string().regex(/^\d+$/), rating).default({}).meta({ title: '讲师评分' }),
  comment: text(2000).nullable().optional().meta({ title: '意见建议' }),
  quizAnswers: z.array(z.number().int().min(0)).max(20).optional().meta({ title: '测验答案' }),
});
export type SurveyInput = z.infer<typeof surveyInputSchema>;

/** An enterprise names whom it enrols by its candidate id (`GET /api/candidates`); an officer enrols itself. */
export const enrolInputSchema = z.object({ candidateId: z.number().int().positive().optional().meta({ title: '拟任人员' }) });

/** `GET /api/training/classes`. */
export const classQuerySchema = z.object({
  ...pageQuery,
  tier: z.enum(TRAINING_TIERS).optional().meta({ title: '培训等级' }),
  scope: z.enum(['upcoming', 'past']).optional().meta({ title: '时间范围' }),
});

/** `POST /api/training/sign-in`: the token of the scanned code. */
export const signInInputSchema = z.object({ token: z.string().trim().min(1, { error: '缺少签到码' }).max(200).meta({ title: '签到码' }) });

/** `PUT /api/training/sessions/:id/attendance/:enrolmentId`. */
export const attendanceParams = z.object({
  id: z.coerce.number().int().positive().meta({ title: '编号' }),
  enrolmentId: z.coerce.number().int().positive().meta({ title: '报名编号' }),
});

/** `POST /api/training/classes/:id/pre-quiz`: the chosen option of each question. */
export const preQuizInputSchema = z.object({ answers: z.array(z.number().int().min(0)).max(20).meta({ title: '答案' }) });

/** `GET /api/training/overview`: this year when none is given. */
export const overviewQuerySchema = z.object({ year: z.coerce.number().int().min(2000).max(2200).optional().meta({ title: '年度' }) });
