import { z } from 'zod';
import { EVIDENCE_MIME_TYPES } from '../../storage/upload-checks';
import { COURSE_LEVELS, STUDY_PACE_LABELS } from '../../../domain/study-time';
import { minutesToStudyHours, ONLINE_STUDY_LABEL, STUDY_SOURCE_LABELS, STUDY_SOURCES } from '../../../domain/study-hours';
import { actorOf, callerOf } from '../../auth/guards';
import type { AppContext } from '../../context';
import { sendXlsx, type ColumnDef } from '../../excel/workbook';
import { idParams, pageOf, pageQuery, type ZodApp } from '../../http';
import { sendPdf } from '../../http-send';
import { sendEvidence } from '../../storage/evidence';
import type { OfficerStudyRow } from './account';
import { sendLessonMedia, storeLessonMedia } from './media';
import { fileResponse, idSchema, jobIdSchema, okSchema, PDF_TYPE, rangedFileResponse, XLSX_TYPE } from '../../../contract/common';
import {
  attemptInputSchema,
  attemptResultSchema,
  courseUpdatedSchema,
  issuedTranscriptSchema,
  mediaUploadedSchema,
  studyAccountSchema,
  studyClaimSchema,
  studyOverviewSchema,
  studySettingsAnswerSchema,
  studySettingsSchema,
  transcriptSchema,
  courseDetailSchema,
  courseInputSchema,
  courseUpdateSchema,
  courseSchema,
  heartbeatResultSchema,
  heartbeatSchema,
  lessonEditSchema,
  lessonInputSchema,
  lessonUpdateSchema,
  lessonOrderSchema,
  openSessionSchema,
} from '../../../contract/study';
import { studyServices } from './services';

const yearQuery = z.object({
  year: z.coerce.number().int().min(2000, { error: '年度无效' }).max(2200, { error: '年度无效' }).optional().meta({ title: '年度' }),
});

export function studyRoutes(app: ZodApp, ctx: AppContext): void {
  const { study, publishing, claims, transcripts, progress, settings } = studyServices(ctx);
  const tags = ['study'];

  // ---- publishing ----

  app.get(
    '/api/study/manage/courses',
    { config: { access: 'study:manage' }, schema: { tags, summary: '本辖区发布的课程（含草稿）', response: { 200: z.array(courseSchema) } } },
    (request) => publishing.managedCourses(callerOf(request)),
  );

  app.post(
    '/api/study/courses',
    {
      config: { access: 'study:manage' },
      schema: { tags, summary: '新建课程（省局：全省；市局：本市）', body: courseInputSchema, response: { 201: idSchema } },
    },
    async (request, reply) => reply.code(201).send(await publishing.createCourse(callerOf(request), actorOf(request), request.body)),
  );

  app.put(
    '/api/study/courses/:id',
    {
      config: { access: 'study:manage' },
      schema: { tags, summary: '修改课程信息（带上读取时的 version）', params: idParams, body: courseUpdateSchema, response: { 200: courseUpdatedSchema } },
    },
    async (request) => {
      const version = await publishing.updateCourse(callerOf(request), actorOf(request), request.params.id, request.body);
      return { ok: true as const, version };
    },
  );

  app.post(
    '/api/study/courses/:id/lessons',
    {
      config: { access: 'study:manage' },
      schema: { tags, summary: '添加课时（视频、文档或测验；视频和文档随后上传文件）', params: idParams, body: lessonInputSchema, response: { 201: idSchema } },
    },
    async (request, reply) => reply.code(201).send(await publishing.addLesson(callerOf(request), actorOf(request), request.params.id, request.body)),
  );

  app.put(
    '/api/study/courses/:id/lesson-order',
    {
      config: { access: 'study:manage' },
      schema: { tags, summary: '调整课时顺序（按新顺序给出本课程的全部课时）', params: idParams, body: lessonOrderSchema, response: { 200: okSchema } },
    },
    async (request) => {
      await publishing.reorderLessons(callerOf(request), actorOf(request), request.params.id, request.body.lessonIds);
      return { ok: true as const };
    },
  );

  app.get(
    '/api/study/manage/lessons/:id',
    {
      config: { access: 'study:manage' },
      schema: { tags, summary: '课时（编辑用：含测验答案与可修改的范围）', params: idParams, response: { 200: lessonEditSchema } },
    },
    (request) => publishing.lessonForEdit(callerOf(request), request.params.id),
  );

  app.put(
    '/api/study/lessons/:id',
    {
      config: { access: 'study:manage' },
      schema: {
        tags,
        summary: '修改课时（类型不能改；课程已发布或已有学员学习时，只能改名称和测验文字）',
        params: idParams,
        body: lessonUpdateSchema,
        response: { 200: okSchema },
      },
    },
    async (request) => {
      await publishing.updateLesson(callerOf(request), actorOf(request), request.params.id, request.body);
      return { ok: true as const };
    },
  );

  app.delete(
    '/api/study/lessons/:id',
    {
      config: { access: 'study:manage' },
      schema: { tags, summary: '删除课时（课程未发布且无人学习过本课时）', params: idParams, response: { 200: okSchema } },
    },
    async (request) => {
      await publishing.deleteLesson(callerOf(request), actorOf(request), ctx.files, request.params.id);
      return { ok: true as const };
    },
  );

  app.put(
    '/api/study/lessons/:id/media',
    {
      config: { access: 'study:manage' },
      schema: {
        tags,
        summary: '上传课时文件（视频：MP4；文档：PDF；按文件内容识别）',
        params: idParams,
        consumes: ['multipart/form-data'],
        response: { 200: mediaUploadedSchema },
      },
    },
    async (request) => {
      const media = await publishing.uploadMedia(callerOf(request), actorOf(request), request.params.id, (kind) => storeLessonMedia(request, ctx.files, kind));
      return { ok: true as const, durationSeconds: media.durationSeconds, pageCount: media.pageCount };
    },
  );

  app.post(
    '/api/study/courses/:id/publish',
    { config: { access: 'study:manage' }, schema: { tags, summary: '发布课程', params: idParams, response: { 200: okSchema } } },
    async (request) => {
      await publishing.setCourseStatus(callerOf(request), actorOf(request), request.params.id, 'published');
      return { ok: true as const };
    },
  );

  app.post(
    '/api/study/courses/:id/withdraw',
    { config: { access: 'study:manage' }, schema: { tags, summary: '撤回课程', params: idParams, response: { 200: okSchema } } },
    async (request) => {
      await publishing.setCourseStatus(callerOf(request), actorOf(request), request.params.id, 'withdrawn');
      return { ok: true as const };
    },
  );

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
      return { ...(await study.catalogue(callerOf(request), filter, page, pageSize)), page, pageSize };
    },
  );

  app.get(
    '/api/study/my/courses',
    { config: { access: 'study:learn' }, schema: { tags, summary: '我的课程（已开始学习的课程与进度）', response: { 200: z.array(courseSchema) } } },
    (request) => study.myCourses(callerOf(request)),
  );

  app.get(
    '/api/study/courses/:id',
    { config: { access: 'complete' }, schema: { tags, summary: '课程详情与学习进度', params: idParams, response: { 200: courseDetailSchema } } },
    (request) => study.course(callerOf(request), request.params.id),
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
      const lesson = await study.lessonFor(callerOf(request), request.params.id);
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
    { config: { access: 'study:learn' }, schema: { tags, summary: '我的年度学时账户', querystring: yearQuery, response: { 200: studyAccountSchema } } },
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

  // ---- bureau views ----

  app.get(
    '/api/study/overview',
    {
      config: { access: 'study:manage' },
      schema: {
        tags,
        summary: '辖区首席质量官学时进度（按地区、企业；落后名单）',
        querystring: yearQuery,
        response: { 200: studyOverviewSchema },
      },
    },
    (request) => progress.overview(callerOf(request), request.query.year),
  );

  app.get(
    '/api/study/overview/export',
    {
      config: { access: 'study:manage', audit: 'study.overview.export' },
      schema: { tags, summary: '导出辖区学时进度（Excel）', querystring: yearQuery, response: fileResponse([XLSX_TYPE], '辖区学时进度 Excel') },
    },
    async (request, reply) => {
      const { year, minutesPerHour, rows } = await progress.exportRows(callerOf(request), request.query.year);
      const columns: ColumnDef<OfficerStudyRow>[] = [
        { header: '姓名', key: 'name', width: 12, value: (r) => r.name },
        { header: '企业', key: 'enterprise', width: 36, value: (r) => r.enterpriseName },
        { header: '备案机关', key: 'orgUnit', width: 20, value: (r) => r.orgUnitName },
        ...STUDY_SOURCES.map((s): ColumnDef<OfficerStudyRow> => ({
          header: `${STUDY_SOURCE_LABELS[s]}（学时）`,
          key: s,
          width: 14,
          value: (r) => minutesToStudyHours(r.bySource[s] ?? 0, minutesPerHour),
        })),
        { header: `${ONLINE_STUDY_LABEL}（学时）`, key: 'online', width: 14, value: (r) => r.onlineHours },
        { header: '合计（学时）', key: 'hours', width: 12, value: (r) => r.hours },
        { header: '合计（分钟）', key: 'minutes', width: 12, value: (r) => r.minutes },
        { header: '线上自学进度', key: 'pace', width: 12, value: (r) => STUDY_PACE_LABELS[r.pace] },
      ];
      return sendXlsx(reply, `学时进度-${year}.xlsx`, `${year}年度学时`, columns, [rows]);
    },
  );

  app.post(
    '/api/study/overview/remind-behind',
    {
      config: { access: 'study:manage' },
      schema: {
        tags,
        summary: '提醒辖区内进度落后的全部首席质量官（后台任务）',
        body: z.object({ year: z.number().int().min(2000).max(2200).meta({ title: '年度' }) }),
        response: { 202: jobIdSchema },
      },
    },
    async (request, reply) => reply.code(202).send(await progress.remindBehind(callerOf(request), actorOf(request), request.body.year)),
  );

  // ---- claims of offline learning and government quality work ----

  app.post(
    '/api/study/my/claims',
    {
      config: { access: 'study:learn' },
      schema: {
        tags,
        summary: '申报线下学习或政府质量工作学时（表单字段在前，证明材料文件在后）',
        consumes: ['multipart/form-data'],
        response: { 201: idSchema },
      },
    },
    async (request, reply) => reply.code(201).send(await claims.submit(request, callerOf(request), actorOf(request))),
  );

  app.get(
    '/api/study/my/claims',
    { config: { access: 'study:learn' }, schema: { tags, summary: '我的学时申报', response: { 200: z.array(studyClaimSchema) } } },
    (request) => claims.mine(callerOf(request)),
  );

  app.get(
    '/api/study/claims',
    {
      config: { access: 'study:manage' },
      schema: {
        tags,
        summary: '辖区学时申报',
        querystring: z.object({ status: z.enum(['pending', 'approved', 'rejected']).optional().meta({ title: '状态' }) }),
        response: { 200: z.array(studyClaimSchema) },
      },
    },
    (request) => claims.inScope(callerOf(request), request.query.status),
  );

  app.get(
    '/api/study/claims/:id/evidence',
    {
      config: { access: 'complete' },
      schema: { tags, summary: '学时申报的证明材料', params: idParams, response: fileResponse(EVIDENCE_MIME_TYPES, '证明材料（PDF 或图片）') },
    },
    async (request, reply) =>
      sendEvidence(reply, ctx.files, await claims.evidence(callerOf(request), request.params.id), `claim-evidence-${request.params.id}`),
  );

  app.post(
    '/api/study/claims/:id/approve',
    { config: { access: 'study:manage' }, schema: { tags, summary: '通过学时申报（计入年度学时账户）', params: idParams, response: { 200: okSchema } } },
    async (request) => {
      await claims.decide(callerOf(request), actorOf(request), request.params.id, 'approved', null);
      return { ok: true as const };
    },
  );

  app.post(
    '/api/study/claims/:id/reject',
    {
      config: { access: 'study:manage' },
      schema: {
        tags,
        summary: '退回学时申报',
        params: idParams,
        body: z.object({ reason: z.string().trim().min(2, { error: '请填写理由（至少 2 个字）' }).max(500).meta({ title: '理由' }) }),
        response: { 200: okSchema },
      },
    },
    async (request) => {
      await claims.decide(callerOf(request), actorOf(request), request.params.id, 'rejected', request.body.reason);
      return { ok: true as const };
    },
  );

  // ---- settings ----

  app.get(
    '/api/study/settings',
    { config: { access: 'complete' }, schema: { tags, summary: '学时设置（每学时分钟数、年度目标、提醒）', response: { 200: studySettingsAnswerSchema } } },
    () => settings.current(),
  );

  app.put(
    '/api/study/settings',
    {
      config: { access: 'targets:manage' },
      schema: {
        tags,
        summary: '修改学时设置（省局；带上读取时的 version）',
        body: studySettingsSchema.extend({ version: z.number().int().min(0).meta({ title: '版本' }) }),
        response: { 200: studySettingsAnswerSchema },
      },
    },
    async (request) => {
      const { version, ...value } = request.body;
      return settings.update(actorOf(request), value, version);
    },
  );
}
