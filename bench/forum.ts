/**
 * Forum at province scale on PostgreSQL: creates its own database (BENCH_DATABASE_URL, default
 * postgres://postgres@127.0.0.1:5432/postgres), migrates it, and generates with SQL (generate_series over a
 * pool of jieba-segmented sentences) `--posts` posts (default 2,000,000) in threads of `--per-thread` posts,
 * across organisation and public boards. Then measures through the real services:
 *  - search: `search()` of the community module (jieba query → tsquery, GIN, ts_rank, snippets), p50/p95,
 *    against the baseline `body_text LIKE '%…%'` scan over the same readable boards, measured in the same run;
 *  - thread page: `ForumService.thread()` (the page of 20 posts with likes, attachments, follow state), p50/p95,
 *    against a bare primary-key lookup.
 * Usage: npm run bench:forum [-- --posts 2000000] [-- --keep]
 */
import crypto from 'node:crypto';
import { parseArgs } from 'node:util';
import { sql } from 'kysely';
import { openDatabase } from '../src/server/db/database';
import { migrateToLatest } from '../src/server/db/migrate';
import { seedOrgUnits } from '../src/server/db/seed/org-units';
import { CommunityView } from '../src/server/modules/community/access';
import { ForumService } from '../src/server/modules/community/forum';
import { search } from '../src/server/modules/community/search';
import { segmentForIndex } from '../src/server/search/chinese-text';
import type { SessionAccount } from '../src/server/auth/session-store';

const { values } = parseArgs({
  options: {
    posts: { type: 'string', default: '2000000' },
    'per-thread': { type: 'string', default: '10' },
    samples: { type: 'string', default: '200' },
    keep: { type: 'boolean', default: false },
    /** measure on a database kept by an earlier `--keep` run instead of generating one */
    db: { type: 'string' },
  },
});
const POSTS = Number(values.posts);
const PER_THREAD = Number(values['per-thread']);
const THREADS = Math.ceil(POSTS / PER_THREAD);
const SAMPLES = Number(values.samples);
const base = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const dbName = values.db ?? `cqo_bench_forum_${crypto.randomBytes(4).toString('hex')}`;

// vocabulary of quality work; sentences combine it so word frequencies range from common to rare
const SUBJECTS = [
  '我们公司',
  '本企业',
  '质量部门',
  '检验中心',
  '生产车间',
  '供应商',
  '首席质量官',
  '管理层',
  '班组',
  '研发部门',
  '采购部门',
  '售后服务部',
  '实验室',
  '工艺科',
  '设备科',
];
const ACTIONS = ['推行', '完善', '建立', '优化', '评审', '改进', '落实', '宣贯', '审核', '验证', '策划', '监控'];
const OBJECTS = [
  '全面质量管理体系',
  '质量追溯台账',
  '统计过程控制',
  '来料检验抽样方案',
  '出厂检验规程',
  '质量安全一票否决制度',
  '卓越绩效模式',
  '六西格玛项目',
  '失效模式与影响分析',
  '测量系统分析',
  '供应商质量评价',
  '顾客满意度调查',
  '质量成本核算',
  '不合格品控制程序',
  '纠正预防措施',
  '首件检验制度',
  '质量目标分解',
  '标准化作业指导书',
  '计量器具校准',
  '质量风险评估',
  '产品召回预案',
  '质量诊断报告',
  '质量奖申报材料',
  '质量月活动方案',
  '过程能力指数',
  '可靠性试验',
  '环境试验箱',
  '焊接工艺评定',
  '热处理质量控制',
  '涂装外观标准',
  '注塑缺陷分析',
  '电子元器件筛选',
  '食品安全追溯',
  '医疗器械注册检验',
  '特种设备安全',
  '锂电池安全测试',
  '光伏组件功率衰减',
  '纺织品色牢度',
  '汽车零部件PPAP',
  '轨道交通焊缝探伤',
];
// rare words: a place and a product in one sentence, so a two-word query matches few posts
const PLACES = [
  '无锡',
  '常州',
  '南通',
  '连云港',
  '淮安',
  '盐城',
  '扬州',
  '镇江',
  '泰州',
  '宿迁',
  '江阴',
  '宜兴',
  '常熟',
  '张家港',
  '太仓',
  '溧阳',
  '丹阳',
  '如皋',
  '海门',
  '启东',
  '靖江',
  '泰兴',
  '兴化',
  '高邮',
  '仪征',
  '句容',
  '东台',
  '邳州',
  '新沂',
  '沭阳',
];
const PRODUCTS = [
  '电机',
  '轴承',
  '阀门',
  '齿轮箱',
  '变压器',
  '电缆',
  '光纤',
  '涂料',
  '玻璃纤维',
  '不锈钢管',
  '铝型材',
  '服装面料',
  '羊毛衫',
  '童装',
  '家具',
  '电动工具',
  '风电叶片',
  '工程机械',
  '船舶配件',
  '医用敷料',
  '婴儿奶粉',
  '酱油',
  '黄酒',
  '茶叶',
  '大米',
  '化肥',
  '农药',
  '轮胎',
  '摩托车',
  '电动自行车',
];
const TAILS = [
  '效果明显',
  '还存在不足',
  '需要进一步讨论',
  '请各位同行指教',
  '值得推广',
  '取得了阶段性成果',
  '遇到一些困难',
  '已经通过第三方审核',
  '正在试点',
  '列入年度计划',
];

function sentencePool(): { text: string; seg: string }[] {
  const pool: { text: string; seg: string }[] = [];
  let i = 0;
  for (const o of OBJECTS) {
    for (let k = 0; k < 60; k++) {
      const text = `${SUBJECTS[(i * 7 + k) % SUBJECTS.length] ?? ''}${ACTIONS[(i * 3 + k) % ACTIONS.length] ?? ''}${o}，${TAILS[(i + k * 11) % TAILS.length] ?? ''}。`;
      pool.push({ text, seg: segmentForIndex(text) });
      i += 1;
    }
  }
  return pool;
}

function rarePool(): { text: string; seg: string }[] {
  const pool: { text: string; seg: string }[] = [];
  for (const place of PLACES) {
    for (const product of PRODUCTS) {
      const text = `${place}地区${product}企业反映的质量问题已整改。`;
      pool.push({ text, seg: segmentForIndex(text) });
    }
  }
  return pool;
}

const percentile = (xs: number[], p: number): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))] ?? 0;
};
async function timed(fn: () => Promise<unknown>): Promise<number> {
  const t0 = performance.now();
  await fn();
  return performance.now() - t0;
}

const admin = await openDatabase({ databaseUrl: base, poolSize: 1 });
if (!values.db) await sql.raw(`create database ${dbName}`).execute(admin.db);
const url = new URL(base);
url.pathname = `/${dbName}`;
const opened = await openDatabase({ databaseUrl: url.toString(), poolSize: 4 });
const db = opened.db;
try {
  const t0 = performance.now();
  if (!values.db) await generate();
  async function generate() {
    await migrateToLatest(db);
    await db.transaction().execute((trx) => seedOrgUnits(trx));
    const pool = sentencePool();
    const rare = rarePool();
    await sql`create unlogged table bench_sentences (id int primary key, text text not null, seg text not null)`.execute(db);
    for (let i = 0; i < pool.length; i += 500) {
      await db
        .insertInto('bench_sentences' as never)
        .values(pool.slice(i, i + 500).map((p, j) => ({ id: i + j, text: p.text, seg: p.seg })) as never)
        .execute();
    }
    const n = pool.length;
    await sql`create unlogged table bench_rare (id int primary key, text text not null, seg text not null)`.execute(db);
    for (let i = 0; i < rare.length; i += 500) {
      await db
        .insertInto('bench_rare' as never)
        .values(rare.slice(i, i + 500).map((p, j) => ({ id: i + j, text: p.text, seg: p.seg })) as never)
        .execute();
    }
    const nr = rare.length;
    await sql`set session_replication_role = replica`.execute(db);
    await sql`
    insert into accounts (username, display_name, role, org_unit_id, password_hash)
    select 'bench-officer-' || g, '官员' || g, 'officer', (select id from org_units where code = '320583'), 'x' from generate_series(1, 2000) g`.execute(db);
    await sql`
    insert into community_organisations (kind, level, name, org_unit_id)
    select case when g % 2 = 0 then 'alliance' else 'club' end, 'city', '基准组织' || g, (select id from org_units where code = '320500') from generate_series(1, 20) g`.execute(
      db,
    );
    await sql`
    insert into community_boards (organisation_id, name, read_access, post_access)
    select case when g <= 10 then null else (select min(id) from community_organisations) + (g % 20) end, '基准版块' || g, 'all', 'all' from generate_series(1, 200) g`.execute(
      db,
    );
    await sql`
    insert into community_threads (board_id, kind, title, author_account_id, reply_count, last_posted_at, created_at)
    select (select min(id) from community_boards) + (g % 200), case when g % 3 = 0 then 'question' else 'discussion' end,
           (select text from bench_sentences where id = (g * 17) % ${n}),
           (select min(id) from accounts where role = 'officer') + (g % 2000), ${PER_THREAD - 1},
           now() - ((${THREADS} - g) || ' minutes')::interval, now() - ((${THREADS} - g) || ' minutes')::interval
    from generate_series(1, ${THREADS}) g`.execute(db);
    const tThreads = performance.now();
    await sql`
    insert into community_posts (thread_id, board_id, is_opening, author_account_id, author_name, author_org, author_industry, body_html, body_text, search, created_at)
    select t.id, t.board_id, k = 0, t.author_account_id, '官员' || (g % 2000), '基准企业' || (g % 500), chr(65 + (g % 20)),
           '<p>' || s1.text || s2.text || r.text || s3.text || '</p>', s1.text || s2.text || r.text || s3.text,
           to_tsvector('simple', case when k = 0 then s0.seg || ' ' else '' end || s1.seg || ' ' || s2.seg || ' ' || r.seg || ' ' || s3.seg),
           t.created_at + (k || ' seconds')::interval
    from (select g, (g - 1) / ${PER_THREAD} + 1 as tn, (g - 1) % ${PER_THREAD} as k from generate_series(1, ${POSTS}) g) x
    join community_threads t on t.id = (select min(id) from community_threads) + x.tn - 1
    join bench_sentences s0 on s0.id = (x.tn * 17) % ${n}
    join bench_sentences s1 on s1.id = (g * 7) % ${n}
    join bench_sentences s2 on s2.id = (g * 13 + 5) % ${n}
    join bench_sentences s3 on s3.id = (g * 31 + 11) % ${n}
    join bench_rare r on r.id = (g * 101 + 7) % ${nr}`.execute(db);
    await sql`set session_replication_role = origin`.execute(db);
    const tPosts = performance.now();
    await sql`set maintenance_work_mem = '512MB'`.execute(db);
    await sql`reindex table community_posts`.execute(db);
    await sql`vacuum analyze community_posts`.execute(db);
    await sql`vacuum analyze community_threads`.execute(db);
    console.log(
      `generated: threads ${((tThreads - t0) / 1000).toFixed(1)} s, posts ${((tPosts - tThreads) / 1000).toFixed(1)} s, indexes ${((performance.now() - tPosts) / 1000).toFixed(1)} s`,
    );
  }
  const tIndex = performance.now();
  const count = await sql<{ n: number }>`select count(*) as n from community_posts`.execute(db);
  const size = await sql<{ s: string }>`select pg_size_pretty(pg_total_relation_size('community_posts')) as s`.execute(db);
  console.log(
    `data: ${Number(count.rows[0]?.n)} posts in ${THREADS} threads, 200 boards, ${size.rows[0]?.s} (ready after ${((tIndex - t0) / 1000).toFixed(1)} s)`,
  );

  const account = await db.selectFrom('accounts').select(['id', 'org_unit_id']).where('role', '=', 'officer').orderBy('id').limit(1).executeTakeFirstOrThrow();
  const caller = {
    accountId: account.id,
    role: 'officer',
    orgUnitId: account.org_unit_id,
    orgUnitPath: '320000.320500.320583',
    orgUnitKind: 'county',
    displayName: '官员',
    username: 'bench',
  } as SessionAccount;
  const forum = new ForumService(db);
  // common words, medium ones, and rare two-word combinations (a place and a product)
  const queries = [
    '质量管理',
    '全面质量管理体系',
    '统计过程控制',
    '供应商质量评价',
    '锂电池安全测试',
    '纺织品色牢度 第三方审核',
    '卓越绩效',
    '过程能力指数 改进',
    '六西格玛 试点',
    '焊接工艺评定',
    '电机',
    '常州 电机',
    '南通 羊毛衫',
    '宿迁 酱油 整改',
    '连云港 风电叶片',
    '张家港 不锈钢管',
  ];

  // warm-up
  for (const q of queries) await search(db, await CommunityView.load(db, caller), q, {}, 1, 20);
  const searchMs: number[] = [];
  const hits: number[] = [];
  const byQuery = new Map<string, number[]>();
  for (let i = 0; i < SAMPLES; i++) {
    const q = queries[i % queries.length] ?? '质量';
    const ms = await timed(async () => {
      const r = await search(db, await CommunityView.load(db, caller), q, {}, 1 + (i % 3), 20);
      hits.push(r.total);
    });
    searchMs.push(ms);
    byQuery.set(q, [...(byQuery.get(q) ?? []), ms]);
  }
  const view = await CommunityView.load(db, caller);
  const boards = view.readableBoardIds();
  const likeMs: number[] = [];
  const likeSamples = queries.length;
  for (let i = 0; i < likeSamples; i++) {
    const words = (queries[i % queries.length] ?? '质量').split(' ');
    const likes = sql.join(
      words.map((w) => sql`(t.title || p.body_text) like ${`%${w}%`}`),
      sql` and `,
    );
    likeMs.push(
      await timed(() =>
        sql`select p.id, p.body_text from community_posts p join community_threads t on t.id = p.thread_id
            where ${likes} and p.board_id = any(${boards}) and p.status = 'published' and t.status = 'published'
            order by p.id desc limit 20`.execute(db),
      ),
    );
  }
  const maxThread = (
    await db
      .selectFrom('community_threads')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow()
  ).n;
  const minThread = (
    await db
      .selectFrom('community_threads')
      .select((eb) => eb.fn.min('id').as('m'))
      .executeTakeFirstOrThrow()
  ).m as number;
  const pageMs: number[] = [];
  const pkMs: number[] = [];
  for (let i = 0; i < SAMPLES; i++) {
    const id = minThread + Math.floor(Math.random() * maxThread);
    pageMs.push(await timed(() => forum.thread(caller, id, 1, 20)));
    pkMs.push(await timed(() => db.selectFrom('community_threads').select(['id', 'title']).where('id', '=', id).executeTakeFirst()));
  }
  const fmt = (xs: number[]) => `p50 ${percentile(xs, 50).toFixed(1)} ms, p95 ${percentile(xs, 95).toFixed(1)} ms`;
  console.log(
    `search (${SAMPLES} queries, ${queries.length} distinct, matches per query ${Math.min(...hits)}–${Math.max(...hits)}${Math.max(...hits) >= 1000 ? '+' : ''}): ${fmt(searchMs)}`,
  );
  console.log(`  per query p50: ${[...byQuery].map(([q, xs]) => `${q} ${percentile(xs, 50).toFixed(0)}`).join(', ')} ms`);
  console.log(`baseline LIKE '%…%' scan (${likeSamples} queries): ${fmt(likeMs)}`);
  console.log(
    `  ratio LIKE p95 / search p95 = ${(percentile(likeMs, 95) / percentile(searchMs, 95)).toFixed(1)}×  (target search p95 < 200 ms: ${percentile(searchMs, 95) < 200 ? 'met' : 'NOT met'})`,
  );
  console.log(`thread page (${SAMPLES} random threads, 20 posts): ${fmt(pageMs)}`);
  console.log(`baseline primary-key lookup: ${fmt(pkMs)}`);
  console.log(
    `  ratio thread page p95 / lookup p95 = ${(percentile(pageMs, 95) / percentile(pkMs, 95)).toFixed(1)}×  (target thread page p95 < 50 ms: ${percentile(pageMs, 95) < 50 ? 'met' : 'NOT met'})`,
  );
} finally {
  await opened.close();
  if (values.keep) console.log(`kept database ${dbName}`);
  else await sql.raw(`drop database if exists ${dbName} with (force)`).execute(admin.db);
  await admin.close();
}
