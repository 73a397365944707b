import { idNumberCheckCharacter, maskIdNumber } from '../../domain/id-number';
import { dayFromToday } from './dates';
import type { TestApp } from './test-app';

let serial = 0;

/**
 * An officer account with a person of its own in the unit `orgUnitCode` (and, with `withFiling`, an active filing at
 * an enterprise of that unit with no officer); returns the account and person ids. The rows are written directly:
 * the demo data has enterprise accounts in 昆山市 only, and these tests are about what the officer does next.
 */
export async function createOfficer(
  t: TestApp,
  username: string,
  orgUnitCode: string,
  withFiling = false,
): Promise<{ accountId: number; personId: number; enterpriseName: string | null }> {
  serial += 1;
  const unit = await t.db.selectFrom('org_units').select('id').where('code', '=', orgUnitCode).executeTakeFirstOrThrow();
  const account = await t.db
    .insertInto('accounts')
    .values({ username, display_name: username, role: 'officer', org_unit_id: unit.id, password_hash: 'x', must_change_password: false })
    .returning('id')
    .executeTakeFirstOrThrow();
  const body = `${orgUnitCode}19800101${String(100 + serial)}`;
  const id = body + idNumberCheckCharacter(body);
  const person = await t.db
    .insertInto('persons')
    .values({
      name: `测试官${String(serial)}`,
      id_number_enc: t.ctx.crypto.encrypt(id),
      id_number_hash: t.ctx.crypto.keyedHash(id),
      id_number_masked: maskIdNumber(id),
      gender: 'male',
      birth_date: '1980-01-01',
      phone: `1385100${String(1000 + serial)}`,
      account_id: account.id,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  let enterpriseName: string | null = null;
  if (withFiling) {
    const e = await t.db
      .selectFrom('enterprises as e')
      .select(['e.id', 'e.name', 'e.org_unit_id'])
      .where('e.org_unit_id', '=', unit.id)
      .where('e.has_active_officer', '=', false)
      .where((eb) => eb.not(eb.exists(eb.selectFrom('filings as f').select('f.id').whereRef('f.enterprise_id', '=', 'e.id').where('f.status', '=', 'active'))))
      .orderBy('e.id', 'desc')
      .executeTakeFirstOrThrow();
    enterpriseName = e.name;
    await t.db
      .insertInto('filings')
      .values({
        enterprise_id: e.id,
        person_id: person.id,
        org_unit_id: e.org_unit_id,
        status: 'active',
        appointment_date: dayFromToday(-300),
        departments_led: '质量部',
        reports_to_general_manager: true,
        veto_right: true,
        treatment: '高级副职',
        eligibility: JSON.stringify({ pass: true }),
        rule_version: 1,
        round: 1,
      })
      .execute();
  }
  return { accountId: account.id, personId: person.id, enterpriseName };
}
