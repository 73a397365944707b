import { z } from 'zod';
import { personNameSchema, usernameSchema } from '../../../domain/account-input';
import { dictKeys } from '../../../domain/enterprise';
import { EDUCATION_LEVELS, POSITION_LEVELS } from '../../../domain/eligibility';
import { idNumberSchema } from '../../../domain/filing-input';
import { parseIdNumber } from '../../../domain/id-number';
import { passwordProblems } from '../../../domain/password-policy';
import { phoneProblem } from '../../../domain/phone';
import { recordAudit } from '../../audit/audit-log';
import { actorOf, callerOf } from '../../auth/guards';
import type { AppContext } from '../../context';
import { hashPassword, randomToken, sha256Hex } from '../../crypto/index';
import { AppError, conflict, invalid, notFound } from '../../errors';
import { maskName } from '../../../domain/certificates';
import { idParams, type ZodApp } from '../../http';
import { personColumns } from './persons';
import { requestLink } from '../identity/links';
import { refuseSelfRegistrationWhenIdpRequired } from '../auth/idp-required';
import { officerMeSchema } from './schemas';
import { clock } from '../../clock';

const phone = z
  .string()
  .trim()
  .refine((v) => phoneProblem(v) === null, { error: '应为 11 位手机号或带区号的固定电话' });

export const officerRegistrationSchema = z.object({
  name: personNameSchema,
  idNumber: idNumberSchema,
  phone,
  username: usernameSchema,
  password: z.string().min(1).max(128),
  /** From an enterprise's invitation link: the ID number must be the invited person's. */
  inviteToken: z.string().trim().max(100).optional(),
});

const INVITATION_DAYS = 7;

const profileSchema = z.object({
  phone: phone.nullish(),
  education: z.enum(dictKeys(EDUCATION_LEVELS)),
  qualityYears: z.number().int().min(0).max(60),
  positionTitle: z.string().trim().min(2).max(40),
  positionLevel: z.enum(dictKeys(POSITION_LEVELS)),
});

/**
 * Officer accounts: one person, one account, across enterprises. Anyone registers with name, ID number and phone
 * and gets an account whose identity is pending: a link to the person is made only by the bureau's confirmation or
 * a verified real-name identity (modules/identity/links.ts). An invitation only tells the bureau which enterprise
 * vouches for the registrant.
 */
export function officerRoutes(app: ZodApp, ctx: AppContext): void {
  const tags = ['officers'];

  app.post(
    '/api/public/officer-registrations',
    {
      config: { access: 'public', rateLimit: { max: 10, timeWindow: 60_000 } },
      preValidation: refuseSelfRegistrationWhenIdpRequired(ctx.config),
      schema: { tags, summary: '首席质量官（含拟任）自主注册（须经政务服务网登录时不开放）', body: officerRegistrationSchema, response: { 201: z.object({ identityStatus: z.literal('pending') }) } },
    },
    async (request, reply) => {
      const input = request.body;
      const problems = passwordProblems(input.password, input.username, await ctx.settings.securityPolicy());
      if (problems.length) throw new AppError(400, 'VALIDATION', `密码不符合要求：${problems.join('；')}`, problems.map((message) => ({ path: 'password', message })));
      const parsed = parseIdNumber(input.idNumber, clock.now());
      if (!parsed.ok) throw invalid('idNumber', parsed.message);
      const hash = await hashPassword(input.password);
      await ctx.db.transaction().execute(async (trx) => {
        const taken = await trx.selectFrom('accounts').select('id').where((eb) => eb(eb.fn('lower', ['username']), '=', input.username.toLowerCase())).executeTakeFirst();
        if (taken) throw conflict('用户名已被使用', [{ path: 'username', message: '用户名已被使用' }]);
        const province = await trx.selectFrom('org_units').select('id').where('kind', '=', 'province').executeTakeFirstOrThrow();
        const account = await trx
          .insertInto('accounts')
          .values({ username: input.username, display_name: input.name, role: 'officer', org_unit_id: province.id, phone: input.phone, password_hash: hash, must_change_password: false })
          .returning('id')
          .executeTakeFirstOrThrow();
        // never a link here, whatever the ID number or the invitation: a pending request that a bureau (or a
        // verified real-name identity) decides; the answer is the same whether the number is on file or not
        await requestLink(trx, ctx.crypto, { accountId: account.id, name: input.name, idNumber: parsed.value.idNumber, phone: input.phone, inviteToken: input.inviteToken });
        await recordAudit(trx, { accountId: account.id, username: input.username, role: 'officer', ip: request.ip }, { action: 'officer.register', targetType: 'account', targetId: account.id, details: { identity: 'pending' } });
      });
      const result = { identityStatus: 'pending' as const };
      return reply.code(201).send(result);
    },
  );

  app.post(
    '/api/candidates/:id/invitations',
    {
      config: { access: 'filings:manage' },
      schema: { tags, summary: '邀请拟任人员注册本人账户（一次性链接，7 天有效）', params: idParams, response: { 201: z.object({ url: z.string(), expiresAt: z.date() }) } },
    },
    async (request, reply) => {
      const caller = callerOf(request);
      if (!caller.enterpriseId) throw notFound('拟任人员');
      const enterpriseId = caller.enterpriseId;
      const person = await ctx.db
        .selectFrom('candidates as c')
        .select(['c.person_id as id'])
        .where('c.enterprise_id', '=', enterpriseId)
        .where('c.id', '=', request.params.id)
        .executeTakeFirst();
      // issued whether or not the person already keeps an account (the enterprise is not told); it links nothing by
      // itself: the registration it leads to waits for the bureau's confirmation
      if (!person) throw notFound('拟任人员');
      const token = randomToken(24);
      const expiresAt = new Date(clock.nowMs() + INVITATION_DAYS * 86_400_000);
      await ctx.db.transaction().execute(async (trx) => {
        await trx.insertInto('officer_invitations').values({ token_hash: sha256Hex(token), person_id: person.id, enterprise_id: enterpriseId, expires_at: expiresAt, created_by: caller.accountId }).execute();
        await recordAudit(trx, actorOf(request), { action: 'officer.invite', targetType: 'person', targetId: person.id });
      });
      return reply.code(201).send({ url: `${ctx.config.publicUrl}/register/officer?invite=${token}`, expiresAt });
    },
  );

  app.get(
    '/api/public/officer-invitations/:token',
    {
      config: { access: 'public', rateLimit: { max: 30, timeWindow: 60_000 } },
      schema: { tags, summary: '查看邀请（注册页显示邀请企业与脱敏姓名）', params: z.object({ token: z.string().max(100) }), response: { 200: z.object({ enterpriseName: z.string(), personName: z.string(), expiresAt: z.date() }) } },
    },
    async (request) => {
      const row = await ctx.db
        .selectFrom('officer_invitations as i')
        .innerJoin('enterprises as e', 'e.id', 'i.enterprise_id')
        .innerJoin('candidates as c', (j) => j.onRef('c.enterprise_id', '=', 'i.enterprise_id').onRef('c.person_id', '=', 'i.person_id'))
        .select(['e.name as enterpriseName', 'c.name as personName', 'i.expires_at as expiresAt', 'i.used_at'])
        .where('i.token_hash', '=', sha256Hex(request.params.token))
        .executeTakeFirst();
      if (!row || row.used_at || row.expiresAt.getTime() < clock.nowMs()) throw new AppError(410, 'STATE', '邀请链接无效或已过期，请联系邀请企业重新发送');
      return { enterpriseName: row.enterpriseName, personName: maskName(row.personName), expiresAt: row.expiresAt };
    },
  );

  app.get(
    '/api/officers/me',
    { config: { access: 'officer_profile:manage' }, schema: { tags, summary: '本人档案（本人可见完整身份证号）、任职与证书', response: { 200: officerMeSchema } } },
    async (request) => {
      const caller = callerOf(request);
      const person = await ctx.db.selectFrom('persons as p').select([...personColumns, 'p.id_number_enc']).where('p.account_id', '=', caller.accountId).executeTakeFirst();
      if (!person) throw notFound('本人档案');
      const { id_number_enc, ...rest } = person;
      const filings = await ctx.db
        .selectFrom('filings as f')
        .innerJoin('enterprises as e', 'e.id', 'f.enterprise_id')
        .innerJoin('org_units as o', 'o.id', 'f.org_unit_id')
        .select(['f.id', 'e.name as enterpriseName', 'o.name as orgUnitName', 'f.status', 'f.appointment_date as appointmentDate', 'f.end_kind as endKind', 'f.ended_at as endedAt'])
        .where('f.person_id', '=', person.id)
        .where('f.status', 'in', ['active', 'ended'])
        .orderBy('f.id', 'desc')
        .execute();
      const certificates = await ctx.db
        .selectFrom('certificates')
        .select(['serial', 'kind', 'status', 'status_reason as statusReason', 'issued_at as issuedAt'])
        .where('person_id', '=', person.id)
        .orderBy('id', 'desc')
        .execute();
      return { person: { ...rest, idNumber: ctx.crypto.decrypt(id_number_enc) }, filings, certificates };
    },
  );

  app.put(
    '/api/officers/me',
    { config: { access: 'officer_profile:manage' }, schema: { tags, summary: '维护本人学历、年限、职务等信息', body: profileSchema } },
    async (request) => {
      const caller = callerOf(request);
      const b = request.body;
      await ctx.db.transaction().execute(async (trx) => {
        const updated = await trx
          .updateTable('persons')
          .set({ phone: b.phone, education: b.education, quality_years: b.qualityYears, position_title: b.positionTitle, position_level: b.positionLevel, updated_at: clock.now() })
          .where('account_id', '=', caller.accountId)
          .returning('id')
          .executeTakeFirst();
        if (!updated) throw notFound('本人档案');
        await recordAudit(trx, actorOf(request), { action: 'person.update', targetType: 'person', targetId: updated.id });
      });
      return { ok: true };
    },
  );
}
