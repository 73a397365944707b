import { sql, type Kysely } from 'kysely';

/** The enterprise roster, its change history, import staging, self-registration; job result files; account links. */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`alter table jobs add column result_file text`.execute(db);

  await sql`
    create table enterprises (
      id bigint generated always as identity primary key,
      uscc text not null unique,
      name text not null,
      org_unit_id bigint not null references org_units(id),
      address text,
      legal_representative text,
      contact_person text,
      contact_phone text,
      industry_section char(1) not null,
      industry_division char(2) not null,
      scale text not null check (scale in ('large', 'medium', 'small', 'micro')),
      ownership text not null check (ownership in ('state', 'collective', 'private', 'hmt', 'foreign', 'other')),
      above_scale boolean not null default false,
      above_scale_year smallint,
      status text not null default 'operating' check (status in ('operating', 'deregistered', 'revoked')),
      source text not null check (source in ('imported', 'registered', 'entered')),
      roster_status text not null default 'confirmed' check (roster_status in ('confirmed', 'proposed', 'refused')),
      review_flags text[] not null default '{}',
      has_active_officer boolean not null default false,
      version integer not null default 1,
      created_by bigint references accounts(id),
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      check (not above_scale or above_scale_year is not null)
    )`.execute(db);
  await sql`create index enterprises_org_unit on enterprises (org_unit_id)`.execute(db);
  await sql`create index enterprises_industry on enterprises (industry_section, industry_division)`.execute(db);
  await sql`create index enterprises_name on enterprises (name)`.execute(db);

  await sql`
    create table enterprise_changes (
      id bigint generated always as identity primary key,
      enterprise_id bigint not null references enterprises(id),
      changed_at timestamptz not null default now(),
      actor_account_id bigint references accounts(id),
      actor_username text,
      kind text not null,
      changes jsonb not null
    )`.execute(db);
  await sql`create index enterprise_changes_enterprise on enterprise_changes (enterprise_id, changed_at)`.execute(db);

  await sql`
    create table enterprise_import_rows (
      job_id bigint not null references jobs(id) on delete cascade,
      row_no integer not null,
      data jsonb,
      errors text[] not null default '{}',
      primary key (job_id, row_no)
    )`.execute(db);

  await sql`alter table accounts add column enterprise_id bigint references enterprises(id)`.execute(db);
  await sql`alter table accounts add column industry_scope text[]`.execute(db);
  await sql`create index accounts_enterprise on accounts (enterprise_id)`.execute(db);

  await sql`
    create table enterprise_registrations (
      id bigint generated always as identity primary key,
      uscc text not null,
      name text not null,
      contact_person text not null,
      contact_phone text not null,
      org_unit_id bigint not null references org_units(id),
      account_id bigint not null references accounts(id),
      enterprise_id bigint references enterprises(id),
      status text not null default 'pending' check (status in ('pending', 'confirmed', 'refused')),
      reason text,
      reviewed_by bigint references accounts(id),
      reviewed_at timestamptz,
      created_at timestamptz not null default now()
    )`.execute(db);
  await sql`create unique index enterprise_registrations_pending on enterprise_registrations (uscc) where status = 'pending'`.execute(db);
  await sql`create index enterprise_registrations_org_unit on enterprise_registrations (org_unit_id, status)`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop table enterprise_registrations`.execute(db);
  await sql`alter table accounts drop column industry_scope`.execute(db);
  await sql`alter table accounts drop column enterprise_id`.execute(db);
  await sql`drop table enterprise_import_rows`.execute(db);
  await sql`drop table enterprise_changes`.execute(db);
  await sql`drop table enterprises`.execute(db);
  await sql`alter table jobs drop column result_file`.execute(db);
}
