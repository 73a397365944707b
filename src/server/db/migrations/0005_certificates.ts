import { sql, type Kysely } from 'kysely';

/** The certificate core: 备案证明 now, 培训合格证 and 学时证明 later; each signed so its QR verifies offline too. */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table certificates (
      id bigint generated always as identity primary key,
      serial text not null unique,
      kind text not null check (kind in ('filing_proof', 'training_certificate', 'transcript')),
      subject_type text not null,
      subject_id bigint not null,
      person_id bigint references persons(id),
      org_unit_id bigint not null references org_units(id),
      payload jsonb not null,
      signature text not null,
      signature_algorithm text not null,
      signing_key_id text not null,
      status text not null default 'valid' check (status in ('valid', 'ended', 'revoked')),
      status_reason text,
      status_changed_at timestamptz,
      issued_at timestamptz not null default now(),
      expires_at timestamptz
    )`.execute(db);
  await sql`create index certificates_subject on certificates (subject_type, subject_id)`.execute(db);
  await sql`create index certificates_person on certificates (person_id)`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop table certificates`.execute(db);
}
