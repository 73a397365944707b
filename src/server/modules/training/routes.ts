import QRCode from 'qrcode';
import { fileResponse, idSchema, jobIdSchema, okSchema, PDF_TYPE, XLSX_TYPE } from '../../../contract/common';
import {
  classDetailSchema,
  classPageSchema,
  enrolResultSchema,
  instructorListSchema,
  issuedCertificateSchema,
  myTrainingSchema,
  preQuizResultSchema,
  rosterSchema,
  scoresImportedSchema,
  scoresSavedSchema,
  signInCodeSchema,
  signInResultSchema,
  surveyReportSchema,
  surveyResultSchema,
  trainerOptionListSchema,
  trainingOverviewSchema,
} from '../../../contract/training';
import { ATTENDANCE_STATUS_LABELS, ENROLMENT_STATUS_LABELS } from '../../../domain/training';
import { actorOf, callerOf } from '../../auth/guards';
import type { AppContext } from '../../context';
import { sendXlsx, type ColumnDef } from '../../excel/workbook';
import { sendPdf, sendXlsxFile } from '../../http-send';
import { idParams, updateBody, type ZodApp } from '../../http';
import {
  attendanceCorrectionSchema,
  attendanceParams,
  classInputSchema,
  classQuerySchema,
  enrolInputSchema,
  instructorInputSchema,
  overviewQuerySchema,
  preQuizInputSchema,
  reasonSchema,
  scoresSchema,
  signInInputSchema,
  surveyInputSchema,
} from '../../../contract/training-input';
import { scoreTemplateWorkbook } from './score-import';
import { readScoreUpload } from './score-upload';
import type { TrainingRecords } from './records';
import { trainingServices } from './services';

type RosterRow = Awaited<ReturnType<TrainingRecords['roster']>>['items'][number];

export function trainingRoutes(app: ZodApp, ctx: AppContext): void {
  const { training, certificateBatch } = trainingServices(ctx);
  const tags = ['training'];

  // ------------------------------------------------------------ instructors
  app.get(
    '/api/training/instructors',
    { config: { access: 'training:read' }, schema: { tags, summary: '讲师库（本市及省级，含学员评价均分）', response: { 200: instructorListSchema } } },
    (request) => training.instructors.list(callerOf(request)),
  );
  app.post(
    '/api/training/instructors',
    { config: { access: 'training:manage' }, schema: { tags, summary: '新增讲师（设区市、省局）', body: instructorInputSchema, response: { 201: idSchema } } },
    async (request, reply) => reply.code(201).send(await training.instructors.save(callerOf(request), actorOf(request), null, request.body)),
  );
  app.put(
    '/api/training/instructors/:id',
    {
      config: { access: 'training:manage' },
      schema: { tags, summary: '修改讲师信息', params: idParams, body: updateBody(instructorInputSchema), response: { 200: idSchema } },
    },
    (request) => training.instructors.save(callerOf(request), actorOf(request), request.params.id, request.body),
  );

  app.get(
    '/api/training/trainers',
    {
      config: { access: 'training:manage' },
      schema: { tags, summary: '可选的承办机构（本辖区及上级单位的培训机构账户）', response: { 200: trainerOptionListSchema } },
    },
    (request) => training.instructors.trainerOptions(callerOf(request)),
  );

  // ------------------------------------------------------------ classes
  app.get(
    '/api/training/classes',
    {
      config: { access: 'training:read' },
      schema: {
        tags,
        summary: '培训班（主办单位：辖区内；承办机构：本机构承办；学员：可报名及已报名）',
        querystring: classQuerySchema,
        response: { 200: classPageSchema },
      },
    },
    async (request) => {
      const { page, pageSize, ...filter } = request.query;
      return { ...(await training.classes.list(callerOf(request), filter, page, pageSize)), page, pageSize };
    },
  );
  app.post(
    '/api/training/classes',
    { config: { access: 'training:manage' }, schema: { tags, summary: '新建培训班（含课次与讲师）', body: classInputSchema, response: { 201: idSchema } } },
    async (request, reply) => reply.code(201).send(await training.classes.create(callerOf(request), actorOf(request), request.body)),
  );
  app.get(
    '/api/training/classes/:id',
    {
      config: { access: 'training:read' },
      schema: { tags, summary: '培训班详情（学员另含本人报名、考勤与证书）', params: idParams, response: { 200: classDetailSchema } },
    },
    (request) => training.classes.get(callerOf(request), request.params.id),
  );
  app.post(
    '/api/training/classes/:id/cancel',
    {
      config: { access: 'training:manage' },
      schema: { tags, summary: '取消培训班（通知已报名学员）', params: idParams, body: reasonSchema, response: { 200: okSchema } },
    },
    async (request) => {
      await training.classes.cancel(callerOf(request), actorOf(request), request.params.id, request.body.reason);
      return { ok: true as const };
    },
  );

  // ------------------------------------------------------------ enrolment
  app.post(
    '/api/training/classes/:id/enrolments',
    {
      config: { access: 'training:read' },
      schema: {
        tags,
        summary: '报名（首席质量官本人，或企业为本企业人员报名；满员进入候补）',
        params: idParams,
        body: enrolInputSchema,
        response: { 201: enrolResultSchema },
      },
    },
    async (request, reply) =>
      reply.code(201).send(await training.enrolment.enrol(callerOf(request), actorOf(request), request.params.id, request.body.candidateId)),
  );
  app.post(
    '/api/training/enrolments/:id/cancel',
    {
      config: { access: 'training:read' },
      schema: { tags, summary: '取消报名（候补第一位自动转正）', params: idParams, body: reasonSchema, response: { 200: okSchema } },
    },
    async (request) => {
      await training.enrolment.cancel(callerOf(request), actorOf(request), request.params.id, request.body.reason);
      return { ok: true as const };
    },
  );
  app.get(
    '/api/training/classes/:id/roster',
    { config: { access: 'training:read' }, schema: { tags, summary: '花名册（考勤、成绩、结业与证书）', params: idParams, response: { 200: rosterSchema } } },
    (request) => training.records.roster(callerOf(request), request.params.id),
  );
  app.get(
    '/api/training/classes/:id/roster.xlsx',
    {
      config: { access: 'training:read', audit: { action: 'training.roster.export', targetType: 'training_class' } },
      schema: { tags, summary: '导出花名册（Excel）', params: idParams, response: fileResponse([XLSX_TYPE], '花名册 Excel') },
    },
    async (request, reply) => {
      const { className, roster } = await training.records.rosterForExport(callerOf(request), request.params.id);
      const columns: ColumnDef<RosterRow>[] = [
        { header: '报名编号', key: 'id', width: 10, value: (r) => r.id },
        { header: '姓名', key: 'name', width: 12, value: (r) => r.name },
        { header: '所在企业', key: 'enterprise', width: 30, value: (r) => r.enterpriseName },
        { header: '职务', key: 'position', width: 16, value: (r) => r.positionTitle },
        { header: '联系电话', key: 'phone', width: 14, value: (r) => r.phone },
        { header: '报名状态', key: 'status', width: 10, value: (r) => ENROLMENT_STATUS_LABELS[r.status] },
        ...roster.sessions.map((s, i): ColumnDef<RosterRow> => ({
          header: `第${String(i + 1)}课 ${s.title}`,
          key: `s${String(s.id)}`,
          width: 14,
          value: (r) => {
            const a = r.attendance[String(s.id)];
            return a ? ATTENDANCE_STATUS_LABELS[a.status] : '';
          },
        })),
        { header: '出勤率(%)', key: 'attendance', width: 10, value: (r) => (r.status === 'enrolled' ? r.completion.attendancePercent : null) },
        { header: '考核成绩', key: 'score', width: 10, value: (r) => r.score },
        { header: '补考成绩', key: 'makeup', width: 10, value: (r) => r.makeupScore },
        { header: '是否结业', key: 'complete', width: 10, value: (r) => (r.status === 'enrolled' ? (r.completion.complete ? '是' : '否') : '') },
        {
          header: '合格证编号',
          key: 'serial',
          width: 24,
          value: (r) => (r.certificate ? `${r.certificate.serial}${r.certificate.status === 'valid' ? '' : '（已撤销）'}` : ''),
        },
      ];
      return sendXlsx(reply, `花名册-${className}.xlsx`, '花名册', columns, [roster.items]);
    },
  );

  // ------------------------------------------------------------ attendance
  app.get(
    '/api/training/sessions/:id/sign-in-code',
    {
      config: { access: 'training:read' },
      schema: {
        tags,
        summary: '签到状态与二维码（开课前 30 分钟至结束时每 30 秒更换，签名防伪；未开始与已结束时无二维码；投屏页轮询）',
        params: idParams,
        response: { 200: signInCodeSchema },
      },
    },
    async (request, reply) => {
      const code = await training.attendance.signInCode(callerOf(request), request.params.id);
      const svg = code.url === null ? null : await QRCode.toString(code.url, { type: 'svg', margin: 1, errorCorrectionLevel: 'M' });
      return reply.header('cache-control', 'no-store').send({ ...code, svg });
    },
  );
  app.post(
    '/api/training/sign-in',
    {
      config: { access: 'training:read' },
      schema: { tags, summary: '扫码签到（学员本人登录后）', body: signInInputSchema, response: { 200: signInResultSchema } },
    },
    (request) => training.attendance.signIn(callerOf(request), actorOf(request), request.body.token),
  );
  app.put(
    '/api/training/sessions/:id/attendance/:enrolmentId',
    {
      config: { access: 'training:read' },
      schema: {
        tags,
        summary: '更正考勤（须填写理由，记入审计日志）',
        params: attendanceParams,
        body: attendanceCorrectionSchema,
        response: { 200: okSchema },
      },
    },
    async (request) => {
      await training.attendance.correct(
        callerOf(request),
        actorOf(request),
        request.params.id,
        request.params.enrolmentId,
        request.body.status,
        request.body.reason,
      );
      return { ok: true as const };
    },
  );

  // ------------------------------------------------------------ assessment and certificates
  app.put(
    '/api/training/classes/:id/scores',
    {
      config: { access: 'training:read' },
      schema: { tags, summary: '录入考核与补考成绩', params: idParams, body: scoresSchema, response: { 200: scoresSavedSchema } },
    },
    (request) => training.assessment.saveScores(callerOf(request), actorOf(request), request.params.id, request.body.entries),
  );
  app.get(
    '/api/training/classes/:id/scores/template.xlsx',
    {
      config: { access: 'training:read', audit: { action: 'training.scores.template', targetType: 'training_class' } },
      schema: {
        tags,
        summary: '下载成绩导入模板（本班正式报名学员及已录成绩，报名编号列锁定）',
        params: idParams,
        response: fileResponse([XLSX_TYPE], '成绩导入模板 Excel'),
      },
    },
    async (request, reply) => {
      const { c, rows } = await training.assessment.scoreSheetRows(callerOf(request), request.params.id);
      const book = await scoreTemplateWorkbook(c.name, c.pass_mark, rows);
      return sendXlsxFile(reply, `成绩模板-${c.name}.xlsx`, book);
    },
  );
  app.post(
    '/api/training/classes/:id/scores/import',
    {
      config: { access: 'training:read' },
      schema: {
        tags,
        summary: '上传 Excel 导入考核与补考成绩（任一行有误则全部不导入并列出有误的行）',
        params: idParams,
        consumes: ['multipart/form-data'],
        response: { 200: scoresImportedSchema },
      },
    },
    (request) => training.assessment.importUpload(callerOf(request), actorOf(request), request.params.id, () => readScoreUpload(request, ctx.config)),
  );
  app.post(
    '/api/training/enrolments/:id/certificate',
    {
      config: { access: 'training:read' },
      schema: { tags, summary: '为一名结业学员发放培训合格证', params: idParams, response: { 201: issuedCertificateSchema } },
    },
    async (request, reply) => reply.code(201).send(await training.certificates.issueOne(callerOf(request), actorOf(request), request.params.id)),
  );
  app.post(
    '/api/training/classes/:id/certificates',
    { config: { access: 'training:read' }, schema: { tags, summary: '批量发放本班合格证（后台任务）', params: idParams, response: { 202: jobIdSchema } } },
    async (request, reply) => reply.code(202).send(await certificateBatch.enqueue(callerOf(request), request.params.id, request.ip)),
  );
  app.post(
    '/api/training/certificates/:id/revoke',
    {
      config: { access: 'training:read' },
      schema: { tags, summary: '撤销合格证（须说明理由；学时同时撤销）', params: idParams, body: reasonSchema, response: { 200: okSchema } },
    },
    async (request) => {
      await training.certificates.revoke(callerOf(request), actorOf(request), request.params.id, request.body.reason);
      return { ok: true as const };
    },
  );
  app.post(
    '/api/training/certificates/:id/reissue',
    {
      config: { access: 'training:read' },
      schema: { tags, summary: '换发合格证（原证撤销，生成新编号）', params: idParams, body: reasonSchema, response: { 201: issuedCertificateSchema } },
    },
    async (request, reply) =>
      reply.code(201).send(await training.certificates.reissue(callerOf(request), actorOf(request), request.params.id, request.body.reason)),
  );
  app.get(
    '/api/training/certificates/:id/pdf',
    {
      config: { access: 'training:read' },
      schema: { tags, summary: '下载培训合格证（PDF，含核验二维码）', params: idParams, response: fileResponse([PDF_TYPE], '培训合格证 PDF') },
    },
    async (request, reply) => {
      const { fileName, pdf } = await training.certificates.pdf(callerOf(request), request.params.id);
      return sendPdf(reply, fileName, pdf);
    },
  );

  // ------------------------------------------------------------ survey and reports
  app.post(
    '/api/training/classes/:id/pre-quiz',
    {
      config: { access: 'training:read' },
      schema: { tags, summary: '课前知识测验（学员本人）', params: idParams, body: preQuizInputSchema, response: { 200: preQuizResultSchema } },
    },
    (request) => training.survey.submitPreQuiz(callerOf(request), actorOf(request), request.params.id, request.body.answers),
  );
  app.post(
    '/api/training/classes/:id/survey',
    {
      config: { access: 'training:read' },
      schema: { tags, summary: '提交效果评估问卷（学员本人，每班一次）', params: idParams, body: surveyInputSchema, response: { 201: surveyResultSchema } },
    },
    async (request, reply) => reply.code(201).send(await training.survey.submitSurvey(callerOf(request), actorOf(request), request.params.id, request.body)),
  );
  app.get(
    '/api/training/classes/:id/survey-report',
    {
      config: { access: 'training:read' },
      schema: { tags, summary: '效果评估报告（分项满意度、讲师评价、测验前后对比、意见）', params: idParams, response: { 200: surveyReportSchema } },
    },
    (request) => training.reports.surveyReport(callerOf(request), request.params.id),
  );
  app.get(
    '/api/training/overview',
    {
      config: { access: 'training:read' },
      schema: {
        tags,
        summary: '培训统计：分级开班与合格率、满意度、讲师评价、在任首席质量官培训覆盖率',
        querystring: overviewQuerySchema,
        response: { 200: trainingOverviewSchema },
      },
    },
    (request) => training.reports.overview(callerOf(request), request.query.year),
  );

  // ------------------------------------------------------------ the officer's own record
  app.get(
    '/api/training/me',
    { config: { access: 'training:read' }, schema: { tags, summary: '我的培训：已报名培训班、考勤、成绩、合格证', response: { 200: myTrainingSchema } } },
    (request) => training.records.mine(callerOf(request)),
  );
}
