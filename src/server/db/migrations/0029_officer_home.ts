import { sql, type Kysely } from 'kysely';

/**
 * Officers homed where they work (issue 18 item 6): an officer account still homed at the province whose person
 * holds an active filing moves to the filing's unit (the enterprise's county), as approving a filing now does
 * (`identity/officer-home.ts`). A data fix only: `down` leaves the accounts where they work (their province home
 * was the defect).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    update accounts a
       set org_unit_id = f.org_unit_id
      from persons p
      join filings f on f.person_id = p.id and f.status = 'active'
     where p.account_id = a.id
       and a.role = 'officer'
       and a.org_unit_id in (select id from org_units where kind = 'province')
       and a.org_unit_id <> f.org_unit_id`.execute(db);
}

export async function down(): Promise<void> {
  // nothing to undo: see above
}
