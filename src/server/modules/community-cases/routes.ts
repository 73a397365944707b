import { z } from 'zod';
import { communityCreditRuleSchema } from '../../../domain/community-cases';
import { recordAudit, recordAuditAlone } from '../../audit/audit-log';
import { actorOf, callerOf } from '../../auth/guards';
import type { AppContext } from '../../context';
import { sendXlsx } from '../../excel/workbook';
import { idParams, pageOf, versionField, type ZodApp } from '../../http';
import { settingVersion, writeSetting } from '../settings/repository';
import { COMMUNITY_CREDIT_SETTING, communityCreditRule } from '../community/credit-rule';
import { EventService } from './events';
import { attendanceColumns, attendanceItemSchema, eventHostRoutes } from './event-extras';
import {
  cancelEventBody,
  caseDetailSchema,
  caseHitSchema,
  caseInputSchema,
  caseListItemSchema,
  caseReviewQuery,
  caseSearchQuery,
  checkInBody,
  creditsQuery,
  eventDetailSchema,
  eventInputSchema,
  eventUpdateSchema,
  eventItemSchema,
  eventListQuery,
  featureBody,
  publishBody,
  remarksBody,
  reportBody,
} from './schemas';
import { CaseService, officerContext, searchCases } from './service';
import { storeCommunityFile, sendCommunityFile } from './uploads';
import { clock } from '../../clock';
import { hidesNames, maskAuthor } from '../community/name-mask';

const ok = z.object({ ok: z.literal(true) });

/** 经验案例 (case library) and 交流活动 (events) of the exchange and sharing platform. */
export function communityCaseRoutes(app: ZodApp, ctx: AppContext): void {
  const cases = new CaseService(ctx.db);
  const tags = ['community-cases'];

  app.get(
    '/api/community/cases',
    { config: { access: 'community:read' }, schema: { tags, summary: '案例库：已发布案例的全文检索（分词、排序、摘要高亮）', querystring: caseSearchQuery, response: { 200: pageOf(caseHitSchema) } } },
    async (request) => {
      const q = request.query;
      const result = await searchCases(ctx.db, { q: q.q, industrySection: q.industrySection, tool: q.tool, featured: q.featured === undefined ? undefined : q.featured === 'true', from: q.from, to: q.to, page: q.page, pageSize: q.pageSize });
      // an officer account whose identity is not confirmed sees no authors' names
      const hide = await hidesNames(ctx.db, callerOf(request));
      return { ...result, items: result.items.map((c) => maskAuthor(c, hide, false)), page: q.page, pageSize: q.pageSize };
    },
  );

  app.get(
    '/api/community/cases/mine',
    { config: { access: 'community:participate' }, schema: { tags, summary: '我的案例', response: { 200: z.object({ items: z.array(caseListItemSchema) }) } } },
    async (request) => ({ items: await cases.mine(callerOf(request)) }),
  );

  app.get(
    '/api/community/cases/review',
    { config: { access: 'community:manage' }, schema: { tags, summary: '案例审核队列（本辖区）', querystring: caseReviewQuery, response: { 200: pageOf(caseListItemSchema) } } },
    async (request) => cases.reviewQueue(callerOf(request), request.query.status, request.query.page, request.query.pageSize),
  );

  app.get(
    '/api/community/cases/:id',
    { config: { access: 'community:read' }, schema: { tags, summary: '案例详情', params: idParams, response: { 200: caseDetailSchema } } },
    async (request) => {
      const caller = callerOf(request);
      return maskAuthor(await cases.detail(caller, request.params.id), await hidesNames(ctx.db, caller), false);
    },
  );

  app.post(
    '/api/community/cases',
    { config: { access: 'community:participate' }, schema: { tags, summary: '新建案例（草稿）', body: caseInputSchema, response: { 201: z.object({ id: z.number() }) } } },
    async (request, reply) => reply.code(201).send({ id: await cases.create(callerOf(request), actorOf(request), request.body) }),
  );

  app.put(
    '/api/community/cases/:id',
    { config: { access: 'community:participate' }, schema: { tags, summary: '修改案例（草稿或退回；带上读取时的 version）', params: idParams, body: z.intersection(caseInputSchema, z.object({ version: versionField })), response: { 200: ok.extend({ version: z.number() }) } } },
    async (request) => {
      const { version, ...input } = request.body;
      return { ok: true as const, version: await cases.update(callerOf(request), actorOf(request), request.params.id, input, version) };
    },
  );

  app.post(
    '/api/community/cases/:id/submit',
    { config: { access: 'community:participate' }, schema: { tags, summary: '提交审核', params: idParams, response: { 200: ok } } },
    async (request) => {
      await cases.submit(callerOf(request), actorOf(request), request.params.id);
      return { ok: true as const };
    },
  );

  app.post(
    '/api/community/cases/:id/withdraw',
    { config: { access: 'community:participate' }, schema: { tags, summary: '撤回案例（已发布的撤出案例库并撤销学时）', params: idParams, response: { 200: ok } } },
    async (request) => {
      await cases.withdraw(callerOf(request), actorOf(request), request.params.id);
      return { ok: true as const };
    },
  );

  app.post(
    '/api/community/cases/:id/return',
    { config: { access: 'community:manage' }, schema: { tags, summary: '退回修改', params: idParams, body: remarksBody, response: { 200: ok } } },
    async (request) => {
      await cases.returnCase(callerOf(request), actorOf(request), request.params.id, request.body.remarks);
      return { ok: true as const };
    },
  );

  app.post(
    '/api/community/cases/:id/publish',
    { config: { access: 'community:manage' }, schema: { tags, summary: '审核通过并发布（同时计入作者学时）', params: idParams, body: publishBody, response: { 200: z.object({ creditedMinutes: z.number() }) } } },
    async (request) => ({ creditedMinutes: await cases.publish(callerOf(request), actorOf(request), request.params.id, request.body.featured, request.body.remarks) }),
  );

  app.post(
    '/api/community/cases/:id/feature',
    { config: { access: 'community:manage' }, schema: { tags, summary: '设为或取消精选', params: idParams, body: featureBody, response: { 200: z.object({ creditedMinutes: z.number() }) } } },
    async (request) => ({ creditedMinutes: await cases.setFeatured(callerOf(request), actorOf(request), request.params.id, request.body.featured) }),
  );

  app.post(
    '/api/community/cases/:id/unpublish',
    { config: { access: 'community:manage' }, schema: { tags, summary: '撤销发布（退回作者并撤销学时）', params: idParams, body: remarksBody, response: { 200: ok } } },
    async (request) => {
      await cases.unpublish(callerOf(request), actorOf(request), request.params.id, request.body.remarks);
      return { ok: true as const };
    },
  );

  app.post(
    '/api/community/cases/:id/attachments',
    { config: { access: 'community:participate' }, schema: { tags, summary: '上传附件（PDF/JPG/PNG，≤10 MB）', params: idParams, consumes: ['multipart/form-data'], response: { 201: z.object({ id: z.number() }) } } },
    async (request, reply) => {
      const caller = callerOf(request);
      // the case must be the caller's and editable before anything is stored
      await cases.assertAttachable(caller, request.params.id);
      const file = await storeCommunityFile(request, ctx.files, '附件', ['pdf', 'jpg', 'png']);
      try {
        return await reply.code(201).send({ id: await cases.addAttachment(caller, actorOf(request), request.params.id, file) });
      } catch (err) {
        await ctx.files.remove(file.ref.split('#')[0] ?? '');
        throw err;
      }
    },
  );

  app.get(
    '/api/community/case-attachments/:id',
    { config: { access: 'community:read' }, schema: { tags, summary: '下载案例附件', params: idParams } },
    async (request, reply) => {
      const a = await cases.attachmentFor(callerOf(request), request.params.id);
      return sendCommunityFile(reply, ctx.files, a.file_ref, a.file_name, 'attachment');
    },
  );

  app.delete(
    '/api/community/case-attachments/:id',
    { config: { access: 'community:participate' }, schema: { tags, summary: '删除案例附件', params: idParams, response: { 200: ok } } },
    async (request) => {
      const ref = await cases.removeAttachment(callerOf(request), actorOf(request), request.params.id);
      await ctx.files.remove(ref.split('#')[0] ?? '');
      return { ok: true as const };
    },
  );

  // ---- study credit rule and the officer's community lines

  app.get(
    '/api/community/credit-rule',
    { config: { access: 'community:read' }, schema: { tags, summary: '交流分享计入学时规则（省局设定）', response: { 200: communityCreditRuleSchema.and(z.object({ version: z.number() })) } } },
    async () => ({ ...(await communityCreditRule(ctx.db)), version: await settingVersion(ctx.db, COMMUNITY_CREDIT_SETTING) }),
  );

  app.put(
    '/api/community/credit-rule',
    {
      config: { access: 'targets:manage' },
      schema: {
        tags,
        summary: '修改交流分享计入学时规则（带上读取时的 version）',
        body: z.intersection(communityCreditRuleSchema, z.object({ version: z.number().int().min(0) })),
        response: { 200: communityCreditRuleSchema.and(z.object({ version: z.number() })) },
      },
    },
    async (request) => {
      const { version, ...rule } = request.body;
      await ctx.db.transaction().execute(async (trx) => {
        await writeSetting(trx, COMMUNITY_CREDIT_SETTING, rule, callerOf(request).accountId, version);
        await recordAudit(trx, actorOf(request), { action: 'community.credit_rule.update', targetType: 'setting', targetId: COMMUNITY_CREDIT_SETTING, details: { ...rule } });
      });
      return { ...(await communityCreditRule(ctx.db)), version: await settingVersion(ctx.db, COMMUNITY_CREDIT_SETTING) };
    },
  );

  app.get(
    '/api/community/credits/me',
    {
      config: { access: 'community:participate' },
      schema: {
        tags,
        summary: '本人交流分享学时（年度学时账户中“交流分享”来源的各行）',
        querystring: creditsQuery,
        response: {
          200: z.object({
            year: z.number(),
            totalMinutes: z.number(),
            capMinutes: z.number(),
            lines: z.array(z.object({ sourceRef: z.string(), title: z.string(), minutes: z.number(), status: z.enum(['credited', 'revoked']), statusReason: z.string().nullable(), occurredOn: z.string() })),
          }),
        },
      },
    },
    async (request) => {
      const caller = callerOf(request);
      const year = request.query.year ?? Number(new Date(clock.nowMs() + 8 * 3600_000).toISOString().slice(0, 4));
      const rule = await communityCreditRule(ctx.db);
      const person = await ctx.db.selectFrom('persons').select('id').where('account_id', '=', caller.accountId).executeTakeFirst();
      const lines = person
        ? await ctx.db
            .selectFrom('study_ledger_entries')
            .select(['source_ref as sourceRef', 'title', 'minutes', 'status', 'status_reason as statusReason', 'occurred_on as occurredOn'])
            .where('person_id', '=', person.id)
            .where('year', '=', year)
            .where('source', '=', 'community')
            .orderBy('occurred_on', 'desc')
            .orderBy('id', 'desc')
            .execute()
        : [];
      const totalMinutes = lines.filter((l) => l.status === 'credited').reduce((n, l) => n + l.minutes, 0);
      return { year, totalMinutes, capMinutes: rule.yearlyCapMinutes, lines };
    },
  );

  app.get(
    '/api/community/me',
    { config: { access: 'community:participate' }, schema: { tags, summary: '本人在交流分享中显示的姓名与企业', response: { 200: z.object({ name: z.string().nullable(), enterpriseName: z.string().nullable() }) } } },
    async (request) => {
      const officer = await officerContext(ctx.db, callerOf(request));
      return { name: officer?.name ?? null, enterpriseName: officer?.enterpriseName ?? null };
    },
  );

  eventRoutes(app, ctx);
}

function eventRoutes(app: ZodApp, ctx: AppContext): void {
  const events = new EventService(ctx.db, ctx.crypto.macKey('event-check-in'));
  const tags = ['community-events'];
  eventHostRoutes(app, ctx);

  app.get(
    '/api/community/events',
    { config: { access: 'community:read' }, schema: { tags, summary: '交流活动列表（联盟、之家的活动仅其成员可见）', querystring: eventListQuery, response: { 200: pageOf(eventItemSchema) } } },
    async (request) => events.list(callerOf(request), request.query.when, request.query.managed === 'true', request.query.page, request.query.pageSize, request.query.organisationId),
  );

  app.get(
    '/api/community/events/:id',
    { config: { access: 'community:read' }, schema: { tags, summary: '活动详情', params: idParams, response: { 200: eventDetailSchema } } },
    async (request) => events.detail(callerOf(request), request.params.id),
  );

  app.post(
    '/api/community/events',
    { config: { access: 'community:manage' }, schema: { tags, summary: '发布活动（联盟、之家管理员须指定本组织）', body: eventInputSchema, response: { 201: z.object({ id: z.number() }) } } },
    async (request, reply) => reply.code(201).send({ id: await events.create(callerOf(request), actorOf(request), request.body) }),
  );

  app.put(
    '/api/community/events/:id',
    { config: { access: 'community:manage' }, schema: { tags, summary: '修改活动', params: idParams, body: eventUpdateSchema, response: { 200: ok } } },
    async (request) => {
      await events.update(callerOf(request), actorOf(request), request.params.id, request.body);
      return { ok: true as const };
    },
  );

  app.post(
    '/api/community/events/:id/cancel',
    { config: { access: 'community:manage' }, schema: { tags, summary: '取消活动（撤销已计学时）', params: idParams, body: cancelEventBody, response: { 200: ok } } },
    async (request) => {
      await events.cancel(callerOf(request), actorOf(request), request.params.id, request.body.reason);
      return { ok: true as const };
    },
  );

  app.post(
    '/api/community/events/:id/register',
    { config: { access: 'community:participate' }, schema: { tags, summary: '报名（名额满时进入候补）', params: idParams, response: { 200: z.object({ status: z.enum(['registered', 'waitlisted']) }) } } },
    async (request) => ({ status: await events.register(callerOf(request), actorOf(request), request.params.id) }),
  );

  app.post(
    '/api/community/events/:id/unregister',
    { config: { access: 'community:participate' }, schema: { tags, summary: '取消报名（候补依次递补）', params: idParams, response: { 200: ok } } },
    async (request) => {
      await events.cancelRegistration(callerOf(request), actorOf(request), request.params.id);
      return { ok: true as const };
    },
  );

  app.get(
    '/api/community/events/:id/check-in-token',
    {
      config: { access: 'community:manage' },
      schema: { tags, summary: '现场签到二维码（每 30 秒更换）', params: idParams, response: { 200: z.object({ token: z.string(), path: z.string(), expiresAt: z.date(), stepSeconds: z.number() }) } },
    },
    async (request, reply) => {
      void reply.header('cache-control', 'no-store');
      return events.checkInToken(callerOf(request), request.params.id);
    },
  );

  app.post(
    '/api/community/events/check-in',
    {
      config: { access: 'community:participate' },
      schema: { tags, summary: '扫码签到', body: checkInBody, response: { 200: z.object({ eventId: z.number(), title: z.string(), alreadyCheckedIn: z.boolean(), creditedMinutes: z.number() }) } },
    },
    async (request) => events.checkIn(callerOf(request), actorOf(request), request.body.token),
  );

  app.get(
    '/api/community/events/:id/attendance',
    { config: { access: 'community:manage' }, schema: { tags, summary: '报名与签到名单', params: idParams, response: { 200: z.object({ items: z.array(attendanceItemSchema) }) } } },
    async (request) => ({ items: (await events.attendance(callerOf(request), request.params.id)).items }),
  );

  app.get(
    '/api/community/events/:id/attendance.xlsx',
    { config: { access: 'community:manage' }, schema: { tags, summary: '导出报名与签到名单（Excel）', params: idParams } },
    async (request, reply) => {
      const { event, items } = await events.attendance(callerOf(request), request.params.id);
      await recordAuditAlone(ctx.db, actorOf(request), { action: 'community_event.attendance.export', targetType: 'community_event', targetId: event.id });
      return sendXlsx(reply, `活动签到名单-${event.title}.xlsx`, '签到名单', attendanceColumns, [items]);
    },
  );

  app.put(
    '/api/community/events/:id/report',
    { config: { access: 'community:manage' }, schema: { tags, summary: '活动报道（图文，活动开始后发布）', params: idParams, body: reportBody, response: { 200: ok } } },
    async (request) => {
      await events.saveReport(callerOf(request), actorOf(request), request.params.id, request.body.reportText, request.body.publish);
      return { ok: true as const };
    },
  );

  app.post(
    '/api/community/events/:id/photos',
    { config: { access: 'community:manage' }, schema: { tags, summary: '上传活动照片（JPG/PNG，≤10 MB）', params: idParams, consumes: ['multipart/form-data'], response: { 201: z.object({ id: z.number() }) } } },
    async (request, reply) => {
      const caller = callerOf(request);
      await events.assertPhotosOpen(caller, request.params.id);
      const file = await storeCommunityFile(request, ctx.files, '照片', ['jpg', 'png']);
      try {
        return await reply.code(201).send({ id: await events.addPhoto(caller, actorOf(request), request.params.id, file.ref, '') });
      } catch (err) {
        await ctx.files.remove(file.ref.split('#')[0] ?? '');
        throw err;
      }
    },
  );

  app.get(
    '/api/community/event-photos/:id',
    { config: { access: 'community:read' }, schema: { tags, summary: '活动照片', params: idParams } },
    async (request, reply) => {
      const photo = await events.photoFor(callerOf(request), request.params.id);
      return sendCommunityFile(reply, ctx.files, photo.file_ref, `photo-${String(photo.id)}`);
    },
  );

  app.delete(
    '/api/community/event-photos/:id',
    { config: { access: 'community:manage' }, schema: { tags, summary: '删除活动照片', params: idParams, response: { 200: ok } } },
    async (request) => {
      const ref = await events.removePhoto(callerOf(request), actorOf(request), request.params.id);
      await ctx.files.remove(ref.split('#')[0] ?? '');
      return { ok: true as const };
    },
  );
}
