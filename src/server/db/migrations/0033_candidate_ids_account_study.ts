import { sql, type Kysely } from 'kysely';

/**
 * Issue 16 item 1, the remaining gaps.
 * - `candidates.id`: an enterprise addresses its candidates by an opaque random id of its own candidate row, drawn
 *   fresh for each add, never by the global sequential `persons.id` (which told whether an ID number was on file).
 * - Self-study of an account whose identity is not linked yet: its study rows carry `account_id` with `person_id`
 *   null until the bureau confirms the link, when they move to the person (identity/links.ts `bind`).
 */
const RANDOM_ID = sql.raw('(floor(random() * 281474976710654)::bigint + 1)');

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`alter table candidates add column id bigint`.execute(db);
  await sql`update candidates set id = ${RANDOM_ID}`.execute(db);
  await sql`alter table candidates alter column id set not null, alter column id set default ${RANDOM_ID}`.execute(db);
  await sql`alter table candidates add constraint candidates_id_key unique (id)`.execute(db);

  // study rows of an unlinked account: person_id null, account_id set (sessions already carry the account)
  await sql`alter table study_sessions alter column person_id drop not null`.execute(db);
  await sql`create index study_sessions_unlinked on study_sessions (account_id, lesson_id) where person_id is null`.execute(db);

  await sql`alter table study_leases drop constraint study_leases_pkey`.execute(db);
  await sql`alter table study_leases alter column person_id drop not null, add column account_id bigint references accounts(id)`.execute(db);
  await sql`alter table study_leases add constraint study_leases_person_key unique (person_id), add constraint study_leases_account_key unique (account_id)`.execute(
    db,
  );
  await sql`alter table study_leases add constraint study_leases_learner check ((person_id is null) <> (account_id is null))`.execute(db);
  await sql`create index study_leases_session on study_leases (session_id)`.execute(db);

  await sql`alter table lesson_progress drop constraint lesson_progress_pkey`.execute(db);
  await sql`alter table lesson_progress alter column person_id drop not null, add column account_id bigint references accounts(id)`.execute(db);
  await sql`alter table lesson_progress add constraint lesson_progress_person_lesson_key unique (person_id, lesson_id), add constraint lesson_progress_account_lesson_key unique (account_id, lesson_id)`.execute(
    db,
  );
  await sql`alter table lesson_progress add constraint lesson_progress_learner check ((person_id is null) <> (account_id is null))`.execute(db);
  await sql`create index lesson_progress_account_course on lesson_progress (account_id, course_id) where account_id is not null`.execute(db);

  await sql`alter table quiz_attempts alter column person_id drop not null, add column account_id bigint references accounts(id)`.execute(db);
  await sql`alter table quiz_attempts add constraint quiz_attempts_learner check ((person_id is null) <> (account_id is null))`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  // study of accounts never linked has no person to keep it under
  await sql`delete from quiz_attempts where person_id is null`.execute(db);
  await sql`delete from study_leases where person_id is null`.execute(db);
  await sql`delete from lesson_progress where person_id is null`.execute(db);
  await sql`delete from study_leases l using study_sessions s where s.id = l.session_id and s.person_id is null`.execute(db);
  await sql`delete from study_sessions where person_id is null`.execute(db);

  await sql`alter table quiz_attempts drop constraint quiz_attempts_learner, drop column account_id, alter column person_id set not null`.execute(db);

  await sql`drop index lesson_progress_account_course`.execute(db);
  await sql`alter table lesson_progress drop constraint lesson_progress_learner, drop constraint lesson_progress_person_lesson_key, drop constraint lesson_progress_account_lesson_key`.execute(
    db,
  );
  await sql`alter table lesson_progress drop column account_id, alter column person_id set not null, add primary key (person_id, lesson_id)`.execute(db);

  await sql`drop index study_leases_session`.execute(db);
  await sql`alter table study_leases drop constraint study_leases_learner, drop constraint study_leases_person_key, drop constraint study_leases_account_key`.execute(
    db,
  );
  await sql`alter table study_leases drop column account_id, alter column person_id set not null, add primary key (person_id)`.execute(db);

  await sql`drop index study_sessions_unlinked`.execute(db);
  await sql`alter table study_sessions alter column person_id set not null`.execute(db);

  await sql`alter table candidates drop constraint candidates_id_key, drop column id`.execute(db);
}
