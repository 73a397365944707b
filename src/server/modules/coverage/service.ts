import { sql, type Kysely, type RawBuilder } from 'kysely';
import {
  addMonths,
  applicableTarget,
  coverageShare,
  monthRange,
  projectTargetMonth,
  segmentDefinitionSchema,
  type SegmentDefinition,
} from '../../../domain/coverage';
import { INDUSTRY_SECTIONS } from '../../../domain/enterprise';
import { recordAudit, type Actor } from '../../audit/audit-log';
import { scopeOf } from '../../auth/scope';
import type { SessionAccount } from '../../auth/session-store';
import type { Database } from '../../db/database';
import type { DB, OrgUnitRow } from '../../db/types';
import { AppError, conflict, notFound, stateError } from '../../errors';
import { segmentCondition } from './engine';
import { clock } from '../../clock';

export interface Segment {
  code: string;
  name: string;
  definition: SegmentDefinition;
  builtin: boolean;
}

export interface Target {
  year: number;
  segmentCode: string;
  share: number | null;
  newOfficers: number | null;
  note: string | null;
}

export interface SegmentCount {
  enterprises: number;
  covered: number;
  share: number;
}

export interface CoverageView {
  /** current year in China */
  year: number;
  section?: string | undefined;
  division?: string | undefined;
}

export const currentYear = (): number => Number(clock.today().slice(0, 4));
/** Targets of a past year are closed: that year's 考核 (policy 八) is recomputed against them and must read the same. */
function closedYear(year: number): void {
  if (year < currentYear()) throw stateError(`${String(year)} 年度已结束，目标不能再修改（往年考核按当年目标复现）`);
}
export const currentMonth = (): string => clock.today().slice(0, 7);

/** The industries a caller sees: a department only its own sections. */
function industryCondition(caller: SessionAccount, view: CoverageView, alias: string, withDivision: boolean): RawBuilder<boolean> {
  // a department with an industry scope: its industries only (true for everyone else)
  const parts: RawBuilder<boolean>[] = [scopeOf(caller).industry(alias)];
  if (view.section) parts.push(sql<boolean>`${sql.ref(`${alias}.industry_section`)} = ${view.section}`);
  if (withDivision && view.division) parts.push(sql<boolean>`${sql.ref(`${alias}.industry_division`)} = ${view.division}`);
  return sql<boolean>`(${sql.join(parts, sql` and `)})`;
}

/** `sum(...) filter (where segment)` columns, one pair per segment: e0, c0, e1, c1… */
function segmentSums(segments: readonly Segment[], year: number, alias: string, cols: { e: string; c: string }) {
  return sql.join(
    segments.map(
      (s, i) =>
        sql`coalesce(sum(${sql.ref(`${alias}.${cols.e}`)}) filter (where ${segmentCondition(s.definition, year, alias)}), 0)::int as ${sql.ref(`e${i}`)},
            coalesce(sum(${sql.ref(`${alias}.${cols.c}`)}) filter (where ${segmentCondition(s.definition, year, alias)}), 0)::int as ${sql.ref(`c${i}`)}`,
    ),
  );
}

function bySegment(segments: readonly Segment[], row: Record<string, unknown> | undefined): Record<string, SegmentCount> {
  const out: Record<string, SegmentCount> = {};
  segments.forEach((s, i) => {
    const enterprises = Number(row?.[`e${i}`] ?? 0);
    const covered = Number(row?.[`c${i}`] ?? 0);
    out[s.code] = { enterprises, covered, share: coverageShare(covered, enterprises) };
  });
  return out;
}

export class CoverageService {
  constructor(private readonly db: Database) {}

  /** The org unit asked for (default: the caller's own), or 404 when it lies outside the caller's region. */
  async unitInScope(db: Kysely<DB>, caller: SessionAccount, orgUnitId: number | undefined): Promise<OrgUnitRow> {
    const unit = await db
      .selectFrom('org_units')
      .selectAll()
      .where('id', '=', orgUnitId ?? caller.orgUnitId)
      .where(scopeOf(caller).subtree('path'))
      .executeTakeFirst();
    if (!unit) throw notFound('组织机构');
    return unit;
  }

  async segments(db: Kysely<DB> = this.db): Promise<Segment[]> {
    const rows = await db.selectFrom('coverage_segments').select(['code', 'name', 'definition', 'builtin']).orderBy('sort').orderBy('code').execute();
    return rows.map((r) => ({ code: r.code, name: r.name, definition: segmentDefinitionSchema.parse(r.definition), builtin: r.builtin }));
  }

  async targets(db: Kysely<DB> = this.db): Promise<Target[]> {
    const rows = await db.selectFrom('coverage_targets').selectAll().orderBy('year').orderBy('segment_code').execute();
    return rows.map((r) => ({ year: r.year, segmentCode: r.segment_code, share: r.share === null ? null : Number(r.share), newOfficers: r.new_officers, note: r.note }));
  }

  /**
   * Coverage of one unit's subtree per segment, with its target, pace and projection, and per child unit (the
   * dashboard ranks these for its top and bottom lists) and industry section.
   */
  async overview(caller: SessionAccount, orgUnitId: number | undefined, view: CoverageView) {
    const unit = await this.unitInScope(this.db, caller, orgUnitId);
    const [segments, targets] = await Promise.all([this.segments(), this.targets()]);
    const ind = industryCondition(caller, view, 'c', true);
    // section-level cells unless a division is asked for (about a quarter of the rows)
    const counts = sql.table(view.division ? 'coverage_counts' : 'coverage_section_counts');
    // independent reads, run side by side on the pool (PGlite serialises them)
    const [totalsRow, childRows, sectionRows, pace, breadcrumbs] = await Promise.all([
      sql<Record<string, unknown>>`
        select ${segmentSums(segments, view.year, 'c', { e: 'enterprises', c: 'covered' })}
        from ${counts} c where c.org_unit_id = ${unit.id} and ${ind}`.execute(this.db),
      sql<Record<string, unknown> & { id: number; name: string; kind: OrgUnitRow['kind']; code: string }>`
        select o.id, o.name, o.kind, o.code, ${segmentSums(segments, view.year, 'c', { e: 'enterprises', c: 'covered' })}
        from org_units o left join ${counts} c on c.org_unit_id = o.id and ${ind}
        where o.parent_id = ${unit.id}
        group by o.id, o.name, o.kind, o.code, o.sort order by o.sort, o.code`.execute(this.db),
      sql<Record<string, unknown> & { industry_section: string }>`
        select c.industry_section, ${segmentSums(segments, view.year, 'c', { e: 'enterprises', c: 'covered' })}
        from ${counts} c where c.org_unit_id = ${unit.id} and ${ind}
        group by c.industry_section order by c.industry_section`.execute(this.db),
      this.pace(unit.id, caller, view, segments),
      this.breadcrumbs(caller, unit),
    ]);
    const month = currentMonth();
    const totals = bySegment(segments, totalsRow.rows[0]);
    return {
      unit: { id: unit.id, name: unit.name, kind: unit.kind, code: unit.code, parentId: unit.parent_id },
      breadcrumbs,
      year: view.year,
      segments: segments.map((s) => {
        const t = totals[s.code] ?? { enterprises: 0, covered: 0, share: 0 };
        const target = applicableTarget(
          targets.filter((x) => x.segmentCode === s.code).map((x) => ({ year: x.year, share: x.share })),
          view.year,
        );
        const netPerMonth = pace.get(s.code) ?? 0;
        return {
          code: s.code,
          name: s.name,
          ...t,
          /** Where the denominator comes from, for the page to say it next to the share. */
          denominatorNote: `分母：企业名录中${unit.name}在营的${s.name}（${String(t.enterprises)} 家）${view.section || view.division ? '，限所选行业' : ''}`,
          target,
          netPerMonth: Math.round(netPerMonth * 10) / 10,
          projection: target ? projectTargetMonth({ covered: t.covered, enterprises: t.enterprises, target: target.share, netPerMonth, from: month }) : null,
        };
      }),
      children: childRows.rows.map((r) => ({ id: Number(r.id), name: r.name, kind: r.kind, code: r.code, segments: bySegment(segments, r) })),
      sections: sectionRows.rows.map((r) => ({
        section: r.industry_section,
        name: INDUSTRY_SECTIONS.find((s) => s.code === r.industry_section)?.name ?? r.industry_section,
        segments: bySegment(segments, r),
      })),
    };
  }

  /** Net newly covered enterprises per month over the last 12 months, per segment. */
  private async pace(unitId: number, caller: SessionAccount, view: CoverageView, segments: readonly Segment[]): Promise<Map<string, number>> {
    const since = `${addMonths(currentMonth(), -11)}-01`;
    const row = await sql<Record<string, unknown>>`
      select ${segmentSums(segments, view.year, 'm', { e: 'enterprises_delta', c: 'covered_delta' })}
      from coverage_monthly m where m.org_unit_id = ${unitId} and m.month >= ${since} and ${industryCondition(caller, { ...view, division: undefined }, 'm', false)}`.execute(this.db);
    const counts = bySegment(segments, row.rows[0]);
    return new Map(segments.map((s) => [s.code, (counts[s.code]?.covered ?? 0) / 12]));
  }

  private async breadcrumbs(caller: SessionAccount, unit: OrgUnitRow) {
    const codes = unit.path.split('.');
    const rows = await this.db
      .selectFrom('org_units')
      .select(['id', 'name', 'kind', 'depth'])
      .where('code', 'in', codes)
      .where(scopeOf(caller).subtree('path'))
      .orderBy('depth')
      .execute();
    return rows.map((r) => ({ id: r.id, name: r.name, kind: r.kind }));
  }

  /**
   * Month-end coverage for the last `months` months per segment, and enterprises newly covered per month:
   * each month's count is today's count minus the net changes booked in the months after it.
   */
  async trend(caller: SessionAccount, orgUnitId: number | undefined, view: CoverageView, months = 24) {
    const unit = await this.unitInScope(this.db, caller, orgUnitId);
    const [segments, targets] = await Promise.all([this.segments(), this.targets()]);
    const ind = industryCondition(caller, { ...view, division: undefined }, 'c', false);
    const now = currentMonth();
    const first = addMonths(now, -(months - 1));
    const totalsRow = await sql<Record<string, unknown>>`
      select ${segmentSums(segments, view.year, 'c', { e: 'enterprises', c: 'covered' })}
      from coverage_section_counts c where c.org_unit_id = ${unit.id} and ${ind}`.execute(this.db);
    const monthRows = await sql<Record<string, unknown> & { month: string }>`
      select to_char(c.month, 'YYYY-MM') as month, ${segmentSums(segments, view.year, 'c', { e: 'enterprises_delta', c: 'covered_delta' })},
             ${sql.join(segments.map((s, i) => sql`coalesce(sum(c.activated) filter (where ${segmentCondition(s.definition, view.year, 'c')}), 0)::int as ${sql.ref(`a${i}`)}`))}
      from coverage_monthly c where c.org_unit_id = ${unit.id} and c.month > ${`${first}-01`}::date and ${ind}
      group by c.month`.execute(this.db);
    const byMonth = new Map(monthRows.rows.map((r) => [r.month, r]));
    const list = monthRange(first, now);
    const totals = bySegment(segments, totalsRow.rows[0]);
    const series = segments.map((s, i) => {
      let e = totals[s.code]?.enterprises ?? 0;
      let c = totals[s.code]?.covered ?? 0;
      const points: { month: string; enterprises: number; covered: number; share: number; activated: number }[] = [];
      for (const m of [...list].reverse()) {
        const r = byMonth.get(m);
        points.push({ month: m, enterprises: e, covered: c, share: coverageShare(c, e), activated: Number(r?.[`a${i}`] ?? 0) });
        e -= Number(r?.[`e${i}`] ?? 0);
        c -= Number(r?.[`c${i}`] ?? 0);
      }
      points.reverse();
      return { code: s.code, name: s.name, target: applicableTarget(targets.filter((t) => t.segmentCode === s.code).map((t) => ({ year: t.year, share: t.share })), view.year), points };
    });
    return { unit: { id: unit.id, name: unit.name }, months: list, series, newOfficers: await this.newOfficers(unit, caller, view, targets, segments) };
  }

  /**
   * New CQOs (enterprises newly covered) at 规上 enterprises this year against the yearly target (~5,000 for
   * the province), pro-rated to the unit by its share of the province's 规上 enterprises.
   */
  private async newOfficers(unit: OrgUnitRow, caller: SessionAccount, view: CoverageView, targets: readonly Target[], segments: readonly Segment[]) {
    const above = segments.find((s) => s.code === 'aboveScale');
    const yearlyRow = targets.find((t) => t.year === view.year && t.segmentCode === 'aboveScale');
    const yearly = yearlyRow?.newOfficers ?? null;
    if (!above) return null;
    const cond = segmentCondition(above.definition, view.year, 'c');
    const ind = industryCondition(caller, { ...view, division: undefined }, 'c', false);
    const unitRow = await sql<{ a: number; e: number }>`
      select coalesce(sum(c.activated), 0)::int as a, 0 as e from coverage_monthly c
      where c.org_unit_id = ${unit.id} and c.month between ${`${view.year}-01-01`}::date and ${`${view.year}-12-01`}::date and ${cond} and ${ind}`.execute(this.db);
    const share = await sql<{ unit: number; province: number }>`
      select coalesce(sum(c.enterprises) filter (where c.org_unit_id = ${unit.id}), 0)::int as unit,
             coalesce(sum(c.enterprises) filter (where c.org_unit_id = (select id from org_units where depth = 0 order by id limit 1)), 0)::int as province
      from coverage_section_counts c where ${cond} and c.org_unit_id in (${unit.id}, (select id from org_units where depth = 0 order by id limit 1))`.execute(this.db);
    const s = share.rows[0];
    const target = yearly === null || !s || s.province === 0 ? null : Math.round((yearly * s.unit) / s.province);
    return {
      year: view.year,
      provinceTarget: yearly,
      target,
      actual: unitRow.rows[0]?.a ?? 0,
      /** the target's own note, and what it was pro-rated by */
      targetNote: yearlyRow?.note ?? null,
      basis: s ? `分母：企业名录中在营的规上企业，${unit.name} ${String(s.unit)} 家 / 全省 ${String(s.province)} 家` : null,
    };
  }

  // ---- targets and segments (province) ----

  async setTarget(actor: Actor, accountId: number, input: { year: number; segmentCode: string; share: number | null; newOfficers: number | null; note?: string | null | undefined }) {
    if (input.share === null && input.newOfficers === null) throw new AppError(400, 'VALIDATION', '请填写目标覆盖率或年度新增人数', [{ path: 'share', message: '请填写目标覆盖率或年度新增人数' }]);
    closedYear(input.year);
    await this.db.transaction().execute(async (trx) => {
      const segment = await trx.selectFrom('coverage_segments').select('code').where('code', '=', input.segmentCode).executeTakeFirst();
      if (!segment) throw notFound('企业类别');
      const values = { share: input.share, new_officers: input.newOfficers, note: input.note, updated_by: accountId, updated_at: clock.now() };
      await trx
        .insertInto('coverage_targets')
        .values({ year: input.year, segment_code: input.segmentCode, ...values })
        .onConflict((oc) => oc.columns(['year', 'segment_code']).doUpdateSet(values))
        .execute();
      await recordAudit(trx, actor, { action: 'coverage.target.set', targetType: 'coverage_target', targetId: `${input.year}:${input.segmentCode}`, details: { share: input.share, newOfficers: input.newOfficers } });
    });
  }

  async deleteTarget(actor: Actor, year: number, segmentCode: string) {
    closedYear(year);
    await this.db.transaction().execute(async (trx) => {
      const res = await trx.deleteFrom('coverage_targets').where('year', '=', year).where('segment_code', '=', segmentCode).executeTakeFirst();
      if (Number(res.numDeletedRows) === 0) throw notFound('目标');
      await recordAudit(trx, actor, { action: 'coverage.target.delete', targetType: 'coverage_target', targetId: `${year}:${segmentCode}` });
    });
  }

  async createSegment(actor: Actor, accountId: number, input: { code: string; name: string; definition: SegmentDefinition }) {
    await this.db.transaction().execute(async (trx) => {
      const exists = await trx.selectFrom('coverage_segments').select('code').where('code', '=', input.code).executeTakeFirst();
      if (exists) throw conflict('该类别代码已存在', [{ path: 'code', message: '该类别代码已存在' }]);
      await trx
        .insertInto('coverage_segments')
        .values({ code: input.code, name: input.name, definition: JSON.stringify(input.definition), created_by: accountId })
        .execute();
      await recordAudit(trx, actor, { action: 'coverage.segment.create', targetType: 'coverage_segment', targetId: input.code, details: { name: input.name, definition: input.definition } });
    });
  }

  async deleteSegment(actor: Actor, code: string) {
    await this.db.transaction().execute(async (trx) => {
      const row = await trx.selectFrom('coverage_segments').select(['code', 'builtin']).where('code', '=', code).forUpdate().executeTakeFirst();
      if (!row) throw notFound('企业类别');
      if (row.builtin) throw new AppError(409, 'STATE', '规上企业、中小微企业是政策规定的类别，不能删除');
      await trx.deleteFrom('coverage_segments').where('code', '=', code).execute();
      await recordAudit(trx, actor, { action: 'coverage.segment.delete', targetType: 'coverage_segment', targetId: code });
    });
  }
}
