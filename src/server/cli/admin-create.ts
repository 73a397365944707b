/**
 * `npm run admin:create -- --username <name> --name <display name> [--role system_admin|security_admin|audit_admin]`
 * Creates a 三员 account at the province unit (the only way to create one: the web cannot). Prints a one-time
 * password; the account must change it and enrol TOTP at first login. Meant for the first system administrator
 * of a production installation.
 */
import { parseArgs } from 'node:util';
import { recordAudit } from '../audit/audit-log';
import { openAndPrepare } from '../bootstrap';
import { loadConfig } from '../config';
import { hashPassword } from '../crypto/index';
import { SEPARATED_ADMIN_ROLES, type Role } from '../../domain/permissions';
import { temporaryPassword } from '../modules/accounts/service';

const { values } = parseArgs({
  options: { username: { type: 'string' }, name: { type: 'string' }, role: { type: 'string', default: 'system_admin' } },
});
const username = values.username?.trim() ?? '';
const role = values.role as Role;
if (!/^[A-Za-z][A-Za-z0-9_.-]{2,31}$/.test(username) || !SEPARATED_ADMIN_ROLES.includes(role)) {
  console.error('用法：npm run admin:create -- --username <用户名> [--name <姓名>] [--role system_admin|security_admin|audit_admin]');
  process.exit(1);
}

const opened = await openAndPrepare(loadConfig());
try {
  const password = temporaryPassword();
  const hash = await hashPassword(password);
  await opened.db.transaction().execute(async (trx) => {
    const exists = await trx
      .selectFrom('accounts')
      .select('id')
      .where((eb) => eb(eb.fn('lower', ['username']), '=', username.toLowerCase()))
      .executeTakeFirst();
    if (exists) throw new Error(`用户名 ${username} 已存在`);
    const province = await trx.selectFrom('org_units').select('id').where('kind', '=', 'province').executeTakeFirstOrThrow();
    const row = await trx
      .insertInto('accounts')
      .values({ username, display_name: values.name ?? username, role, org_unit_id: province.id, password_hash: hash, must_change_password: true })
      .returning('id')
      .executeTakeFirstOrThrow();
    await recordAudit(
      trx,
      { accountId: null, username: 'cli', role: null, ip: null },
      { action: 'account.create', targetType: 'account', targetId: row.id, details: { username, role, via: 'admin:create' } },
    );
  });
  console.log(`已创建账户 ${username}（${role}）。一次性初始密码：${password}`);
  console.log('首次登录须修改密码并绑定动态验证码。');
} catch (err) {
  console.error(err instanceof Error ? err.message : String(err));
  process.exitCode = 1;
} finally {
  await opened.close();
}
