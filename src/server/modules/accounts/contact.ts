import { sql } from 'kysely';
import { z } from 'zod';
import { maskAddress, smsNumber } from '../../../domain/notices';
import { accountContactInput, enterpriseContactInput, PHONE_USE_NOTE, smsReachable, type AccountContactInput, type EnterpriseContactInput } from '../../../domain/contact';
import { recordAudit, type Actor } from '../../audit/audit-log';
import { actorOf, callerOf } from '../../auth/guards';
import type { SessionAccount } from '../../auth/session-store';
import { clock } from '../../clock';
import type { AppContext } from '../../context';
import type { Database } from '../../db/database';
import { updateVersioned, versionOrConflict } from '../../db/versioned';
import { stateError } from '../../errors';
import { versionField, type ZodApp } from '../../http';
import { writeChange } from '../enterprises/service';

/**
 * The contact page (issue 18): the mobile and e-mail official notices reach an account holder at, and the contact
 * an enterprise is reached at (by notices to the enterprise, and by SMS and e-mail when no account is reached).
 * Each edit is checked against the version the page loaded (`UPDATE … WHERE version`): two editors never lose a
 * change silently, the second gets 409 VERSION_CONFLICT. Audited with the fields changed, never the values.
 */

const accountContactSchema = z.object({
  phone: z.string().nullable(),
  email: z.string().nullable(),
  smsReachable: z.boolean(),
  /** with no phone of its own, an officer's notices go to the phone on its person record: shown masked */
  fallbackPhone: z.string().nullable(),
  version: z.number(),
  phoneUse: z.string(),
});
const enterpriseContactSchema = z.object({
  contactPerson: z.string().nullable(),
  contactPhone: z.string().nullable(),
  contactEmail: z.string().nullable(),
  smsReachable: z.boolean(),
  version: z.number(),
  phoneUse: z.string(),
});

const changedFields = (input: Record<string, unknown>): string[] => Object.keys(input).filter((k) => input[k] !== undefined);

export async function accountContact(db: Database, caller: SessionAccount): Promise<z.infer<typeof accountContactSchema>> {
  const row = await db
    .selectFrom('accounts as a')
    .select(['a.phone', 'a.email', 'a.contact_version', (eb) => eb.selectFrom('persons as p').select('p.phone').whereRef('p.account_id', '=', 'a.id').limit(1).as('person_phone')])
    .where('a.id', '=', caller.accountId)
    .executeTakeFirstOrThrow();
  // the notifier's rule: the account's phone, else the linked person's
  const fallbackPhone = row.phone ? null : maskAddress('sms', smsNumber(row.person_phone));
  return { phone: row.phone, email: row.email, smsReachable: smsReachable(row.phone ?? row.person_phone), fallbackPhone, version: row.contact_version, phoneUse: PHONE_USE_NOTE };
}

export async function updateAccountContact(db: Database, caller: SessionAccount, actor: Actor, input: AccountContactInput, version: number) {
  await db.transaction().execute(async (trx) => {
    const row = await trx
      .updateTable('accounts')
      .set({ ...(input.phone !== undefined ? { phone: input.phone } : {}), ...(input.email !== undefined ? { email: input.email } : {}), contact_version: sql<number>`contact_version + 1`, updated_at: clock.now() })
      .where('id', '=', caller.accountId)
      .where('contact_version', '=', version)
      .returning('contact_version as version')
      .executeTakeFirst();
    await versionOrConflict(row, () => trx.selectFrom('accounts').select('contact_version as version').where('id', '=', caller.accountId).executeTakeFirst());
    await recordAudit(trx, actor, { action: 'account.contact.update', targetType: 'account', targetId: caller.accountId, details: { fields: changedFields(input) } });
  });
  return accountContact(db, caller);
}

function enterpriseOf(caller: SessionAccount): number {
  if (!caller.enterpriseId) throw stateError('企业注册尚未确认');
  return caller.enterpriseId;
}

export async function enterpriseContact(db: Database, caller: SessionAccount): Promise<z.infer<typeof enterpriseContactSchema>> {
  const row = await db.selectFrom('enterprises').select(['contact_person', 'contact_phone', 'contact_email', 'version']).where('id', '=', enterpriseOf(caller)).executeTakeFirstOrThrow();
  return { contactPerson: row.contact_person, contactPhone: row.contact_phone, contactEmail: row.contact_email, smsReachable: smsReachable(row.contact_phone), version: row.version, phoneUse: PHONE_USE_NOTE };
}

export async function updateEnterpriseContact(db: Database, caller: SessionAccount, actor: Actor, input: EnterpriseContactInput, version: number) {
  const id = enterpriseOf(caller);
  await db.transaction().execute(async (trx) => {
    const before = await trx.selectFrom('enterprises').select(['contact_person', 'contact_phone']).where('id', '=', id).executeTakeFirstOrThrow();
    await updateVersioned(trx, 'enterprises', id, version, { contact_person: input.contactPerson, contact_phone: input.contactPhone, contact_email: input.contactEmail, updated_at: clock.now() });
    // the contact person and phone are fields of the enterprise's change history (enterprises/service.ts
    // TRACKED_FIELDS): the bureau sees this edit there as it sees one made on 本企业信息
    const changes: Record<string, [unknown, unknown]> = {};
    for (const [column, value] of [['contact_person', input.contactPerson], ['contact_phone', input.contactPhone]] as const) {
      if (value !== undefined && before[column] !== value) changes[column] = [before[column], value];
    }
    if (Object.keys(changes).length > 0) await writeChange(trx, id, actor, 'update', changes);
    await recordAudit(trx, actor, { action: 'enterprise.contact.update', targetType: 'enterprise', targetId: id, details: { fields: changedFields(input) } });
  });
  return enterpriseContact(db, caller);
}

export function contactRoutes(app: ZodApp, ctx: AppContext): void {
  const tags = ['contact'];
  app.get(
    '/api/account/contact',
    { config: { access: 'complete' }, schema: { tags, summary: '本人接收公务通知的手机号码与电子邮箱', response: { 200: accountContactSchema } } },
    async (request) => accountContact(ctx.db, callerOf(request)),
  );
  app.put(
    '/api/account/contact',
    {
      config: { access: 'complete' },
      schema: { tags, summary: '修改本人联系方式（未提交的项保持不变，null 清除；带版本号）', body: accountContactInput.extend({ version: versionField }), response: { 200: accountContactSchema } },
    },
    async (request) => {
      const { version, ...input } = request.body;
      return updateAccountContact(ctx.db, callerOf(request), actorOf(request), input, version);
    },
  );
  app.get(
    '/api/enterprises/mine/contact',
    { config: { access: 'enterprise_profile:manage' }, schema: { tags, summary: '本企业联系人、联系电话与联系邮箱', response: { 200: enterpriseContactSchema } } },
    async (request) => enterpriseContact(ctx.db, callerOf(request)),
  );
  app.put(
    '/api/enterprises/mine/contact',
    {
      config: { access: 'enterprise_profile:manage' },
      schema: { tags, summary: '修改本企业联系方式（未提交的项保持不变，null 清除；带版本号）', body: enterpriseContactInput.extend({ version: versionField }), response: { 200: enterpriseContactSchema } },
    },
    async (request) => {
      const { version, ...input } = request.body;
      return updateEnterpriseContact(ctx.db, callerOf(request), actorOf(request), input, version);
    },
  );
}
