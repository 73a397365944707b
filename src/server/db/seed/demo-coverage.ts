import { clock } from '../../clock';
import { sql, type Kysely } from 'kysely';
import { rebuildSummaries } from '../../modules/coverage/engine';
import type { DB } from '../types';

/**
 * Demo history for the coverage dashboard: the demo filings were all decided "now", so their approvals are
 * spread over the past 30 months (deterministically by id) and the summaries rebuilt, giving a monthly trend
 * and a pace to project from. Runs only when the demo filings were just created.
 */
export async function seedDemoCoverageHistory(trx: Kysely<DB>): Promise<void> {
  const now = clock.now();
  await sql`
    update filings set decided_at = ${now}::timestamptz - ((20 + (id * 37) % 900) || ' days')::interval,
                       appointment_date = (${now}::timestamptz - ((25 + (id * 37) % 900) || ' days')::interval)::date
    where status in ('active', 'ended')`.execute(trx);
  // ended appointments end some months after they began, not all today
  await sql`
    update filings set ended_at = least(decided_at::date + (30 + (id * 13) % 300)::int, (${now}::timestamptz at time zone 'Asia/Shanghai')::date - 1)
    where status = 'ended'`.execute(trx);
  await rebuildSummaries(trx);
}
