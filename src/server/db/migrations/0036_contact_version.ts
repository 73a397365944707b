import { sql, type Kysely } from 'kysely';

/**
 * The contact page (issue 18): an account holder edits the mobile and e-mail official notices go to. Two editors
 * of the same contact (the holder in two tabs, or the holder and an administrator changing the phone) must not
 * lose each other's change: `accounts.contact_version` is bumped by every write of `phone` or `email` and checked
 * by `UPDATE … WHERE contact_version = $n`. (Enterprises already carry `version`.)
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`alter table accounts add column contact_version integer not null default 1`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`alter table accounts drop column contact_version`.execute(db);
}
