import { sql, type Kysely } from 'kysely';

/**
 * Policy 六, 四, 三.5 (issue 22 items 2, 6, 7):
 * - 竞争聘用: `competitive_selections` (criteria with weights, the panel, the result and its 公示 period; one open
 *   selection per enterprise by a partial unique index; versioned), `selection_candidates` (the enterprise's
 *   recorded candidates, by foreign key, with their scores) and `selection_objections` (filed during publicity,
 *   answered by the enterprise). A filing of the winner carries `filings.selection_id`.
 * - 退出机制: `filings.exit_cause` (考核不合格, 责任事故, 主动退出, 岗位调整, 其他), required by a check whenever a
 *   filing ends by dismissal, resignation, exit or blacklisting; existing ends are given the cause their kind implies.
 * - 待遇: structured fields on the filing (post level, attending the general manager's meetings, monthly allowance,
 *   benefits); the old free text stays as a note.
 * - 专家抽取: `expert_draw_batches` keeps the seed, the filtered pool snapshot and the avoided members of a random
 *   draw; `expert_draws` rows of a batch carry their position in the seeded order, refusals and replacements.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table competitive_selections (
      id bigint generated always as identity primary key,
      version integer not null default 1,
      enterprise_id bigint not null references enterprises(id),
      org_unit_id bigint not null references org_units(id),
      title text not null,
      criteria jsonb not null,
      panel text[] not null default '{}',
      status text not null default 'open' check (status in ('open', 'publicity', 'concluded', 'cancelled')),
      selected_person_id bigint references persons(id),
      result_note text,
      publicity_start date,
      publicity_end date,
      published_at timestamptz,
      concluded_at timestamptz,
      cancel_reason text,
      created_by bigint not null references accounts(id),
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      constraint competitive_selections_result check (
        status in ('open', 'cancelled') or (selected_person_id is not null and publicity_start is not null and publicity_end is not null and publicity_end >= publicity_start))
    )`.execute(db);
  await sql`create unique index competitive_selections_one_open on competitive_selections (enterprise_id) where status in ('open', 'publicity')`.execute(db);
  await sql`create index competitive_selections_org_unit on competitive_selections (org_unit_id, status)`.execute(db);

  await sql`
    create table selection_candidates (
      selection_id bigint not null references competitive_selections(id),
      enterprise_id bigint not null,
      person_id bigint not null,
      scores jsonb,
      total numeric(7, 2),
      added_at timestamptz not null default now(),
      primary key (selection_id, person_id),
      foreign key (enterprise_id, person_id) references candidates (enterprise_id, person_id)
    )`.execute(db);

  await sql`
    create table selection_objections (
      id bigint generated always as identity primary key,
      selection_id bigint not null references competitive_selections(id),
      body text not null,
      contact text,
      filed_at timestamptz not null default now(),
      answer text,
      answered_by bigint references accounts(id),
      answered_at timestamptz,
      constraint selection_objections_answer check ((answer is null) = (answered_at is null))
    )`.execute(db);
  await sql`create index selection_objections_selection on selection_objections (selection_id)`.execute(db);

  await sql`alter table filings add column selection_id bigint references competitive_selections(id)`.execute(db);
  await sql`create index filings_selection on filings (selection_id) where selection_id is not null`.execute(db);

  await sql`alter table filings add column exit_cause text check (exit_cause in ('assessment_failed', 'accident', 'voluntary', 'transfer', 'other'))`.execute(
    db,
  );
  await sql`
    update filings set exit_cause = case end_kind when 'blacklisted' then 'accident' when 'resignation' then 'voluntary' else 'other' end
    where end_kind in ('dismissal', 'resignation', 'exit', 'blacklisted')`.execute(db);
  await sql`
    alter table filings add constraint filings_exit_cause_required
      check (end_kind is null or end_kind not in ('dismissal', 'resignation', 'exit', 'blacklisted') or exit_cause is not null)`.execute(db);
  await sql`create index filings_ended on filings (org_unit_id, ended_at) where status = 'ended'`.execute(db);

  await sql`alter table filings add column treatment_level text check (treatment_level in ('senior_deputy_or_above', 'middle_manager', 'other'))`.execute(db);
  await sql`alter table filings add column attends_management_meetings boolean`.execute(db);
  await sql`alter table filings add column post_allowance_yuan integer check (post_allowance_yuan >= 0)`.execute(db);
  await sql`alter table filings add column treatment_benefits text[] not null default '{}'`.execute(db);

  await sql`
    create table expert_draw_batches (
      id bigint generated always as identity primary key,
      org_unit_id bigint not null references org_units(id),
      task_kind text not null check (task_kind in ('diagnosis', 'review')),
      task_title text not null,
      task_date date not null,
      requested integer not null check (requested > 0),
      filters jsonb not null,
      seed text not null,
      pool jsonb not null,
      excluded jsonb not null,
      pool_hash text not null,
      drawn_by bigint not null references accounts(id),
      created_at timestamptz not null default now()
    )`.execute(db);
  await sql`create index expert_draw_batches_org_unit on expert_draw_batches (org_unit_id)`.execute(db);
  await sql`alter table expert_draws add column batch_id bigint references expert_draw_batches(id)`.execute(db);
  await sql`alter table expert_draws add column position integer`.execute(db);
  await sql`alter table expert_draws add column status text not null default 'assigned' check (status in ('assigned', 'refused'))`.execute(db);
  await sql`alter table expert_draws add column refusal_reason text`.execute(db);
  await sql`alter table expert_draws add column replaces_draw_id bigint references expert_draws(id)`.execute(db);
  await sql`alter table expert_draws add constraint expert_draws_batch_position check ((batch_id is null) = (position is null))`.execute(db);
  // two bureaus replacing at once cannot both take the next member of the seeded order
  await sql`create unique index expert_draws_batch_position_key on expert_draws (batch_id, position) where batch_id is not null`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop index expert_draws_batch_position_key`.execute(db);
  await sql`alter table expert_draws drop constraint expert_draws_batch_position`.execute(db);
  for (const c of ['replaces_draw_id', 'refusal_reason', 'status', 'position', 'batch_id'])
    await sql`alter table expert_draws drop column ${sql.id(c)}`.execute(db);
  await sql`drop table expert_draw_batches`.execute(db);
  for (const c of ['treatment_benefits', 'post_allowance_yuan', 'attends_management_meetings', 'treatment_level'])
    await sql`alter table filings drop column ${sql.id(c)}`.execute(db);
  await sql`drop index filings_ended`.execute(db);
  await sql`alter table filings drop constraint filings_exit_cause_required`.execute(db);
  await sql`alter table filings drop column exit_cause`.execute(db);
  await sql`drop index filings_selection`.execute(db);
  await sql`alter table filings drop column selection_id`.execute(db);
  await sql`drop table selection_objections`.execute(db);
  await sql`drop table selection_candidates`.execute(db);
  await sql`drop table competitive_selections`.execute(db);
}
