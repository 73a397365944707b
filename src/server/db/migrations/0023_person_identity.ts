import { sql, type Kysely } from 'kysely';

/**
 * Person identity (issue 16 item 1). What an enterprise types about a candidate moves from the shared
 * person record to its own candidate row; qualifications an enterprise records become its own; a filing keeps
 * a snapshot of the candidate data it was submitted with; an account is linked to a person only by proof
 * (bureau confirmation or a verified identity), through link requests; existing links stay, marked migrated.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    alter table candidates
      add column name text,
      add column phone text,
      add column education text check (education in ('secondary', 'college', 'bachelor', 'master', 'doctor')),
      add column quality_years smallint,
      add column position_title text,
      add column position_level text check (position_level in ('staff', 'manager', 'deputyGeneralManager', 'generalManager')),
      add column name_mismatch boolean not null default false,
      add column updated_at timestamptz not null default now()`.execute(db);
  await sql`
    update candidates c set name = p.name, phone = p.phone, education = p.education, quality_years = p.quality_years,
      position_title = p.position_title, position_level = p.position_level
    from persons p where p.id = c.person_id`.execute(db);
  await sql`alter table candidates alter column name set not null`.execute(db);

  // null: the person's own entry; set: that enterprise's entry about its candidate
  await sql`alter table person_qualifications add column enterprise_id bigint references enterprises(id)`.execute(db);
  await sql`
    update person_qualifications q set enterprise_id = a.enterprise_id
    from accounts a where a.id = q.created_by and a.enterprise_id is not null`.execute(db);
  await sql`create index person_qualifications_enterprise on person_qualifications (enterprise_id, person_id)`.execute(db);

  await sql`alter table filings add column candidate_snapshot jsonb`.execute(db);
  // existing filings: the data they were reviewed on was the shared record, which the candidate rows now copy
  const quals = (personRef: string) =>
    sql.raw(`coalesce((select jsonb_agg(jsonb_build_object('id', q.id, 'kind', q.kind, 'name', q.name, 'issuer', q.issuer,
      'issuedOn', q.issued_on, 'hasEvidence', q.evidence is not null) order by q.id) from person_qualifications q where q.person_id = ${personRef}), '[]'::jsonb)`);
  await sql`
    update filings f set candidate_snapshot = jsonb_build_object('name', c.name, 'phone', c.phone, 'education', c.education,
      'qualityYears', c.quality_years, 'positionTitle', c.position_title, 'positionLevel', c.position_level, 'nameMismatch', false,
      'qualifications', ${quals('f.person_id')})
    from candidates c where c.enterprise_id = f.enterprise_id and c.person_id = f.person_id`.execute(db);
  await sql`
    update filings f set candidate_snapshot = jsonb_build_object('name', p.name, 'phone', p.phone, 'education', p.education,
      'qualityYears', p.quality_years, 'positionTitle', p.position_title, 'positionLevel', p.position_level, 'nameMismatch', false,
      'qualifications', ${quals('f.person_id')})
    from persons p where p.id = f.person_id and f.candidate_snapshot is null`.execute(db);

  await sql`
    alter table persons
      add column account_link_basis text check (account_link_basis in ('migrated', 'bureau', 'verified_identity')),
      add column account_linked_at timestamptz,
      add column account_linked_by bigint references accounts(id)`.execute(db);
  await sql`update persons set account_link_basis = 'migrated', account_linked_at = updated_at where account_id is not null`.execute(db);

  await sql`
    create table person_link_requests (
      id bigint generated always as identity primary key,
      account_id bigint not null references accounts(id),
      person_id bigint references persons(id),
      invitation_id bigint references officer_invitations(id),
      name text not null,
      id_number_enc text not null,
      id_number_hash text not null,
      id_number_masked text not null,
      phone text,
      org_unit_id bigint not null references org_units(id),
      source text not null check (source in ('self', 'invitation')),
      status text not null default 'pending' check (status in ('pending', 'confirmed', 'refused', 'revoked')),
      decided_by bigint references accounts(id),
      decided_at timestamptz,
      decision_note text,
      created_at timestamptz not null default now()
    )`.execute(db);
  await sql`create unique index person_link_requests_one_pending on person_link_requests (account_id) where status = 'pending'`.execute(db);
  await sql`create index person_link_requests_unit_status on person_link_requests (org_unit_id, status)`.execute(db);
  await sql`create index person_link_requests_hash on person_link_requests (id_number_hash)`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop table person_link_requests`.execute(db);
  await sql`alter table persons drop column account_link_basis, drop column account_linked_at, drop column account_linked_by`.execute(db);
  await sql`alter table filings drop column candidate_snapshot`.execute(db);
  await sql`drop index person_qualifications_enterprise`.execute(db);
  await sql`alter table person_qualifications drop column enterprise_id`.execute(db);
  await sql`
    alter table candidates drop column name, drop column phone, drop column education, drop column quality_years,
      drop column position_title, drop column position_level, drop column name_mismatch, drop column updated_at`.execute(db);
}
