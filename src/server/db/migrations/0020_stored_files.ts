import { sql, type Kysely } from 'kysely';

/**
 * The database file store (the default): every uploaded or generated file lives in the database, so `pg_dump` and
 * the embedded data directory hold it and any node serves it. `stored_files` has one row per file (complete once
 * the last chunk is written); `file_chunks` holds its bytes in fixed-size chunks, kept uncompressed out of line
 * (`storage external`: media and archives do not compress, and range reads then slice without decompressing).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table stored_files (
      key text primary key,
      bytes bigint not null default 0,
      chunk_bytes integer not null check (chunk_bytes > 0),
      complete boolean not null default false,
      created_at timestamptz not null
    )`.execute(db);
  await sql`
    create table file_chunks (
      file_key text not null references stored_files(key) on delete cascade,
      seq integer not null check (seq >= 0),
      data bytea not null,
      primary key (file_key, seq)
    )`.execute(db);
  await sql`alter table file_chunks alter column data set storage external`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop table file_chunks`.execute(db);
  await sql`drop table stored_files`.execute(db);
}
