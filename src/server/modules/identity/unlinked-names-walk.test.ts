import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { idNumberCheckCharacter } from '../../../domain/id-number';
import { clock } from '../../clock';
import { createTestApp, type TestApp } from '../../testing/test-app';

/**
 * Issue 16 item 1: an officer account whose identity no bureau has confirmed sees no names of other people. Every
 * GET route of the API is fetched as such an account — with every id the database holds for its path parameters —
 * and no answer may contain the name of anyone on file (persons, candidates, officer accounts) but the account's own.
 * The same walk as a linked officer does find names, so the check can fail.
 */
const XRW = { 'x-requested-with': 'vitest' };
const OWN_NAME = '旁观者';
let t: TestApp;
let reader: Record<string, string>;
let linked: Record<string, string>;
let names: string[];

/**
 * Routes not walked, with the reason. Files and exports are binary (their access per role is walked in
 * accounts/download-walk.test.ts); anonymous routes answer everyone alike, so an account discloses nothing more.
 */
const BINARY = /evidence|attachment|\/files\/|photos\/|\/media|pdf|download|letter|\.xlsx|\/export$|\/template$/;
const NOT_WALKED: Record<string, string> = {
  '/api/public/officer-invitations/{token}': 'secret token; the invited name is masked (identity.test.ts)',
  '/api/openapi.json': 'the API description',
};

/** Where the ids of each path parameter come from (up to 40 of each, newest first). */
const ID_SOURCES: [RegExp, string][] = [
  [/^\/api\/accounts\//, 'accounts'],
  [/^\/api\/training\/classes\//, 'training_classes'],
  [/^\/api\/training\/sessions\//, 'training_sessions'],
  [/^\/api\/jobs\//, 'jobs'],
  [/^\/api\/enterprises\//, 'enterprises'],
  [/^\/api\/filings\//, 'filings'],
  [/^\/api\/persons\//, 'persons'],
  [/^\/api\/candidates\//, 'candidates'],
  [/^\/api\/training-plans\//, 'training_plans'],
  [/^\/api\/training-curricula\//, 'training_curricula'],
  [/^\/api\/study\/courses\//, 'courses'],
  [/^\/api\/study\/manage\/lessons\//, 'lessons'],
  [/^\/api\/duty-records\//, 'duty_records'],
  [/^\/api\/expert-pool\//, 'expert_pool_members'],
  [/^\/api\/expert-draws\//, 'expert_draw_batches'],
  [/^\/api\/sanctions\//, 'sanctions'],
  [/^\/api\/(public\/)?selections\//, 'competitive_selections'],
  [/^\/api\/community\/cases\//, 'cases'],
  [/^\/api\/community\/events\//, 'community_events'],
  [/^\/api\/community\/organisations\//, 'community_organisations'],
  [/^\/api\/community\/boards\//, 'community_boards'],
  [/^\/api\/community\/threads\//, 'community_threads'],
  [/^\/api\/community\/posts\//, 'community_posts'],
];
/** Query strings for routes that need one. */
const QUERIES: Record<string, string> = {
  '/api/community/search': `q=${encodeURIComponent('质量')}`,
  '/api/community/boards/{id}/mentionable': `q=${encodeURIComponent('王')}`,
};

async function idsFor(path: string): Promise<string[]> {
  if (path === '/api/working-calendar/{year}' || path === '/api/assessment/schemes/{year}') return [String(clock.now().getUTCFullYear())];
  if (path === '/api/public/verify/{serial}') {
    const rows = await t.db.selectFrom('certificates').select('serial').orderBy('id', 'desc').limit(40).execute();
    return rows.map((r) => r.serial);
  }
  if (path === '/api/coverage/worklists/{kind}') return ['no-cqo', 'overdue-filings', 'behind-study'];
  const source = ID_SOURCES.find(([re]) => re.test(path));
  if (!source) throw new Error(`no id source for ${path}: add one to ID_SOURCES or NOT_WALKED`);
  const rows = await sql<{ id: number }>`select id from ${sql.table(source[1])} order by id desc limit 40`.execute(t.db);
  return rows.rows.map((r) => String(r.id));
}

/** Every GET url of the API with its parameters filled in, except the routes not walked. */
async function urls(): Promise<{ path: string; url: string }[]> {
  const doc = (await t.app.inject({ url: '/api/openapi.json' })).json<{ paths: Record<string, Record<string, { security?: unknown[] }>> }>();
  const out: { path: string; url: string }[] = [];
  for (const [path, methods] of Object.entries(doc.paths)) {
    if (!('get' in methods) || path in NOT_WALKED || BINARY.test(path) || path.startsWith('/api/public/')) continue;
    const query = QUERIES[path] ? `?${QUERIES[path]}` : '';
    const params = path.match(/\{[^}]+\}/g) ?? [];
    if (params.length === 0) out.push({ path, url: path + query });
    else if (params.length === 1) for (const id of await idsFor(path)) out.push({ path, url: path.replace(/\{[^}]+\}/, id) + query });
    else throw new Error(`${path}: more than one parameter; walk it explicitly`);
  }
  return out;
}

/** The names each url's answer discloses, for one account. */
async function disclosed(headers: Record<string, string>, list: { path: string; url: string }[]): Promise<Map<string, string[]>> {
  const found = new Map<string, string[]>();
  for (const { path, url } of list) {
    const res = await t.app.inject({ url, headers });
    if (res.statusCode >= 500) throw new Error(`GET ${url} → ${res.statusCode} ${res.body.slice(0, 200)}`);
    if (res.statusCode !== 200) continue;
    const hits = names.filter((n) => res.body.includes(n));
    if (hits.length > 0) found.set(path, [...new Set([...(found.get(path) ?? []), ...hits])]);
  }
  return found;
}

/**
 * The unlinked account takes part as far as it may: it joins an organisation (admitted by its admin, so it reads
 * the members-only boards), is @mentioned by a linked officer and replies in that thread, which others answer.
 */
async function engageReader() {
  const post = async (username: string, url: string, payload: Record<string, unknown>) => {
    const res = await t.app.inject({ method: 'POST', url, headers: await t.as(username), payload });
    expect(res.statusCode, `${username} POST ${url}: ${res.body}`).toBeLessThan(300);
    return res.json<{ id: number }>();
  };
  const org = await t.db
    .selectFrom('community_members as m')
    .innerJoin('accounts as a', 'a.id', 'm.account_id')
    .select('m.organisation_id as id')
    .where('a.username', '=', 'alliance-js')
    .where('m.is_admin', '=', true)
    .orderBy('m.organisation_id')
    .executeTakeFirstOrThrow();
  await post('unlinked-walker', `/api/community/organisations/${String(org.id)}/join`, { message: '申请入会' });
  const readerId = (await t.db.selectFrom('accounts').select('id').where('username', '=', 'unlinked-walker').executeTakeFirstOrThrow()).id;
  const member = await t.db
    .selectFrom('community_members')
    .select('id')
    .where('organisation_id', '=', org.id)
    .where('account_id', '=', readerId)
    .executeTakeFirstOrThrow();
  await post('alliance-js', `/api/community/organisations/${String(org.id)}/members/${String(member.id)}/approve`, {});
  const board = await t.db.selectFrom('community_boards').select('id').where('name', '=', '质量管理交流').executeTakeFirstOrThrow();
  const thread = await post('officer-kunshan-2', `/api/community/boards/${String(board.id)}/threads`, {
    title: '请教进货检验的抽样方案',
    kind: 'question',
    bodyHtml: `<p>@${OWN_NAME} 您好，请教进货检验的抽样方案</p>`,
    mentionAccountIds: [readerId],
  });
  await post('unlinked-walker', `/api/community/threads/${String(thread.id)}/replies`, { bodyHtml: '<p>我们按 GB/T 2828.1 一般检验水平 II 抽样。</p>' });
  const follow = await t.app.inject({
    method: 'PUT',
    url: `/api/community/threads/${String(thread.id)}/subscription`,
    headers: await t.as('unlinked-walker'),
    payload: { subscribed: true },
  });
  expect(follow.statusCode).toBe(200);
  await post('officer-kunshan-1', `/api/community/threads/${String(thread.id)}/replies`, { bodyHtml: '<p>同意楼上，另外关键特性可加严。</p>' });
}

beforeAll(async () => {
  t = await createTestApp();
  const body = '32058319870707123';
  const registered = await t.app.inject({
    method: 'POST',
    url: '/api/public/officer-registrations',
    headers: XRW,
    payload: { name: OWN_NAME, idNumber: body + idNumberCheckCharacter(body), username: 'unlinked-walker', phone: '13800005555', password: 'Officer#2026ok' },
  });
  expect(registered.statusCode).toBe(201);
  reader = await t.as('unlinked-walker');
  linked = await t.as('officer-kunshan-2');
  await engageReader();
  const persons = await t.db.selectFrom('persons').select('name').execute();
  const candidates = await t.db.selectFrom('candidates').select('name').execute();
  const officers = await t.db.selectFrom('accounts').select('display_name as name').where('role', '=', 'officer').execute();
  names = [...new Set([...persons, ...candidates, ...officers].map((r) => r.name))].filter((n) => n.length >= 2 && n !== OWN_NAME);
}, 120_000);
afterAll(async () => {
  await t.close();
});

describe('an unlinked officer account sees no names of other people', { timeout: 900_000 }, () => {
  it('in no answer of any GET route, whatever id it asks for', async () => {
    const list = await urls();
    console.log(`walking ${String(list.length)} urls of ${String(new Set(list.map((u) => u.path)).size)} routes for ${String(names.length)} names`);
    const found = await disclosed(reader, list);
    expect(Object.fromEntries(found)).toEqual({});
    // the mention reached the account, without its author's name
    const notices = (await t.app.inject({ url: '/api/notifications', headers: reader })).json<{ items: { kind: string; title: string }[] }>();
    expect(notices.items.find((n) => n.kind === 'community.mention')?.title).toBe('某会员 在“请教进货检验的抽样方案”中提到了您');
    expect(notices.items.find((n) => n.kind === 'community.reply')?.title).toBe('某会员 回复了“请教进货检验的抽样方案”');
  });

  it('while the same walk as a linked officer finds names (the check can fail)', async () => {
    const list = (await urls()).filter((u) => u.path.startsWith('/api/community/'));
    const found = await disclosed(linked, list);
    expect([...found.keys()]).toEqual(expect.arrayContaining(['/api/community/boards/{id}/threads', '/api/community/threads/{id}', '/api/community/cases']));
  });
});
