/**
 * Coverage at province scale on PostgreSQL: creates its own database on BENCH_DATABASE_URL (default the local
 * server), generates the data set in SQL (INSERT … SELECT generate_series), then prints
 *  - generation time (enterprises skewed by city as in Jiangsu, 规上 enterprises, persons and filings),
 *  - the full rebuild of the summaries (target ≤ 120 s) and the reconciliation check,
 *  - p50/p95 of the dashboard API (GET /api/coverage/overview and /trend through the real app; target p95 < 100 ms),
 *    and the same numbers computed live from the base tables in the same run (the baseline), with the ratio,
 *  - the cost of the triggers on single-row writes (approve-like and relocate updates) against the same updates
 *    with the triggers disabled.
 * Usage: npm run bench:coverage [-- --enterprises 4500000 --above-scale 200000 --filings 200000 --requests 200]
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { sql, type Kysely } from 'kysely';
import { buildApp } from '../src/server/app';
import { createSession } from '../src/server/auth/session-store';
import { openAndPrepare } from '../src/server/bootstrap';
import { loadConfig } from '../src/server/config';
import { openDatabase } from '../src/server/db/database';
import type { DB } from '../src/server/db/types';
import { rebuildSummaries, reconcile } from '../src/server/modules/coverage/engine';
import { DEFAULT_SECURITY_POLICY } from '../src/domain/password-policy';
import { INDUSTRY_SECTIONS } from '../src/domain/enterprise';

const { values } = parseArgs({
  options: {
    enterprises: { type: 'string', default: '4500000' },
    'above-scale': { type: 'string', default: '200000' },
    filings: { type: 'string', default: '200000' },
    requests: { type: 'string', default: '200' },
    'live-runs': { type: 'string', default: '5' },
  },
});
const N = Number(values.enterprises);
const ABOVE = Number(values['above-scale']);
const FILINGS = Number(values.filings);
const REQUESTS = Number(values.requests);
const LIVE_RUNS = Number(values['live-runs']);

/** Share of enterprises per city (‰), roughly as Jiangsu's registered market entities are spread. */
const CITY_WEIGHTS: Record<string, number> = {
  '320100': 125,
  '320200': 100,
  '320300': 80,
  '320400': 75,
  '320500': 190,
  '320600': 85,
  '320700': 35,
  '320800': 40,
  '320900': 60,
  '321000': 50,
  '321100': 40,
  '321200': 50,
  '321300': 45,
};

const seconds = (t: number) => (performance.now() - t) / 1000;
const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)] ?? 0;
};

async function generate(db: Kysely<DB>) {
  // weighted slots: each city's counties share its weight, 10,000 slots in all
  const units = await db.selectFrom('org_units').select(['id', 'code', 'parent_id', 'kind']).execute();
  const cities = units.filter((u) => u.kind === 'city');
  const slots: number[] = [];
  for (const city of cities) {
    const counties = units.filter((u) => u.parent_id === city.id && u.kind === 'county');
    const n = Math.round((CITY_WEIGHTS[city.code] ?? 50) * 10);
    for (let i = 0; i < n; i++) slots.push(counties[i % counties.length]?.id ?? city.id);
  }
  await sql`create unlogged table bench_slots (slot int primary key, org_unit_id bigint)`.execute(db);
  await sql`insert into bench_slots select s - 1, (${slots}::bigint[])[s] from generate_series(1, ${slots.length}) s`.execute(db);
  // divisions weighted towards manufacturing (section C) as in Jiangsu
  const divisions = INDUSTRY_SECTIONS.flatMap((s) =>
    s.divisions.flatMap((d) => Array.from({ length: s.code === 'C' ? 6 : s.code === 'F' || s.code === 'G' ? 4 : 1 }, () => [s.code, d.code])),
  );
  await sql`create unlogged table bench_divs (slot int primary key, section char(1), division char(2))`.execute(db);
  await sql`insert into bench_divs select s - 1, (${divisions.map((d) => d[0])}::text[])[s], (${divisions.map((d) => d[1])}::text[])[s] from generate_series(1, ${divisions.length}) s`.execute(
    db,
  );

  const t = performance.now();
  await sql`alter table enterprises disable trigger user`.execute(db);
  const every = Math.max(1, Math.floor(N / ABOVE));
  await sql`
    insert into enterprises (uscc, name, org_unit_id, industry_section, industry_division, scale, ownership, above_scale, above_scale_year, status, source, contact_person, contact_phone, created_at)
    select 'B' || lpad(g::text, 17, '0'), '基准测试企业' || g, s.org_unit_id, d.section, d.division,
           case when g % ${every} = 0 then (case when g % 7 = 0 then 'large' else 'medium' end) else (case when g % 5 = 0 then 'small' else 'micro' end) end,
           (array['private','private','private','private','state','collective','hmt','foreign','other'])[1 + g % 9],
           g % ${every} = 0, case when g % ${every} = 0 then 2020 + (g % 7) end,
           case when g % 50 = 0 then 'deregistered' else 'operating' end, 'imported', '联系人', '13900000000',
           now() - ((g % 1800) || ' days')::interval
    from generate_series(1, ${N}) g
    join bench_slots s on s.slot = ((g::bigint * 2654435761) % ${slots.length})
    join bench_divs d on d.slot = ((g::bigint * 40503) % ${divisions.length})`.execute(db);
  const tEnt = seconds(t);
  // persons and filings: 3/4 of the filings at 规上 enterprises, the rest at others; 10% of them ended
  const t2 = performance.now();
  await sql`
    insert into persons (name, id_number_enc, id_number_hash, id_number_masked, gender, birth_date)
    select '基准' || g, 'enc', 'h' || g, '320***********' || lpad((g % 10000)::text, 4, '0'), 'male', date '1975-01-01'
    from generate_series(1, ${FILINGS}) g`.execute(db);
  await sql`
    with ent as (
      (select id, org_unit_id, row_number() over () as rn from enterprises where above_scale and status = 'operating' limit ${Math.round(FILINGS * 0.75)})
      union all
      (select id, org_unit_id, ${Math.round(FILINGS * 0.75)} + row_number() over () from enterprises where not above_scale and status = 'operating' and id % 97 = 3 limit ${FILINGS - Math.round(FILINGS * 0.75)})
    )
    insert into filings (enterprise_id, person_id, org_unit_id, status, appointment_date, decided_at, ended_at, end_kind, round)
    select e.id, (select min(id) from persons) + e.rn - 1, e.org_unit_id,
           case when e.rn % 10 = 0 then 'ended' else 'active' end,
           (now() - ((e.rn % 1800) || ' days')::interval)::date,
           now() - ((e.rn % 1800) || ' days')::interval,
           case when e.rn % 10 = 0 then (now() - ((e.rn % 1800) / 2 || ' days')::interval)::date end,
           case when e.rn % 10 = 0 then 'resignation' end, 1
    from ent e`.execute(db);
  await sql`update enterprises e set has_active_officer = true from filings f where f.enterprise_id = e.id and f.status = 'active'`.execute(db);
  await sql`alter table enterprises enable trigger user`.execute(db);
  await sql`analyze`.execute(db);
  return { enterprisesSeconds: tEnt, filingsSeconds: seconds(t2) };
}

/** The dashboard's numbers for one unit straight from enterprises (the baseline the summaries replace). */
async function liveOverview(db: Kysely<DB>, unitId: number) {
  const unit = await db.selectFrom('org_units').select(['id', 'path']).where('id', '=', unitId).executeTakeFirstOrThrow();
  const seg = sql`count(*) filter (where e.above_scale and e.above_scale_year <= 2026) as ae, count(*) filter (where e.above_scale and e.above_scale_year <= 2026 and e.has_active_officer) as ac,
                  count(*) filter (where not (e.above_scale and e.above_scale_year <= 2026)) as se, count(*) filter (where not (e.above_scale and e.above_scale_year <= 2026) and e.has_active_officer) as sc`;
  const from = sql`from enterprises e join org_units o on o.id = e.org_unit_id`;
  const where = sql`where e.status = 'operating' and e.roster_status = 'confirmed' and (o.path = ${unit.path} or o.path like ${`${unit.path}.%`})`;
  await sql`select ${seg} ${from} ${where}`.execute(db);
  await sql`select ch.id, ${seg} ${from} join org_units ch on ch.parent_id = ${unit.id} and (o.path = ch.path or o.path like ch.path || '.%') ${where} group by ch.id`.execute(
    db,
  );
  await sql`select e.industry_section, ${seg} ${from} ${where} group by e.industry_section`.execute(db);
  await sql`select date_trunc('month', f.decided_at), count(*) from filings f join org_units o on o.id = f.org_unit_id join enterprises e on e.id = f.enterprise_id
            where f.status in ('active', 'ended') and f.decided_at > now() - interval '24 months' and (o.path = ${unit.path} or o.path like ${`${unit.path}.%`}) group by 1`.execute(
    db,
  );
}

const base = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const dbName = `cqo_bench_cov_${crypto.randomBytes(4).toString('hex')}`;
const admin = await openDatabase({ databaseUrl: base, poolSize: 1 });
await sql.raw(`create database ${dbName}`).execute(admin.db);
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'cqo-bench-coverage-'));
const out: Record<string, string | number> = {};
try {
  const u = new URL(base);
  u.pathname = `/${dbName}`;
  const config = {
    ...loadConfig({ ...process.env, CQO_DATA_DIR: dataDir, LOG_LEVEL: 'silent', NODE_ENV: 'development', CQO_DEMO_DATA: 'false', DATABASE_URL: u.toString() }),
    runJobs: false,
  };
  const opened = await openAndPrepare(config);
  const db = opened.db;
  console.log(`generating ${N} enterprises (${ABOVE} 规上), ${FILINGS} filings…`);
  const tg = performance.now();
  const gen = await generate(db);
  out['generation s (enterprises / persons+filings / total)'] =
    `${gen.enterprisesSeconds.toFixed(1)} / ${gen.filingsSeconds.toFixed(1)} / ${seconds(tg).toFixed(1)}`;
  console.log(out);

  const tr = performance.now();
  const built = await db.transaction().execute((trx) => rebuildSummaries(trx));
  out['full rebuild s (target ≤ 120)'] = seconds(tr).toFixed(1);
  out['summary rows (counts / monthly)'] = `${built.cells} / ${built.monthlyRows}`;
  await sql`analyze coverage_counts`.execute(db);
  await sql`analyze coverage_monthly`.execute(db);
  const tc = performance.now();
  const check = await reconcile(db);
  out['reconciliation s / ok'] = `${seconds(tc).toFixed(1)} / ${String(check.ok)}`;
  console.log(out);

  // the dashboard through the real app, as the province
  const unitRows = await db.selectFrom('org_units').select(['id', 'kind', 'code']).execute();
  const provinceId = unitRows.find((r) => r.kind === 'province')?.id ?? 0;
  const targets = [
    provinceId,
    ...unitRows.filter((r) => r.kind === 'city').map((r) => r.id),
    ...unitRows
      .filter((r) => r.kind === 'county')
      .slice(0, 20)
      .map((r) => r.id),
  ];
  const account = await db
    .insertInto('accounts')
    .values({
      username: 'bench',
      display_name: '基准',
      role: 'province_admin',
      org_unit_id: provinceId,
      password_hash: 'x',
      must_change_password: false,
      totp_enabled: true,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const { token } = await createSession(db, account.id, DEFAULT_SECURITY_POLICY, { ip: '127.0.0.1', userAgent: 'bench' });
  const { app } = await buildApp({ config, db, dbKind: opened.kind, keys: opened.keys });
  await app.ready();
  const headers = { cookie: `cqo_sid=${token}` };
  const measure = async (url: (i: number) => string) => {
    for (let i = 0; i < 10; i++) await app.inject({ url: url(i), headers });
    const times: number[] = [];
    for (let i = 0; i < REQUESTS; i++) {
      const t = performance.now();
      const res = await app.inject({ url: url(i), headers });
      times.push(performance.now() - t);
      if (res.statusCode !== 200) throw new Error(`${url(i)}: ${res.statusCode} ${res.body}`);
    }
    return times;
  };
  const overview = await measure((i) => `/api/coverage/overview?orgUnitId=${targets[i % targets.length] ?? provinceId}`);
  const provinceOnly = await measure(() => `/api/coverage/overview?orgUnitId=${provinceId}`);
  const trend = await measure((i) => `/api/coverage/trend?orgUnitId=${targets[i % targets.length] ?? provinceId}`);
  out['overview p50 / p95 ms (province, cities, counties)'] = `${pct(overview, 50).toFixed(1)} / ${pct(overview, 95).toFixed(1)}`;
  out['overview p50 / p95 ms (province only)'] = `${pct(provinceOnly, 50).toFixed(1)} / ${pct(provinceOnly, 95).toFixed(1)}`;
  out['trend p50 / p95 ms'] = `${pct(trend, 50).toFixed(1)} / ${pct(trend, 95).toFixed(1)}`;
  console.log(out);

  // baseline: the same numbers live from the base tables, province view (the worst case)
  const live: number[] = [];
  for (let i = 0; i < LIVE_RUNS; i++) {
    const t = performance.now();
    await liveOverview(db, provinceId);
    live.push(performance.now() - t);
  }
  out['live from base tables p50 / p95 ms (province, baseline)'] = `${pct(live, 50).toFixed(0)} / ${pct(live, 95).toFixed(0)}`;
  out['ratio live p95 ÷ summary p95 (province)'] = (pct(live, 95) / pct(provinceOnly, 95)).toFixed(0);

  // single-row writes with and without the triggers (relocate to the next county and back)
  const sample = await db.selectFrom('enterprises').select(['id', 'org_unit_id']).where('status', '=', 'operating').orderBy('id').limit(500).execute();
  const other = unitRows.filter((r) => r.kind === 'county').map((r) => r.id);
  const writes = async () => {
    const t = performance.now();
    for (const [i, e] of sample.entries()) {
      await db.transaction().execute(async (trx) => {
        await trx
          .updateTable('enterprises')
          .set({ org_unit_id: other[i % other.length] ?? e.org_unit_id })
          .where('id', '=', e.id)
          .execute();
      });
    }
    for (const e of sample) await db.updateTable('enterprises').set({ org_unit_id: e.org_unit_id }).where('id', '=', e.id).execute();
    return (performance.now() - t) / (sample.length * 2);
  };
  const withTriggers = await writes();
  await sql`alter table enterprises disable trigger user`.execute(db);
  const without = await writes();
  await sql`alter table enterprises enable trigger user`.execute(db);
  out['single-row enterprise update ms (triggers / none / ratio)'] =
    `${withTriggers.toFixed(2)} / ${without.toFixed(2)} / ${(withTriggers / without).toFixed(1)}`;
  out['reconciliation after writes'] = String((await reconcile(db)).ok);
  await app.close();
  await opened.close();
} finally {
  await sql.raw(`drop database if exists ${dbName} with (force)`).execute(admin.db);
  await admin.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
}
console.table(Object.entries(out).map(([figure, value]) => ({ figure, value })));
