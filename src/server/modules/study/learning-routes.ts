import { z } from 'zod';
import { COURSE_LEVELS } from '../../../domain/study-time';
import { actorOf, callerOf } from '../../auth/guards';
import type { AppContext } from '../../context';
import { idParams, pageOf, pageQuery, type ZodApp } from '../../http';
import { sendPdf } from '../../http-send';
import { sendLessonMedia } from './media';
import { fileResponse, PDF_TYPE, rangedFileResponse } from '../../../contract/common';
import {
  studyYearQuery,
  attemptInputSchema,
  attemptResultSchema,
  issuedTranscriptSchema,
  studyAccountSchema,
  transcriptSchema,
  courseDetailSchema,
  courseSchema,
  heartbeatResultSchema,
  heartbeatSchema,
  openSessionSchema,
} from '../../../contract/study';
import { studyServices } from './services';

/** The learner's side: the catalogue, lesson media, study sessions with heartbeats and quizzes, the annual account and transcripts. */
export function learningRoutes(app: ZodApp, ctx: AppContext): void {
  const { catalogue, study, transcripts, progress } = studyServices(ctx);
  const tags = ['study'];

  // ---- the catalogue and studying ----

  app.get(
    '/api/study/courses',
    {
      config: { access: 'study:learn' },
      schema: {
        tags,
        summary: '课程目录（全省课程与本市课程；中文检索与筛选）',
        querystring: z.object({
          ...pageQuery,
          q: z.string().trim().max(50).optional().meta({ title: '关键词' }),
          level: z.enum(COURSE_LEVELS).optional().meta({ title: '层级' }),
          required: z
            .enum(['true', 'false'])
            .transform((v) => v === 'true')
            .optional()
            .meta({ title: '必修' }),
          tag: z.string().trim().max(20).optional().meta({ title: '标签' }),
        }),
        response: { 200: pageOf(courseSchema) },
      },
    },
    async (request) => {
      const { page, pageSize, ...filter } = request.query;
      return { ...(await catalogue.catalogue(callerOf(request), filter, page, pageSize)), page, pageSize };
    },
  );

  app.get(
    '/api/study/my/courses',
    { config: { access: 'study:learn' }, schema: { tags, summary: '我的课程（已开始学习的课程与进度）', response: { 200: z.array(courseSchema) } } },
    (request) => catalogue.myCourses(callerOf(request)),
  );

  app.get(
    '/api/study/courses/:id',
    { config: { access: 'complete' }, schema: { tags, summary: '课程详情与学习进度', params: idParams, response: { 200: courseDetailSchema } } },
    (request) => catalogue.course(callerOf(request), request.params.id),
  );

  app.get(
    '/api/study/lessons/:id/media',
    {
      config: { access: 'complete' },
      schema: {
        tags,
        summary: '课时视频或文档（支持 Range 分段请求）',
        params: idParams,
        response: rangedFileResponse(['video/mp4', PDF_TYPE], '课时视频（MP4）或文档（PDF）'),
      },
    },
    async (request, reply) => {
      const lesson = await catalogue.lessonFor(callerOf(request), request.params.id);
      return sendLessonMedia(request, reply, ctx.files, lesson.media_key);
    },
  );

  app.post(
    '/api/study/lessons/:id/sessions',
    {
      config: { access: 'study:learn' },
      schema: { tags, summary: '打开课时：开始学习会话（接管本人其他窗口的计时）', params: idParams, response: { 201: openSessionSchema } },
    },
    async (request, reply) => reply.code(201).send(await study.openSession(callerOf(request), request.params.id)),
  );

  app.post(
    '/api/study/sessions/:id/heartbeats',
    {
      config: { access: 'study:learn' },
      schema: { tags, summary: '学习心跳（服务器计时）', params: idParams, body: heartbeatSchema, response: { 200: heartbeatResultSchema } },
    },
    (request) => study.heartbeat(callerOf(request), request.params.id, request.body),
  );

  app.post(
    '/api/study/lessons/:id/attempts',
    {
      config: { access: 'study:learn' },
      schema: { tags, summary: '提交测验（无测验的课时：完成学习）', params: idParams, body: attemptInputSchema, response: { 200: attemptResultSchema } },
    },
    (request) => study.attempt(callerOf(request), actorOf(request), request.params.id, request.body.answers),
  );

  // ---- the annual account ----

  app.get(
    '/api/study/my/account',
    { config: { access: 'study:learn' }, schema: { tags, summary: '我的年度学时账户', querystring: studyYearQuery, response: { 200: studyAccountSchema } } },
    (request) => progress.myAccount(callerOf(request), request.query.year),
  );

  app.post(
    '/api/study/my/transcripts',
    {
      config: { access: 'study:learn' },
      schema: {
        tags,
        summary: '开具学时证明（带签名与核验二维码）',
        body: z.object({ year: z.number().int().min(2000).max(2200).meta({ title: '年度' }) }),
        response: { 201: issuedTranscriptSchema },
      },
    },
    async (request, reply) => reply.code(201).send(await transcripts.issue(callerOf(request), actorOf(request), request.body.year)),
  );

  app.get(
    '/api/study/my/transcripts',
    { config: { access: 'study:learn' }, schema: { tags, summary: '我开具的学时证明', response: { 200: z.array(transcriptSchema) } } },
    (request) => transcripts.mine(callerOf(request)),
  );

  app.get(
    '/api/study/transcripts/:id/pdf',
    {
      config: { access: 'study:learn' },
      schema: { tags, summary: '下载学时证明（PDF）', params: idParams, response: fileResponse([PDF_TYPE], '学时证明 PDF') },
    },
    async (request, reply) => {
      const { fileName, pdf } = await transcripts.pdf(callerOf(request), request.params.id);
      return sendPdf(reply, fileName, pdf);
    },
  );
}
