import { clock } from '../clock';
import type { Kysely } from 'kysely';
import { rebuildSummaries } from '../modules/coverage/engine';
import type { DB } from '../db/types';

/** Share of the demo roster's 规上 enterprises that gain a CQO each year (the policy's ~5,000 a year, at demo scale). */
const DEMO_NEW_OFFICER_RATE = 0.2;

/**
 * Demo history for the coverage dashboard: the demo filings carry their approval dates (spread over the past
 * 30 months by `seedDemoFilings`), so the summaries and the monthly trend are rebuilt from them. The policy's
 * yearly target of new 规上 CQOs (~5,000 for the whole province) is far larger than the demo roster; the demo
 * years get a target at the roster's scale, with a note saying how it was derived. Runs only when the demo
 * filings were just created.
 */
export async function seedDemoCoverageHistory(trx: Kysely<DB>): Promise<void> {
  await rebuildSummaries(trx);
  const { n } = await trx
    .selectFrom('enterprises')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('status', '=', 'operating')
    .where('above_scale', '=', true)
    .executeTakeFirstOrThrow();
  const aboveScale = Number(n);
  const target = Math.max(1, Math.round(aboveScale * DEMO_NEW_OFFICER_RATE));
  const year = clock.year();
  for (const y of [year - 2, year - 1, year]) {
    const note = `演示数据：按演示名录中规上企业 ${String(aboveScale)} 家的 ${String(DEMO_NEW_OFFICER_RATE * 100)}% 折算（政策目标为全省每年新增 5000 名左右）`;
    await trx
      .insertInto('coverage_targets')
      .values({ year: y, segment_code: 'aboveScale', share: null, new_officers: target, note })
      .onConflict((oc) => oc.columns(['year', 'segment_code']).doUpdateSet({ new_officers: target, note }))
      .execute();
  }
}
