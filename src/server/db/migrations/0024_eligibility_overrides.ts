import { sql, type Kysely } from 'kysely';

const NOTE = '任职条件增加“约束力”：国有企业、规上企业的条件具有约束力，不符合的须填写破格理由方可备案';

/**
 * Eligibility is enforced: a filing approved although it fails a binding rule keeps the written override
 * reason, the rule version it was checked against and the failed criteria (`override_*`). Databases that
 * already hold rule versions get a new version that states `binding` per segment (国有, 规上 bind; 中小微 not);
 * a fresh database gets it from the seed's version 1.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`alter table filings add column override_reason text`.execute(db);
  await sql`alter table filings add column override_rule_version integer references eligibility_rules(version)`.execute(db);
  await sql`alter table filings add column override_criteria jsonb`.execute(db);
  await sql`alter table filings add column override_by bigint references accounts(id)`.execute(db);
  await sql`
    alter table filings add constraint filings_override_complete
      check ((override_reason is null) = (override_criteria is null))`.execute(db);
  await sql`create index filings_overrides on filings (org_unit_id, decided_at) where override_reason is not null`.execute(db);
  await sql`
    insert into eligibility_rules (version, rules, note)
    select r.version + 1,
           jsonb_build_object(
             'stateOwned', r.rules->'stateOwned' || jsonb_build_object('binding', coalesce((r.rules->'stateOwned'->>'binding')::boolean, true)),
             'aboveScale', r.rules->'aboveScale' || jsonb_build_object('binding', coalesce((r.rules->'aboveScale'->>'binding')::boolean, true)),
             'sme', r.rules->'sme' || jsonb_build_object('binding', coalesce((r.rules->'sme'->>'binding')::boolean, false))),
           ${NOTE}
    from (select version, rules from eligibility_rules order by version desc limit 1) r
    where not (r.rules->'stateOwned' ? 'binding')`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop index filings_overrides`.execute(db);
  await sql`alter table filings drop constraint filings_override_complete`.execute(db);
  await sql`alter table filings drop column override_by`.execute(db);
  await sql`alter table filings drop column override_criteria`.execute(db);
  await sql`alter table filings drop column override_rule_version`.execute(db);
  await sql`alter table filings drop column override_reason`.execute(db);
  // the version this migration published goes when nothing was checked against it
  await sql`
    delete from eligibility_rules r where r.note = ${NOTE}
      and not exists (select 1 from filings f where f.rule_version = r.version)`.execute(db);
}
