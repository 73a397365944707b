import type { Kysely } from 'kysely';
import { DUTY_CLAUSES, DUTY_KINDS, type DutyKindKey } from '../../../domain/supervision';
import { scopeOf } from '../../auth/scope';
import type { SessionAccount } from '../../auth/session-store';
import type { DB } from '../../db/types';

const KINDS = Object.keys(DUTY_KINDS) as DutyKindKey[];

/** Duty records of a year by the five duties of policy §三 (三.1–三.5), per org unit in the caller's region, with totals. */
export async function dutyStatistics(db: Kysely<DB>, caller: SessionAccount, year: number) {
  const rows = await db
    .selectFrom('duty_records as d')
    .innerJoin('org_units as o', 'o.id', 'd.org_unit_id')
    .select(['o.id', 'o.name', 'o.code', 'd.kind', (eb) => eb.fn.countAll<number>().as('n')])
    .where(scopeOf(caller).region('d.org_unit_id'))
    .where('d.occurred_on', '>=', `${year}-01-01`)
    .where('d.occurred_on', '<=', `${year}-12-31`)
    .groupBy(['o.id', 'o.name', 'o.code', 'd.kind'])
    .orderBy('o.code')
    .execute();
  const units = new Map<number, { orgUnitId: number; orgUnitName: string; counts: Record<DutyKindKey, number>; total: number }>();
  const zero = () => Object.fromEntries(KINDS.map((k) => [k, 0])) as Record<DutyKindKey, number>;
  const totals = { counts: zero(), total: 0 };
  for (const r of rows) {
    const u = units.get(r.id) ?? { orgUnitId: r.id, orgUnitName: r.name, counts: zero(), total: 0 };
    const n = Number(r.n);
    u.counts[r.kind] += n;
    u.total += n;
    totals.counts[r.kind] += n;
    totals.total += n;
    units.set(r.id, u);
  }
  return { year, categories: KINDS.map((kind) => ({ kind, clause: DUTY_CLAUSES[kind].clause, label: DUTY_KINDS[kind] })), rows: [...units.values()], totals };
}
