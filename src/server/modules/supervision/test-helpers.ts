import type { TestApp } from '../../testing/test-app';

/** The demo pair: ent-kunshan-1 with its active filing of officer-kunshan-1. */
export async function demoPair(t: TestApp) {
  return t.db
    .selectFrom('filings as f')
    .innerJoin('persons as p', 'p.id', 'f.person_id')
    .innerJoin('accounts as oa', 'oa.id', 'p.account_id')
    .innerJoin('enterprises as e', 'e.id', 'f.enterprise_id')
    .select(['f.id as filingId', 'f.person_id as personId', 'f.enterprise_id as enterpriseId', 'e.uscc', 'e.name as enterpriseName', 'p.id_number_enc as idNumberEnc', 'f.appointment_date as appointmentDate'])
    .where('oa.username', '=', 'officer-kunshan-1')
    .where('f.status', '=', 'active')
    .executeTakeFirstOrThrow();
}

/** An enterprise account for an enterprise of the county `code` (no other demo enterprise account exists). */
export async function enterpriseAccountIn(t: TestApp, code: string, username: string): Promise<{ enterpriseId: number; headers: Record<string, string> }> {
  const e = await t.db
    .selectFrom('enterprises as e')
    .innerJoin('org_units as o', 'o.id', 'e.org_unit_id')
    .select(['e.id', 'e.org_unit_id'])
    .where('o.code', '=', code)
    .where('e.has_active_officer', '=', false)
    .where((eb) => eb.not(eb.exists(eb.selectFrom('filings as f').select('f.id').whereRef('f.enterprise_id', '=', 'e.id').where('f.status', 'in', ['draft', 'submitted', 'returned']))))
    .orderBy('e.id')
    .executeTakeFirstOrThrow();
  const template = await t.db.selectFrom('accounts').select('password_hash').where('username', '=', 'ent-kunshan-1').executeTakeFirstOrThrow();
  await t.db
    .insertInto('accounts')
    .values({ username, display_name: username, role: 'enterprise', org_unit_id: e.org_unit_id, enterprise_id: e.id, password_hash: template.password_hash, must_change_password: false })
    .execute();
  return { enterpriseId: e.id, headers: await t.as(username) };
}
