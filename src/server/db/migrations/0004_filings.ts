import { sql, type Kysely } from 'kysely';

/** Persons (protected identity), eligibility rules as versioned data, filings (聘任备案) and their review rounds. */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table persons (
      id bigint generated always as identity primary key,
      name text not null,
      id_number_enc text not null,
      id_number_hash text not null unique,
      id_number_masked text not null,
      gender text not null check (gender in ('male', 'female')),
      birth_date date not null,
      phone text,
      education text check (education in ('secondary', 'college', 'bachelor', 'master', 'doctor')),
      quality_years smallint,
      position_title text,
      position_level text check (position_level in ('staff', 'manager', 'deputyGeneralManager', 'generalManager')),
      account_id bigint unique references accounts(id),
      created_by bigint references accounts(id),
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now()
    )`.execute(db);

  // 拟任 candidates an enterprise has recorded (several for a competitive selection)
  await sql`
    create table candidates (
      enterprise_id bigint not null references enterprises(id),
      person_id bigint not null references persons(id),
      created_at timestamptz not null default now(),
      primary key (enterprise_id, person_id)
    )`.execute(db);

  await sql`
    create table eligibility_rules (
      version integer primary key,
      rules jsonb not null,
      note text,
      created_by bigint references accounts(id),
      created_at timestamptz not null default now()
    )`.execute(db);

  await sql`
    create table filings (
      id bigint generated always as identity primary key,
      enterprise_id bigint not null references enterprises(id),
      person_id bigint not null references persons(id),
      org_unit_id bigint not null references org_units(id),
      status text not null default 'draft'
        check (status in ('draft', 'submitted', 'returned', 'active', 'rejected', 'withdrawn', 'ended')),
      appointment_date date,
      departments_led text,
      reports_to_general_manager boolean not null default false,
      veto_right boolean not null default false,
      treatment text,
      authorization_letter text,
      eligibility jsonb,
      rule_version integer references eligibility_rules(version),
      round integer not null default 0,
      review_deadline date,
      submitted_at timestamptz,
      decided_at timestamptz,
      decided_by bigint references accounts(id),
      decision_reason text,
      end_kind text check (end_kind in ('dismissal', 'resignation', 'exit', 'superseded', 'revoked')),
      end_reason text,
      ended_at date,
      created_by bigint references accounts(id),
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now()
    )`.execute(db);
  // the policy's core invariant: at most one active CQO filing per enterprise, whatever races happen
  await sql`create unique index filings_one_active on filings (enterprise_id) where status = 'active'`.execute(db);
  await sql`create index filings_org_unit_status on filings (org_unit_id, status)`.execute(db);
  await sql`create index filings_person on filings (person_id)`.execute(db);

  await sql`
    create table filing_rounds (
      id bigint generated always as identity primary key,
      filing_id bigint not null references filings(id),
      round integer not null,
      submitted_at timestamptz not null default now(),
      submitted_by bigint references accounts(id),
      snapshot jsonb not null,
      eligibility jsonb not null,
      decision text check (decision in ('approved', 'returned', 'rejected', 'withdrawn')),
      remarks text,
      decided_by bigint references accounts(id),
      decided_at timestamptz,
      unique (filing_id, round)
    )`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop table filing_rounds`.execute(db);
  await sql`drop table filings`.execute(db);
  await sql`drop table eligibility_rules`.execute(db);
  await sql`drop table candidates`.execute(db);
  await sql`drop table persons`.execute(db);
}
