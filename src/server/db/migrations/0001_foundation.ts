import { sql, type Kysely } from 'kysely';

/** Org units, accounts, sessions, settings, the append-only audit log and background jobs. */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table org_units (
      id bigint generated always as identity primary key,
      code text not null unique,
      name text not null,
      kind text not null check (kind in ('province', 'city', 'county', 'zone')),
      parent_id bigint references org_units(id),
      path text not null unique,
      depth smallint not null,
      source text not null check (source in ('gbt2260', 'admin')),
      sort integer not null default 0,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now()
    )`.execute(db);
  await sql`create index org_units_path_pattern on org_units (path text_pattern_ops)`.execute(db);
  await sql`create index org_units_parent on org_units (parent_id)`.execute(db);

  await sql`
    create table accounts (
      id bigint generated always as identity primary key,
      username text not null,
      display_name text not null,
      role text not null,
      org_unit_id bigint not null references org_units(id),
      phone text,
      password_hash text not null,
      password_changed_at timestamptz not null default now(),
      must_change_password boolean not null default true,
      totp_secret text,
      totp_enabled boolean not null default false,
      totp_last_step bigint,
      failed_attempts integer not null default 0,
      locked_until timestamptz,
      status text not null default 'active' check (status in ('active', 'disabled')),
      last_login_at timestamptz,
      last_login_ip text,
      created_by bigint references accounts(id),
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now()
    )`.execute(db);
  await sql`create unique index accounts_username_lower on accounts (lower(username))`.execute(db);
  await sql`create index accounts_org_unit on accounts (org_unit_id)`.execute(db);

  await sql`
    create table sessions (
      id bigint generated always as identity primary key,
      token_hash text not null unique,
      account_id bigint not null references accounts(id),
      created_at timestamptz not null default now(),
      last_seen_at timestamptz not null default now(),
      expires_at timestamptz not null,
      revoked_at timestamptz,
      ip text,
      user_agent text
    )`.execute(db);
  await sql`create index sessions_account on sessions (account_id) where revoked_at is null`.execute(db);

  await sql`
    create table settings (
      key text primary key,
      value jsonb not null,
      updated_at timestamptz not null default now(),
      updated_by bigint references accounts(id)
    )`.execute(db);

  await sql`
    create table audit_events (
      id bigint generated always as identity primary key,
      seq bigint not null unique,
      occurred_at timestamptz not null,
      actor_account_id bigint,
      actor_username text,
      actor_role text,
      ip text,
      action text not null,
      target_type text,
      target_id text,
      result text not null check (result in ('success', 'failure')),
      details jsonb not null default '{}'::jsonb,
      prev_hash text not null,
      hash text not null
    )`.execute(db);
  await sql`create index audit_events_occurred on audit_events (occurred_at)`.execute(db);
  await sql`create index audit_events_actor on audit_events (actor_username)`.execute(db);
  await sql`create index audit_events_action on audit_events (action)`.execute(db);
  await sql`
    create function audit_events_refuse_change() returns trigger language plpgsql as $$
    begin
      raise exception 'audit_events is append-only: % refused', tg_op using errcode = 'insufficient_privilege';
    end $$`.execute(db);
  await sql`
    create trigger audit_events_append_only before update or delete on audit_events
    for each row execute function audit_events_refuse_change()`.execute(db);
  await sql`
    create trigger audit_events_no_truncate before truncate on audit_events
    for each statement execute function audit_events_refuse_change()`.execute(db);

  await sql`
    create table jobs (
      id bigint generated always as identity primary key,
      kind text not null,
      params jsonb not null default '{}'::jsonb,
      status text not null default 'queued'
        check (status in ('queued', 'running', 'succeeded', 'failed', 'cancelled')),
      progress_done integer not null default 0,
      progress_total integer,
      checkpoint jsonb,
      result jsonb,
      error text,
      attempts integer not null default 0,
      max_attempts integer not null default 5,
      run_after timestamptz not null default now(),
      cancel_requested boolean not null default false,
      locked_by text,
      lease_until timestamptz,
      owner_account_id bigint references accounts(id),
      org_unit_id bigint references org_units(id),
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      started_at timestamptz,
      finished_at timestamptz
    )`.execute(db);
  await sql`create index jobs_ready on jobs (run_after) where status in ('queued', 'running')`.execute(db);
  await sql`create index jobs_owner on jobs (owner_account_id)`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop table jobs`.execute(db);
  await sql`drop trigger audit_events_no_truncate on audit_events`.execute(db);
  await sql`drop trigger audit_events_append_only on audit_events`.execute(db);
  await sql`drop table audit_events`.execute(db);
  await sql`drop function audit_events_refuse_change()`.execute(db);
  await sql`drop table settings`.execute(db);
  await sql`drop table sessions`.execute(db);
  await sql`drop table accounts`.execute(db);
  await sql`drop table org_units`.execute(db);
}
