import { sql, type Kysely } from 'kysely';
import type { DB } from '../db/types';

/**
 * What the database role the application is connected as could do to the audit table beyond INSERT and SELECT:
 * `update`, `delete`, `truncate`, or `owner` (an owner can disable the append-only trigger). Empty for a member of
 * `cqo_app` (migration 0025, docs/OPERATIONS.md). PostgreSQL only; an embedded PGlite has one all-powerful user.
 */
export async function auditTableOverreach(db: Kysely<DB>): Promise<string[]> {
  const { rows } = await sql<{ update: boolean; delete: boolean; truncate: boolean; owner: boolean }>`
    select has_table_privilege('audit_events', 'UPDATE') as update,
           has_table_privilege('audit_events', 'DELETE') as delete,
           has_table_privilege('audit_events', 'TRUNCATE') as truncate,
           pg_has_role((select relowner from pg_class where oid = 'audit_events'::regclass), 'USAGE') as owner`.execute(db);
  const row = rows[0];
  return row ? (['update', 'delete', 'truncate', 'owner'] as const).filter((k) => row[k]) : [];
}
