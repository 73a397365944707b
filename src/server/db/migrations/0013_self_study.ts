import { sql, type Kysely } from 'kysely';

/**
 * The online self-study platform (自学提升): courses published by a bureau for its region (the province: the
 * whole province), their lessons (video, document, quiz), study sessions fed by heartbeats with one lease per
 * person, lesson progress and quiz attempts, and claims of offline learning / government quality work.
 * Credited seconds live here; they reach the annual ledger (study_ledger_entries) when a lesson is completed.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table courses (
      id bigint generated always as identity primary key,
      title text not null,
      summary text not null default '',
      org_unit_id bigint not null references org_units(id),
      level text not null check (level in ('basic', 'enhanced', 'advanced')),
      required boolean not null default false,
      credit_hours double precision not null check (credit_hours > 0),
      tags text[] not null default '{}',
      status text not null default 'draft' check (status in ('draft', 'published', 'withdrawn')),
      search_vector tsvector not null default ''::tsvector,
      published_at timestamptz,
      created_by bigint references accounts(id),
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now()
    )`.execute(db);
  await sql`create index courses_search on courses using gin (search_vector)`.execute(db);
  await sql`create index courses_org_unit on courses (org_unit_id, status)`.execute(db);
  await sql`
    create table lessons (
      id bigint generated always as identity primary key,
      course_id bigint not null references courses(id) on delete cascade,
      sort integer not null,
      title text not null,
      kind text not null check (kind in ('video', 'document', 'quiz')),
      duration_seconds integer not null check (duration_seconds >= 0),
      media_key text,
      page_count integer,
      quiz jsonb,
      created_at timestamptz not null default now(),
      unique (course_id, sort)
    )`.execute(db);
  await sql`
    create table study_sessions (
      id bigint generated always as identity primary key,
      account_id bigint not null references accounts(id),
      person_id bigint not null references persons(id),
      lesson_id bigint not null references lessons(id),
      course_id bigint not null references courses(id),
      kind text not null,
      duration_seconds integer not null,
      lesson_completed boolean not null,
      credited_before integer not null,
      credited_seconds integer not null default 0 check (credited_seconds >= 0),
      last_seq integer not null default 0,
      last_position double precision not null default 0,
      last_beat_at timestamptz not null,
      opened_at timestamptz not null default now()
    )`.execute(db);
  await sql`create index study_sessions_person_lesson on study_sessions (person_id, lesson_id)`.execute(db);
  await sql`
    create table study_leases (
      person_id bigint primary key references persons(id),
      session_id bigint not null references study_sessions(id),
      taken_at timestamptz not null default now()
    )`.execute(db);
  await sql`
    create table lesson_progress (
      person_id bigint not null references persons(id),
      lesson_id bigint not null references lessons(id),
      course_id bigint not null references courses(id),
      status text not null default 'in_progress' check (status in ('in_progress', 'completed')),
      best_score integer,
      attempts integer not null default 0,
      credited_seconds integer not null default 0,
      completed_at timestamptz,
      completed_year integer,
      updated_at timestamptz not null default now(),
      primary key (person_id, lesson_id)
    )`.execute(db);
  await sql`create index lesson_progress_course on lesson_progress (person_id, course_id)`.execute(db);
  await sql`
    create table quiz_attempts (
      id bigint generated always as identity primary key,
      person_id bigint not null references persons(id),
      lesson_id bigint not null references lessons(id),
      answers jsonb not null,
      score integer not null,
      passed boolean not null,
      created_at timestamptz not null default now()
    )`.execute(db);
  await sql`
    create table study_claims (
      id bigint generated always as identity primary key,
      person_id bigint not null references persons(id),
      org_unit_id bigint not null references org_units(id),
      source text not null check (source in ('offline', 'government_work')),
      title text not null,
      occurred_on date not null,
      minutes integer not null check (minutes > 0),
      evidence text not null,
      status text not null default 'pending' check (status in ('pending', 'approved', 'rejected')),
      decision_reason text,
      decided_by bigint references accounts(id),
      decided_at timestamptz,
      created_at timestamptz not null default now()
    )`.execute(db);
  await sql`create index study_claims_org_unit on study_claims (org_unit_id, status)`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of ['study_claims', 'quiz_attempts', 'lesson_progress', 'study_leases', 'study_sessions', 'lessons', 'courses']) {
    await sql`drop table ${sql.table(table)}`.execute(db);
  }
}
