import { z } from 'zod';
import { EVIDENCE_TYPES } from '../../storage/upload-checks';
import { REGISTRATION_STATUSES } from '../../../domain/community-cases';
import { actorOf, callerOf } from '../../auth/guards';
import type { AppContext } from '../../context';
import { sendXlsx, type ColumnDef } from '../../excel/workbook';
import { idParams, type ZodApp } from '../../http';
import { fileResponse, idSchema, okSchema as ok, XLSX_TYPE } from '../../../contract/common';
import {
  attendanceItemSchema,
  attendanceSchema,
  cancelEventBody,
  checkInBody,
  checkInResultSchema,
  checkInTokenSchema,
  eventDetailSchema,
  eventHostsSchema,
  eventInputSchema,
  eventListQuery,
  eventPageSchema,
  eventRegisteredSchema,
  eventUpdateSchema,
  reportBody,
} from '../../../contract/community-cases';
import { communityCasesServices } from './services';
import { sendCommunityFile, storeCommunityFile } from './uploads';

/** The columns of the attendance export (报名与签到名单). */
export const attendanceColumns: ColumnDef<z.infer<typeof attendanceItemSchema>>[] = [
  { header: '姓名', key: 'name', width: 12, value: (r) => r.name },
  { header: '企业', key: 'enterprise', width: 36, value: (r) => r.enterpriseName },
  { header: '报名状态', key: 'status', width: 10, value: (r) => REGISTRATION_STATUSES[r.status] },
  { header: '报名时间', key: 'registeredAt', width: 20, value: (r) => r.registeredAt },
  { header: '签到时间', key: 'checkedInAt', width: 20, value: (r) => r.checkedInAt },
  { header: '是否签到', key: 'attended', width: 10, value: (r) => (r.checkedInAt ? '已签到' : '未签到') },
];

/** 交流活动 (events) of the exchange and sharing platform. */
export function eventRoutes(app: ZodApp, ctx: AppContext): void {
  const { events, registrations, reports, hosts, uploads } = communityCasesServices(ctx);
  const tags = ['community-events'];

  app.get(
    '/api/community/events/hosts',
    {
      config: { access: 'community:read' },
      schema: { tags, summary: '可以以哪些名义发布活动（本局、管理的联盟或之家）', response: { 200: eventHostsSchema } },
    },
    (request) => hosts.of(callerOf(request)),
  );

  app.get(
    '/api/community/events',
    {
      config: { access: 'community:read' },
      schema: { tags, summary: '交流活动列表（联盟、之家的活动仅其成员可见）', querystring: eventListQuery, response: { 200: eventPageSchema } },
    },
    async (request) =>
      events.list(
        callerOf(request),
        request.query.when,
        request.query.managed === 'true',
        request.query.page,
        request.query.pageSize,
        request.query.organisationId,
      ),
  );

  app.get(
    '/api/community/events/:id',
    { config: { access: 'community:read' }, schema: { tags, summary: '活动详情', params: idParams, response: { 200: eventDetailSchema } } },
    async (request) => events.detail(callerOf(request), request.params.id),
  );

  app.post(
    '/api/community/events',
    {
      config: { access: 'community:manage' },
      schema: { tags, summary: '发布活动（联盟、之家管理员须指定本组织）', body: eventInputSchema, response: { 201: idSchema } },
    },
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
    {
      config: { access: 'community:manage' },
      schema: { tags, summary: '取消活动（撤销已计学时）', params: idParams, body: cancelEventBody, response: { 200: ok } },
    },
    async (request) => {
      await events.cancel(callerOf(request), actorOf(request), request.params.id, request.body.reason);
      return { ok: true as const };
    },
  );

  app.post(
    '/api/community/events/:id/register',
    {
      config: { access: 'community:participate' },
      schema: { tags, summary: '报名（名额满时进入候补）', params: idParams, response: { 200: eventRegisteredSchema } },
    },
    async (request) => ({ status: await registrations.register(callerOf(request), actorOf(request), request.params.id) }),
  );

  app.post(
    '/api/community/events/:id/unregister',
    { config: { access: 'community:participate' }, schema: { tags, summary: '取消报名（候补依次递补）', params: idParams, response: { 200: ok } } },
    async (request) => {
      await registrations.cancelRegistration(callerOf(request), actorOf(request), request.params.id);
      return { ok: true as const };
    },
  );

  app.get(
    '/api/community/events/:id/check-in-token',
    {
      config: { access: 'community:manage' },
      schema: { tags, summary: '现场签到二维码（每 30 秒更换）', params: idParams, response: { 200: checkInTokenSchema } },
    },
    async (request, reply) => {
      void reply.header('cache-control', 'no-store');
      return registrations.checkInToken(callerOf(request), request.params.id);
    },
  );

  app.post(
    '/api/community/events/check-in',
    {
      config: { access: 'community:participate' },
      schema: { tags, summary: '扫码签到', body: checkInBody, response: { 200: checkInResultSchema } },
    },
    async (request) => registrations.checkIn(callerOf(request), actorOf(request), request.body.token),
  );

  app.get(
    '/api/community/events/:id/attendance',
    { config: { access: 'community:manage' }, schema: { tags, summary: '报名与签到名单', params: idParams, response: { 200: attendanceSchema } } },
    async (request) => ({ items: (await registrations.attendance(callerOf(request), request.params.id)).items }),
  );

  app.get(
    '/api/community/events/:id/attendance.xlsx',
    {
      config: { access: 'community:manage' },
      schema: { tags, summary: '导出报名与签到名单（Excel）', params: idParams, response: fileResponse([XLSX_TYPE], '报名与签到名单 Excel') },
    },
    async (request, reply) => {
      const { event, items } = await registrations.attendanceExport(callerOf(request), actorOf(request), request.params.id);
      return sendXlsx(reply, `活动签到名单-${event.title}.xlsx`, '签到名单', attendanceColumns, [items]);
    },
  );

  app.put(
    '/api/community/events/:id/report',
    {
      config: { access: 'community:manage' },
      schema: { tags, summary: '活动报道（图文，活动开始后发布）', params: idParams, body: reportBody, response: { 200: ok } },
    },
    async (request) => {
      await reports.saveReport(callerOf(request), actorOf(request), request.params.id, request.body.reportText, request.body.publish);
      return { ok: true as const };
    },
  );

  app.post(
    '/api/community/events/:id/photos',
    {
      config: { access: 'community:manage' },
      schema: { tags, summary: '上传活动照片（JPG/PNG，≤10 MB）', params: idParams, consumes: ['multipart/form-data'], response: { 201: idSchema } },
    },
    async (request, reply) =>
      reply.code(201).send({
        id: await uploads.addEventPhoto(callerOf(request), actorOf(request), request.params.id, (files) =>
          storeCommunityFile(request, files, '照片', ['jpg', 'png']),
        ),
      }),
  );

  app.get(
    '/api/community/event-photos/:id',
    {
      config: { access: 'community:read' },
      schema: {
        tags,
        summary: '活动照片',
        params: idParams,
        response: fileResponse([EVIDENCE_TYPES.jpg.mime, EVIDENCE_TYPES.png.mime], '活动照片（JPG 或 PNG）'),
      },
    },
    async (request, reply) => {
      const photo = await reports.photoFor(callerOf(request), request.params.id);
      return sendCommunityFile(reply, ctx.files, photo.file_ref, `photo-${String(photo.id)}`);
    },
  );

  app.delete(
    '/api/community/event-photos/:id',
    { config: { access: 'community:manage' }, schema: { tags, summary: '删除活动照片', params: idParams, response: { 200: ok } } },
    async (request) => {
      await uploads.removeEventPhoto(callerOf(request), actorOf(request), request.params.id);
      return { ok: true as const };
    },
  );
}
