import { sql, type Kysely } from 'kysely';

/**
 * Supervision: duty records (履职记录) with their evidence, the expert pool (专家库) and its draws, warnings and
 * blacklist entries (警示 / 黑名单: `sanctions`), appeals, and the public blacklist notices. A filing can now end
 * because its officer was blacklisted (end_kind 'blacklisted').
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table duty_records (
      id bigint generated always as identity primary key,
      filing_id bigint not null references filings(id),
      person_id bigint not null references persons(id),
      enterprise_id bigint not null references enterprises(id),
      org_unit_id bigint not null references org_units(id),
      kind text not null check (kind in ('veto', 'quality_meeting', 'quality_project', 'government_work')),
      project_type text check (project_type in ('tackling', 'comparison', 'innovation')),
      occurred_on date not null,
      title text not null,
      description text not null,
      outcome text,
      credited_minutes integer check (credited_minutes >= 0),
      confirmed_by bigint references accounts(id),
      confirmed_at timestamptz,
      created_by bigint not null references accounts(id),
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      check ((kind = 'quality_project') = (project_type is not null))
    )`.execute(db);
  await sql`create index duty_records_unit on duty_records (org_unit_id, occurred_on desc)`.execute(db);
  await sql`create index duty_records_person on duty_records (person_id)`.execute(db);

  await sql`
    create table supervision_attachments (
      id bigint generated always as identity primary key,
      subject_type text not null check (subject_type in ('duty_record', 'sanction')),
      subject_id bigint not null,
      ref text not null,
      name text not null,
      created_by bigint not null references accounts(id),
      created_at timestamptz not null default now()
    )`.execute(db);
  await sql`create index supervision_attachments_subject on supervision_attachments (subject_type, subject_id)`.execute(db);

  await sql`
    create table expert_pool_members (
      id bigint generated always as identity primary key,
      person_id bigint not null unique references persons(id),
      org_unit_id bigint not null references org_units(id),
      fields text[] not null,
      industry_section text,
      note text,
      status text not null default 'nominated' check (status in ('nominated', 'active', 'declined', 'withdrawn')),
      nominated_by bigint not null references accounts(id),
      responded_at timestamptz,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now()
    )`.execute(db);

  await sql`
    create table expert_draws (
      id bigint generated always as identity primary key,
      member_id bigint not null references expert_pool_members(id),
      org_unit_id bigint not null references org_units(id),
      task_kind text not null check (task_kind in ('diagnosis', 'review')),
      task_title text not null,
      task_date date not null,
      note text,
      drawn_by bigint not null references accounts(id),
      created_at timestamptz not null default now()
    )`.execute(db);
  await sql`create index expert_draws_member on expert_draws (member_id)`.execute(db);

  await sql`
    create table sanctions (
      id bigint generated always as identity primary key,
      kind text not null check (kind in ('warning', 'blacklist')),
      person_id bigint not null references persons(id),
      enterprise_id bigint not null references enterprises(id),
      filing_id bigint references filings(id),
      org_unit_id bigint not null references org_units(id),
      incident_title text not null,
      incident_date date not null,
      incident_description text not null,
      reason text not null,
      ban_start date,
      ban_end date,
      status text not null default 'proposed' check (status in ('proposed', 'rejected', 'in_force', 'removed')),
      proposed_by bigint not null references accounts(id),
      proposed_at timestamptz not null default now(),
      decision_reason text,
      decided_by bigint references accounts(id),
      decided_at timestamptz,
      removal_reason text,
      removed_by bigint references accounts(id),
      removed_at timestamptz,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      check ((kind = 'blacklist') = (ban_start is not null and ban_end is not null)),
      check (ban_end is null or ban_end >= ban_start)
    )`.execute(db);
  await sql`create index sanctions_person_in_force on sanctions (person_id) where status = 'in_force'`.execute(db);
  await sql`create index sanctions_unit on sanctions (org_unit_id, status)`.execute(db);

  await sql`
    create table sanction_appeals (
      id bigint generated always as identity primary key,
      sanction_id bigint not null references sanctions(id),
      submitted_by bigint not null references accounts(id),
      reason text not null,
      status text not null default 'pending' check (status in ('pending', 'upheld', 'dismissed')),
      response text,
      decided_by bigint references accounts(id),
      decided_at timestamptz,
      created_at timestamptz not null default now()
    )`.execute(db);
  await sql`create unique index sanction_appeals_one_pending on sanction_appeals (sanction_id) where status = 'pending'`.execute(db);

  await sql`
    create table blacklist_notices (
      id bigint generated always as identity primary key,
      sanction_id bigint not null unique references sanctions(id),
      notice_no text not null unique,
      person_name_masked text not null,
      enterprise_name text not null,
      uscc text not null,
      reason text not null,
      ban_start date not null,
      ban_end date not null,
      published_at timestamptz not null default now(),
      withdrawn_at timestamptz,
      withdrawn_reason text
    )`.execute(db);

  await sql`alter table filings drop constraint if exists filings_end_kind_check`.execute(db);
  await sql`alter table filings add constraint filings_end_kind_check check (end_kind in ('dismissal', 'resignation', 'exit', 'superseded', 'revoked', 'blacklisted'))`.execute(
    db,
  );
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`update filings set end_kind = 'revoked' where end_kind = 'blacklisted'`.execute(db);
  await sql`alter table filings drop constraint if exists filings_end_kind_check`.execute(db);
  await sql`alter table filings add constraint filings_end_kind_check check (end_kind in ('dismissal', 'resignation', 'exit', 'superseded', 'revoked'))`.execute(
    db,
  );
  await sql`drop table blacklist_notices`.execute(db);
  await sql`drop table sanction_appeals`.execute(db);
  await sql`drop table sanctions`.execute(db);
  await sql`drop table expert_draws`.execute(db);
  await sql`drop table expert_pool_members`.execute(db);
  await sql`drop table supervision_attachments`.execute(db);
  await sql`drop table duty_records`.execute(db);
}
