import { z } from 'zod';
import { actorOf, callerOf } from '../../auth/guards';
import type { AppContext } from '../../context';
import { idParams, type ZodApp } from '../../http';
import { okSchema } from '../../../contract/common';
import { officerIdentitySchema } from '../../../contract/filings';
import { linkConfirmedSchema, linkRequestListSchema, linkRequestStatusSchema, personLinkListSchema } from '../../../contract/identity';
import { identityServices } from './services';

const note = (label: string) =>
  z.object({
    note: z
      .string()
      .trim()
      .min(2, { error: `请填写${label}（至少 2 个字）` })
      .max(500)
      .meta({ title: label }),
  });

/**
 * The bureau's side of identity links: pending requests in its region (with the person on file, the inviting
 * enterprise and the person's filings, whose appointment letters it checks), 确认身份关联 / 不予关联, the recent
 * links in scope and 撤销关联. The officer's side: the state of its own request.
 */
export function identityRoutes(app: ZodApp, ctx: AppContext): void {
  const { links } = identityServices(ctx);
  const tags = ['identity'];

  app.get(
    '/api/identity/link-requests',
    {
      config: { access: 'filings:review' },
      schema: {
        tags,
        summary: '身份关联申请（管辖范围内）',
        querystring: z.object({ status: linkRequestStatusSchema.default('pending').meta({ title: '状态' }) }),
        response: { 200: linkRequestListSchema },
      },
    },
    (request) => links.linkRequests(callerOf(request), request.query.status),
  );

  app.post(
    '/api/identity/link-requests/:id/confirm',
    {
      config: { access: 'filings:review' },
      schema: {
        tags,
        summary: '确认身份关联（已核对企业聘任文件与身份证明）',
        params: idParams,
        body: note('核验依据'),
        response: { 200: linkConfirmedSchema },
      },
    },
    async (request) => ({ personId: await links.confirm(callerOf(request), actorOf(request), request.params.id, request.body.note) }),
  );

  app.post(
    '/api/identity/link-requests/:id/refuse',
    {
      config: { access: 'filings:review' },
      schema: { tags, summary: '不予身份关联（须说明理由）', params: idParams, body: note('理由'), response: { 200: okSchema } },
    },
    async (request) => {
      await links.refuse(callerOf(request), actorOf(request), request.params.id, request.body.note);
      return { ok: true as const };
    },
  );

  app.get(
    '/api/identity/links',
    {
      config: { access: 'filings:review' },
      schema: { tags, summary: '近期的人员与账户关联（管辖范围内，可撤销可疑关联）', response: { 200: personLinkListSchema } },
    },
    (request) => links.links(callerOf(request)),
  );

  app.post(
    '/api/identity/links/:id/revoke',
    {
      config: { access: 'filings:review' },
      schema: { tags, summary: '撤销人员与账户的关联（:id 为人员）', params: idParams, body: note('理由'), response: { 200: okSchema } },
    },
    async (request) => {
      await links.revoke(callerOf(request), actorOf(request), request.params.id, request.body.note);
      return { ok: true as const };
    },
  );

  app.get(
    '/api/officers/me/identity',
    {
      config: { access: 'officer_profile:manage' },
      schema: {
        tags,
        summary: '本人身份关联状态（linked 已关联；pending 身份待核验；refused 未获确认；none 无申请）',
        response: { 200: officerIdentitySchema },
      },
    },
    (request) => links.mine(callerOf(request)),
  );
}
