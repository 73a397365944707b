import type { Kysely } from 'kysely';
import type { Role } from '../../domain/permissions';
import type { CryptoService } from '../crypto/index';
import type { DB } from '../db/types';

export const DEMO_PASSWORD = 'Cqo@2026demo';
export const DEMO_TOTP_SECRET = 'JBSWY3DPEHPK3PXP';

export const DEMO_ACCOUNTS: readonly { username: string; displayName: string; role: Role; orgUnitCode: string }[] = [
  { username: 'sysadmin', displayName: '系统管理员', role: 'system_admin', orgUnitCode: '320000' },
  { username: 'secadmin', displayName: '安全管理员', role: 'security_admin', orgUnitCode: '320000' },
  { username: 'auditadmin', displayName: '审计管理员', role: 'audit_admin', orgUnitCode: '320000' },
  { username: 'province', displayName: '省局质量发展处', role: 'province_admin', orgUnitCode: '320000' },
  { username: 'nanjing', displayName: '南京市市场监管局', role: 'city_admin', orgUnitCode: '320100' },
  { username: 'xuanwu', displayName: '玄武区市场监管局', role: 'county_admin', orgUnitCode: '320102' },
  { username: 'suzhou', displayName: '苏州市市场监管局', role: 'city_admin', orgUnitCode: '320500' },
  { username: 'gusu', displayName: '姑苏区市场监管局', role: 'county_admin', orgUnitCode: '320508' },
  { username: 'kunshan', displayName: '昆山市市场监管局', role: 'county_admin', orgUnitCode: '320583' },
];

/** Demo accounts (never in production): every one uses the demo password, administrators the demo TOTP secret. */
export async function seedDemoAccounts(db: Kysely<DB>, crypto: CryptoService, hash: string): Promise<number> {
  let added = 0;
  for (const demo of DEMO_ACCOUNTS) {
    const exists = await db.selectFrom('accounts').select('id').where('username', '=', demo.username).executeTakeFirst();
    if (exists) continue;
    const unit = await db.selectFrom('org_units').select('id').where('code', '=', demo.orgUnitCode).executeTakeFirstOrThrow();
    await db
      .insertInto('accounts')
      .values({
        username: demo.username,
        display_name: demo.displayName,
        role: demo.role,
        org_unit_id: unit.id,
        password_hash: hash,
        must_change_password: false,
        totp_secret: crypto.encrypt(DEMO_TOTP_SECRET),
        totp_enabled: true,
      })
      .execute();
    added += 1;
  }
  return added;
}
