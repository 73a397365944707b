import { sql, type Kysely } from 'kysely';

/**
 * Sign-in through the provincial identity provider (OpenID Connect, issue 20):
 * - `account_identities`: which account an IdP subject (issuer + sub) signs in to; one account per subject and one
 *   subject per account and issuer, held by unique constraints.
 * - `sessions.idp_*`: the issuer, subject and IdP session id (`sid`) a session was opened with, so a back-channel
 *   logout token from the provider ends exactly those sessions.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table account_identities (
      id bigint generated always as identity primary key,
      account_id bigint not null references accounts(id),
      issuer text not null,
      subject text not null,
      kind text not null check (kind in ('person', 'enterprise')),
      created_at timestamptz not null default now(),
      last_login_at timestamptz,
      constraint account_identities_subject_key unique (issuer, subject),
      constraint account_identities_account_key unique (account_id, issuer)
    )`.execute(db);
  await sql`alter table sessions add column idp_issuer text, add column idp_subject text, add column idp_sid text`.execute(db);
  await sql`create index sessions_idp_subject on sessions (idp_issuer, idp_subject) where idp_issuer is not null and revoked_at is null`.execute(db);
  await sql`create index sessions_idp_sid on sessions (idp_issuer, idp_sid) where idp_sid is not null and revoked_at is null`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop index sessions_idp_sid`.execute(db);
  await sql`drop index sessions_idp_subject`.execute(db);
  await sql`alter table sessions drop column idp_issuer, drop column idp_subject, drop column idp_sid`.execute(db);
  await sql`drop table account_identities`.execute(db);
}
