import { sql, type Kysely } from 'kysely';
import { FILING_END_KINDS } from '../../../domain/filing-input';
import { codeAtOrAbove } from '../../auth/scope';
import type { DB } from '../../db/types';
import { Notifier } from './notifier';

/** Active county and city bureau accounts on the path of an org unit (the unit itself if a county, and its city). */
export async function countyAndCityBureaus(trx: Kysely<DB>, orgUnitId: number): Promise<number[]> {
  const rows = await sql<{ id: number }>`
    select a.id from accounts a join org_units o on o.id = a.org_unit_id
    where a.status = 'active' and a.role in ('county_admin', 'city_admin') and o.kind in ('county', 'city')
      and ${codeAtOrAbove('o.code', orgUnitId)}`.execute(trx);
  return rows.rows.map((r) => r.id);
}

/**
 * Tells the county and city bureaus of a filing's unit that its CQO left office (dismissal, resignation, exit,
 * blacklisting, supersession), inside the transaction that ended the filing, so a drop in coverage is noticed.
 */
export async function notifyOfficerLeft(
  trx: Kysely<DB>,
  filingId: number,
  kind: keyof typeof FILING_END_KINDS,
  date: string,
  notifier = new Notifier(),
): Promise<void> {
  const f = await trx
    .selectFrom('filings as f')
    .innerJoin('enterprises as e', 'e.id', 'f.enterprise_id')
    .innerJoin('persons as p', 'p.id', 'f.person_id')
    .select(['f.org_unit_id', 'e.name as enterprise', 'p.name as person'])
    .where('f.id', '=', filingId)
    .executeTakeFirstOrThrow();
  const replaced = kind === 'superseded';
  await notifier.notify(trx, await countyAndCityBureaus(trx, f.org_unit_id), {
    kind: `filing.officer_left.${kind}`,
    title: replaced ? `首席质量官更替：${f.enterprise}` : `首席质量官离任：${f.enterprise}`,
    body: replaced
      ? `${f.enterprise}的首席质量官${f.person}因新任首席质量官备案生效于 ${date} 离任。`
      : `${f.enterprise}的首席质量官${f.person}已于 ${date} ${FILING_END_KINDS[kind]}，该企业目前没有在任首席质量官，已计入未覆盖企业。`,
    link: `/filings/${filingId}`,
  });
}
