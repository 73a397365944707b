import { sql, type Kysely } from 'kysely';

/**
 * Training classes (the class side of three-tier training): the instructor pool per city and province, classes
 * with their sessions and instructors, enrolments (with the waiting list and the assessment scores), attendance
 * per session (QR sign-in or a trainer's correction) and the effect-evaluation survey answers.
 * 培训合格证 are rows of `certificates` (kind training_certificate, subject training_enrolment).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table training_instructors (
      id bigint generated always as identity primary key,
      org_unit_id bigint not null references org_units(id),
      name text not null,
      organisation text not null,
      title text,
      topics text[] not null default '{}',
      active boolean not null default true,
      created_by bigint references accounts(id),
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now()
    )`.execute(db);
  await sql`create index training_instructors_unit on training_instructors (org_unit_id)`.execute(db);

  await sql`
    create table training_classes (
      id bigint generated always as identity primary key,
      org_unit_id bigint not null references org_units(id),
      trainer_account_id bigint references accounts(id),
      provider_name text,
      name text not null,
      tier text not null check (tier in ('basic', 'enhanced', 'advanced')),
      format text not null check (format in ('in_person', 'online', 'site_visit', 'seminar')),
      venue text,
      online_link text,
      description text,
      capacity integer not null check (capacity between 1 and 2000),
      hours numeric(5,1) not null check (hours > 0 and hours <= 200),
      enrol_deadline date,
      waive_prerequisite boolean not null default false,
      pass_mark integer not null default 60 check (pass_mark between 0 and 100),
      min_attendance_percent integer not null default 80 check (min_attendance_percent between 1 and 100),
      certificate_valid_months integer check (certificate_valid_months between 1 and 240),
      quiz jsonb,
      status text not null default 'open' check (status in ('open', 'cancelled')),
      status_reason text,
      created_by bigint references accounts(id),
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now()
    )`.execute(db);
  await sql`create index training_classes_unit on training_classes (org_unit_id)`.execute(db);
  await sql`create index training_classes_trainer on training_classes (trainer_account_id)`.execute(db);

  await sql`
    create table training_class_instructors (
      class_id bigint not null references training_classes(id) on delete cascade,
      instructor_id bigint not null references training_instructors(id),
      topic text,
      primary key (class_id, instructor_id)
    )`.execute(db);

  await sql`
    create table training_sessions (
      id bigint generated always as identity primary key,
      class_id bigint not null references training_classes(id) on delete cascade,
      title text not null,
      starts_at timestamptz not null,
      ends_at timestamptz not null,
      late_after_minutes integer not null default 15 check (late_after_minutes between 0 and 240),
      check (ends_at > starts_at)
    )`.execute(db);
  await sql`create index training_sessions_class on training_sessions (class_id, starts_at)`.execute(db);

  await sql`
    create table training_enrolments (
      id bigint generated always as identity primary key,
      class_id bigint not null references training_classes(id),
      person_id bigint not null references persons(id),
      enterprise_id bigint references enterprises(id),
      status text not null check (status in ('enrolled', 'waitlisted', 'cancelled')),
      enrolled_by bigint references accounts(id),
      score numeric(5,1) check (score between 0 and 100),
      makeup_score numeric(5,1) check (makeup_score between 0 and 100),
      pre_quiz_score integer check (pre_quiz_score between 0 and 100),
      cancel_reason text,
      cancelled_at timestamptz,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      unique (class_id, person_id)
    )`.execute(db);
  await sql`create index training_enrolments_person on training_enrolments (person_id)`.execute(db);

  await sql`
    create table training_attendance (
      id bigint generated always as identity primary key,
      session_id bigint not null references training_sessions(id) on delete cascade,
      enrolment_id bigint not null references training_enrolments(id),
      status text not null check (status in ('present', 'late', 'absent')),
      method text not null check (method in ('qr', 'manual')),
      signed_in_at timestamptz,
      correction_reason text,
      recorded_by bigint references accounts(id),
      updated_at timestamptz not null default now(),
      unique (session_id, enrolment_id)
    )`.execute(db);

  await sql`
    create table training_survey_responses (
      id bigint generated always as identity primary key,
      class_id bigint not null references training_classes(id),
      enrolment_id bigint not null unique references training_enrolments(id),
      ratings jsonb not null,
      instructor_ratings jsonb not null,
      comment text,
      post_quiz_score integer check (post_quiz_score between 0 and 100),
      submitted_at timestamptz not null default now()
    )`.execute(db);
  await sql`create index training_survey_class on training_survey_responses (class_id)`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop table training_survey_responses`.execute(db);
  await sql`drop table training_attendance`.execute(db);
  await sql`drop table training_enrolments`.execute(db);
  await sql`drop table training_sessions`.execute(db);
  await sql`drop table training_class_instructors`.execute(db);
  await sql`drop table training_classes`.execute(db);
  await sql`drop table training_instructors`.execute(db);
}
