import { sql, type Kysely } from 'kysely';

/**
 * Scheduled jobs run once per period across any number of nodes: `jobs.singleton_key` (kind and period,
 * e.g. `filings.remind-overdue:2026-12-06`) is unique, and schedulers insert … on conflict do nothing.
 * The daily jobs already queued get their key (the first of any duplicates, which two schedulers could make).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`alter table jobs add column singleton_key text`.execute(db);
  await sql`
    update jobs j set singleton_key = j.kind || ':' || (j.params->>'date')
    from (select min(id) as id from jobs
          where kind in ('filings.remind-overdue', 'study.reminders') and params->>'date' is not null
          group by kind, params->>'date') first
    where j.id = first.id`.execute(db);
  await sql`create unique index jobs_singleton_key on jobs (singleton_key)`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop index jobs_singleton_key`.execute(db);
  await sql`alter table jobs drop column singleton_key`.execute(db);
}
