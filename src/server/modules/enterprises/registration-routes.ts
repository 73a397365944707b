import { z } from 'zod';
import { actorOf, callerOf } from '../../auth/guards';
import type { AppContext } from '../../context';
import { idParams, pageQuery, versionField, type ZodApp } from '../../http';
import { idSchema, okSchema } from '../../../contract/common';
import {
  changeRequestListSchema,
  classificationSchema,
  myEnterpriseSchema,
  ownEnterpriseUpdatedSchema,
  publicOrgUnitsSchema,
  registrationConfirmedSchema,
  registrationPageSchema,
  registrationSubmittedSchema,
} from '../../../contract/enterprises';
import { registrationSchema } from './registration';
import { toEnterpriseDto } from './routes';
import { enterpriseServices } from './services';
import { refuseSelfRegistrationWhenIdpRequired } from '../auth/idp-required';

const statusQuery = z.object({ status: z.enum(['pending', 'confirmed', 'refused']).optional().meta({ title: '状态' }) });
const reasonBody = z.object({ reason: z.string().trim().min(2, { error: '请填写理由（至少 2 个字）' }).max(500).meta({ title: '理由' }) });

/** Self-registration, the bureau's confirmation, and the enterprise account's own profile. */
export function registrationRoutes(app: ZodApp, ctx: AppContext): void {
  const { registrations: service, changeRequests, own } = enterpriseServices(ctx);
  const tags = ['enterprise registration'];

  app.get(
    '/api/public/org-units',
    {
      config: { access: 'public' },
      schema: {
        tags,
        summary: '全省单位列表（注册时选择主管局）',
        response: { 200: publicOrgUnitsSchema },
      },
    },
    () => service.units(),
  );

  app.post(
    '/api/public/enterprise-registrations',
    {
      config: { access: 'public', rateLimit: { max: 10, timeWindow: 60_000 } },
      preValidation: refuseSelfRegistrationWhenIdpRequired(ctx.config),
      schema: {
        tags,
        summary: '企业自主注册（待主管局确认；答复不因该企业是否已有账户而不同；须经政务服务网登录时不开放）',
        body: registrationSchema,
        response: { 201: registrationSubmittedSchema },
      },
    },
    async (request, reply) => reply.code(201).send(await service.register(request.body, request.ip)),
  );

  app.get(
    '/api/enterprise-registrations',
    {
      config: { access: 'enterprises:manage' },
      schema: {
        tags,
        summary: '企业注册申请（管辖范围内）',
        querystring: statusQuery.extend(pageQuery),
        response: {
          200: registrationPageSchema,
        },
      },
    },
    async (request) => {
      const { page, pageSize, status } = request.query;
      return { ...(await service.list(callerOf(request), status, page, pageSize)), page, pageSize };
    },
  );

  app.post(
    '/api/enterprise-registrations/:id/confirm',
    {
      config: { access: 'enterprises:manage' },
      schema: {
        tags,
        summary: '确认注册（名录中已有则关联，否则按申请新建企业记录）',
        params: idParams,
        body: classificationSchema,
        response: { 200: registrationConfirmedSchema },
      },
    },
    (request) => service.confirm(callerOf(request), actorOf(request), request.params.id, request.body),
  );

  app.post(
    '/api/enterprise-registrations/:id/refuse',
    {
      config: { access: 'enterprises:manage' },
      schema: { tags, summary: '退回注册申请（须说明理由）', params: idParams, body: reasonBody, response: { 200: okSchema } },
    },
    async (request) => {
      await service.refuse(callerOf(request), actorOf(request), request.params.id, request.body.reason);
      return { ok: true as const };
    },
  );

  app.get(
    '/api/enterprises/mine',
    {
      config: { access: 'enterprise_profile:manage' },
      schema: {
        tags,
        summary: '本企业信息与注册状态',
        response: {
          200: myEnterpriseSchema,
        },
      },
    },
    async (request) => {
      const { enterprise, ...rest } = await own.mine(callerOf(request));
      return { enterprise: enterprise ? toEnterpriseDto(enterprise) : null, ...rest };
    },
  );

  app.put(
    '/api/enterprises/mine',
    {
      config: { access: 'enterprise_profile:manage' },
      schema: {
        tags,
        summary: '维护本企业信息（名称、主管单位须申请变更；规上、规模、经济类型、行业的变更提交主管局确认）',
        body: z.object({
          address: z.string().nullish().meta({ title: '注册地址' }),
          legalRepresentative: z.string().nullish().meta({ title: '法定代表人' }),
          contactPerson: z.string().nullish().meta({ title: '联系人' }),
          contactPhone: z.string().nullish().meta({ title: '联系电话' }),
          industryCode: z.string().meta({ title: '行业大类' }),
          scale: z.string().meta({ title: '企业规模' }),
          ownership: z.string().meta({ title: '经济类型' }),
          aboveScale: z.boolean().meta({ title: '规上企业' }),
          aboveScaleYear: z.number().nullish().meta({ title: '规上年度' }),
          version: versionField.meta({ title: '版本' }),
          changeReason: z.string().trim().min(2, { error: '变更理由至少 2 个字' }).max(500).optional().meta({ title: '变更理由' }),
        }),
        response: { 200: ownEnterpriseUpdatedSchema },
      },
    },
    async (request) => {
      const { enterprise, changeRequested } = await own.update(callerOf(request), actorOf(request), request.body);
      return { ...toEnterpriseDto(enterprise), changeRequested };
    },
  );

  app.post(
    '/api/enterprises/mine/change-requests',
    {
      config: { access: 'enterprise_profile:manage' },
      schema: {
        tags,
        summary: '申请变更企业名称或主管单位（须主管局确认）',
        body: z.object({
          name: z.string().trim().min(2).max(100).optional().meta({ title: '企业名称' }),
          orgUnitId: z.number().int().positive().optional().meta({ title: '所属单位' }),
          reason: reasonBody.shape.reason.meta({ title: '理由' }),
        }),
        response: { 201: idSchema },
      },
    },
    async (request, reply) => reply.code(201).send(await changeRequests.requestChange(callerOf(request), actorOf(request), request.body)),
  );

  app.get(
    '/api/enterprise-change-requests',
    {
      config: { access: 'enterprises:manage' },
      schema: {
        tags,
        summary: '企业信息变更申请（管辖范围内）',
        querystring: statusQuery,
        response: {
          200: changeRequestListSchema,
        },
      },
    },
    (request) => changeRequests.listChangeRequests(callerOf(request), request.query.status),
  );

  app.post(
    '/api/enterprise-change-requests/:id/confirm',
    { config: { access: 'enterprises:manage' }, schema: { tags, summary: '确认变更', params: idParams, response: { 200: okSchema } } },
    async (request) => {
      await changeRequests.decideChange(callerOf(request), actorOf(request), request.params.id, { confirm: true });
      return { ok: true as const };
    },
  );

  app.post(
    '/api/enterprise-change-requests/:id/refuse',
    { config: { access: 'enterprises:manage' }, schema: { tags, summary: '退回变更申请', params: idParams, body: reasonBody, response: { 200: okSchema } } },
    async (request) => {
      await changeRequests.decideChange(callerOf(request), actorOf(request), request.params.id, { confirm: false, reason: request.body.reason });
      return { ok: true as const };
    },
  );
}
