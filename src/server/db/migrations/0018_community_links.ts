import { sql, type Kysely } from 'kysely';

/** Cases and events were built beside the organisations table (0016, 0017); their organisation is now a foreign key. */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`alter table cases add constraint cases_organisation_fk foreign key (organisation_id) references community_organisations(id)`.execute(db);
  await sql`alter table community_events add constraint community_events_organisation_fk foreign key (organisation_id) references community_organisations(id)`.execute(
    db,
  );
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`alter table community_events drop constraint community_events_organisation_fk`.execute(db);
  await sql`alter table cases drop constraint cases_organisation_fk`.execute(db);
}
