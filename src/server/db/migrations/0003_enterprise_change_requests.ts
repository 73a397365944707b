import { sql, type Kysely } from 'kysely';

/** Changes an enterprise asks for to fields only its bureau may confirm (name, responsible unit); proposals in registrations. */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table enterprise_change_requests (
      id bigint generated always as identity primary key,
      enterprise_id bigint not null references enterprises(id),
      requested_by bigint not null references accounts(id),
      changes jsonb not null,
      reason text not null,
      status text not null default 'pending' check (status in ('pending', 'confirmed', 'refused')),
      review_reason text,
      reviewed_by bigint references accounts(id),
      reviewed_at timestamptz,
      created_at timestamptz not null default now()
    )`.execute(db);
  await sql`create unique index enterprise_change_requests_pending on enterprise_change_requests (enterprise_id) where status = 'pending'`.execute(db);
  await sql`alter table enterprise_registrations add column proposal jsonb not null default '{}'::jsonb`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`alter table enterprise_registrations drop column proposal`.execute(db);
  await sql`drop table enterprise_change_requests`.execute(db);
}
