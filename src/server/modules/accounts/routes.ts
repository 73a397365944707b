import { z } from 'zod';
import { okSchema } from '../../../contract/common';
import {
  accountCreatedSchema,
  accountPageSchema,
  accountSchema,
  passwordResetSchema,
  resetApprovedSchema,
  resetRequestsSchema,
  resetStatusSchema,
  totpResetSchema,
} from '../../../contract/accounts';
import { personNameSchema, usernameSchema } from '../../../domain/account-input';
import { ROLES } from '../../../domain/permissions';
import { actorOf, callerOf } from '../../auth/guards';
import type { AppContext } from '../../context';
import { idParams, pageQuery, type ZodApp } from '../../http';
import { accountsServices } from './services';

const industrySections = z.array(z.string().regex(/^[A-T]$/, { error: '应为 GB/T 4754 门类字母 A–T' })).max(20);

const username = usernameSchema;
const displayName = personNameSchema;
const phone = z.string().trim().max(20);

export function accountRoutes(app: ZodApp, ctx: AppContext): void {
  const { accounts: service, approvals } = accountsServices(ctx);
  const tags = ['accounts'];

  app.get(
    '/api/accounts',
    {
      config: { access: 'accounts:read' },
      schema: {
        tags,
        summary: '管辖范围内的账户',
        querystring: z.object({
          ...pageQuery,
          q: z.string().trim().max(50).optional().meta({ title: '关键词' }),
          role: z.enum(ROLES).optional().meta({ title: '角色' }),
          status: z.enum(['active', 'disabled']).optional().meta({ title: '状态' }),
          orgUnitId: z.coerce.number().int().positive().optional().meta({ title: '所属单位' }),
        }),
        response: { 200: accountPageSchema },
      },
    },
    async (request) => {
      const { page, pageSize, ...filter } = request.query;
      const { items, total } = await service.list(callerOf(request), filter, page, pageSize);
      return { items, total, page, pageSize };
    },
  );

  app.get(
    '/api/accounts/:id',
    { config: { access: 'accounts:read' }, schema: { tags, summary: '账户详情', params: idParams, response: { 200: accountSchema } } },
    (request) => service.get(callerOf(request), request.params.id),
  );

  app.post(
    '/api/accounts',
    {
      config: { access: 'accounts:manage' },
      schema: {
        tags,
        summary: '创建账户（返回一次性初始密码，首次登录须修改）',
        body: z.object({
          username: username.meta({ title: '用户名' }),
          displayName: displayName.meta({ title: '姓名' }),
          role: z.enum(ROLES).meta({ title: '角色' }),
          orgUnitId: z.number().int().positive().meta({ title: '所属单位' }),
          phone: phone.optional().meta({ title: '手机号码' }),
          industrySections: industrySections.optional().meta({ title: '行业门类' }),
        }),
        response: { 201: accountCreatedSchema },
      },
    },
    async (request, reply) => reply.code(201).send(await service.create(callerOf(request), actorOf(request), request.body)),
  );

  app.patch(
    '/api/accounts/:id',
    {
      config: { access: 'accounts:manage' },
      schema: {
        tags,
        summary: '修改账户',
        params: idParams,
        body: z.object({
          displayName: displayName.optional().meta({ title: '姓名' }),
          phone: phone.nullable().optional().meta({ title: '手机号码' }),
          orgUnitId: z.number().int().positive().optional().meta({ title: '所属单位' }),
          industrySections: industrySections.nullable().optional().meta({ title: '行业门类' }),
        }),
        response: { 200: accountSchema },
      },
    },
    (request) => service.update(callerOf(request), actorOf(request), request.params.id, request.body),
  );

  const action = (path: string, summary: string, run: (id: number, request: Parameters<typeof callerOf>[0]) => Promise<unknown>, response: z.ZodType) =>
    app.post(
      `/api/accounts/:id/${path}`,
      { config: { access: 'accounts:manage' }, schema: { tags, summary, params: idParams, response: { 200: response } } },
      (request) => run(request.params.id, request),
    );

  action('disable', '停用账户（注销其所有会话）', (id, r) => service.setStatus(callerOf(r), actorOf(r), id, 'disabled'), accountSchema);
  action('enable', '启用账户', (id, r) => service.setStatus(callerOf(r), actorOf(r), id, 'active'), accountSchema);
  action('unlock', '解除锁定', (id, r) => service.unlock(callerOf(r), actorOf(r), id), accountSchema);
  action(
    'reset-password',
    '重置密码（返回一次性初始密码；市场监管部门、企业、首席质量官账户须经安全管理员批准）',
    (id, r) => service.resetPassword(callerOf(r), actorOf(r), id),
    passwordResetSchema,
  );
  action('reset-totp', '重置动态验证码（下次登录须重新绑定；同上须经批准）', (id, r) => service.resetTotp(callerOf(r), actorOf(r), id), totpResetSchema);

  app.get(
    '/api/account-reset-requests',
    {
      config: { access: 'complete' },
      schema: {
        tags,
        summary: '重置密码与动态验证码申请（安全管理员查看全部并批准；账户管理员查看本人提出的）',
        querystring: z.object({ status: resetStatusSchema.optional().meta({ title: '状态' }) }),
        response: { 200: resetRequestsSchema },
      },
    },
    (request) => approvals.list(callerOf(request), request.query.status),
  );
  app.post(
    '/api/account-reset-requests/:id/approve',
    {
      config: { access: 'accounts:approve_reset' },
      schema: { tags, summary: '批准并执行重置（密码重置返回一次性初始密码）', params: idParams, response: { 200: resetApprovedSchema } },
    },
    (request) => approvals.approve(callerOf(request), actorOf(request), request.params.id),
  );
  app.post(
    '/api/account-reset-requests/:id/reject',
    {
      config: { access: 'accounts:approve_reset' },
      schema: {
        tags,
        summary: '驳回重置申请',
        params: idParams,
        body: z.object({ reason: z.string().trim().min(2, { error: '请填写理由（至少 2 个字）' }).max(200).meta({ title: '理由' }) }),
        response: { 200: okSchema },
      },
    },
    async (request) => {
      await approvals.reject(callerOf(request), actorOf(request), request.params.id, request.body.reason);
      return { ok: true as const };
    },
  );
}
