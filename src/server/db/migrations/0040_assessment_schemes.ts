import { sql, type Kysely } from 'kysely';

/**
 * 考核 as data (policy §八, issue 22 item 3): the province's yearly assessment scheme, versioned. A save adds the next
 * version of its year (`unique (year, version)` decides between two concurrent saves); the newest version of a year
 * is the one in force, and schemes of past years are closed, so a past year's scores can be recomputed identically.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table assessment_schemes (
      id bigint generated always as identity primary key,
      year integer not null check (year between 2000 and 2200),
      version integer not null check (version >= 1),
      indicators jsonb not null,
      grades jsonb not null,
      note text,
      created_by bigint references accounts(id),
      created_at timestamptz not null default now(),
      unique (year, version)
    )`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop table assessment_schemes`.execute(db);
}
