import { z } from 'zod';
import { EVIDENCE_MIME_TYPES } from '../../storage/upload-checks';
import { STUDY_PACE_LABELS } from '../../../domain/study-time';
import { minutesToStudyHours, ONLINE_STUDY_LABEL, STUDY_SOURCE_LABELS, STUDY_SOURCES } from '../../../domain/study-hours';
import { actorOf, callerOf } from '../../auth/guards';
import type { AppContext } from '../../context';
import { sendXlsx, type ColumnDef } from '../../excel/workbook';
import { idParams, type ZodApp } from '../../http';
import { sendEvidence } from '../../storage/evidence';
import type { OfficerStudyRow } from './account';
import { fileResponse, idSchema, jobIdSchema, okSchema, XLSX_TYPE } from '../../../contract/common';
import { studyYearQuery, studyClaimSchema, studyOverviewSchema, studySettingsAnswerSchema, studySettingsSchema } from '../../../contract/study';
import { studyServices } from './services';

/** 学时 beyond the learner's own sessions: the bureau's progress overview, export and reminders, claims of offline learning and government quality work, and the hour settings. */
export function studyHoursRoutes(app: ZodApp, ctx: AppContext): void {
  const { claims, progress, settings } = studyServices(ctx);
  const tags = ['study'];

  // ---- bureau views ----

  app.get(
    '/api/study/overview',
    {
      config: { access: 'study:manage' },
      schema: {
        tags,
        summary: '辖区首席质量官学时进度（按地区、企业；落后名单）',
        querystring: studyYearQuery,
        response: { 200: studyOverviewSchema },
      },
    },
    (request) => progress.overview(callerOf(request), request.query.year),
  );

  app.get(
    '/api/study/overview/export',
    {
      config: { access: 'study:manage', audit: 'study.overview.export' },
      schema: { tags, summary: '导出辖区学时进度（Excel）', querystring: studyYearQuery, response: fileResponse([XLSX_TYPE], '辖区学时进度 Excel') },
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
