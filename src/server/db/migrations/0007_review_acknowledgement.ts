import { sql, type Kysely } from 'kysely';

/** A bureau can mark an enterprise's review flags as checked; they stay quiet while the responsible unit is the same. */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`alter table enterprises add column flags_checked_unit_path text`.execute(db);
  await sql`alter table enterprises add column flags_checked_by bigint references accounts(id)`.execute(db);
  await sql`alter table enterprises add column flags_checked_at timestamptz`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`alter table enterprises drop column flags_checked_at`.execute(db);
  await sql`alter table enterprises drop column flags_checked_by`.execute(db);
  await sql`alter table enterprises drop column flags_checked_unit_path`.execute(db);
}
