import { sql, type Kysely } from 'kysely';

/** A person's titles (职称) and qualifications (资格证书), each with an evidence file. */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table person_qualifications (
      id bigint generated always as identity primary key,
      person_id bigint not null references persons(id),
      kind text not null check (kind in ('title', 'qualification')),
      name text not null,
      issuer text,
      issued_on date,
      evidence text,
      created_by bigint references accounts(id),
      created_at timestamptz not null default now()
    )`.execute(db);
  await sql`create index person_qualifications_person on person_qualifications (person_id)`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop table person_qualifications`.execute(db);
}
