import { accountContactSchema, enterpriseContactSchema } from '../../../contract/accounts';
import { accountContactInput, enterpriseContactInput } from '../../../domain/contact';
import { actorOf, callerOf } from '../../auth/guards';
import type { AppContext } from '../../context';
import { versionField, type ZodApp } from '../../http';
import { accountsServices } from './services';

/** The contact page (issue 18): the caller's own contact for official notices, and its enterprise's (contact-service.ts). */
export function contactRoutes(app: ZodApp, ctx: AppContext): void {
  const { contact } = accountsServices(ctx);
  const tags = ['contact'];
  app.get(
    '/api/account/contact',
    { config: { access: 'complete' }, schema: { tags, summary: '本人接收公务通知的手机号码与电子邮箱', response: { 200: accountContactSchema } } },
    (request) => contact.account(callerOf(request)),
  );
  app.put(
    '/api/account/contact',
    {
      config: { access: 'complete' },
      schema: {
        tags,
        summary: '修改本人联系方式（未提交的项保持不变，null 清除；带版本号）',
        body: accountContactInput.extend({ version: versionField.meta({ title: '版本' }) }),
        response: { 200: accountContactSchema },
      },
    },
    (request) => contact.updateAccount(callerOf(request), actorOf(request), request.body),
  );
  app.get(
    '/api/enterprises/mine/contact',
    {
      config: { access: 'enterprise_profile:manage' },
      schema: { tags, summary: '本企业联系人、联系电话与联系邮箱', response: { 200: enterpriseContactSchema } },
    },
    (request) => contact.enterprise(callerOf(request)),
  );
  app.put(
    '/api/enterprises/mine/contact',
    {
      config: { access: 'enterprise_profile:manage' },
      schema: {
        tags,
        summary: '修改本企业联系方式（未提交的项保持不变，null 清除；带版本号）',
        body: enterpriseContactInput.extend({ version: versionField.meta({ title: '版本' }) }),
        response: { 200: enterpriseContactSchema },
      },
    },
    (request) => contact.updateEnterprise(callerOf(request), actorOf(request), request.body),
  );
}
