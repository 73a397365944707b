import { sql, type RawBuilder } from 'kysely';

/**
 * The waiting-list rank of a person (`enrolmentPriority` in src/domain/training.ts, policy 四), computed when it is
 * used, so an appointment filed or ended after enrolling counts: 0 = an active filing at a 规上 enterprise,
 * 1 = another active filing, 2 = no filed appointment.
 */
export function priorityRank(personId: RawBuilder<unknown>): RawBuilder<number> {
  return sql<number>`(case
    when exists (select 1 from filings pf join enterprises pe on pe.id = pf.enterprise_id where pf.person_id = ${personId} and pf.status = 'active' and pe.above_scale) then 0
    when exists (select 1 from filings pf where pf.person_id = ${personId} and pf.status = 'active') then 1
    else 2 end)`;
}
