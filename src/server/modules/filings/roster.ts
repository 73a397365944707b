import { sql } from 'kysely';
import { z } from 'zod';
import type { rosterRowSchema } from '../../../contract/filing-register';
import { annualTargetHours, minutesToStudyHours } from '../../../domain/study-hours';
import type { TrainingTier } from '../../../domain/training';
import { scopeOf, withinUnit } from '../../auth/scope';
import type { SessionAccount } from '../../auth/session-store';
import { clock } from '../../clock';
import type { CryptoService } from '../../crypto/index';
import type { Database } from '../../db/database';
import type { SettingsService } from '../settings/service';
import { withIdNumberHash } from './register';

/**
 * 首席质量官名册: the officers of the active filings the caller sees (bureaus their region, departments their
 * industries too), with their enterprise, appointment and filing dates, the highest training tier they hold a valid
 * certificate of, this year's study hours against the target and warnings in force.
 */
export const rosterFilterSchema = z.object({
  q: z.string().trim().max(60, { error: '关键词不超过 60 个字' }).optional().meta({ title: '关键词' }),
  orgUnitId: z.coerce.number().int().positive({ error: '主管单位不正确' }).optional().meta({ title: '所属单位' }),
  tier: z.enum(['none', 'basic', 'enhanced', 'advanced'], { error: '培训层级不正确' }).optional().meta({ title: '培训等级' }),
  behind: z
    .enum(['true', 'false'], { error: '学时筛选不正确' })
    .transform((v) => v === 'true')
    .optional()
    .meta({ title: '学时进度' }),
});
type RosterFilter = z.infer<typeof rosterFilterSchema>;
type RosterQueryFilter = RosterFilter & { idNumberHash?: string | undefined };

export type RosterRow = z.infer<typeof rosterRowSchema>;

const TIER_RANK = sql`case ct.payload->>'tier' when 'advanced' then 3 when 'enhanced' then 2 when 'basic' then 1 else 0 end`;

function rosterQuery(db: Database, caller: SessionAccount, f: RosterQueryFilter, year: number) {
  const inner = db
    .selectFrom('filings as f')
    .innerJoin('enterprises as e', 'e.id', 'f.enterprise_id')
    .innerJoin('persons as p', 'p.id', 'f.person_id')
    .innerJoin('org_units as o', 'o.id', 'f.org_unit_id')
    .where('f.status', '=', 'active')
    .where(scopeOf(caller).enterprise('e'))
    .select([
      'f.id as filingId',
      'p.id as personId',
      'p.name as personName',
      'p.id_number_masked as idNumberMasked',
      'p.id_number_hash as idNumberHash',
      'e.id as enterpriseId',
      'e.name as enterpriseName',
      'e.uscc',
      'o.name as orgUnitName',
      'o.path as orgUnitPath',
      'f.appointment_date as appointmentDate',
      'f.decided_at as filedAt',
      sql<TrainingTier | null>`(select ct.payload->>'tier' from certificates ct where ct.person_id = p.id and ct.kind = 'training_certificate' and ct.status = 'valid'
        and (ct.expires_at is null or ct.expires_at > ${clock.now()}) order by ${TIER_RANK} desc limit 1)`.as('tier'),
      sql<number>`coalesce((select sum(l.minutes) from study_ledger_entries l where l.person_id = p.id and l.year = ${year} and l.status = 'credited' and l.online), 0)::int`.as(
        'studyMinutes',
      ),
      sql<number>`(select count(*) from sanctions s where s.person_id = p.id and s.kind = 'warning' and s.status = 'in_force')::int`.as('warnings'),
    ]);
  return db.selectFrom(inner.as('r')).where((eb) => {
    const and = [];
    if (f.orgUnitId) and.push(withinUnit('r.orgUnitPath', f.orgUnitId));
    if (f.tier === 'none') and.push(eb('r.tier', 'is', null));
    else if (f.tier) and.push(eb('r.tier', '=', f.tier));
    if (f.idNumberHash) and.push(eb('r.idNumberHash', '=', f.idNumberHash));
    else if (f.q) {
      const like = `%${f.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
      and.push(eb.or([eb('r.personName', 'like', like), eb('r.enterpriseName', 'like', like), eb('r.uscc', 'like', like.toUpperCase())]));
    }
    return eb.and(and);
  });
}

/** The roster's list and export; a keyword that is a whole valid ID number is looked up by its keyed hash. */
export class RosterService {
  constructor(
    private readonly db: Database,
    private readonly settings: SettingsService,
    private readonly crypto: CryptoService,
  ) {}

  private async target(year: number) {
    const s = await this.settings.studySettings();
    return { targetHours: annualTargetHours(s, year), minutesPerHour: s.minutesPerHour };
  }

  private async query(caller: SessionAccount, filter: RosterFilter) {
    const year = clock.year();
    const { targetHours, minutesPerHour } = await this.target(year);
    const f = withIdNumberHash(filter, this.crypto);
    let q = rosterQuery(this.db, caller, f, year);
    if (f.behind) q = q.where('r.studyMinutes', '<', targetHours * minutesPerHour);
    const shape = (r: Omit<RosterRow, 'studyHours' | 'targetHours'> & { idNumberHash?: string; orgUnitPath?: string }): RosterRow => {
      const { idNumberHash: _h, orgUnitPath: _p, ...rest } = r;
      return { ...rest, studyHours: minutesToStudyHours(r.studyMinutes, minutesPerHour), targetHours };
    };
    return { q, shape, year };
  }

  async list(caller: SessionAccount, f: RosterFilter, page: number, pageSize: number) {
    const { q, shape, year } = await this.query(caller, f);
    const [{ total }, rows] = await Promise.all([
      q.select((eb) => eb.fn.countAll<number>().as('total')).executeTakeFirstOrThrow(),
      q
        .selectAll()
        .orderBy('r.orgUnitName')
        .orderBy('r.enterpriseName')
        .orderBy('r.filingId')
        .limit(pageSize)
        .offset((page - 1) * pageSize)
        .execute(),
    ]);
    return { items: rows.map(shape), total: Number(total), year };
  }

  async *exportRows(caller: SessionAccount, f: RosterFilter) {
    const { q, shape } = await this.query(caller, f);
    let after = 0;
    for (;;) {
      const rows = await q.selectAll().where('r.filingId', '>', after).orderBy('r.filingId').limit(500).execute();
      if (rows.length === 0) return;
      yield rows.map(shape);
      after = rows[rows.length - 1]?.filingId ?? after;
      if (rows.length < 500) return;
    }
  }
}
