import { sql } from 'kysely';
import { z } from 'zod';
import { personNameSchema, usernameSchema } from '../../../domain/account-input';
import { classificationSchema } from '../../../contract/enterprises';
import { enterpriseInputSchema, usccSchema } from '../../../domain/enterprise-input';
import { passwordProblems } from '../../../domain/password-policy';
import { phoneProblem } from '../../../domain/phone';
import { recordAudit, type Actor } from '../../audit/audit-log';
import { scopeOf } from '../../auth/scope';
import type { SessionAccount } from '../../auth/session-store';
import { hashPassword } from '../../crypto/index';
import type { Database } from '../../db/database';
import { AppError, conflict, invalid, notFound, stateError, validationError } from '../../errors';
import { Notifier } from '../notifications/notifier';
import type { SettingsService } from '../settings/service';
import { findEnterpriseInScope } from './repository';
import { diff, sectionOf, toValues, writeChange } from './service';
import { clock } from '../../clock';

const phone = z
  .string()
  .trim()
  .refine((v) => phoneProblem(v) === null, { error: '应为 11 位手机号或带区号的固定电话' });

export const registrationSchema = classificationSchema.extend({
  uscc: usccSchema.meta({ title: '统一社会信用代码' }),
  name: z.string().trim().min(2, { error: '企业名称至少 2 个字' }).max(100).meta({ title: '企业名称' }),
  contactPerson: personNameSchema.meta({ title: '联系人' }),
  contactPhone: phone.meta({ title: '联系电话' }),
  orgUnitId: z.number().int().positive().meta({ title: '所属单位' }),
  username: usernameSchema.meta({ title: '用户名' }),
  password: z.string().min(1).max(128).meta({ title: '密码' }),
});
export type RegistrationInput = z.infer<typeof registrationSchema>;

/**
 * Self-registration of enterprise accounts and the bureau's confirmation (changes to fields only the bureau may
 * confirm afterwards are change-requests.ts).
 */
export class RegistrationService {
  constructor(
    private readonly db: Database,
    private readonly settings: SettingsService,
    private readonly notifier = new Notifier(),
  ) {}

  /** Every unit of the province, for the registration form's choice of the responsible bureau. */
  async units() {
    const rows = await this.db
      .selectFrom('org_units')
      .select(['id', 'code', 'name', 'kind', 'parent_id'])
      .orderBy('depth')
      .orderBy('sort')
      .orderBy('code')
      .execute();
    return rows.map((u) => ({ id: u.id, code: u.code, name: u.name, kind: u.kind, parentId: u.parent_id }));
  }

  /**
   * Public self-registration. The answer is the same whether or not the USCC is in the roster or already has
   * an account, and several pending requests may name one USCC, so a stranger's request neither reveals nor
   * blocks anything: the responsible bureau verifies and confirms one, which refuses the others.
   */
  async register(input: RegistrationInput, ip: string): Promise<{ registrationId: number }> {
    const unit = await this.db.selectFrom('org_units').select(['id', 'kind', 'name']).where('id', '=', input.orgUnitId).executeTakeFirst();
    if (!unit || unit.kind === 'province') throw invalid('orgUnitId', '请选择企业所在的县（市、区）或开发区/园区市场监管局');
    const problems = passwordProblems(input.password, input.username, await this.settings.securityPolicy());
    if (problems.length)
      throw new AppError(
        400,
        'VALIDATION',
        `密码不符合要求：${problems.join('；')}`,
        problems.map((message) => ({ path: 'password', message })),
      );
    const hash = await hashPassword(input.password);
    const actor: Actor = { accountId: null, username: input.username, role: 'enterprise', ip };
    return this.db.transaction().execute(async (trx) => {
      const taken = await trx
        .selectFrom('accounts')
        .select('id')
        .where((eb) => eb(eb.fn('lower', ['username']), '=', input.username.toLowerCase()))
        .executeTakeFirst();
      if (taken) throw conflict('用户名已被使用', [{ path: 'username', message: '用户名已被使用' }]);
      const enterprise = await trx.selectFrom('enterprises').select('id').where('uscc', '=', input.uscc).executeTakeFirst();
      const account = await trx
        .insertInto('accounts')
        .values({
          username: input.username,
          display_name: input.name,
          role: 'enterprise',
          org_unit_id: unit.id,
          phone: input.contactPhone,
          password_hash: hash,
          must_change_password: false,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      const { uscc, name, contactPerson, contactPhone, orgUnitId, username: _u, password: _p, ...proposal } = input;
      const reg = await trx
        .insertInto('enterprise_registrations')
        .values({
          uscc,
          name,
          contact_person: contactPerson,
          contact_phone: contactPhone,
          org_unit_id: orgUnitId,
          account_id: account.id,
          enterprise_id: enterprise?.id ?? null,
          proposal: JSON.stringify(proposal),
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      await recordAudit(
        trx,
        { ...actor, accountId: account.id },
        { action: 'enterprise.registration.submit', targetType: 'enterprise_registration', targetId: reg.id, details: { uscc, inRoster: Boolean(enterprise) } },
      );
      await this.notifier.notify(trx, await this.notifier.reviewersOf(trx, orgUnitId), {
        kind: 'registration.submitted',
        title: '新的企业注册待确认',
        body: `${name}（${uscc}）申请注册企业账户，${enterprise ? '名录中已有该企业' : '名录中尚无该企业'}，请确认。`,
        link: '/enterprise-registrations',
      });
      return { registrationId: reg.id };
    });
  }

  async list(caller: SessionAccount, status: 'pending' | 'confirmed' | 'refused' | undefined, page: number, pageSize: number) {
    let q = this.db
      .selectFrom('enterprise_registrations as r')
      .innerJoin('org_units as o', 'o.id', 'r.org_unit_id')
      .innerJoin('accounts as a', 'a.id', 'r.account_id')
      .leftJoin('enterprises as e', 'e.uscc', 'r.uscc')
      .leftJoin('org_units as eo', 'eo.id', 'e.org_unit_id')
      .where(scopeOf(caller).region('r.org_unit_id'));
    if (status) q = q.where('r.status', '=', status);
    const [{ total }, items] = await Promise.all([
      q.select((eb) => eb.fn.countAll<number>().as('total')).executeTakeFirstOrThrow(),
      q
        .select([
          'r.id',
          'r.uscc',
          'r.name',
          'r.contact_person as contactPerson',
          'r.contact_phone as contactPhone',
          'r.status',
          'r.reason',
          'r.proposal',
          'r.created_at as createdAt',
          'r.reviewed_at as reviewedAt',
          'o.name as orgUnitName',
          'a.username',
          'e.id as rosterEnterpriseId',
          'e.name as rosterName',
          'eo.name as rosterOrgUnitName',
          sql<boolean>`exists (select 1 from accounts x where x.enterprise_id = e.id and x.status = 'active')`.as('rosterHasAccount'),
          sql<number>`(select count(*)::int from enterprise_registrations s where s.uscc = r.uscc and s.status = 'pending' and s.id <> r.id)`.as('samePending'),
        ])
        .orderBy('r.created_at', 'desc')
        .limit(pageSize)
        .offset((page - 1) * pageSize)
        .execute(),
    ]);
    return { items, total: Number(total) };
  }

  private async pendingInScope(caller: SessionAccount, id: number) {
    const reg = await this.db
      .selectFrom('enterprise_registrations as r')
      .innerJoin('org_units as o', 'o.id', 'r.org_unit_id')
      .selectAll('r')
      .select(['o.code as unitCode'])
      .where('r.id', '=', id)
      .where(scopeOf(caller).region('r.org_unit_id'))
      .executeTakeFirst();
    if (!reg) throw notFound('注册申请');
    if (reg.status !== 'pending') throw stateError(reg.status === 'confirmed' ? '该申请已确认' : '该申请已退回');
    return reg;
  }

  /** Links the account to the roster record, creating the record from the proposal when the USCC is new. */
  async confirm(
    caller: SessionAccount,
    actor: Actor,
    id: number,
    completion: z.infer<typeof classificationSchema>,
  ): Promise<{ enterpriseId: number; created: boolean }> {
    const reg = await this.pendingInScope(caller, id);
    return this.db.transaction().execute(async (trx) => {
      const existing = await trx.selectFrom('enterprises').select(['id', 'org_unit_id']).where('uscc', '=', reg.uscc).executeTakeFirst();
      let enterpriseId: number;
      let created = false;
      if (existing) {
        const visible = await findEnterpriseInScope(trx, caller, existing.id);
        if (!visible) throw conflict('该企业在名录中由其他单位管辖，请联系该单位确认');
        const linked = await trx
          .selectFrom('accounts')
          .select('username')
          .where('enterprise_id', '=', existing.id)
          .where('status', '=', 'active')
          .executeTakeFirst();
        if (linked) throw conflict(`该企业已有启用的企业账户（${linked.username}）；如确需更换，请先停用原账户再确认`);
        enterpriseId = existing.id;
      } else {
        const parsed = enterpriseInputSchema.safeParse({
          uscc: reg.uscc,
          name: reg.name,
          orgUnitCode: reg.unitCode,
          contactPerson: reg.contact_person,
          contactPhone: reg.contact_phone,
          ...reg.proposal,
          ...Object.fromEntries(Object.entries(completion).filter(([, v]) => v !== undefined)),
        });
        if (!parsed.success) throw validationError(enterpriseInputSchema, parsed.error.issues, '请补充企业信息后再确认：');
        const unit = await trx.selectFrom('org_units').select(['id', 'path']).where('id', '=', reg.org_unit_id).executeTakeFirstOrThrow();
        const values = toValues(parsed.data, unit, sectionOf(parsed.data.industryCode));
        const row = await trx
          .insertInto('enterprises')
          .values({ ...values, source: 'registered', created_by: caller.accountId })
          .returning('id')
          .executeTakeFirstOrThrow();
        await writeChange(trx, row.id, actor, 'registration', diff({}, values));
        enterpriseId = row.id;
        created = true;
      }
      // only a still-pending request is confirmed: of two racing confirmations for one USCC, one wins
      const confirmed = await trx
        .updateTable('enterprise_registrations')
        .set({ status: 'confirmed', enterprise_id: enterpriseId, reviewed_by: caller.accountId, reviewed_at: clock.now() })
        .where('id', '=', id)
        .where('status', '=', 'pending')
        .executeTakeFirst();
      if (Number(confirmed.numUpdatedRows) === 0) throw stateError('该申请已处理');
      await trx.updateTable('accounts').set({ enterprise_id: enterpriseId, updated_at: clock.now() }).where('id', '=', reg.account_id).execute();
      // the bureau picked this request: the others naming the same USCC are refused (their accounts stay unlinked)
      const others = await trx
        .updateTable('enterprise_registrations')
        .set({ status: 'refused', reason: '主管局已确认该企业的另一份注册申请', reviewed_by: caller.accountId, reviewed_at: clock.now() })
        .where('uscc', '=', reg.uscc)
        .where('status', '=', 'pending')
        .where('id', '<>', id)
        .returning(['id', 'account_id'])
        .execute();
      await recordAudit(trx, actor, {
        action: 'enterprise.registration.confirm',
        targetType: 'enterprise_registration',
        targetId: id,
        details: { enterpriseId, created, refusedOthers: others.map((o) => o.id) },
      });
      if (others.length) {
        await this.notifier.notify(
          trx,
          others.map((o) => o.account_id),
          { kind: 'registration.refused', title: '企业注册被退回', body: '主管局意见：主管局已确认该企业的另一份注册申请', link: '/my-enterprise' },
        );
      }
      await this.notifier.notify(trx, [reg.account_id], {
        kind: 'registration.confirmed',
        title: '企业注册已确认',
        body: '主管局已确认贵企业的注册，现在可以维护企业信息、办理首席质量官聘任备案。',
        link: '/my-enterprise',
      });
      return { enterpriseId, created };
    });
  }

  async refuse(caller: SessionAccount, actor: Actor, id: number, reason: string): Promise<void> {
    const reg = await this.pendingInScope(caller, id);
    await this.db.transaction().execute(async (trx) => {
      // the account stays, unlinked: it can sign in to read the reason, and sees no enterprise data
      await trx
        .updateTable('enterprise_registrations')
        .set({ status: 'refused', reason, reviewed_by: caller.accountId, reviewed_at: clock.now() })
        .where('id', '=', id)
        .execute();
      await recordAudit(trx, actor, { action: 'enterprise.registration.refuse', targetType: 'enterprise_registration', targetId: id, details: { reason } });
      await this.notifier.notify(trx, [reg.account_id], {
        kind: 'registration.refused',
        title: '企业注册被退回',
        body: `主管局意见：${reason}`,
        link: '/my-enterprise',
      });
    });
  }

  /** The registration state an enterprise account sees before (and after) its bureau decides. */
  async statusFor(caller: SessionAccount) {
    return this.db
      .selectFrom('enterprise_registrations')
      .select(['id', 'status', 'reason', 'created_at as createdAt', 'reviewed_at as reviewedAt'])
      .where('account_id', '=', caller.accountId)
      .orderBy('id', 'desc')
      .executeTakeFirst();
  }
}
