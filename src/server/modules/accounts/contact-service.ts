import { sql } from 'kysely';
import { maskAddress, smsNumber } from '../../../domain/notices';
import { PHONE_USE_NOTE, smsReachable, type AccountContactInput, type EnterpriseContactInput } from '../../../domain/contact';
import { recordAudit, type Actor } from '../../audit/audit-log';
import type { SessionAccount } from '../../auth/session-store';
import { clock } from '../../clock';
import type { Database } from '../../db/database';
import { updateVersioned, versionOrConflict } from '../../db/versioned';
import { stateError } from '../../errors';
import { writeChange } from '../enterprises/service';

/**
 * The contact page (issue 18): the mobile and e-mail official notices reach an account holder at, and the contact
 * an enterprise is reached at (by notices to the enterprise, and by SMS and e-mail when no account is reached).
 * Each edit is checked against the version the page loaded (`UPDATE … WHERE version`): two editors never lose a
 * change silently, the second gets 409 VERSION_CONFLICT. Audited with the fields changed, never the values.
 */

export interface AccountContact {
  phone: string | null;
  email: string | null;
  smsReachable: boolean;
  /** with no phone of its own, an officer's notices go to the phone on its person record: shown masked */
  fallbackPhone: string | null;
  version: number;
  phoneUse: string;
}

export interface EnterpriseContact {
  contactPerson: string | null;
  contactPhone: string | null;
  contactEmail: string | null;
  smsReachable: boolean;
  version: number;
  phoneUse: string;
}

const changedFields = (input: Record<string, unknown>): string[] => Object.keys(input).filter((k) => input[k] !== undefined);

export async function accountContact(db: Database, caller: SessionAccount): Promise<AccountContact> {
  const row = await db
    .selectFrom('accounts as a')
    .select([
      'a.phone',
      'a.email',
      'a.contact_version',
      (eb) => eb.selectFrom('persons as p').select('p.phone').whereRef('p.account_id', '=', 'a.id').limit(1).as('person_phone'),
    ])
    .where('a.id', '=', caller.accountId)
    .executeTakeFirstOrThrow();
  // the notifier's rule: the account's phone, else the linked person's
  const fallbackPhone = row.phone ? null : maskAddress('sms', smsNumber(row.person_phone));
  return {
    phone: row.phone,
    email: row.email,
    smsReachable: smsReachable(row.phone ?? row.person_phone),
    fallbackPhone,
    version: row.contact_version,
    phoneUse: PHONE_USE_NOTE,
  };
}

export async function updateAccountContact(db: Database, caller: SessionAccount, actor: Actor, input: AccountContactInput, version: number) {
  await db.transaction().execute(async (trx) => {
    const row = await trx
      .updateTable('accounts')
      .set({
        ...(input.phone !== undefined ? { phone: input.phone } : {}),
        ...(input.email !== undefined ? { email: input.email } : {}),
        contact_version: sql<number>`contact_version + 1`,
        updated_at: clock.now(),
      })
      .where('id', '=', caller.accountId)
      .where('contact_version', '=', version)
      .returning('contact_version as version')
      .executeTakeFirst();
    await versionOrConflict(row, () => trx.selectFrom('accounts').select('contact_version as version').where('id', '=', caller.accountId).executeTakeFirst());
    await recordAudit(trx, actor, {
      action: 'account.contact.update',
      targetType: 'account',
      targetId: caller.accountId,
      details: { fields: changedFields(input) },
    });
  });
  return accountContact(db, caller);
}

function enterpriseOf(caller: SessionAccount): number {
  if (!caller.enterpriseId) throw stateError('企业注册尚未确认');
  return caller.enterpriseId;
}

export async function enterpriseContact(db: Database, caller: SessionAccount): Promise<EnterpriseContact> {
  const row = await db
    .selectFrom('enterprises')
    .select(['contact_person', 'contact_phone', 'contact_email', 'version'])
    .where('id', '=', enterpriseOf(caller))
    .executeTakeFirstOrThrow();
  return {
    contactPerson: row.contact_person,
    contactPhone: row.contact_phone,
    contactEmail: row.contact_email,
    smsReachable: smsReachable(row.contact_phone),
    version: row.version,
    phoneUse: PHONE_USE_NOTE,
  };
}

export async function updateEnterpriseContact(db: Database, caller: SessionAccount, actor: Actor, input: EnterpriseContactInput, version: number) {
  const id = enterpriseOf(caller);
  await db.transaction().execute(async (trx) => {
    const before = await trx.selectFrom('enterprises').select(['contact_person', 'contact_phone']).where('id', '=', id).executeTakeFirstOrThrow();
    await updateVersioned(trx, 'enterprises', id, version, {
      contact_person: input.contactPerson,
      contact_phone: input.contactPhone,
      contact_email: input.contactEmail,
      updated_at: clock.now(),
    });
    // the contact person and phone are fields of the enterprise's change history (enterprises/service.ts
    // TRACKED_FIELDS): the bureau sees this edit there as it sees one made on 本企业信息
    const changes: Record<string, [unknown, unknown]> = {};
    for (const [column, value] of [
      ['contact_person', input.contactPerson],
      ['contact_phone', input.contactPhone],
    ] as const) {
      if (value !== undefined && before[column] !== value) changes[column] = [before[column], value];
    }
    if (Object.keys(changes).length > 0) await writeChange(trx, id, actor, 'update', changes);
    await recordAudit(trx, actor, { action: 'enterprise.contact.update', targetType: 'enterprise', targetId: id, details: { fields: changedFields(input) } });
  });
  return enterpriseContact(db, caller);
}

/** The caller's own contact and its enterprise's contact, read and changed with the version the page loaded. */
export class ContactService {
  constructor(private readonly db: Database) {}

  account(caller: SessionAccount): Promise<AccountContact> {
    return accountContact(this.db, caller);
  }

  updateAccount(caller: SessionAccount, actor: Actor, sent: AccountContactInput & { version: number }): Promise<AccountContact> {
    const { version, ...input } = sent;
    return updateAccountContact(this.db, caller, actor, input, version);
  }

  enterprise(caller: SessionAccount): Promise<EnterpriseContact> {
    return enterpriseContact(this.db, caller);
  }

  updateEnterprise(caller: SessionAccount, actor: Actor, sent: EnterpriseContactInput & { version: number }): Promise<EnterpriseContact> {
    const { version, ...input } = sent;
    return updateEnterpriseContact(this.db, caller, actor, input, version);
  }
}
