import { sql, type Kysely } from 'kysely';

/** The in-app notification centre (the channel interface lets SMS or e-mail be added beside it). */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table notifications (
      id bigint generated always as identity primary key,
      account_id bigint not null references accounts(id),
      kind text not null,
      title text not null,
      body text not null,
      link text,
      read_at timestamptz,
      created_at timestamptz not null default now()
    )`.execute(db);
  await sql`create index notifications_unread on notifications (account_id, created_at desc) where read_at is null`.execute(db);
  await sql`create index notifications_account on notifications (account_id, created_at desc)`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop table notifications`.execute(db);
}
