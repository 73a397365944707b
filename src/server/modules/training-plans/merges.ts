import { maySetCountyMerges } from '../../../domain/abilities';
import { sql } from 'kysely';
import { recordAudit, type Actor } from '../../audit/audit-log';
import { scopeOf } from '../../auth/scope';
import type { SessionAccount } from '../../auth/session-store';
import type { Database } from '../../db/database';
import { forbidden, invalid, notFound } from '../../errors';
import { Notifier } from '../notifications/notifier';
import { assertRegionReader } from './access';
import { bureauAccounts } from './plans';
import { clock } from '../../clock';

/**
 * 合并至市级, set per county by its city or the province. While set, the city delivers the county's 基础 tier
 * (and files the 基础 plan that covers it) and reviews filings of enterprises in the county (see
 * src/domain/training-delegation.ts). Every change is audited with the value before and after.
 */
export class CountyMergeService {
  constructor(
    private readonly db: Database,
    private readonly notifier = new Notifier(),
  ) {}

  /** Counties in the caller's region with their setting. */
  async list(caller: SessionAccount, filter: { cityId?: number | undefined; merged?: boolean | undefined }) {
    assertRegionReader(caller);
    let q = this.db
      .selectFrom('org_units as o')
      .innerJoin('org_units as c', 'c.id', 'o.parent_id')
      .leftJoin('county_training_settings as s', 's.org_unit_id', 'o.id')
      .leftJoin('accounts as a', 'a.id', 's.updated_by')
      .select([
        'o.id as orgUnitId',
        'o.name as orgUnitName',
        'o.code as orgUnitCode',
        'c.name as cityName',
        sql<boolean>`coalesce(s.merged_into_city, false)`.as('mergedIntoCity'),
        's.note',
        's.updated_at as updatedAt',
        'a.display_name as updatedByName',
      ])
      .where('o.kind', '=', 'county')
      .where(scopeOf(caller).region('o.id'));
    if (filter.cityId) q = q.where('o.parent_id', '=', filter.cityId);
    if (filter.merged !== undefined) q = q.where(sql<boolean>`coalesce(s.merged_into_city, false) = ${filter.merged}`);
    const rows = await q.orderBy('o.path').execute();
    return rows.map((r) => ({
      ...r,
      orgUnitId: Number(r.orgUnitId),
      note: r.note ?? null,
      updatedAt: r.updatedAt ?? null,
      updatedByName: r.updatedByName ?? null,
    }));
  }

  /** Sets or clears the flag: the county's city or the province only. */
  async set(caller: SessionAccount, actor: Actor, countyId: number, input: { mergedIntoCity: boolean; note: string | null }) {
    if (!maySetCountyMerges(caller.role)) throw forbidden('只有设区市或省市场监管部门可以设置合并至市级');
    await this.db.transaction().execute(async (trx) => {
      const county = await trx
        .selectFrom('org_units as o')
        .leftJoin('county_training_settings as s', 's.org_unit_id', 'o.id')
        .select(['o.id', 'o.kind', 'o.name', 's.merged_into_city'])
        .where('o.id', '=', countyId)
        .where(scopeOf(caller).region('o.id'))
        .executeTakeFirst();
      if (!county) throw notFound('县（市、区）');
      if (county.kind !== 'county') throw invalid('orgUnitId', '只有县（市、区）可以合并至市级');
      const before = county.merged_into_city === true;
      await trx
        .insertInto('county_training_settings')
        .values({ org_unit_id: countyId, merged_into_city: input.mergedIntoCity, note: input.note, updated_by: caller.accountId, updated_at: clock.now() })
        .onConflict((oc) =>
          oc
            .column('org_unit_id')
            .doUpdateSet({ merged_into_city: input.mergedIntoCity, note: input.note, updated_by: caller.accountId, updated_at: clock.now() }),
        )
        .execute();
      await recordAudit(trx, actor, {
        action: input.mergedIntoCity ? 'county_training.merge' : 'county_training.unmerge',
        targetType: 'org_unit',
        targetId: countyId,
        details: { before, after: input.mergedIntoCity, note: input.note },
      });
      if (before !== input.mergedIntoCity) {
        await this.notifier.notify(trx, await bureauAccounts(trx, countyId), {
          kind: 'county_training.merge',
          title: input.mergedIntoCity ? '本县（市、区）基础培训与备案审核已合并至市级' : '本县（市、区）已恢复自行组织基础培训和审核备案',
          body: input.mergedIntoCity
            ? `${caller.orgUnitName}将${county.name}设为合并至市级：基础培训由市局组织并编制计划，企业聘任备案由市局审核。${input.note ? `说明：${input.note}` : ''}`
            : `${caller.orgUnitName}取消了${county.name}的合并至市级设置：基础培训计划与聘任备案审核恢复由本局办理。${input.note ? `说明：${input.note}` : ''}`,
          link: '/training-plans',
        });
      }
    });
    const [row] = (await this.list(caller, {})).filter((r) => r.orgUnitId === countyId);
    if (!row) throw notFound('县（市、区）');
    return row;
  }
}
