import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { idNumberCheckCharacter } from '../../../domain/id-number';
import { createTestApp, type TestApp } from '../../testing/test-app';
import { MASKED_NAME } from './name-mask';

/**
 * Issue 16 item 1: an officer account whose identity the bureau has not confirmed reads public boards and the case
 * library but sees no names of other people: authors, their enterprises and @mentions are masked by the server.
 */
const XRW = { 'x-requested-with': 'vitest' };
let t: TestApp;
let reader: Record<string, string>;
let linked: Record<string, string>;
let boardId: number;
let threadId: number;
/** Real names of demo officers who wrote or are mentioned: none may reach the unlinked account. */
let names: string[];

beforeAll(async () => {
  t = await createTestApp();
  const registered = await t.app.inject({
    method: 'POST',
    url: '/api/public/officer-registrations',
    headers: XRW,
    payload: {
      name: '旁观者',
      idNumber: '32058319870707123' + idNumberCheckCharacter('32058319870707123'),
      username: 'masked-reader',
      phone: '13800004444',
      password: 'Officer#2026ok',
    },
  });
  expect(registered.statusCode).toBe(201);
  reader = await t.as('masked-reader');
  linked = await t.as('officer-kunshan-2');
  boardId = (await t.db.selectFrom('community_boards').select('id').where('name', '=', '质量管理交流').executeTakeFirstOrThrow()).id;
  const officers = await t.db
    .selectFrom('persons as p')
    .innerJoin('accounts as a', 'a.id', 'p.account_id')
    .select(['a.id', 'a.username', 'p.name'])
    .where('a.username', 'in', ['officer-kunshan-1', 'officer-kunshan-2'])
    .execute();
  const mentioned = officers.find((o) => o.username === 'officer-kunshan-2');
  if (!mentioned) throw new Error('demo officer missing');
  names = officers.map((o) => o.name);
  const created = await t.app.inject({
    method: 'POST',
    url: `/api/community/boards/${String(boardId)}/threads`,
    headers: await t.as('officer-kunshan-1'),
    payload: {
      title: '来料检验抽样方案请教',
      kind: 'question',
      bodyHtml: `<p>@${mentioned.name} 请教来料检验的抽样方案</p>`,
      mentionAccountIds: [mentioned.id],
    },
  });
  expect(created.statusCode, created.body).toBe(201);
  threadId = created.json<{ id: number }>().id;
});
afterAll(async () => {
  await t.close();
});

describe('names are masked for an unlinked account', () => {
  it('board thread lists show no author or enterprise', async () => {
    const res = await t.app.inject({ url: `/api/community/boards/${String(boardId)}/threads`, headers: reader });
    expect(res.statusCode).toBe(200);
    const items = res.json<{ items: { authorName: string; authorOrg: string | null }[] }>().items;
    expect(items.length).toBeGreaterThan(1);
    for (const item of items) expect(item).toMatchObject({ authorName: MASKED_NAME, authorOrg: null });
    for (const name of names) expect(res.body).not.toContain(name);
    // a linked officer sees them
    const seen = (await t.app.inject({ url: `/api/community/boards/${String(boardId)}/threads`, headers: linked })).body;
    expect(names.some((n) => seen.includes(n))).toBe(true);
  });

  it('a thread shows no author, and the @mention in the text is masked', async () => {
    const res = await t.app.inject({ url: `/api/community/threads/${String(threadId)}`, headers: reader });
    expect(res.statusCode).toBe(200);
    const posts = res.json<{ posts: { authorName: string; authorOrg: string | null; bodyHtml: string }[] }>().posts;
    expect(posts[0]).toMatchObject({ authorName: MASKED_NAME, authorOrg: null });
    expect(posts[0]?.bodyHtml).toContain(`@${MASKED_NAME}`);
    for (const name of names) expect(res.body).not.toContain(name);
    expect(res.body).not.toContain('mentions');
    const seen = await t.app.inject({ url: `/api/community/threads/${String(threadId)}`, headers: linked });
    expect(seen.json<{ posts: { bodyHtml: string }[] }>().posts[0]?.bodyHtml).not.toContain(MASKED_NAME);
    expect(names.every((n) => seen.body.includes(n))).toBe(true);
  });

  it('search hits and the case library name no author', async () => {
    const search = await t.app.inject({ url: `/api/community/search?q=${encodeURIComponent('抽样方案')}`, headers: reader });
    expect(search.statusCode, search.body).toBe(200);
    const hits = search.json<{ items: { authorName: string | null }[] }>().items;
    expect(hits.length).toBeGreaterThan(0);
    for (const hit of hits) expect(hit.authorName).toBe(MASKED_NAME);
    for (const name of names) expect(search.body).not.toContain(name);

    const cases = await t.app.inject({ url: '/api/community/cases', headers: reader });
    expect(cases.statusCode).toBe(200);
    const items = cases.json<{ items: { id: number; authorName: string }[] }>().items;
    expect(items.length).toBeGreaterThan(0);
    for (const c of items) expect(c.authorName).toBe(MASKED_NAME);
    const detail = await t.app.inject({ url: `/api/community/cases/${String(items[0]?.id ?? 0)}`, headers: reader });
    expect(detail.json()).toMatchObject({ authorName: MASKED_NAME });
    // the linked officer reads the real author
    const real = (await t.app.inject({ url: `/api/community/cases/${String(items[0]?.id ?? 0)}`, headers: linked })).json<{ authorName: string }>();
    expect(real.authorName).not.toBe(MASKED_NAME);
  });
});
