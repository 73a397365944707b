import { z } from 'zod';
import { meSchema, permissionDictionarySchema, totpSetupSchema } from '../../../contract/auth';
import { okSchema } from '../../../contract/common';
import { abilitiesOf } from '../../../domain/abilities';
import type { OrgUnitKind } from '../../../domain/org-unit';
import { PERMISSIONS, ROLE_LABELS, ROLE_PERMISSIONS, type Permission } from '../../../domain/permissions';
import { actorOf, callerOf, pendingActions } from '../../auth/guards';
import type { AppContext } from '../../context';
import { clearSessionCookie, setSessionCookie, type ZodApp } from '../../http';
import { authServices } from './services';

export function authRoutes(app: ZodApp, ctx: AppContext): void {
  const { auth: service } = authServices(ctx);
  const secure = ctx.config.secureCookies;
  const meta = (request: { ip: string; headers: Record<string, unknown> }) => ({
    ip: request.ip,
    userAgent: typeof request.headers['user-agent'] === 'string' ? request.headers['user-agent'] : null,
  });

  app.post(
    '/api/auth/login',
    {
      config: { access: 'public', rateLimit: { max: ctx.config.loginRatePerMinute, timeWindow: 60_000 } },
      schema: {
        tags: ['auth'],
        summary: '登录',
        body: z.object({
          username: z.string().trim().min(1).max(64).meta({ title: '用户名' }),
          password: z.string().min(1).max(128).meta({ title: '密码' }),
          totp: z.string().trim().max(10).optional().meta({ title: '动态验证码' }),
        }),
        response: { 200: okSchema },
      },
    },
    async (request, reply) => {
      const { token, expiresAt } = await service.login(request.body, meta(request));
      setSessionCookie(reply, token, expiresAt, secure);
      return { ok: true as const };
    },
  );

  app.post(
    '/api/auth/logout',
    { config: { access: 'session' }, schema: { tags: ['auth'], summary: '退出登录', response: { 200: okSchema } } },
    async (request, reply) => {
      await service.logout(callerOf(request), actorOf(request));
      clearSessionCookie(reply, secure);
      return { ok: true as const };
    },
  );

  app.get('/api/auth/me', { config: { access: 'session' }, schema: { tags: ['auth'], summary: '当前账户', response: { 200: meSchema } } }, async (request) => {
    const caller = callerOf(request);
    return {
      account: { id: caller.accountId, username: caller.username, displayName: caller.displayName, role: caller.role, roleLabel: ROLE_LABELS[caller.role] },
      orgUnit: { id: caller.orgUnitId, code: caller.orgUnitCode, name: caller.orgUnitName, kind: caller.orgUnitKind as OrgUnitKind, path: caller.orgUnitPath },
      permissions: [...ROLE_PERMISSIONS[caller.role]],
      pendingActions: pendingActions(caller, await ctx.settings.securityPolicy()),
      totpEnabled: caller.totpEnabled,
      sessionExpiresAt: caller.expiresAt.toISOString(),
      industryScope: caller.industryScope,
      enterpriseId: caller.enterpriseId,
      abilities: abilitiesOf(caller.role, caller.orgUnitKind as OrgUnitKind),
    };
  });

  app.get(
    '/api/auth/permissions',
    {
      config: { access: 'public' },
      schema: { tags: ['auth'], summary: '权限字典', response: { 200: permissionDictionarySchema } },
    },
    () => Object.entries(PERMISSIONS).map(([key, label]) => ({ key: key as Permission, label })),
  );

  app.post(
    '/api/auth/password',
    {
      // the current password can be guessed only slowly, even with a stolen session
      config: { access: 'session', rateLimit: { max: 10, timeWindow: 60_000 } },
      schema: {
        tags: ['auth'],
        summary: '修改密码（将注销该账户所有会话）',
        body: z.object({
          currentPassword: z.string().min(1).max(128).meta({ title: '当前密码' }),
          newPassword: z.string().min(1).max(128).meta({ title: '新密码' }),
        }),
        response: { 200: okSchema },
      },
    },
    async (request, reply) => {
      const { token, expiresAt } = await service.changePassword(callerOf(request), actorOf(request), request.body, meta(request));
      setSessionCookie(reply, token, expiresAt, secure);
      return { ok: true as const };
    },
  );

  app.post(
    '/api/auth/totp/setup',
    {
      config: { access: 'session' },
      schema: { tags: ['auth'], summary: '生成动态验证码绑定二维码', response: { 200: totpSetupSchema } },
    },
    (request) => service.startTotpEnrolment(callerOf(request), actorOf(request)),
  );

  app.post(
    '/api/auth/totp/confirm',
    {
      config: { access: 'session' },
      schema: {
        tags: ['auth'],
        summary: '确认绑定动态验证码',
        body: z.object({
          code: z
            .string()
            .trim()
            .regex(/^\d{6}$/, { error: '应为 6 位数字' })
            .meta({ title: '代码' }),
        }),
        response: { 200: okSchema },
      },
    },
    async (request) => {
      await service.confirmTotpEnrolment(callerOf(request), actorOf(request), request.body.code);
      return { ok: true as const };
    },
  );
}
