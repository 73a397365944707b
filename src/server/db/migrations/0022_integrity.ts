import { sql, type Kysely } from 'kysely';

/** Records whose edits are guarded by optimistic locking; enterprises and training plans had `version` already. */
const VERSIONED = ['candidates', 'filings', 'courses', 'cases', 'community_organisations', 'settings'] as const;

/**
 * Invariants held by the database (issue 16 item 6):
 * - `filings_one_open`: at most one open filing (draft, submitted or returned) per enterprise, beside the existing
 *   `filings_one_active`. Before the index is built, surplus open filings left by the old check-then-insert race are
 *   withdrawn: per enterprise the most advanced (submitted, then returned, then draft) and newest one is kept; an
 *   undecided round of a withdrawn filing is closed as withdrawn, and the filing's decision reason says why.
 * - a `version` column on every editable record that lacked one, checked by `UPDATE … WHERE version = $n`.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create temporary table surplus_open_filings as
    select id, enterprise_id from (
      select id, enterprise_id,
             row_number() over (
               partition by enterprise_id
               order by case status when 'submitted' then 0 when 'returned' then 1 else 2 end, id desc
             ) as rank
      from filings where status in ('draft', 'submitted', 'returned')
    ) ranked where rank > 1`.execute(db);
  await sql`
    update filing_rounds r set decision = 'withdrawn', remarks = '数据整理：同一企业只保留一份办理中的备案', decided_at = now()
    from surplus_open_filings s where r.filing_id = s.id and r.decision is null`.execute(db);
  await sql`
    update filings f set status = 'withdrawn', decision_reason = '数据整理：同一企业只保留一份办理中的备案', updated_at = now()
    from surplus_open_filings s where f.id = s.id`.execute(db);
  await sql`drop table surplus_open_filings`.execute(db);
  await sql`create unique index filings_one_open on filings (enterprise_id) where status in ('draft', 'submitted', 'returned')`.execute(db);

  for (const table of VERSIONED) {
    await sql`alter table ${sql.table(table)} add column version integer not null default 1`.execute(db);
  }
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of [...VERSIONED].reverse()) {
    await sql`alter table ${sql.table(table)} drop column version`.execute(db);
  }
  await sql`drop index filings_one_open`.execute(db);
}
