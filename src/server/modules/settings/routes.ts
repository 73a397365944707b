import { z } from 'zod';
import { securityPolicySchema } from '../../../domain/password-policy';
import { actorOf } from '../../auth/guards';
import type { AppContext } from '../../context';
import { definedOnly, updateBody, type ZodApp } from '../../http';
import { securityPolicyEditSchema, siteInfoSchema, systemSettingsEditSchema, systemSettingsSchema } from '../../../contract/admin';

export function settingsRoutes(app: ZodApp, ctx: AppContext): void {
  const tags = ['settings'];

  app.get(
    '/api/site',
    {
      config: { access: 'public' },
      schema: { tags, summary: '登录页所需的公开设置', response: { 200: siteInfoSchema } },
    },
    () => ctx.settings.site(),
  );

  app.get(
    '/api/settings/system',
    { config: { access: 'settings:manage' }, schema: { tags, summary: '系统设置', response: { 200: systemSettingsEditSchema } } },
    () => ctx.settings.systemForEdit(),
  );

  app.put(
    '/api/settings/system',
    {
      config: { access: 'settings:manage' },
      schema: {
        tags,
        summary: '修改系统设置（带上读取时的 version）',
        body: updateBody(systemSettingsSchema).extend({ version: z.number().int().min(0).meta({ title: '版本' }) }),
        response: { 200: systemSettingsEditSchema },
      },
    },
    (request) => {
      const { version, ...sent } = request.body;
      return ctx.settings.updateSystem(actorOf(request), definedOnly(sent), version);
    },
  );

  app.get(
    '/api/settings/security-policy',
    { config: { access: 'security_policy:manage' }, schema: { tags, summary: '安全策略（密码、锁定、会话）', response: { 200: securityPolicyEditSchema } } },
    () => ctx.settings.securityPolicyForEdit(),
  );

  app.put(
    '/api/settings/security-policy',
    {
      config: { access: 'security_policy:manage' },
      schema: {
        tags,
        summary: '修改安全策略（带上读取时的 version）',
        body: z.intersection(securityPolicySchema, z.object({ version: z.number().int().min(0).meta({ title: '版本' }) })),
        response: { 200: securityPolicyEditSchema },
      },
    },
    (request) => {
      const { version, ...value } = request.body;
      return ctx.settings.updateSecurityPolicy(actorOf(request), value, version);
    },
  );
}
