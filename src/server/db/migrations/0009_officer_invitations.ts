import { sql, type Kysely } from 'kysely';

/** An enterprise invites a recorded candidate to open their own officer account (one-time link, 7 days). */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table officer_invitations (
      id bigint generated always as identity primary key,
      token_hash text not null unique,
      person_id bigint not null references persons(id),
      enterprise_id bigint not null references enterprises(id),
      expires_at timestamptz not null,
      used_at timestamptz,
      created_by bigint references accounts(id),
      created_at timestamptz not null default now()
    )`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop table officer_invitations`.execute(db);
}
