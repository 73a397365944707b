import { z } from 'zod';
import { COURSE_LEVELS, STUDY_PACE_LABELS, studyTimePolicy } from '../../../domain/study-time';
import { minutesToStudyHours, ONLINE_STUDY_LABEL, OTHER_LEARNING_LABEL, STUDY_SOURCE_LABELS, STUDY_SOURCES } from '../../../domain/study-hours';
import { CERTIFICATE_KINDS } from '../../../domain/certificates';
import { recordAudit } from '../../audit/audit-log';
import { actorOf, callerOf } from '../../auth/guards';
import type { AppContext } from '../../context';
import { sendXlsx, type ColumnDef } from '../../excel/workbook';
import { notFound } from '../../errors';
import { idParams, pageOf, pageQuery, type ZodApp } from '../../http';
import { sendPdf } from '../../http-send';
import { bureauName, chineseDate, renderProofPdf, type ProofDocument } from '../certificates/pdf';
import { CertificateService, signatureLabel, signedDataOf } from '../certificates/service';
import { studySettingsSchema } from '../settings/service';
import { groupByPace, officersInScope, studyAccount, type OfficerStudyRow } from './account';
import { ClaimService } from './claims';
import { sendEvidence } from '../../storage/evidence';
import { STUDY_REMIND_BEHIND } from './jobs';
import { sendLessonMedia, storeLessonMedia } from './media';
import {
  attemptInputSchema,
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
} from './schemas';
import { CoursePublishing } from './publishing';
import { keepClosedStudyTargets } from './closed-targets';
import { personOf, StudyService } from './service';
import { clock } from '../../clock';

const yearQuery = z.object({ year: z.coerce.number().int().min(2000, { error: '年度无效' }).max(2200, { error: '年度无效' }).optional() });
const thisYear = () => Number(clock.today().slice(0, 4));

interface TranscriptPayload {
  personName: string;
  idNumberMasked: string;
  year: number;
  totalMinutes: number;
  hours: number;
  /** online self-study, the policy's measure (transcripts issued before it was kept have none: their total was the measure) */
  onlineMinutes?: number;
  onlineHours?: number;
  targetHours: number;
  minutesPerHour: number;
  bySource: { label: string; minutes: number; hours: number; online?: boolean }[];
  /** the credited ledger lines, oldest first (transcripts issued before they were listed have none) */
  lines?: { occurredOn: string; sourceLabel: string; title: string; minutes: number }[];
  issuedOn: string;
  issuer: string;
}

/** The 学时证明 as a proof document: the account's particulars, a summary by source and every credited ledger line. */
function transcriptDocument(p: TranscriptPayload, cert: { serial: string; status: string; status_reason: string | null; signing_key_id: string; signature_algorithm: string }, publicUrl: string): ProofDocument {
  const mph = p.minutesPerHour;
  const hoursText = (minutes: number) => String(minutesToStudyHours(minutes, mph));
  const measured = p.onlineHours ?? p.hours;
  const met = measured >= p.targetHours;
  const lines = p.lines ?? [];
  const split = p.onlineMinutes !== undefined;
  const tables: ProofDocument['tables'] = [
    {
      heading: '学时汇总（按来源）',
      columns: [
        { label: '来源', width: 0.46 },
        { label: '分钟', width: 0.27, align: 'right' },
        { label: '学时', width: 0.27, align: 'right' },
      ],
      rows: p.bySource.map((s) => [split ? `${s.label}（${s.online ? ONLINE_STUDY_LABEL : OTHER_LEARNING_LABEL}）` : s.label, String(s.minutes), String(s.hours)]),
      total: ['合计', String(p.totalMinutes), String(p.hours)],
    },
  ];
  if (lines.length > 0) {
    tables.push({
      heading: '学时明细',
      columns: [
        { label: '序号', width: 0.07, align: 'center' },
        { label: '日期', width: 0.14, align: 'center' },
        { label: '来源', width: 0.17 },
        { label: '内容', width: 0.42 },
        { label: '分钟', width: 0.1, align: 'right' },
        { label: '学时', width: 0.1, align: 'right' },
      ],
      rows: lines.map((l, i) => [String(i + 1), l.occurredOn, l.sourceLabel, l.title, String(l.minutes), hoursText(l.minutes)]),
      total: ['', '', '', `合计（${String(lines.length)} 项）`, String(p.totalMinutes), String(p.hours)],
      note: `注：1 学时 = ${String(mph)} 分钟。合计学时按分钟累加后折算，保留一位小数，不足 0.1 学时的部分不计，故可能与各行学时之和略有差异。`,
    });
  }
  return {
    title: CERTIFICATE_KINDS.transcript,
    serial: cert.serial,
    statement: split
      ? `兹证明${p.personName}同志${String(p.year)}年度线上自学${String(p.onlineHours)}学时（${String(p.onlineMinutes)}分钟），线上自学年度目标${String(p.targetHours)}学时，${met ? '已达标' : '尚未达标'}；另有其他学习${String(minutesToStudyHours(p.totalMinutes - (p.onlineMinutes ?? 0), mph))}学时，合计${String(p.hours)}学时。${lines.length > 0 ? '各项学时明细见下表。' : ''}`
      : `兹证明${p.personName}同志${String(p.year)}年度累计取得${String(p.hours)}学时（${String(p.totalMinutes)}分钟），年度目标${String(p.targetHours)}学时，${met ? '已达标' : '尚未达标'}。${lines.length > 0 ? '各项学时明细见下表。' : ''}`,
    rows: [
      ['姓名', p.personName],
      ['居民身份证号', p.idNumberMasked],
      ['年度', `${String(p.year)} 年`],
      ...(split ? ([[ONLINE_STUDY_LABEL, `${String(p.onlineHours)} 学时（${String(p.onlineMinutes)} 分钟）`]] as [string, string][]) : []),
      ['学时合计', `${String(p.hours)} 学时（${String(p.totalMinutes)} 分钟）`],
      [split ? '线上自学年度目标' : '年度目标', `${String(p.targetHours)} 学时（${met ? '已达标' : `尚差 ${String(Math.max(0, Math.round((p.targetHours - measured) * 10) / 10))} 学时`}）`],
      ['折算标准', `1 学时 = ${String(mph)} 分钟`],
    ],
    tables,
    subjectLine: `${p.personName}  ${String(p.year)} 年度`,
    issuer: bureauName(p.issuer),
    issuedOn: chineseDate(p.issuedOn),
    verifyUrl: `${publicUrl}/verify/${cert.serial}`,
    footnote: `本证明由江苏省企业首席质量官信息管理系统根据年度学时账户生成，带 ${signatureLabel(cert.signature_algorithm)} 数字签名（密钥 ${cert.signing_key_id}），扫码可核验。`,
    invalid: cert.status === 'valid' ? undefined : { watermark: '已撤销', note: `本证明已撤销：${cert.status_reason ?? ''}` },
  };
}

const paceGroup = z.object({ id: z.number(), name: z.string(), officers: z.number(), done: z.number(), onTrack: z.number(), behind: z.number(), shareOnTrack: z.number() });
const officerRow = z.object({
  personId: z.number(),
  name: z.string(),
  enterpriseName: z.string(),
  orgUnitName: z.string(),
  minutes: z.number(),
  hours: z.number(),
  onlineMinutes: z.number(),
  onlineHours: z.number(),
  pace: z.enum(['done', 'on_track', 'behind']),
});

export function studyRoutes(app: ZodApp, ctx: AppContext): void {
  const study = new StudyService(ctx.db, studyTimePolicy(ctx.config.studyHeartbeatSeconds));
  const publishing = new CoursePublishing(ctx.db);
  const certificates = new CertificateService(ctx.crypto);
  const claims = new ClaimService(ctx.db, ctx.files);
  const tags = ['study'];

  // ---- publishing ----

  app.get('/api/study/manage/courses', { config: { access: 'study:manage' }, schema: { tags, summary: '本辖区发布的课程（含草稿）', response: { 200: z.array(courseSchema) } } }, (request) =>
    publishing.managedCourses(callerOf(request)),
  );

  app.post(
    '/api/study/courses',
    { config: { access: 'study:manage' }, schema: { tags, summary: '新建课程（省局：全省；市局：本市）', body: courseInputSchema, response: { 201: z.object({ id: z.number() }) } } },
    async (request, reply) => reply.code(201).send(await publishing.createCourse(callerOf(request), actorOf(request), request.body)),
  );

  app.put('/api/study/courses/:id', { config: { access: 'study:manage' }, schema: { tags, summary: '修改课程信息（带上读取时的 version）', params: idParams, body: courseUpdateSchema } }, async (request) => {
    const version = await publishing.updateCourse(callerOf(request), actorOf(request), request.params.id, request.body);
    return { ok: true, version };
  });

  app.post(
    '/api/study/courses/:id/lessons',
    { config: { access: 'study:manage' }, schema: { tags, summary: '添加课时（视频、文档或测验；视频和文档随后上传文件）', params: idParams, body: lessonInputSchema, response: { 201: z.object({ id: z.number() }) } } },
    async (request, reply) => reply.code(201).send(await publishing.addLesson(callerOf(request), actorOf(request), request.params.id, request.body)),
  );

  app.put(
    '/api/study/courses/:id/lesson-order',
    { config: { access: 'study:manage' }, schema: { tags, summary: '调整课时顺序（按新顺序给出本课程的全部课时）', params: idParams, body: lessonOrderSchema } },
    async (request) => {
      await publishing.reorderLessons(callerOf(request), actorOf(request), request.params.id, request.body.lessonIds);
      return { ok: true };
    },
  );

  app.get(
    '/api/study/manage/lessons/:id',
    { config: { access: 'study:manage' }, schema: { tags, summary: '课时（编辑用：含测验答案与可修改的范围）', params: idParams, response: { 200: lessonEditSchema } } },
    (request) => publishing.lessonForEdit(callerOf(request), request.params.id),
  );

  app.put(
    '/api/study/lessons/:id',
    {
      config: { access: 'study:manage' },
      schema: { tags, summary: '修改课时（类型不能改；课程已发布或已有学员学习时，只能改名称和测验文字）', params: idParams, body: lessonUpdateSchema },
    },
    async (request) => {
      await publishing.updateLesson(callerOf(request), actorOf(request), request.params.id, request.body);
      return { ok: true };
    },
  );

  app.delete(
    '/api/study/lessons/:id',
    { config: { access: 'study:manage' }, schema: { tags, summary: '删除课时（课程未发布且无人学习过本课时）', params: idParams } },
    async (request) => {
      await publishing.deleteLesson(callerOf(request), actorOf(request), ctx.files, request.params.id);
      return { ok: true };
    },
  );

  app.put(
    '/api/study/lessons/:id/media',
    { config: { access: 'study:manage' }, schema: { tags, summary: '上传课时文件（视频：MP4；文档：PDF；按文件内容识别）', params: idParams, consumes: ['multipart/form-data'] } },
    async (request) => {
      const lesson = await publishing.lessonForUpload(callerOf(request), request.params.id);
      const media = await storeLessonMedia(request, ctx.files, lesson.kind);
      await publishing.attachMedia(actorOf(request), lesson.id, media);
      return { ok: true, durationSeconds: media.durationSeconds, pageCount: media.pageCount };
    },
  );

  app.post('/api/study/courses/:id/publish', { config: { access: 'study:manage' }, schema: { tags, summary: '发布课程', params: idParams } }, async (request) => {
    await publishing.setCourseStatus(callerOf(request), actorOf(request), request.params.id, 'published');
    return { ok: true };
  });

  app.post('/api/study/courses/:id/withdraw', { config: { access: 'study:manage' }, schema: { tags, summary: '撤回课程', params: idParams } }, async (request) => {
    await publishing.setCourseStatus(callerOf(request), actorOf(request), request.params.id, 'withdrawn');
    return { ok: true };
  });

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
          q: z.string().trim().max(50).optional(),
          level: z.enum(COURSE_LEVELS).optional(),
          required: z.enum(['true', 'false']).transform((v) => v === 'true').optional(),
          tag: z.string().trim().max(20).optional(),
        }),
        response: { 200: pageOf(courseSchema) },
      },
    },
    async (request) => {
      const { page, pageSize, ...filter } = request.query;
      return { ...(await study.catalogue(callerOf(request), filter, page, pageSize)), page, pageSize };
    },
  );

  app.get('/api/study/my/courses', { config: { access: 'study:learn' }, schema: { tags, summary: '我的课程（已开始学习的课程与进度）', response: { 200: z.array(courseSchema) } } }, (request) =>
    study.myCourses(callerOf(request)),
  );

  app.get('/api/study/courses/:id', { config: { access: 'complete' }, schema: { tags, summary: '课程详情与学习进度', params: idParams, response: { 200: courseDetailSchema } } }, (request) =>
    study.course(callerOf(request), request.params.id),
  );

  app.get('/api/study/lessons/:id/media', { config: { access: 'complete' }, schema: { tags, summary: '课时视频或文档（支持 Range 分段请求）', params: idParams } }, async (request, reply) => {
    const lesson = await study.lessonFor(callerOf(request), request.params.id);
    return sendLessonMedia(request, reply, ctx.files, lesson.media_key);
  });

  app.post(
    '/api/study/lessons/:id/sessions',
    { config: { access: 'study:learn' }, schema: { tags, summary: '打开课时：开始学习会话（接管本人其他窗口的计时）', params: idParams, response: { 201: openSessionSchema } } },
    async (request, reply) => reply.code(201).send(await study.openSession(callerOf(request), request.params.id)),
  );

  app.post(
    '/api/study/sessions/:id/heartbeats',
    { config: { access: 'study:learn' }, schema: { tags, summary: '学习心跳（服务器计时）', params: idParams, body: heartbeatSchema, response: { 200: heartbeatResultSchema } } },
    (request) => study.heartbeat(callerOf(request), request.params.id, request.body),
  );

  app.post(
    '/api/study/lessons/:id/attempts',
    {
      config: { access: 'study:learn' },
      schema: { tags, summary: '提交测验（无测验的课时：完成学习）', params: idParams, body: attemptInputSchema, response: { 200: z.object({ score: z.number(), passed: z.boolean(), correct: z.array(z.boolean()), creditedMinutes: z.number() }) } },
    },
    (request) => study.attempt(callerOf(request), actorOf(request), request.params.id, request.body.answers),
  );

  // ---- the annual account ----

  app.get('/api/study/my/account', { config: { access: 'study:learn' }, schema: { tags, summary: '我的年度学时账户', querystring: yearQuery } }, async (request) => {
    const person = await personOf(ctx.db, callerOf(request));
    const settings = await ctx.settings.studySettings();
    return studyAccount(ctx.db, person.id, request.query.year ?? thisYear(), settings);
  });

  app.post(
    '/api/study/my/transcripts',
    { config: { access: 'study:learn' }, schema: { tags, summary: '开具学时证明（带签名与核验二维码）', body: z.object({ year: z.number().int().min(2000).max(2200) }), response: { 201: z.object({ id: z.number(), serial: z.string() }) } } },
    async (request, reply) => {
      const caller = callerOf(request);
      const person = await personOf(ctx.db, caller);
      const settings = await ctx.settings.studySettings();
      const account = await studyAccount(ctx.db, person.id, request.body.year, settings);
      const full = await ctx.db.selectFrom('persons').select('id_number_masked').where('id', '=', person.id).executeTakeFirstOrThrow();
      const province = await ctx.db.selectFrom('org_units').select(['id', 'name']).where('kind', '=', 'province').executeTakeFirstOrThrow();
      const payload: TranscriptPayload = {
        personName: person.name,
        idNumberMasked: full.id_number_masked,
        year: account.year,
        totalMinutes: account.totalMinutes,
        hours: account.hours,
        onlineMinutes: account.onlineMinutes,
        onlineHours: account.onlineHours,
        targetHours: account.targetHours,
        minutesPerHour: account.minutesPerHour,
        bySource: account.bySource.filter((s) => s.minutes > 0).map((s) => ({ label: s.label, minutes: s.minutes, hours: s.hours, online: s.online })),
        lines: account.lines
          .filter((l) => l.status === 'credited')
          .map((l) => ({ occurredOn: l.occurredOn, sourceLabel: l.sourceLabel, title: l.title, minutes: l.minutes }))
          .reverse(),
        issuedOn: clock.today(),
        issuer: bureauName(province.name),
      };
      const cert = await ctx.db.transaction().execute(async (trx) => {
        const issued = await certificates.issue(trx, { kind: 'transcript', subjectType: 'study_year', subjectId: account.year, personId: person.id, orgUnitId: province.id, payload: { ...payload } });
        await recordAudit(trx, actorOf(request), { action: 'study.transcript.issue', targetType: 'certificate', targetId: issued.id, details: { serial: issued.serial, year: account.year, totalMinutes: account.totalMinutes } });
        return issued;
      });
      return reply.code(201).send(cert);
    },
  );

  app.get('/api/study/my/transcripts', { config: { access: 'study:learn' }, schema: { tags, summary: '我开具的学时证明' } }, async (request) => {
    const person = await personOf(ctx.db, callerOf(request));
    const rows = await ctx.db
      .selectFrom('certificates')
      .select(['id', 'serial', 'subject_id as year', 'status', 'issued_at'])
      .where('kind', '=', 'transcript')
      .where('person_id', '=', person.id)
      .orderBy('id', 'desc')
      .execute();
    return rows.map((r) => ({ id: r.id, serial: r.serial, year: r.year, status: r.status, issuedAt: r.issued_at }));
  });

  app.get('/api/study/transcripts/:id/pdf', { config: { access: 'study:learn' }, schema: { tags, summary: '下载学时证明（PDF）', params: idParams } }, async (request, reply) => {
    const person = await personOf(ctx.db, callerOf(request));
    const cert = await ctx.db.selectFrom('certificates').selectAll().where('id', '=', request.params.id).where('kind', '=', 'transcript').where('person_id', '=', person.id).executeTakeFirst();
    if (!cert) throw notFound('学时证明');
    const p = cert.payload as unknown as TranscriptPayload;
    const pdf = await renderProofPdf({ ...transcriptDocument(p, cert, ctx.config.publicUrl), signed: signedDataOf(cert) });
    return sendPdf(reply, `学时证明-${cert.serial}.pdf`, pdf);
  });

  // ---- bureau views ----

  app.get(
    '/api/study/overview',
    {
      config: { access: 'study:manage' },
      schema: {
        tags,
        summary: '辖区首席质量官学时进度（按地区、企业；落后名单）',
        querystring: yearQuery,
        response: { 200: z.object({ year: z.number(), targetHours: z.number(), totals: paceGroup, byRegion: z.array(paceGroup), byEnterprise: z.array(paceGroup), behind: z.array(officerRow) }) },
      },
    },
    async (request) => {
      const caller = callerOf(request);
      const year = request.query.year ?? thisYear();
      const settings = await ctx.settings.studySettings();
      const rows = await officersInScope(ctx.dbRead, caller, year, settings);
      const totals = groupByPace(rows, () => ({ id: caller.orgUnitId, name: caller.orgUnitName }))[0] ?? { id: caller.orgUnitId, name: caller.orgUnitName, officers: 0, done: 0, onTrack: 0, behind: 0, shareOnTrack: 0 };
      return {
        year,
        targetHours: settings.targetHoursByYear[String(year)] ?? settings.annualTargetHours,
        totals,
        byRegion: groupByPace(rows, (r) => ({ id: r.orgUnitId, name: r.orgUnitName })),
        byEnterprise: groupByPace(rows, (r) => ({ id: r.enterpriseId, name: r.enterpriseName })).sort((a, b) => a.shareOnTrack - b.shareOnTrack).slice(0, 200),
        behind: rows.filter((r) => r.pace === 'behind').slice(0, 500),
      };
    },
  );

  app.get('/api/study/overview/export', { config: { access: 'study:manage', audit: 'study.overview.export' }, schema: { tags, summary: '导出辖区学时进度（Excel）', querystring: yearQuery } }, async (request, reply) => {
    const caller = callerOf(request);
    const year = request.query.year ?? thisYear();
    const settings = await ctx.settings.studySettings();
    const rows = await officersInScope(ctx.dbRead, caller, year, settings);
    const columns: ColumnDef<OfficerStudyRow>[] = [
      { header: '姓名', key: 'name', width: 12, value: (r) => r.name },
      { header: '企业', key: 'enterprise', width: 36, value: (r) => r.enterpriseName },
      { header: '备案机关', key: 'orgUnit', width: 20, value: (r) => r.orgUnitName },
      ...STUDY_SOURCES.map((s): ColumnDef<OfficerStudyRow> => ({ header: `${STUDY_SOURCE_LABELS[s]}（学时）`, key: s, width: 14, value: (r) => minutesToStudyHours(r.bySource[s] ?? 0, settings.minutesPerHour) })),
      { header: `${ONLINE_STUDY_LABEL}（学时）`, key: 'online', width: 14, value: (r) => r.onlineHours },
      { header: '合计（学时）', key: 'hours', width: 12, value: (r) => r.hours },
      { header: '合计（分钟）', key: 'minutes', width: 12, value: (r) => r.minutes },
      { header: '线上自学进度', key: 'pace', width: 12, value: (r) => STUDY_PACE_LABELS[r.pace] },
    ];
    return sendXlsx(reply, `学时进度-${year}.xlsx`, `${year}年度学时`, columns, [rows]);
  });

  app.post(
    '/api/study/overview/remind-behind',
    { config: { access: 'study:manage' }, schema: { tags, summary: '提醒辖区内进度落后的全部首席质量官（后台任务）', body: z.object({ year: z.number().int().min(2000).max(2200) }), response: { 202: z.object({ jobId: z.number() }) } } },
    async (request, reply) => {
      const caller = callerOf(request);
      const job = await ctx.jobs.enqueue(ctx.db, {
        kind: STUDY_REMIND_BEHIND,
        params: { year: request.body.year, date: clock.today(), scopePath: caller.orgUnitPath, role: caller.role, actor: actorOf(request) },
        ownerAccountId: caller.accountId,
        orgUnitId: caller.orgUnitId,
        maxAttempts: 3,
      });
      return reply.code(202).send({ jobId: job.id });
    },
  );

  // ---- claims of offline learning and government quality work ----

  const claimRow = z.object({
    id: z.number(),
    source: z.enum(['offline', 'government_work']),
    title: z.string(),
    occurred_on: z.string(),
    minutes: z.number(),
    status: z.enum(['pending', 'approved', 'rejected']),
    decision_reason: z.string().nullable(),
    created_at: z.date(),
    personName: z.string().optional(),
  });

  app.post(
    '/api/study/my/claims',
    { config: { access: 'study:learn' }, schema: { tags, summary: '申报线下学习或政府质量工作学时（表单字段在前，证明材料文件在后）', consumes: ['multipart/form-data'], response: { 201: z.object({ id: z.number() }) } } },
    async (request, reply) => reply.code(201).send(await claims.submit(request, callerOf(request), actorOf(request))),
  );

  app.get('/api/study/my/claims', { config: { access: 'study:learn' }, schema: { tags, summary: '我的学时申报', response: { 200: z.array(claimRow) } } }, (request) => claims.mine(callerOf(request)));

  app.get(
    '/api/study/claims',
    { config: { access: 'study:manage' }, schema: { tags, summary: '辖区学时申报', querystring: z.object({ status: z.enum(['pending', 'approved', 'rejected']).optional() }), response: { 200: z.array(claimRow) } } },
    (request) => claims.inScope(callerOf(request), request.query.status),
  );

  app.get('/api/study/claims/:id/evidence', { config: { access: 'complete' }, schema: { tags, summary: '学时申报的证明材料', params: idParams } }, async (request, reply) =>
    sendEvidence(reply, ctx.files, await claims.evidence(callerOf(request), request.params.id), `claim-evidence-${request.params.id}`),
  );

  app.post('/api/study/claims/:id/approve', { config: { access: 'study:manage' }, schema: { tags, summary: '通过学时申报（计入年度学时账户）', params: idParams } }, async (request) => {
    await claims.decide(callerOf(request), actorOf(request), request.params.id, 'approved', null);
    return { ok: true };
  });

  app.post(
    '/api/study/claims/:id/reject',
    { config: { access: 'study:manage' }, schema: { tags, summary: '退回学时申报', params: idParams, body: z.object({ reason: z.string().trim().min(2, { error: '请填写理由（至少 2 个字）' }).max(500) }) } },
    async (request) => {
      await claims.decide(callerOf(request), actorOf(request), request.params.id, 'rejected', request.body.reason);
      return { ok: true };
    },
  );

  // ---- settings ----

  app.get('/api/study/settings', { config: { access: 'complete' }, schema: { tags, summary: '学时设置（每学时分钟数、年度目标、提醒）', response: { 200: studySettingsSchema.extend({ version: z.number(), firstOpenYear: z.number() }) } } }, async () => ({
    ...(await ctx.settings.studySettings()),
    version: await ctx.settings.version('study'),
    // years before it are closed (policy 八): their targets are shown, not edited
    firstOpenYear: clock.year(),
  }));

  app.put(
    '/api/study/settings',
    { config: { access: 'targets:manage' }, schema: { tags, summary: '修改学时设置（省局；带上读取时的 version）', body: studySettingsSchema.extend({ version: z.number().int().min(0) }), response: { 200: studySettingsSchema.extend({ version: z.number(), firstOpenYear: z.number() }) } } },
    async (request) => {
      const { version, ...value } = request.body;
      await ctx.settings.update(actorOf(request), 'study', await keepClosedStudyTargets(ctx.db, value), version);
      return { ...(await ctx.settings.studySettings()), version: await ctx.settings.version('study'), firstOpenYear: clock.year() };
    },
  );
}
