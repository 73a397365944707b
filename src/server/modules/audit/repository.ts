import type { Kysely, SelectQueryBuilder } from 'kysely';
import type { AuditEventRow, DB } from '../../db/types';

export interface AuditFilter {
  from?: Date | undefined;
  to?: Date | undefined;
  username?: string | undefined;
  action?: string | undefined;
  result?: 'success' | 'failure' | undefined;
}

function filtered(db: Kysely<DB>, f: AuditFilter): SelectQueryBuilder<DB, 'audit_events', object> {
  let q = db.selectFrom('audit_events');
  if (f.from) q = q.where('occurred_at', '>=', f.from);
  if (f.to) q = q.where('occurred_at', '<=', f.to);
  if (f.username) q = q.where('actor_username', '=', f.username);
  if (f.action) q = q.where('action', '=', f.action);
  if (f.result) q = q.where('result', '=', f.result);
  return q;
}

export async function listAuditEvents(db: Kysely<DB>, f: AuditFilter, page: number, pageSize: number) {
  const base = filtered(db, f);
  const [{ total }, items] = await Promise.all([
    base.select((eb) => eb.fn.countAll<number>().as('total')).executeTakeFirstOrThrow(),
    base
      .selectAll()
      .orderBy('seq', 'desc')
      .limit(pageSize)
      .offset((page - 1) * pageSize)
      .execute(),
  ]);
  return { items, total: Number(total) };
}

/** Pages through matching events by seq (keyset), newest first, for streaming exports. */
export async function* iterateAuditEvents(db: Kysely<DB>, f: AuditFilter, chunk = 2000): AsyncGenerator<AuditEventRow[]> {
  let before: number | null = null;
  for (;;) {
    let q = filtered(db, f).selectAll();
    if (before !== null) q = q.where('seq', '<', before);
    const rows = await q.orderBy('seq', 'desc').limit(chunk).execute();
    if (rows.length) yield rows;
    if (rows.length < chunk) return;
    before = rows[rows.length - 1]?.seq ?? null;
  }
}

export async function distinctActions(db: Kysely<DB>): Promise<string[]> {
  const rows = await db.selectFrom('audit_events').select('action').distinct().orderBy('action').execute();
  return rows.map((r) => r.action);
}
