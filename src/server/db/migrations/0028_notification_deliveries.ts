import { sql, type Kysely } from 'kysely';

/**
 * Notices beyond the in-app centre (issue 18 item 1): an e-mail address on accounts and on the enterprise roster,
 * `notification_deliveries` (one row per notice, channel and recipient: in-app, SMS or e-mail, with status, attempts
 * and the last error) and `notification_daily_counts`, the per-day cap per address held by an upsert that refuses
 * the row past the cap (no check-then-insert).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`alter table accounts add column email text`.execute(db);
  await sql`alter table enterprises add column contact_email text`.execute(db);
  await sql`
    create table notification_deliveries (
      id serial primary key,
      kind text not null,
      title text not null,
      body text not null,
      link text,
      official boolean not null,
      channel text not null check (channel in ('in_app', 'sms', 'email')),
      account_id integer references accounts(id),
      enterprise_id integer references enterprises(id),
      person_id integer references persons(id),
      org_unit_id integer not null references org_units(id),
      recipient_name text not null,
      address text,
      status text not null default 'pending' check (status in ('pending', 'sent', 'failed', 'capped')),
      attempts integer not null default 0,
      last_error text,
      job_id integer references jobs(id) on delete set null,
      day date not null,
      created_at timestamptz not null default now(),
      sent_at timestamptz,
      check ((channel = 'in_app') = (address is null)),
      check (account_id is not null or enterprise_id is not null or person_id is not null)
    )`.execute(db);
  await sql`create index notification_deliveries_account on notification_deliveries (account_id, id desc) where account_id is not null`.execute(db);
  await sql`create index notification_deliveries_unit on notification_deliveries (org_unit_id, id desc)`.execute(db);
  await sql`create index notification_deliveries_enterprise on notification_deliveries (enterprise_id, id desc) where enterprise_id is not null`.execute(db);
  await sql`create index notification_deliveries_pending on notification_deliveries (job_id) where status = 'pending'`.execute(db);
  await sql`
    create table notification_daily_counts (
      day date not null,
      channel text not null check (channel in ('sms', 'email')),
      address text not null,
      sent integer not null check (sent > 0),
      primary key (day, channel, address)
    )`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop table notification_daily_counts`.execute(db);
  await sql`drop table notification_deliveries`.execute(db);
  await sql`alter table enterprises drop column contact_email`.execute(db);
  await sql`alter table accounts drop column email`.execute(db);
}
