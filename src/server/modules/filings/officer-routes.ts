import { z } from 'zod';
import { personNameSchema, usernameSchema } from '../../../domain/account-input';
import { dictKeys } from '../../../domain/enterprise';
import { EDUCATION_LEVELS, POSITION_LEVELS } from '../../../domain/eligibility';
import { idNumberSchema } from '../../../domain/filing-input';
import { phoneProblem } from '../../../domain/phone';
import { actorOf, callerOf } from '../../auth/guards';
import type { AppContext } from '../../context';
import { idParams, type ZodApp } from '../../http';
import { refuseSelfRegistrationWhenIdpRequired } from '../auth/idp-required';
import { okSchema } from '../../../contract/common';
import { invitationIssuedSchema, officerInvitationSchema, officerMeSchema, officerRegistrationResultSchema } from '../../../contract/filings';
import { filingServices } from './services';

const phone = z
  .string()
  .trim()
  .refine((v) => phoneProblem(v) === null, { error: '应为 11 位手机号或带区号的固定电话' });

export const officerRegistrationSchema = z.object({
  name: personNameSchema.meta({ title: '姓名' }),
  idNumber: idNumberSchema.meta({ title: '居民身份证号' }),
  phone: phone.meta({ title: '手机号码' }),
  username: usernameSchema.meta({ title: '用户名' }),
  password: z.string().min(1).max(128).meta({ title: '密码' }),
  /** From an enterprise's invitation link: the ID number must be the invited person's. */
  inviteToken: z.string().trim().max(100).optional().meta({ title: '邀请码' }),
});

const profileSchema = z.object({
  phone: phone.nullish().meta({ title: '手机号码' }),
  education: z.enum(dictKeys(EDUCATION_LEVELS)).meta({ title: '学历' }),
  qualityYears: z.number().int().min(0).max(60).meta({ title: '质量工作年限' }),
  positionTitle: z.string().trim().min(2).max(40).meta({ title: '职务名称' }),
  positionLevel: z.enum(dictKeys(POSITION_LEVELS)).meta({ title: '职务层级' }),
});

/** Officer accounts (officer-accounts.ts): self-registration, enterprise invitations, the officer's own record. */
export function officerRoutes(app: ZodApp, ctx: AppContext): void {
  const tags = ['officers'];
  const { officers } = filingServices(ctx);

  app.post(
    '/api/public/officer-registrations',
    {
      config: { access: 'public', rateLimit: { max: 10, timeWindow: 60_000 } },
      preValidation: refuseSelfRegistrationWhenIdpRequired(ctx.config),
      schema: {
        tags,
        summary: '首席质量官（含拟任）自主注册（须经政务服务网登录时不开放）',
        body: officerRegistrationSchema,
        response: { 201: officerRegistrationResultSchema },
      },
    },
    async (request, reply) => reply.code(201).send(await officers.register(request.body, request.ip)),
  );

  app.post(
    '/api/candidates/:id/invitations',
    {
      config: { access: 'filings:manage' },
      schema: { tags, summary: '邀请拟任人员注册本人账户（一次性链接，7 天有效）', params: idParams, response: { 201: invitationIssuedSchema } },
    },
    async (request, reply) => reply.code(201).send(await officers.invite(callerOf(request), actorOf(request), request.params.id)),
  );

  app.get(
    '/api/public/officer-invitations/:token',
    {
      config: { access: 'public', rateLimit: { max: 30, timeWindow: 60_000 } },
      schema: {
        tags,
        summary: '查看邀请（注册页显示邀请企业与脱敏姓名）',
        params: z.object({ token: z.string().max(100).meta({ title: '签到码' }) }),
        response: { 200: officerInvitationSchema },
      },
    },
    (request) => officers.invitation(request.params.token),
  );

  app.get(
    '/api/officers/me',
    {
      config: { access: 'officer_profile:manage' },
      schema: { tags, summary: '本人档案（本人可见完整身份证号）、任职与证书', response: { 200: officerMeSchema } },
    },
    (request) => officers.profile(callerOf(request)),
  );

  app.put(
    '/api/officers/me',
    {
      config: { access: 'officer_profile:manage' },
      schema: { tags, summary: '维护本人学历、年限、职务等信息', body: profileSchema, response: { 200: okSchema } },
    },
    async (request) => {
      await officers.updateProfile(callerOf(request), actorOf(request), request.body);
      return { ok: true as const };
    },
  );
}
