import { sql, type Kysely } from 'kysely';

/**
 * The annual study account: one line per (person, year, source, source_ref). Self-study, training classes,
 * approved offline learning, community contributions and government quality work each write their own lines;
 * a line is set (idempotently) by its source and revoked, never deleted, when its basis goes away.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table study_ledger_entries (
      id bigint generated always as identity primary key,
      person_id bigint not null references persons(id),
      year integer not null check (year between 2000 and 2200),
      source text not null check (source in ('self_study', 'training', 'offline', 'community', 'government_work')),
      source_ref text not null,
      minutes integer not null check (minutes >= 0),
      title text not null,
      occurred_on date not null,
      status text not null default 'credited' check (status in ('credited', 'revoked')),
      status_reason text,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      unique (person_id, year, source, source_ref)
    )`.execute(db);
  await sql`create index study_ledger_year_person on study_ledger_entries (year, person_id) where status = 'credited'`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop table study_ledger_entries`.execute(db);
}
