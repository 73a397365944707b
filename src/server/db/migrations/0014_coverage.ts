import { sql, type Kysely } from 'kysely';

/**
 * Coverage (覆盖率) against the policy's targets: segments and targets as data, and two summary tables kept
 * by statement-level triggers on `enterprises` (see docs/ARCHITECTURE.md, "Coverage"):
 * - coverage_counts: per org unit (each enterprise counted at its own unit AND every unit above it) and cell
 *   (industry division, 规上 year, scale, ownership): enterprises counted and those with an active CQO;
 * - coverage_section_counts: the same without the division (industry section only), read by the dashboard;
 * - coverage_monthly: per org unit, month and cell (industry section instead of division): the net change of
 *   both counts in that month and the enterprises newly covered, so any month's coverage is a subtraction.
 */

/** The per-row facts of the transition table `rows`, signed by `sign`, for counted (operating, confirmed) enterprises. */
const facts = (rows: string, sign: '1' | '-1') => `
  select org_unit_id, industry_division, industry_section,
         (case when above_scale then coalesce(above_scale_year, 0) else 0 end)::smallint as above_scale_year,
         scale, ownership, ${sign} as enterprises, (case when has_active_officer then ${sign} else 0 end) as covered, 0 as activated
  from ${rows} where status = 'operating' and roster_status = 'confirmed'`;

/** Enterprises that gained an active CQO in this statement (an approval), counted at their new cell. */
const activations = `
  select n.org_unit_id, n.industry_division, n.industry_section,
         (case when n.above_scale then coalesce(n.above_scale_year, 0) else 0 end)::smallint,
         n.scale, n.ownership, 0, 0, 1
  from new_rows n join old_rows o on o.id = n.id
  where n.has_active_officer and not o.has_active_officer and n.status = 'operating' and n.roster_status = 'confirmed'`;

/** Applies the deltas in `source` (a query of facts) to both summaries, at the unit and all its ancestors. */
const apply = (source: string) => `
  with d as (${source}),
  g as (
    select org_unit_id, industry_division, industry_section, above_scale_year, scale, ownership,
           sum(enterprises)::int as enterprises, sum(covered)::int as covered, sum(activated)::int as activated
    from d group by 1, 2, 3, 4, 5, 6
  ),
  a as (
    select anc.id as org_unit_id, g.industry_division, g.industry_section, g.above_scale_year, g.scale, g.ownership,
           g.enterprises, g.covered, g.activated
    from g join org_units u on u.id = g.org_unit_id join org_units anc on (u.path = anc.path or u.path like anc.path || '.%')
  ),
  counts as (
    insert into coverage_counts as c (org_unit_id, industry_division, industry_section, above_scale_year, scale, ownership, enterprises, covered)
    select org_unit_id, industry_division, min(industry_section), above_scale_year, scale, ownership, sum(enterprises), sum(covered)
    from a group by org_unit_id, industry_division, above_scale_year, scale, ownership
    having sum(enterprises) <> 0 or sum(covered) <> 0
    order by org_unit_id, industry_division, above_scale_year, scale, ownership
    on conflict (org_unit_id, industry_division, above_scale_year, scale, ownership)
    do update set enterprises = c.enterprises + excluded.enterprises, covered = c.covered + excluded.covered
    returning 1
  ),
  sections as (
    insert into coverage_section_counts as s (org_unit_id, industry_section, above_scale_year, scale, ownership, enterprises, covered)
    select org_unit_id, industry_section, above_scale_year, scale, ownership, sum(enterprises), sum(covered)
    from a group by org_unit_id, industry_section, above_scale_year, scale, ownership
    having sum(enterprises) <> 0 or sum(covered) <> 0
    order by org_unit_id, industry_section, above_scale_year, scale, ownership
    on conflict (org_unit_id, industry_section, above_scale_year, scale, ownership)
    do update set enterprises = s.enterprises + excluded.enterprises, covered = s.covered + excluded.covered
    returning 1
  )
  insert into coverage_monthly as m (org_unit_id, month, industry_section, above_scale_year, scale, ownership, enterprises_delta, covered_delta, activated)
  select org_unit_id, date_trunc('month', now() at time zone 'Asia/Shanghai')::date, industry_section, above_scale_year, scale, ownership,
         sum(enterprises), sum(covered), sum(activated)
  from a group by org_unit_id, industry_section, above_scale_year, scale, ownership
  having sum(enterprises) <> 0 or sum(covered) <> 0 or sum(activated) <> 0
  order by org_unit_id, industry_section, above_scale_year, scale, ownership
  on conflict (org_unit_id, month, industry_section, above_scale_year, scale, ownership)
  do update set enterprises_delta = m.enterprises_delta + excluded.enterprises_delta,
                covered_delta = m.covered_delta + excluded.covered_delta,
                activated = m.activated + excluded.activated`;

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table coverage_segments (
      code text primary key check (code ~ '^[a-zA-Z][a-zA-Z0-9_]{1,39}$'),
      name text not null,
      definition jsonb not null,
      builtin boolean not null default false,
      sort integer not null default 100,
      created_by bigint references accounts(id),
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now()
    )`.execute(db);

  await sql`
    create table coverage_targets (
      year integer not null check (year between 2000 and 2100),
      segment_code text not null references coverage_segments(code) on delete cascade,
      share numeric(5, 4) check (share between 0 and 1),
      new_officers integer check (new_officers >= 0),
      note text,
      updated_by bigint references accounts(id),
      updated_at timestamptz not null default now(),
      primary key (year, segment_code),
      check (share is not null or new_officers is not null)
    )`.execute(db);

  await sql`
    create table coverage_counts (
      org_unit_id bigint not null references org_units(id),
      industry_division char(2) not null,
      industry_section char(1) not null,
      above_scale_year smallint not null,
      scale text not null,
      ownership text not null,
      enterprises integer not null default 0,
      covered integer not null default 0,
      primary key (org_unit_id, industry_division, above_scale_year, scale, ownership)
    )`.execute(db);

  // the same counts without the industry division: what the dashboard reads unless a division is asked for
  await sql`
    create table coverage_section_counts (
      org_unit_id bigint not null references org_units(id),
      industry_section char(1) not null,
      above_scale_year smallint not null,
      scale text not null,
      ownership text not null,
      enterprises integer not null default 0,
      covered integer not null default 0,
      primary key (org_unit_id, industry_section, above_scale_year, scale, ownership)
    )`.execute(db);

  await sql`
    create table coverage_monthly (
      org_unit_id bigint not null references org_units(id),
      month date not null,
      industry_section char(1) not null,
      above_scale_year smallint not null,
      scale text not null,
      ownership text not null,
      enterprises_delta integer not null default 0,
      covered_delta integer not null default 0,
      activated integer not null default 0,
      primary key (org_unit_id, month, industry_section, above_scale_year, scale, ownership)
    )`.execute(db);

  await sql
    .raw(
      `create function coverage_enterprises_changed() returns trigger language plpgsql as $fn$
      begin
        if tg_op = 'INSERT' then
          ${apply(facts('new_rows', '1'))};
        elsif tg_op = 'DELETE' then
          ${apply(facts('old_rows', '-1'))};
        else
          ${apply(`${facts('new_rows', '1')} union all ${facts('old_rows', '-1')} union all ${activations}`)};
        end if;
        return null;
      end
      $fn$`,
    )
    .execute(db);
  await sql`create trigger coverage_enterprises_insert after insert on enterprises referencing new table as new_rows for each statement execute function coverage_enterprises_changed()`.execute(
    db,
  );
  await sql`create trigger coverage_enterprises_update after update on enterprises referencing old table as old_rows new table as new_rows for each statement execute function coverage_enterprises_changed()`.execute(
    db,
  );
  await sql`create trigger coverage_enterprises_delete after delete on enterprises referencing old table as old_rows for each statement execute function coverage_enterprises_changed()`.execute(
    db,
  );

  // the policy's targets (一.2): segments, shares for 2021/2023/2025 and ~5,000 new CQOs a year at 规上 enterprises
  await sql`
    insert into coverage_segments (code, name, definition, builtin, sort) values
      ('aboveScale', '规上企业', '{"aboveScale": true}', true, 1),
      ('sme', '中小微企业', '{"aboveScale": false}', true, 2)`.execute(db);
  await sql`
    insert into coverage_targets (year, segment_code, share, new_officers, note) values
      (2021, 'aboveScale', 0.5, 5000, '《江苏省企业首席质量官制度》一.2'),
      (2021, 'sme', 0.3, null, '《江苏省企业首席质量官制度》一.2'),
      (2022, 'aboveScale', null, 5000, '每年新增5000名左右'),
      (2023, 'aboveScale', 0.8, 5000, '《江苏省企业首席质量官制度》一.2'),
      (2023, 'sme', 0.5, null, '《江苏省企业首席质量官制度》一.2'),
      (2024, 'aboveScale', null, 5000, '每年新增5000名左右'),
      (2025, 'aboveScale', 1, 5000, '《江苏省企业首席质量官制度》一.2：力争全覆盖'),
      (2025, 'sme', 0.8, null, '《江苏省企业首席质量官制度》一.2：不低于80%'),
      (2026, 'aboveScale', null, 5000, '每年新增5000名左右')`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop trigger coverage_enterprises_delete on enterprises`.execute(db);
  await sql`drop trigger coverage_enterprises_update on enterprises`.execute(db);
  await sql`drop trigger coverage_enterprises_insert on enterprises`.execute(db);
  await sql`drop function coverage_enterprises_changed()`.execute(db);
  await sql`drop table coverage_monthly`.execute(db);
  await sql`drop table coverage_section_counts`.execute(db);
  await sql`drop table coverage_counts`.execute(db);
  await sql`drop table coverage_targets`.execute(db);
  await sql`drop table coverage_segments`.execute(db);
}

/** The same aggregation as the triggers, over the whole table: used by the rebuild job and the reconciliation check. */
export const RECOUNT_SQL = `
  with g as (
    select org_unit_id, industry_division, min(industry_section) as industry_section,
           (case when above_scale then coalesce(above_scale_year, 0) else 0 end)::smallint as above_scale_year,
           scale, ownership, count(*)::int as enterprises, count(*) filter (where has_active_officer)::int as covered
    from enterprises where status = 'operating' and roster_status = 'confirmed'
    group by 1, 2, 4, 5, 6
  )
  select anc.id as org_unit_id, g.industry_division, min(g.industry_section) as industry_section, g.above_scale_year, g.scale, g.ownership,
         sum(g.enterprises)::int as enterprises, sum(g.covered)::int as covered
  from g join org_units u on u.id = g.org_unit_id join org_units anc on (u.path = anc.path or u.path like anc.path || '.%')
  group by anc.id, g.industry_division, g.above_scale_year, g.scale, g.ownership`;
