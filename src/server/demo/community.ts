import { sql, type Kysely } from 'kysely';
import { htmlToText, sanitizePostHtml } from '../modules/community/content';
import { segmentForIndex } from '../search/chinese-text';
import type { DB } from '../db/types';
import { clock } from '../clock';

export const DEMO_SECOND_OFFICER = 'officer-kunshan-2';
export const DEMO_PROVINCE_ALLIANCE_ADMIN = 'alliance-js';
export const DEMO_SUZHOU_CLUB_ADMIN = 'alliance-suzhou';
export const DEMO_PROVINCE_ALLIANCE = '江苏省首席质量官联盟';
export const DEMO_SUZHOU_CLUB = '苏州市首席质量官之家';

interface DemoThread {
  board: string;
  kind: 'discussion' | 'question';
  title: string;
  author: string;
  html: string;
  replies: { author: string; html: string }[];
  pinned?: boolean;
  featured?: boolean;
}

const THREADS: DemoThread[] = [
  {
    board: '质量管理交流',
    kind: 'discussion',
    title: '推行全面质量管理体系的三点体会',
    author: 'officer-kunshan-1',
    html: '<p>我们公司从去年开始推行<strong>全面质量管理体系</strong>，把质量目标分解到每个车间和班组。</p><ul><li>一是管理层每月召开质量例会；</li><li>二是关键工序设置质量控制点；</li><li>三是建立质量追溯台账。</li></ul><p>欢迎各位首席质量官交流经验。</p>',
    replies: [
      { author: DEMO_SECOND_OFFICER, html: '<p>很受启发。我们在推行过程中发现，质量例会一定要有数据支撑，否则容易流于形式。</p>' },
      { author: 'officer-kunshan-1', html: '<p>同意，我们用统计过程控制（SPC）图表在例会上展示关键指标的波动。</p>' },
    ],
    featured: true,
  },
  {
    board: '质量管理交流',
    kind: 'question',
    title: '首席质量官如何行使质量安全一票否决权？',
    author: DEMO_SECOND_OFFICER,
    html: '<p>制度规定首席质量官对产品质量安全有一票否决权。实际工作中，大家是如何在出厂检验环节落实的？有没有具体的审批流程可以参考？</p>',
    replies: [{ author: 'officer-kunshan-1', html: '<p>我们把否决权写进了出厂放行程序：质量部门签字是放行的必要条件，首席质量官对争议批次有最终决定权。</p>' }],
  },
  {
    board: '政策解读',
    kind: 'discussion',
    title: '《江苏省企业首席质量官制度》要点解读',
    author: 'province',
    html: '<p>企业首席质量官应当由企业高级管理人员担任，直接向企业主要负责人报告工作，每年参加不少于 50 学时的质量教育培训。</p>',
    replies: [],
    pinned: true,
  },
  {
    board: '联盟交流',
    kind: 'discussion',
    title: `联盟 ${clock.year()} 年度活动计划征求意见`,
    author: DEMO_PROVINCE_ALLIANCE_ADMIN,
    html: '<p>联盟拟于今年组织质量标杆企业观摩、卓越绩效模式研讨和质量诊断服务三项活动，请各位成员提出意见和建议。</p>',
    replies: [{ author: DEMO_SECOND_OFFICER, html: '<p>建议增加一次关于供应链质量管理的专题研讨。</p>' }],
    pinned: true,
  },
  {
    board: '之家动态',
    kind: 'discussion',
    title: '苏州之家开展质量诊断进企业活动',
    author: DEMO_SUZHOU_CLUB_ADMIN,
    html: '<p>本月苏州市首席质量官之家组织专家走进昆山、吴江的 12 家企业，开展质量诊断和技术帮扶。</p>',
    replies: [],
  },
];

/**
 * The community demo: a province alliance and the 苏州 之家 with their alliance_admin accounts, boards of each kind
 * (public, members only, pre-moderated), a second officer so conversations have two people, threads with
 * Chinese content and a few sensitive words.
 */
export async function seedDemoCommunity(db: Kysely<DB>, passwordHash: string): Promise<number> {
  const exists = await db.selectFrom('community_organisations').select('id').limit(1).executeTakeFirst();
  if (exists) return 0;
  const units = await db.selectFrom('org_units').select(['id', 'code']).where('code', 'in', ['320000', '320500']).execute();
  const unit = (code: string) => units.find((u) => u.code === code)?.id;
  const province = unit('320000');
  const suzhou = unit('320500');
  const creator = await db.selectFrom('accounts').select('id').where('username', '=', 'province').executeTakeFirst();
  const suzhouBureau = await db.selectFrom('accounts').select('id').where('username', '=', 'suzhou').executeTakeFirst();
  const first = await db.selectFrom('accounts').select(['id', 'org_unit_id']).where('username', '=', 'officer-kunshan-1').executeTakeFirst();
  if (!province || !suzhou || !creator || !first) return 0;

  // the second officer: another person with an active filing in Kunshan, given an account
  const second = await sql<{ person_id: number; org_unit_id: number }>`
    select f.person_id, f.org_unit_id from filings f join persons p on p.id = f.person_id
    where f.status = 'active' and p.account_id is null and f.org_unit_id = ${first.org_unit_id}
    order by f.id limit 1`.execute(db);
  const secondRow = second.rows[0];
  const accounts = new Map<string, number>([
    ['officer-kunshan-1', first.id],
    ['province', creator.id],
  ]);
  if (secondRow) {
    const person = await db.selectFrom('persons').select('name').where('id', '=', secondRow.person_id).executeTakeFirstOrThrow();
    const acct = await db
      .insertInto('accounts')
      .values({
        username: DEMO_SECOND_OFFICER,
        display_name: person.name,
        role: 'officer',
        org_unit_id: secondRow.org_unit_id,
        password_hash: passwordHash,
        must_change_password: false,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await db
      .updateTable('persons')
      .set({ account_id: acct.id, account_link_basis: 'migrated', account_linked_at: clock.now() })
      .where('id', '=', secondRow.person_id)
      .execute();
    accounts.set(DEMO_SECOND_OFFICER, acct.id);
  }
  for (const [username, name, unitId] of [
    [DEMO_PROVINCE_ALLIANCE_ADMIN, '省首席质量官联盟秘书处', province],
    [DEMO_SUZHOU_CLUB_ADMIN, '苏州首席质量官之家秘书处', suzhou],
  ] as const) {
    const acct = await db
      .insertInto('accounts')
      .values({ username, display_name: name, role: 'alliance_admin', org_unit_id: unitId, password_hash: passwordHash, must_change_password: false })
      .returning('id')
      .executeTakeFirstOrThrow();
    accounts.set(username, acct.id);
  }

  const alliance = await db
    .insertInto('community_organisations')
    .values({
      kind: 'alliance',
      level: 'province',
      name: DEMO_PROVINCE_ALLIANCE,
      description: '由全省企业首席质量官自愿组成，开展质量交流、标杆学习和质量帮扶。',
      org_unit_id: province,
      created_by: creator.id,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const club = await db
    .insertInto('community_organisations')
    .values({
      kind: 'club',
      level: 'city',
      name: DEMO_SUZHOU_CLUB,
      description: '苏州市首席质量官的交流之家。',
      org_unit_id: suzhou,
      created_by: suzhouBureau?.id ?? creator.id,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const member = (
    organisation_id: number,
    username: string,
    extra: { is_admin?: boolean; role?: 'president' | 'vice_president' | 'secretariat' | 'member' } = {},
  ) => {
    const account_id = accounts.get(username);
    return account_id
      ? db
          .insertInto('community_members')
          .values({ organisation_id, account_id, status: 'active', decided_by: creator.id, decided_at: clock.now(), ...extra })
          .execute()
      : Promise.resolve();
  };
  await member(alliance.id, DEMO_PROVINCE_ALLIANCE_ADMIN, { is_admin: true, role: 'secretariat' });
  await member(alliance.id, DEMO_SECOND_OFFICER, { role: 'vice_president' });
  await member(club.id, DEMO_SUZHOU_CLUB_ADMIN, { is_admin: true, role: 'secretariat' });
  await member(club.id, 'officer-kunshan-1');
  await member(club.id, DEMO_SECOND_OFFICER, { role: 'president' });

  const boards = new Map<string, number>();
  const board = async (
    organisation_id: number | null,
    name: string,
    description: string,
    read_access: 'all' | 'members',
    post_access: 'all' | 'members' | 'admins',
    moderation: 'post' | 'pre',
    sort: number,
  ) => {
    const row = await db
      .insertInto('community_boards')
      .values({ organisation_id, name, description, read_access, post_access, moderation, sort, created_by: creator.id })
      .returning('id')
      .executeTakeFirstOrThrow();
    boards.set(name, row.id);
  };
  await board(null, '质量管理交流', '全省首席质量官交流质量管理经验、提出问题', 'all', 'all', 'post', 1);
  await board(null, '政策解读', '质量政策与首席质量官制度解读（省局发布）', 'all', 'admins', 'post', 2);
  await board(alliance.id, '联盟交流', '联盟成员交流，所有首席质量官可阅读', 'all', 'members', 'post', 1);
  await board(alliance.id, '问答互助', '联盟成员之间的提问与解答', 'members', 'members', 'post', 2);
  await board(club.id, '之家动态', '苏州之家的活动与通知（先审后发）', 'members', 'members', 'pre', 1);

  let minutes = 0;
  for (const t of THREADS) {
    const boardId = boards.get(t.board);
    const author = accounts.get(t.author);
    if (!boardId || !author) continue;
    minutes += 60;
    const at = new Date(clock.nowMs() - (THREADS.length * 60 - minutes) * 60_000 - 86_400_000);
    const thread = await db
      .insertInto('community_threads')
      .values({
        board_id: boardId,
        kind: t.kind,
        title: t.title,
        author_account_id: author,
        pinned: t.pinned ?? false,
        featured: t.featured ?? false,
        reply_count: t.replies.length,
        last_posted_at: at,
        created_at: at,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await db.insertInto('community_subscriptions').values({ thread_id: thread.id, account_id: author }).execute();
    const posts = [{ author: t.author, html: t.html, opening: true }, ...t.replies.map((r) => ({ ...r, opening: false }))];
    for (const p of posts) {
      const authorId = accounts.get(p.author);
      if (!authorId) continue;
      const html = sanitizePostHtml(p.html);
      const text = htmlToText(html);
      await sql`
        insert into community_posts (thread_id, board_id, is_opening, author_account_id, author_name, author_org, author_industry, body_html, body_text, search, created_at)
        select ${thread.id}, ${boardId}, ${p.opening}, a.id,
               coalesce(per.name, a.display_name),
               case a.role when 'officer' then e.name when 'alliance_admin' then '联盟管理员' else u.name end,
               e.industry_section, ${html}, ${text}, to_tsvector('simple', ${segmentForIndex(p.opening ? `${t.title}\n${text}` : text)}), ${at}
        from accounts a join org_units u on u.id = a.org_unit_id
        left join persons per on per.account_id = a.id
        left join filings f on f.person_id = per.id and f.status = 'active'
        left join enterprises e on e.id = f.enterprise_id
        where a.id = ${authorId}`.execute(db);
    }
  }
  for (const word of ['代开发票', '办证包过', '刷单返利']) {
    await db.insertInto('community_sensitive_words').values({ word, organisation_id: null, created_by: creator.id }).execute();
  }
  return THREADS.length;
}
