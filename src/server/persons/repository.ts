import type { Kysely, Updateable } from 'kysely';
import type { DB } from '../db/types';
import type { AppError } from '../errors';

/**
 * The one place that finds the person behind an account (`persons.account_id`). Only officer accounts are ever
 * linked (identity/links.ts: a bureau confirms the link, or the provincial identity provider proves it), so for any
 * other account there is none. Modules ask here instead of querying `persons` by account themselves.
 */
export interface PersonOfAccount {
  id: number;
  name: string;
}

/** The person linked to `accountId`, or null when the account has none (not an officer, or not linked yet). */
export async function findPersonOfAccount(db: Kysely<DB>, accountId: number): Promise<PersonOfAccount | null> {
  return (await db.selectFrom('persons').select(['id', 'name']).where('account_id', '=', accountId).executeTakeFirst()) ?? null;
}

/** The person linked to `accountId`; without one, the caller's refusal (`() => forbidden('…')`, `() => notFound('…')`). */
export async function requirePersonOfAccount(db: Kysely<DB>, accountId: number, refusal: () => AppError): Promise<PersonOfAccount> {
  const person = await findPersonOfAccount(db, accountId);
  if (!person) throw refusal();
  return person;
}

/**
 * Changes the person linked to `accountId` in one statement (the link checked by the update itself, so a link revoked
 * meanwhile is not written through) and answers its id, or null when the account has none.
 */
export async function updatePersonOfAccount(db: Kysely<DB>, accountId: number, values: Updateable<DB['persons']>): Promise<number | null> {
  const row = await db.updateTable('persons').set(values).where('account_id', '=', accountId).returning('id').executeTakeFirst();
  return row?.id ?? null;
}
