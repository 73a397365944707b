import { sql, type Kysely } from 'kysely';

type Day = [day: string, kind: 'holiday' | 'workday', name: string];
const span = (from: string, to: string, name: string): Day[] => {
  const out: Day[] = [];
  for (let d = new Date(`${from}T00:00:00Z`); d.toISOString().slice(0, 10) <= to; d.setUTCDate(d.getUTCDate() + 1))
    out.push([d.toISOString().slice(0, 10), 'holiday', name]);
  return out;
};
const work = (day: string, name: string): Day => [day, 'workday', `${name}调休上班`];

/** The State Council's holiday arrangements (国务院办公厅关于部分节假日安排的通知) for the years this release covers. */
const OFFICIAL_CALENDARS: { year: number; source: string; days: Day[] }[] = [
  {
    year: 2025,
    source: '国务院办公厅关于2025年部分节假日安排的通知',
    days: [
      ...span('2025-01-01', '2025-01-01', '元旦'),
      ...span('2025-01-28', '2025-02-04', '春节'),
      work('2025-01-26', '春节'),
      work('2025-02-08', '春节'),
      ...span('2025-04-04', '2025-04-06', '清明节'),
      ...span('2025-05-01', '2025-05-05', '劳动节'),
      work('2025-04-27', '劳动节'),
      ...span('2025-05-31', '2025-06-02', '端午节'),
      ...span('2025-10-01', '2025-10-08', '国庆节、中秋节'),
      work('2025-09-28', '国庆节'),
      work('2025-10-11', '国庆节'),
    ],
  },
  {
    year: 2026,
    source: '国务院办公厅关于2026年部分节假日安排的通知',
    days: [
      ...span('2026-01-01', '2026-01-03', '元旦'),
      work('2026-01-04', '元旦'),
      ...span('2026-02-15', '2026-02-23', '春节'),
      work('2026-02-14', '春节'),
      work('2026-02-28', '春节'),
      ...span('2026-04-04', '2026-04-06', '清明节'),
      ...span('2026-05-01', '2026-05-05', '劳动节'),
      work('2026-05-09', '劳动节'),
      ...span('2026-06-19', '2026-06-21', '端午节'),
      ...span('2026-09-25', '2026-09-27', '中秋节'),
      ...span('2026-10-01', '2026-10-07', '国庆节'),
      work('2026-09-20', '国庆节'),
      work('2026-10-10', '国庆节'),
    ],
  },
];

/**
 * Policy measures kept as data the province edits (issue 22):
 * - `study_online_rules`: which study sources count as online self-study (policy §五, "每年累计线上自学应不少于 50 个学时"),
 *   per year from which a rule applies; `study_ledger_entries.online` is set from it by a trigger, and every existing
 *   line is recomputed here (before this, every source counted toward the 50).
 * - duty records: categories exactly as policy §三 lists the five duties (三.1–三.5); `quality_meeting` becomes 三.2
 *   (`management_meeting`) and `quality_project` 三.4 (`quality_management`), whose item list widens to §三.4's.
 * - `working_calendar_years` / `working_calendar_days`: the State Council's holidays and 调休 working days per year.
 * - `award_condition_schemes` / `award_conditions`: versioned quality-award conditions per award level (policy §八).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  // ---- online self-study ----
  await sql`
    create table study_online_rules (
      year integer primary key check (year between 2000 and 2200),
      sources text[] not null check (sources <@ array['self_study', 'training', 'offline', 'community', 'government_work']::text[]),
      note text,
      version integer not null default 1,
      updated_by bigint references accounts(id),
      updated_at timestamptz not null default now()
    )`.execute(db);
  await sql`insert into study_online_rules (year, sources, note) values (2020, '{self_study}', '苏质委办〔2020〕9号：在线自学课程计为线上自学')`.execute(db);
  await sql`
    create function study_source_online(y integer, s text) returns boolean language sql stable as $$
      select coalesce((select s = any(r.sources) from study_online_rules r where r.year <= y order by r.year desc limit 1), s = 'self_study')
    $$`.execute(db);
  await sql`alter table study_ledger_entries add column online boolean not null default false`.execute(db);
  await sql`
    create function study_ledger_set_online() returns trigger language plpgsql as $fn$
    begin
      new.online := study_source_online(new.year, new.source);
      return new;
    end $fn$`.execute(db);
  await sql`create trigger study_ledger_online before insert or update of source, year on study_ledger_entries for each row execute function study_ledger_set_online()`.execute(
    db,
  );
  await sql`update study_ledger_entries set online = study_source_online(year, source)`.execute(db);
  await sql`create index study_ledger_online on study_ledger_entries (year, person_id) where status = 'credited' and online`.execute(db);

  // ---- duty categories as policy §三 lists them ----
  await sql`alter table duty_records drop constraint if exists duty_records_kind_check`.execute(db);
  await sql`alter table duty_records drop constraint if exists duty_records_project_type_check`.execute(db);
  await sql`alter table duty_records drop constraint if exists duty_records_check`.execute(db);
  await sql`update duty_records set kind = case kind when 'quality_meeting' then 'management_meeting' when 'quality_project' then 'quality_management' else kind end`.execute(
    db,
  );
  await sql`alter table duty_records add constraint duty_records_kind_check check (kind in ('laws', 'management_meeting', 'veto', 'quality_management', 'government_work'))`.execute(
    db,
  );
  await sql`
    alter table duty_records add constraint duty_records_project_type_check
      check (project_type in ('strategy', 'inspection', 'system', 'reward', 'methods', 'tackling', 'comparison', 'innovation', 'talent', 'culture'))`.execute(
    db,
  );
  await sql`alter table duty_records add constraint duty_records_item_check check ((kind = 'quality_management') = (project_type is not null))`.execute(db);
  await sql`create index duty_records_unit_kind on duty_records (org_unit_id, kind, occurred_on)`.execute(db);

  // ---- working-day calendar ----
  await sql`
    create table working_calendar_years (
      year integer primary key check (year between 2000 and 2200),
      source text not null,
      version integer not null default 1,
      updated_by bigint references accounts(id),
      updated_at timestamptz not null default now()
    )`.execute(db);
  await sql`
    create table working_calendar_days (
      day date primary key,
      year integer not null references working_calendar_years(year) on delete cascade,
      kind text not null check (kind in ('holiday', 'workday')),
      name text not null,
      check (day between make_date(year - 1, 12, 1) and make_date(year, 12, 31))
    )`.execute(db);
  await sql`create index working_calendar_days_year on working_calendar_days (year)`.execute(db);
  for (const cal of OFFICIAL_CALENDARS) {
    await sql`insert into working_calendar_years (year, source) values (${cal.year}, ${cal.source})`.execute(db);
    await sql`insert into working_calendar_days (day, year, kind, name) values ${sql.join(cal.days.map(([day, kind, name]) => sql`(${day}::date, ${cal.year}, ${kind}, ${name})`))}`.execute(
      db,
    );
  }

  // ---- quality-award conditions ----
  await sql`
    create table award_condition_schemes (
      id bigint generated always as identity primary key,
      award_level text not null check (award_level in ('province', 'city', 'county')),
      version integer not null check (version >= 1),
      adopted_on date not null,
      note text,
      created_by bigint references accounts(id),
      created_at timestamptz not null default now(),
      unique (award_level, version)
    )`.execute(db);
  await sql`
    create table award_conditions (
      scheme_id bigint not null references award_condition_schemes(id) on delete cascade,
      position integer not null check (position >= 1),
      kind text not null check (kind in ('filed_officer', 'not_blacklisted', 'trained', 'online_study', 'tenure')),
      params jsonb not null default '{}',
      primary key (scheme_id, position)
    )`.execute(db);
  await sql`create unique index award_conditions_kind on award_conditions (scheme_id, kind)`.execute(db);
  for (const level of ['province', 'city', 'county']) {
    await sql`
      with s as (insert into award_condition_schemes (award_level, version, adopted_on, note) values (${level}, 1, '2020-01-01', '苏质委办〔2020〕9号 八：建立首席质量官制度为申报政府质量奖的必要条件') returning id)
      insert into award_conditions (scheme_id, position, kind) select id, 1, 'filed_officer' from s union all select id, 2, 'not_blacklisted' from s`.execute(
      db,
    );
  }
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop table award_conditions`.execute(db);
  await sql`drop table award_condition_schemes`.execute(db);
  await sql`drop table working_calendar_days`.execute(db);
  await sql`drop table working_calendar_years`.execute(db);

  await sql`drop index duty_records_unit_kind`.execute(db);
  await sql`alter table duty_records drop constraint duty_records_item_check`.execute(db);
  await sql`alter table duty_records drop constraint duty_records_project_type_check`.execute(db);
  await sql`alter table duty_records drop constraint duty_records_kind_check`.execute(db);
  await sql`
    update duty_records set
      kind = case kind when 'management_meeting' then 'quality_meeting' when 'laws' then 'quality_meeting' when 'quality_management' then 'quality_project' else kind end,
      project_type = case when project_type is null then null when project_type in ('tackling', 'comparison', 'innovation') then project_type else 'innovation' end`.execute(
    db,
  );
  await sql`alter table duty_records add constraint duty_records_kind_check check (kind in ('veto', 'quality_meeting', 'quality_project', 'government_work'))`.execute(
    db,
  );
  await sql`alter table duty_records add constraint duty_records_project_type_check check (project_type in ('tackling', 'comparison', 'innovation'))`.execute(
    db,
  );
  await sql`alter table duty_records add constraint duty_records_check check ((kind = 'quality_project') = (project_type is not null))`.execute(db);

  await sql`drop index study_ledger_online`.execute(db);
  await sql`drop trigger study_ledger_online on study_ledger_entries`.execute(db);
  await sql`drop function study_ledger_set_online()`.execute(db);
  await sql`alter table study_ledger_entries drop column online`.execute(db);
  await sql`drop function study_source_online(integer, text)`.execute(db);
  await sql`drop table study_online_rules`.execute(db);
}
