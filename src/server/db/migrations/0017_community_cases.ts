import { sql, type Kysely } from 'kysely';

/**
 * Exchange and sharing: the case library (经验案例) with attachments and a jieba-segmented `simple` tsvector,
 * and community events (交流活动/现场观摩/研讨会) with registrations (waiting list, QR check-in) and a photo report.
 * `organisation_id` refers to the 联盟/之家 of the community module; its foreign key is added when both meet.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table cases (
      id bigint generated always as identity primary key,
      person_id bigint not null references persons(id),
      author_account_id bigint references accounts(id),
      enterprise_id bigint references enterprises(id),
      org_unit_id bigint not null references org_units(id),
      organisation_id bigint,
      title text not null,
      summary text not null default '',
      problem_html text not null default '',
      method_html text not null default '',
      results_html text not null default '',
      body_text text not null default '',
      tools text[] not null default '{}',
      industry_section text not null,
      industry_division text,
      status text not null default 'draft' check (status in ('draft', 'submitted', 'returned', 'published', 'withdrawn')),
      featured boolean not null default false,
      review_remarks text,
      submitted_at timestamptz,
      reviewed_at timestamptz,
      reviewed_by bigint references accounts(id),
      published_at timestamptz,
      search_vector tsvector,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now()
    )`.execute(db);
  await sql`create index cases_search on cases using gin (search_vector)`.execute(db);
  await sql`create index cases_status_unit on cases (status, org_unit_id)`.execute(db);
  await sql`create index cases_person on cases (person_id)`.execute(db);
  await sql`create index cases_published on cases (published_at desc) where status = 'published'`.execute(db);

  await sql`
    create table case_attachments (
      id bigint generated always as identity primary key,
      case_id bigint not null references cases(id) on delete cascade,
      file_ref text not null,
      file_name text not null,
      bytes integer not null,
      created_at timestamptz not null default now()
    )`.execute(db);
  await sql`create index case_attachments_case on case_attachments (case_id)`.execute(db);

  await sql`
    create table community_events (
      id bigint generated always as identity primary key,
      org_unit_id bigint not null references org_units(id),
      organisation_id bigint,
      kind text not null check (kind in ('exchange', 'site_visit', 'seminar')),
      title text not null,
      description text not null default '',
      place text not null,
      starts_at timestamptz not null,
      ends_at timestamptz not null,
      capacity integer not null check (capacity > 0),
      credits_study boolean not null default true,
      status text not null default 'open' check (status in ('open', 'cancelled')),
      cancel_reason text,
      report_text text,
      report_published_at timestamptz,
      created_by bigint references accounts(id),
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      check (ends_at > starts_at)
    )`.execute(db);
  await sql`create index community_events_unit on community_events (org_unit_id, starts_at)`.execute(db);

  await sql`
    create table community_event_registrations (
      id bigint generated always as identity primary key,
      event_id bigint not null references community_events(id),
      person_id bigint not null references persons(id),
      account_id bigint not null references accounts(id),
      status text not null check (status in ('registered', 'waitlisted', 'cancelled')),
      registered_at timestamptz not null default now(),
      cancelled_at timestamptz,
      checked_in_at timestamptz,
      unique (event_id, person_id)
    )`.execute(db);
  await sql`create index community_event_registrations_queue on community_event_registrations (event_id, status, registered_at)`.execute(db);

  await sql`
    create table community_event_photos (
      id bigint generated always as identity primary key,
      event_id bigint not null references community_events(id) on delete cascade,
      file_ref text not null,
      caption text not null default '',
      created_by bigint references accounts(id),
      created_at timestamptz not null default now()
    )`.execute(db);
  await sql`create index community_event_photos_event on community_event_photos (event_id)`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop table community_event_photos`.execute(db);
  await sql`drop table community_event_registrations`.execute(db);
  await sql`drop table community_events`.execute(db);
  await sql`drop table case_attachments`.execute(db);
  await sql`drop table cases`.execute(db);
}
