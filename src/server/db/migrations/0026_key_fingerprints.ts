import { sql, type Kysely } from 'kysely';

/**
 * `key_fingerprints`: one row per key (data, hash, signing) holding a one-way fingerprint and the short key id of
 * the key the database is written with, never the key. Every node compares its loaded keys with these rows at
 * start and refuses to start on a mismatch (crypto/key-check.ts).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table key_fingerprints (
      name text primary key check (name in ('data', 'hash', 'signing')),
      fingerprint text not null,
      key_id text not null,
      recorded_at timestamptz not null default now()
    )`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop table key_fingerprints`.execute(db);
}
