import { z } from 'zod';
import { fileResponse, idSchema, okSchema, XLSX_TYPE } from '../../../contract/common';
import { joinResultSchema, memberListSchema, organisationDetailSchema, organisationListSchema, organisationUpdatedSchema } from '../../../contract/community';
import { actorOf, callerOf } from '../../auth/guards';
import type { AppContext } from '../../context';
import { sendXlsx, type ColumnDef } from '../../excel/workbook';
import { idParams, versionField, type ZodApp } from '../../http';
import { MEMBER_ROLE_LABELS, MEMBER_STATUS_LABELS, type MemberRow } from './memberships';
import { ok, optionalText, tags, text } from './route-fields';
import { communityServices } from './services';

const memberParams = z.object({
  id: z.coerce.number().int().positive().meta({ title: '编号' }),
  memberId: z.coerce.number().int().positive().meta({ title: '成员' }),
});

const organisationBody = z.object({
  kind: z.enum(['alliance', 'club']).meta({ title: '类型' }),
  level: z.enum(['province', 'city', 'industry']).meta({ title: '层级' }),
  name: text('组织名称', 2, 60).meta({ title: '名称' }),
  description: optionalText('简介', 2000).meta({ title: '说明' }),
  orgUnitId: z.number().int().positive().meta({ title: '所属单位' }),
  industrySection: z
    .string()
    .regex(/^[A-T]$/, { error: '行业门类应为 A–T 中的一个字母' })
    .nullish()
    .meta({ title: '行业门类' }),
});

const MEMBER_COLUMNS: readonly ColumnDef<MemberRow>[] = [
  { header: '姓名', key: 'name', width: 14, value: (m) => m.name },
  { header: '所在企业', key: 'enterprise', width: 36, value: (m) => m.enterpriseName },
  { header: '职务', key: 'role', width: 10, value: (m) => (m.isAdmin ? '联盟管理员' : MEMBER_ROLE_LABELS[m.role]) },
  { header: '状态', key: 'status', width: 10, value: (m) => MEMBER_STATUS_LABELS[m.status] },
  { header: '禁言至', key: 'banned', width: 20, value: (m) => m.bannedUntil },
  { header: '加入时间', key: 'created', width: 20, value: (m) => m.createdAt },
];

/** 联盟与之家 (alliances and clubs) and their members: joining, invitations, roles, bans, the member list. */
export function organisationRoutes(app: ZodApp, ctx: AppContext): void {
  const { orgs, memberships } = communityServices(ctx);

  app.get(
    '/api/community/organisations',
    {
      config: { access: 'complete' },
      schema: { tags, summary: '联盟与之家（首席质量官：全部可加入的组织；管理员：所管理的组织）', response: { 200: organisationListSchema } },
    },
    (request) => orgs.list(callerOf(request)),
  );
  app.get(
    '/api/community/organisations/:id',
    { config: { access: 'complete' }, schema: { tags, summary: '组织详情与版块', params: idParams, response: { 200: organisationDetailSchema } } },
    (request) => orgs.get(callerOf(request), request.params.id),
  );
  app.post(
    '/api/community/organisations',
    {
      config: { access: 'community:manage' },
      schema: { tags, summary: '创建联盟或之家（市场监管部门）', body: organisationBody, response: { 201: idSchema } },
    },
    async (request, reply) => reply.code(201).send(await orgs.create(callerOf(request), actorOf(request), request.body)),
  );
  app.put(
    '/api/community/organisations/:id',
    {
      config: { access: 'community:manage' },
      schema: {
        tags,
        summary: '修改组织名称、简介、状态',
        params: idParams,
        body: z.object({
          name: text('组织名称', 2, 60).meta({ title: '名称' }),
          description: optionalText('简介', 2000).meta({ title: '说明' }),
          status: z.enum(['active', 'closed']).meta({ title: '状态' }),
          version: versionField.meta({ title: '版本' }),
        }),
        response: { 200: organisationUpdatedSchema },
      },
    },
    async (request) => ({ ...ok, version: await orgs.update(callerOf(request), actorOf(request), request.params.id, request.body) }),
  );
  app.post(
    '/api/community/organisations/:id/admins',
    {
      config: { access: 'community:manage' },
      schema: {
        tags,
        summary: '指定联盟管理员账户（主管局）',
        params: idParams,
        body: z.object({ username: text('用户名', 1, 64).meta({ title: '用户名' }) }),
        response: { 200: okSchema },
      },
    },
    async (request) => {
      await orgs.addAdmin(callerOf(request), actorOf(request), request.params.id, request.body.username);
      return ok;
    },
  );
  app.post(
    '/api/community/organisations/:id/join',
    {
      config: { access: 'community:participate' },
      schema: {
        tags,
        summary: '申请加入（或接受邀请）',
        params: idParams,
        body: z.object({ message: optionalText('申请说明', 500).meta({ title: '申请说明' }) }),
        response: { 200: joinResultSchema },
      },
    },
    (request) => memberships.apply(callerOf(request), actorOf(request), request.params.id, request.body.message ?? null),
  );
  app.post(
    '/api/community/organisations/:id/leave',
    { config: { access: 'community:participate' }, schema: { tags, summary: '退出组织', params: idParams, response: { 200: okSchema } } },
    async (request) => {
      await memberships.leave(callerOf(request), actorOf(request), request.params.id);
      return ok;
    },
  );
  app.post(
    '/api/community/organisations/:id/invitations',
    {
      config: { access: 'community:manage' },
      schema: {
        tags,
        summary: '邀请首席质量官加入',
        params: idParams,
        body: z.object({ username: text('用户名', 1, 64).meta({ title: '用户名' }) }),
        response: { 200: okSchema },
      },
    },
    async (request) => {
      await memberships.invite(callerOf(request), actorOf(request), request.params.id, request.body.username);
      return ok;
    },
  );
  app.get(
    '/api/community/organisations/:id/members',
    {
      config: { access: 'complete' },
      schema: { tags, summary: '成员名单（实名，不含身份证号与手机号；身份待核验的账户不可查看）', params: idParams, response: { 200: memberListSchema } },
    },
    (request) => memberships.namedMembers(callerOf(request), request.params.id),
  );
  app.get(
    '/api/community/organisations/:id/members.xlsx',
    {
      config: { access: 'community:manage', audit: { action: 'community.organisation.members.export', targetType: 'community_organisation' } },
      schema: { tags, summary: '导出成员名单（Excel）', params: idParams, response: fileResponse([XLSX_TYPE], '成员名单 Excel') },
    },
    async (request, reply) => {
      const { orgName, members } = await memberships.membersExport(callerOf(request), request.params.id);
      return sendXlsx(reply, `成员名单-${orgName}.xlsx`, '成员名单', MEMBER_COLUMNS, [members]);
    },
  );
  app.post(
    '/api/community/organisations/:id/members/:memberId/approve',
    { config: { access: 'community:manage' }, schema: { tags, summary: '通过入会申请', params: memberParams, response: { 200: okSchema } } },
    async (request) => {
      await memberships.decide(callerOf(request), actorOf(request), request.params.id, request.params.memberId, true);
      return ok;
    },
  );
  app.post(
    '/api/community/organisations/:id/members/:memberId/reject',
    { config: { access: 'community:manage' }, schema: { tags, summary: '不通过入会申请', params: memberParams, response: { 200: okSchema } } },
    async (request) => {
      await memberships.decide(callerOf(request), actorOf(request), request.params.id, request.params.memberId, false);
      return ok;
    },
  );
  app.put(
    '/api/community/organisations/:id/members/:memberId/role',
    {
      config: { access: 'community:manage' },
      schema: {
        tags,
        summary: '设置职务（会长/副会长/秘书处/成员）',
        params: memberParams,
        body: z.object({ role: z.enum(['president', 'vice_president', 'secretariat', 'member']).meta({ title: '角色' }) }),
        response: { 200: okSchema },
      },
    },
    async (request) => {
      await memberships.setRole(callerOf(request), actorOf(request), request.params.id, request.params.memberId, request.body.role);
      return ok;
    },
  );
  app.post(
    '/api/community/organisations/:id/members/:memberId/ban',
    {
      config: { access: 'community:manage' },
      schema: {
        tags,
        summary: '禁言一段时间（天数为 0 解除）',
        params: memberParams,
        body: z.object({ days: z.number().int().min(0).max(3650).meta({ title: '禁言天数' }), reason: optionalText('理由', 500).meta({ title: '理由' }) }),
        response: { 200: okSchema },
      },
    },
    async (request) => {
      await memberships.ban(callerOf(request), actorOf(request), request.params.id, request.params.memberId, request.body.days, request.body.reason ?? null);
      return ok;
    },
  );
  app.delete(
    '/api/community/organisations/:id/members/:memberId',
    { config: { access: 'community:manage' }, schema: { tags, summary: '移出成员', params: memberParams, response: { 200: okSchema } } },
    async (request) => {
      await memberships.remove(callerOf(request), actorOf(request), request.params.id, request.params.memberId);
      return ok;
    },
  );
}
