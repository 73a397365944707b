import { sql, type Kysely } from 'kysely';

/**
 * The planning side of three-tier training: the per-county 合并至市级 setting, annual training plans with their
 * planned classes and comment thread, one curriculum per city (and the province for 高级) with versioned
 * snapshots, and the training materials (uploaded files) attached to a curriculum's tier and module.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table county_training_settings (
      org_unit_id bigint primary key references org_units(id),
      merged_into_city boolean not null default false,
      note text,
      updated_by bigint references accounts(id),
      updated_at timestamptz not null default now()
    )`.execute(db);

  await sql`
    create table training_plans (
      id bigint generated always as identity primary key,
      org_unit_id bigint not null references org_units(id),
      tier text not null check (tier in ('basic', 'enhanced', 'advanced')),
      year integer not null check (year between 2000 and 2200),
      title text not null,
      topics text[] not null default '{}',
      summary text,
      budget_yuan bigint not null default 0 check (budget_yuan >= 0),
      status text not null default 'draft' check (status in ('draft', 'submitted', 'returned', 'acknowledged')),
      version integer not null default 1,
      submitted_at timestamptz,
      submitted_by bigint references accounts(id),
      reviewed_at timestamptz,
      reviewed_by bigint references accounts(id),
      created_by bigint references accounts(id),
      updated_by bigint references accounts(id),
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      unique (org_unit_id, tier, year)
    )`.execute(db);
  await sql`create index training_plans_year on training_plans (year, tier, status)`.execute(db);

  await sql`
    create table training_plan_classes (
      id bigint generated always as identity primary key,
      plan_id bigint not null references training_plans(id) on delete cascade,
      seq integer not null,
      title text not null,
      planned_month integer not null check (planned_month between 1 and 12),
      format text not null check (format in ('offline', 'online', 'blended')),
      places integer not null check (places > 0),
      hours integer not null check (hours > 0),
      budget_yuan bigint not null default 0 check (budget_yuan >= 0),
      budget_note text,
      unique (plan_id, seq)
    )`.execute(db);

  await sql`
    create table training_plan_comments (
      id bigint generated always as identity primary key,
      plan_id bigint not null references training_plans(id) on delete cascade,
      kind text not null check (kind in ('comment', 'submitted', 'returned', 'acknowledged')),
      body text,
      author_account_id bigint not null references accounts(id),
      author_org_unit_id bigint not null references org_units(id),
      created_at timestamptz not null default now()
    )`.execute(db);
  await sql`create index training_plan_comments_plan on training_plan_comments (plan_id, id)`.execute(db);

  await sql`
    create table training_curricula (
      id bigint generated always as identity primary key,
      org_unit_id bigint not null references org_units(id),
      tier text not null check (tier in ('basic', 'enhanced', 'advanced')),
      title text not null,
      description text,
      version integer not null default 1,
      created_by bigint references accounts(id),
      updated_by bigint references accounts(id),
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      unique (org_unit_id, tier)
    )`.execute(db);

  await sql`
    create table training_curriculum_modules (
      id bigint generated always as identity primary key,
      curriculum_id bigint not null references training_curricula(id) on delete cascade,
      seq integer not null,
      title text not null,
      hours integer not null check (hours > 0),
      topics text[] not null default '{}',
      objectives text
    )`.execute(db);
  await sql`create index training_curriculum_modules_curriculum on training_curriculum_modules (curriculum_id, seq)`.execute(db);

  await sql`
    create table training_curriculum_versions (
      curriculum_id bigint not null references training_curricula(id) on delete cascade,
      version integer not null,
      snapshot jsonb not null,
      created_by bigint references accounts(id),
      created_at timestamptz not null default now(),
      primary key (curriculum_id, version)
    )`.execute(db);

  await sql`
    create table training_materials (
      id bigint generated always as identity primary key,
      org_unit_id bigint not null references org_units(id),
      tier text not null check (tier in ('basic', 'enhanced', 'advanced')),
      module_id bigint references training_curriculum_modules(id) on delete set null,
      title text not null,
      description text,
      file_key text not null,
      file_type text not null,
      file_name text not null,
      size_bytes bigint not null,
      uploaded_by bigint references accounts(id),
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now()
    )`.execute(db);
  await sql`create index training_materials_unit on training_materials (org_unit_id, tier)`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop table training_materials`.execute(db);
  await sql`drop table training_curriculum_versions`.execute(db);
  await sql`drop table training_curriculum_modules`.execute(db);
  await sql`drop table training_curricula`.execute(db);
  await sql`drop table training_plan_comments`.execute(db);
  await sql`drop table training_plan_classes`.execute(db);
  await sql`drop table training_plans`.execute(db);
  await sql`drop table county_training_settings`.execute(db);
}
