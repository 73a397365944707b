import type { Kysely } from 'kysely';
import type { SessionAccount } from '../../auth/session-store';
import { scopeOf, withinUnit } from '../../auth/scope';
import type { DB } from '../../db/types';
import type { Role } from '../../../domain/permissions';

export interface AccountFilter {
  q?: string | undefined;
  role?: string | undefined;
  status?: 'active' | 'disabled' | undefined;
  orgUnitId?: number | undefined;
}

/** The columns of an account as the API sends it; `accounts.role` holds a `Role` (checked by the table). */
const listColumns = [
  'a.id',
  'a.username',
  'a.display_name as displayName',
  'a.role',
  'a.phone',
  'a.status',
  'a.totp_enabled as totpEnabled',
  'a.must_change_password as mustChangePassword',
  'a.locked_until as lockedUntil',
  'a.last_login_at as lastLoginAt',
  'a.created_at as createdAt',
  'a.industry_scope as industrySections',
  'o.id as orgUnitId',
  'o.name as orgUnitName',
  'o.path as orgUnitPath',
] as const;

function scoped(db: Kysely<DB>, caller: SessionAccount) {
  return db.selectFrom('accounts as a').innerJoin('org_units as o', 'o.id', 'a.org_unit_id').where(scopeOf(caller).administered('a.org_unit_id'));
}

export async function listAccounts(db: Kysely<DB>, caller: SessionAccount, filter: AccountFilter, page: number, pageSize: number) {
  let query = scoped(db, caller);
  if (filter.q) {
    const like = `%${filter.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    query = query.where((eb) => eb.or([eb('a.username', 'ilike', like), eb('a.display_name', 'ilike', like)]));
  }
  if (filter.role) query = query.where('a.role', '=', filter.role);
  if (filter.status) query = query.where('a.status', '=', filter.status);
  if (filter.orgUnitId) {
    const unit = filter.orgUnitId;
    query = query.where(withinUnit('o.path', unit));
  }
  const [{ total }, items] = await Promise.all([
    query.select((eb) => eb.fn.countAll<number>().as('total')).executeTakeFirstOrThrow(),
    query
      .select(listColumns)
      .$narrowType<{ role: Role }>()
      .orderBy('o.path')
      .orderBy('a.username')
      .limit(pageSize)
      .offset((page - 1) * pageSize)
      .execute(),
  ]);
  return { items, total: Number(total) };
}

export function findAccountInScope(db: Kysely<DB>, caller: SessionAccount, id: number) {
  return scoped(db, caller).select(listColumns).$narrowType<{ role: Role }>().where('a.id', '=', id).executeTakeFirst();
}
