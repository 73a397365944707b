import { sql, type Kysely } from 'kysely';

/**
 * 国密 profile (issue 20): one database may hold data of both crypto profiles while `npm run crypto:migrate`
 * moves it from one to the other.
 * - `key_fingerprints` also records the gm keys (`gm-data`, `gm-hash`, `gm-signing`).
 * - `audit_events.hash_alg` may be `hmac-sm3`, and `hash_key_id` names the hash key the row's MAC key was derived
 *   from (null for rows written before; those use the default profile's key, recorded in key_fingerprints).
 * Ciphertexts (`v1.<cipher>.<keyId>.…`), gm lookup hashes (`hmac-sm3.<keyId>.<hex>`) and certificates
 * (`signature_algorithm`, `signing_key_id`) already name their algorithm and key.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`alter table key_fingerprints drop constraint key_fingerprints_name_check`.execute(db);
  await sql`alter table key_fingerprints add constraint key_fingerprints_name_check check (name in ('data', 'hash', 'signing', 'gm-data', 'gm-hash', 'gm-signing'))`.execute(
    db,
  );
  await sql`alter table audit_events drop constraint audit_events_hash_alg_check`.execute(db);
  await sql`alter table audit_events add constraint audit_events_hash_alg_check check (hash_alg in ('sha256', 'hmac-sha256', 'hmac-sm3'))`.execute(db);
  await sql`alter table audit_events add column hash_key_id text`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`alter table audit_events drop column hash_key_id`.execute(db);
  await sql`alter table audit_events drop constraint audit_events_hash_alg_check`.execute(db);
  await sql`alter table audit_events add constraint audit_events_hash_alg_check check (hash_alg in ('sha256', 'hmac-sha256'))`.execute(db);
  await sql`delete from key_fingerprints where name like 'gm-%'`.execute(db);
  await sql`alter table key_fingerprints drop constraint key_fingerprints_name_check`.execute(db);
  await sql`alter table key_fingerprints add constraint key_fingerprints_name_check check (name in ('data', 'hash', 'signing'))`.execute(db);
}
