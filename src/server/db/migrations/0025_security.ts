import { sql, type Kysely } from 'kysely';

/**
 * Security hardening (issue 17):
 * - `audit_events.hash_alg`: rows written before this migration keep plain SHA-256 (`sha256`); new rows are
 *   keyed (`hmac-sha256`, key derived from the hash key for the purpose `audit-chain`), so old rows still verify.
 * - `rate_limits`: fixed-window counters shared by every app node (login and public endpoints).
 * - `account_reset_requests`: a password or TOTP reset of a bureau, enterprise or officer account waits for
 *   the security administrator's approval (one pending request per account and kind).
 * - `enterprise_registrations`: several pending registrations may name the same USCC (a stranger's request
 *   must not block the real enterprise); the bureau picks one.
 * - On PostgreSQL, where the migrating user may create roles: `cqo_app` (the application: no UPDATE, DELETE or
 *   TRUNCATE on audit_events) and `cqo_audit_reader` (SELECT on audit_events only). Skipped on PGlite and
 *   with a notice where the user lacks CREATEROLE. See docs/OPERATIONS.md.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`alter table audit_events add column hash_alg text not null default 'sha256' check (hash_alg in ('sha256', 'hmac-sha256'))`.execute(db);
  await sql`
    create table rate_limits (
      key text primary key,
      window_start bigint not null,
      count integer not null
    )`.execute(db);
  await sql`
    create table account_reset_requests (
      id bigint generated always as identity primary key,
      account_id bigint not null references accounts(id),
      kind text not null check (kind in ('password', 'totp')),
      status text not null default 'pending' check (status in ('pending', 'approved', 'rejected')),
      requested_by bigint not null references accounts(id),
      requested_at timestamptz not null default now(),
      decided_by bigint references accounts(id),
      decided_at timestamptz,
      reason text
    )`.execute(db);
  await sql`create unique index account_reset_requests_pending on account_reset_requests (account_id, kind) where status = 'pending'`.execute(db);
  await sql`drop index enterprise_registrations_pending`.execute(db);
  await sql`create index enterprise_registrations_uscc on enterprise_registrations (uscc, status)`.execute(db);

  const [version] = (await sql<{ v: string }>`select version() as v`.execute(db)).rows;
  if (version?.v.includes('PGlite')) return;
  await sql
    .raw(
      `
    do $$
    begin
      if not exists (select 1 from pg_roles where rolname = current_user and (rolsuper or rolcreaterole)) then
        raise notice 'cqo: current user cannot create roles; cqo_app and cqo_audit_reader not created (see docs/OPERATIONS.md)';
        return;
      end if;
      begin
        create role cqo_app nologin;
      exception when duplicate_object or unique_violation then null; -- another migrating process created it first
      end;
      begin
        create role cqo_audit_reader nologin;
      exception when duplicate_object or unique_violation then null; -- another migrating process created it first
      end;
      execute format('grant connect on database %I to cqo_app, cqo_audit_reader', current_database());
      grant usage on schema public to cqo_app, cqo_audit_reader;
      grant select, insert, update, delete on all tables in schema public to cqo_app;
      grant usage, select on all sequences in schema public to cqo_app;
      alter default privileges in schema public grant select, insert, update, delete on tables to cqo_app;
      alter default privileges in schema public grant usage, select on sequences to cqo_app;
      revoke update, delete, truncate on audit_events from cqo_app;
      grant select on audit_events to cqo_audit_reader;
    end $$`,
    )
    .execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  const [version] = (await sql<{ v: string }>`select version() as v`.execute(db)).rows;
  if (!version?.v.includes('PGlite')) {
    await sql
      .raw(
        `
      do $$
      begin
        if exists (select 1 from pg_roles where rolname = 'cqo_app') and exists (select 1 from pg_roles where rolname = current_user and (rolsuper or rolcreaterole)) then
          alter default privileges in schema public revoke all on tables from cqo_app;
          alter default privileges in schema public revoke all on sequences from cqo_app;
          revoke all on all tables in schema public from cqo_app, cqo_audit_reader;
          revoke all on all sequences in schema public from cqo_app;
          revoke usage on schema public from cqo_app, cqo_audit_reader;
          execute format('revoke connect on database %I from cqo_app, cqo_audit_reader', current_database());
        end if;
      end $$`,
      )
      .execute(db);
  }
  await sql`drop index enterprise_registrations_uscc`.execute(db);
  await sql`create unique index enterprise_registrations_pending on enterprise_registrations (uscc) where status = 'pending'`.execute(db);
  await sql`drop table account_reset_requests`.execute(db);
  await sql`drop table rate_limits`.execute(db);
  await sql`alter table audit_events drop column hash_alg`.execute(db);
}
