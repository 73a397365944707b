import { DEFAULT_COMMUNITY_CREDIT_RULE } from '../../../domain/community-cases';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../testing/test-app';
import { multipartBody } from '../../testing/files';
import { findSensitiveWord, htmlToText, sanitizePostHtml } from './content';
import { expectStatus } from '../../testing/http';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => {
  await t.close();
});

type Method = 'GET' | 'POST' | 'PUT' | 'DELETE';
async function call(user: string, method: Method, url: string, payload?: unknown) {
  return t.app.inject({ method, url, headers: await t.as(user), ...(payload === undefined ? {} : { payload: payload as Record<string, unknown> }) });
}
const orgId = async (name: string) =>
  (await t.db.selectFrom('community_organisations').select('id').where('name', 'like', `${name}%`).executeTakeFirstOrThrow()).id;
const boardId = async (name: string) => (await t.db.selectFrom('community_boards').select('id').where('name', '=', name).executeTakeFirstOrThrow()).id;
const accountId = async (username: string) => (await t.db.selectFrom('accounts').select('id').where('username', '=', username).executeTakeFirstOrThrow()).id;
const notices = async (user: string, kind: string) =>
  ((await call(user, 'GET', '/api/notifications')).json().items as { kind: string; title: string; link: string }[]).filter((n) => n.kind === kind);

// officer-kunshan-1 joins the province alliance (its 问答互助 board is for members), as organisations.test.ts has it apply and be approved
beforeAll(async () => {
  const alliance = await orgId('江苏省首席质量官联盟');
  expectStatus(await call('officer-kunshan-1', 'POST', `/api/community/organisations/${alliance}/join`, {}), 200);
  const officer = await accountId('officer-kunshan-1');
  const members = (await call('alliance-js', 'GET', `/api/community/organisations/${alliance}/members`)).json() as { id: number; accountId: number }[];
  const application = members.find((m) => m.accountId === officer);
  expectStatus(await call('alliance-js', 'POST', `/api/community/organisations/${alliance}/members/${application?.id}/approve`), 200);
});

describe('boards and threads', () => {
  it('read and post rights follow the board settings', async () => {
    const policy = await boardId('政策解读');
    const qa = await boardId('问答互助');
    const clubNews = await boardId('之家动态');
    // 问答互助 is for members: officer-kunshan-2 is one, the 苏州 之家 admin is not
    expect((await call('officer-kunshan-2', 'GET', `/api/community/boards/${qa}/threads`)).statusCode).toBe(200);
    expect((await call('alliance-suzhou', 'GET', `/api/community/boards/${qa}/threads`)).statusCode).toBe(404);
    expect((await call('nanjing', 'GET', `/api/community/boards/${qa}/threads`)).statusCode).toBe(404);
    // only the province posts in 政策解读
    const refused = await call('officer-kunshan-1', 'POST', `/api/community/boards/${policy}/threads`, {
      title: '官员发帖测试',
      kind: 'discussion',
      bodyHtml: '<p>测试内容</p>',
    });
    expect(refused.statusCode).toBe(403);
    // 之家动态 is pre-moderated: a member's thread waits, unseen by others, until the admin approves it
    const pending = await call('officer-kunshan-1', 'POST', `/api/community/boards/${clubNews}/threads`, {
      title: '昆山企业质量开放日',
      kind: 'discussion',
      bodyHtml: '<p>欢迎各位参加我们的质量开放日。</p>',
    });
    expect(pending.statusCode).toBe(201);
    expect(pending.json().status).toBe('pending');
    const threadId = pending.json().id as number;
    expect((await call('officer-kunshan-2', 'GET', `/api/community/threads/${threadId}`)).statusCode).toBe(404);
    expect((await call('officer-kunshan-1', 'GET', `/api/community/threads/${threadId}`)).json().thread.status).toBe('pending');
    const queue = (await call('alliance-suzhou', 'GET', '/api/community/moderation/queue')).json() as { postId: number; status: string }[];
    const item = queue.find((q) => q.postId === pending.json().postId);
    expect(item?.status).toBe('pending');
    expect(((await call('alliance-js', 'GET', '/api/community/moderation/queue')).json() as { postId: number }[]).some((q) => q.postId === item?.postId)).toBe(
      false,
    );
    expect((await call('alliance-js', 'POST', `/api/community/posts/${item?.postId}/moderation`, { decision: 'approve' })).statusCode).toBe(404);
    expect((await call('alliance-suzhou', 'POST', `/api/community/posts/${item?.postId}/moderation`, { decision: 'approve' })).statusCode).toBe(200);
    expect((await call('officer-kunshan-2', 'GET', `/api/community/threads/${threadId}`)).statusCode).toBe(200);
    expect(await notices('officer-kunshan-1', 'community.approved')).toHaveLength(1);
  });

  it('sanitises rich text: scripts, event handlers, javascript: links and foreign images are removed', async () => {
    const board = await boardId('质量管理交流');
    const res = await call('officer-kunshan-1', 'POST', `/api/community/boards/${board}/threads`, {
      title: '富文本安全测试主题',
      kind: 'discussion',
      bodyHtml:
        '<p onclick="alert(1)">正文<strong>加粗</strong><script>alert("x")</script></p><img src="x" onerror="alert(2)"><img src="https://evil.example/a.png"><a href="javascript:alert(3)">链接</a><a href="https://www.samr.gov.cn" onmouseover="x()">总局</a><iframe src="https://evil.example"></iframe><style>p{}</style>',
    });
    expect(res.statusCode).toBe(201);
    const post = await t.db.selectFrom('community_posts').select(['body_html', 'body_text']).where('id', '=', res.json().postId).executeTakeFirstOrThrow();
    expect(post.body_html).not.toMatch(/script|onclick|onerror|onmouseover|javascript:|iframe|style|evil\.example|<img/i);
    expect(post.body_html).toContain('<strong>加粗</strong>');
    expect(post.body_html).toContain('href="https://www.samr.gov.cn"');
    expect(post.body_html).toContain('rel="noopener noreferrer nofollow"');
    expect(post.body_text).not.toContain('alert');
    // unit level
    expect(sanitizePostHtml('<svg onload="x()"><a href="data:text/html,1">a</a></svg>')).toBe('<a rel="noopener noreferrer nofollow" target="_blank">a</a>');
    expect(htmlToText('<p>甲&amp;乙</p><p>丙</p>')).toBe('甲&乙\n丙');
  });

  it('refuses a sensitive word, names it, and stores nothing', async () => {
    const board = await boardId('质量管理交流');
    const before = await t.db
      .selectFrom('community_threads')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    const res = await call('officer-kunshan-1', 'POST', `/api/community/boards/${board}/threads`, {
      title: '供应商管理问题',
      kind: 'question',
      bodyHtml: '<p>有人可以帮忙代开发票吗</p>',
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.message).toContain('代开发票');
    const after = await t.db
      .selectFrom('community_threads')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    expect(Number(after.n)).toBe(Number(before.n));
    expect(await findSensitiveWord(t.db, '正常的质量交流')).toBeNull();
    // an organisation's own word applies only in its boards
    const alliance = await orgId('江苏省首席质量官联盟');
    expect((await call('alliance-js', 'POST', '/api/community/sensitive-words', { word: '内部价格', organisationId: alliance })).statusCode).toBe(201);
    expect((await call('alliance-js', 'POST', '/api/community/sensitive-words', { word: '全省词' })).statusCode).toBe(403);
    expect(await findSensitiveWord(t.db, '这是内部价格', alliance)).toBe('内部价格');
    expect(await findSensitiveWord(t.db, '这是内部价格')).toBeNull();
    const title = await call('officer-kunshan-1', 'POST', `/api/community/boards/${board}/threads`, {
      title: '短',
      kind: 'discussion',
      bodyHtml: '<p>内容</p>',
    });
    expect(title.statusCode).toBe(400);
    expect(title.json().error.message).toContain('标题');
  });

  it('question, answer, accepted answer, likes and follow notifications', async () => {
    const board = await boardId('问答互助');
    const q = await call('officer-kunshan-1', 'POST', `/api/community/boards/${board}/threads`, {
      title: '来料检验抽样方案怎么定？',
      kind: 'question',
      bodyHtml: '<p>请教各位，来料检验的抽样方案一般按什么标准？</p>',
      mentionAccountIds: [await accountId('officer-kunshan-2')],
    });
    expect(q.statusCode).toBe(201);
    expect(await notices('officer-kunshan-2', 'community.mention')).toHaveLength(1);
    const answer = await call('officer-kunshan-2', 'POST', `/api/community/threads/${q.json().id}/replies`, {
      bodyHtml: '<p>可以参考 GB/T 2828.1 计数抽样检验程序。</p>',
    });
    expect(answer.statusCode).toBe(201);
    expect((await notices('officer-kunshan-1', 'community.reply')).length).toBeGreaterThan(0);
    // only the asker accepts
    expect((await call('officer-kunshan-2', 'POST', `/api/community/threads/${q.json().id}/accept`, { postId: answer.json().id })).statusCode).toBe(403);
    expect((await call('officer-kunshan-1', 'POST', `/api/community/threads/${q.json().id}/accept`, { postId: q.json().postId })).statusCode).toBe(400);
    expect((await call('officer-kunshan-1', 'POST', `/api/community/threads/${q.json().id}/accept`, { postId: answer.json().id })).statusCode).toBe(200);
    expect(await notices('officer-kunshan-2', 'community.accepted')).toHaveLength(1);
    // the accepted answer credits its author one 学时 in the annual study account
    const ledger = () =>
      t.db
        .selectFrom('study_ledger_entries as l')
        .innerJoin('persons as p', 'p.id', 'l.person_id')
        .innerJoin('accounts as a', 'a.id', 'p.account_id')
        .select(['l.source_ref', 'l.minutes', 'l.status'])
        .where('a.username', '=', 'officer-kunshan-2')
        .where('l.source', '=', 'community')
        .execute();
    expect(await ledger()).toEqual([
      { source_ref: `community_answer:${answer.json().id}`, minutes: DEFAULT_COMMUNITY_CREDIT_RULE.minutesPerForumContribution, status: 'credited' },
    ]);
    expect((await call('officer-kunshan-1', 'POST', `/api/community/threads/${q.json().id}/accept`, { postId: answer.json().id })).statusCode).toBe(409);
    // featuring a thread credits its author; unfeaturing revokes the line
    expect((await call('alliance-js', 'PUT', `/api/community/threads/${q.json().id}/flags`, { flag: 'featured', on: true })).statusCode).toBe(200);
    expect((await call('alliance-suzhou', 'PUT', `/api/community/threads/${q.json().id}/flags`, { flag: 'featured', on: false })).statusCode).toBe(404);
    const asker = await t.db
      .selectFrom('study_ledger_entries')
      .select(['minutes', 'status'])
      .where('source_ref', '=', `community_featured:${q.json().id}`)
      .executeTakeFirstOrThrow();
    expect(asker).toEqual({ minutes: DEFAULT_COMMUNITY_CREDIT_RULE.minutesPerForumContribution, status: 'credited' });
    expectStatus(await call('alliance-js', 'PUT', `/api/community/threads/${q.json().id}/flags`, { flag: 'featured', on: false }), 200);
    expect(
      (await t.db.selectFrom('study_ledger_entries').select('status').where('source_ref', '=', `community_featured:${q.json().id}`).executeTakeFirstOrThrow())
        .status,
    ).toBe('revoked');
    const like = await call('officer-kunshan-1', 'PUT', `/api/community/posts/${answer.json().id}/like`, { liked: true });
    expect(like.json()).toEqual({ liked: true, likeCount: 1 });
    expect((await call('officer-kunshan-1', 'PUT', `/api/community/posts/${answer.json().id}/like`, { liked: true })).json().likeCount).toBe(1);
    const page = (await call('officer-kunshan-1', 'GET', `/api/community/threads/${q.json().id}`)).json();
    expect(page.thread.acceptedPostId).toBe(answer.json().id);
    expect(page.posts[1]).toMatchObject({ liked: true, likeCount: 1, authorOrg: expect.any(String) });
    expect(JSON.stringify(page)).not.toMatch(/idNumber|phone/);
  });

  it('images go through the upload checks and are served to readers of the post only', async () => {
    const png = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(64)]);
    const up = multipartBody('现场.png', png);
    const headers = { ...(await t.as('officer-kunshan-2')), ...up.headers };
    const uploaded = await t.app.inject({ method: 'POST', url: '/api/community/files?kind=image', headers, payload: up.payload });
    expect(uploaded.statusCode).toBe(201);
    const fake = multipartBody('病毒.png', Buffer.from('MZ\x90\x00 not an image'));
    expect(
      (
        await t.app.inject({
          method: 'POST',
          url: '/api/community/files',
          headers: { ...(await t.as('officer-kunshan-2')), ...fake.headers },
          payload: fake.payload,
        })
      ).statusCode,
    ).toBe(400);
    const url = uploaded.json().url as string;
    // before it is posted only the uploader sees it
    expect((await call('officer-kunshan-1', 'GET', url)).statusCode).toBe(404);
    const board = await boardId('问答互助');
    const posted = await call('officer-kunshan-2', 'POST', `/api/community/boards/${board}/threads`, {
      title: '检验现场照片分享',
      kind: 'discussion',
      bodyHtml: `<p>现场照片</p><img src="${url}" alt="现场">`,
    });
    expect(posted.statusCode).toBe(201);
    const html = (await t.db.selectFrom('community_posts').select('body_html').where('id', '=', posted.json().postId).executeTakeFirstOrThrow()).body_html;
    expect(html).toContain(`src="${url}"`);
    const seen = await call('officer-kunshan-1', 'GET', url);
    expect(seen.statusCode).toBe(200);
    expect(seen.headers['content-type']).toBe('image/png');
    expect((await call('alliance-suzhou', 'GET', url)).statusCode).toBe(404);
    // a PDF attachment is listed under the post; an image upload may not be a PDF
    const pdf = multipartBody('检验规程.pdf', Buffer.from('%PDF-1.4\n%%EOF\n'));
    const pdfAsImage = await t.app.inject({
      method: 'POST',
      url: '/api/community/files?kind=image',
      headers: { ...(await t.as('officer-kunshan-2')), ...pdf.headers },
      payload: pdf.payload,
    });
    expect(pdfAsImage.statusCode).toBe(400);
    const attached = await t.app.inject({
      method: 'POST',
      url: '/api/community/files?kind=attachment',
      headers: { ...(await t.as('officer-kunshan-2')), ...pdf.headers },
      payload: pdf.payload,
    });
    expect(attached.statusCode).toBe(201);
    const withFile = await call('officer-kunshan-2', 'POST', `/api/community/threads/${posted.json().id}/replies`, {
      bodyHtml: '<p>附上检验规程</p>',
      attachmentIds: [attached.json().id],
    });
    expect(withFile.statusCode).toBe(201);
    expect(
      (
        await call('officer-kunshan-2', 'POST', `/api/community/threads/${posted.json().id}/replies`, {
          bodyHtml: '<p>再次使用同一附件</p>',
          attachmentIds: [attached.json().id],
        })
      ).statusCode,
    ).toBe(400);
    const page = (await call('officer-kunshan-1', 'GET', `/api/community/threads/${posted.json().id}`)).json();
    expect(page.posts[1].attachments).toEqual([{ id: attached.json().id, name: '检验规程.pdf', bytes: attached.json().bytes }]);
    expect((await call('officer-kunshan-1', 'GET', `/api/community/files/${attached.json().id}`)).headers['content-type']).toBe('application/pdf');
    // someone else's image cannot be embedded
    const stolen = expectStatus(
      await call('officer-kunshan-1', 'POST', `/api/community/boards/${board}/threads`, {
        title: '引用他人的图片',
        kind: 'discussion',
        bodyHtml: `<p>图片</p><img src="${url}">`,
      }),
      201,
    );
    expect(
      (await t.db.selectFrom('community_posts').select('body_html').where('id', '=', stolen.json().postId).executeTakeFirstOrThrow()).body_html,
    ).not.toContain('<img');
  });
});

describe('Chinese search', () => {
  it('finds 质量管理 in a post containing 全面质量管理体系, ranked, with highlighted snippets', async () => {
    const res = await call('officer-kunshan-2', 'GET', `/api/community/search?q=${encodeURIComponent('质量管理')}`);
    expect(res.statusCode).toBe(200);
    const items = res.json().items as { title: string; snippet: { text: string; hit: boolean }[]; authorName: string; rank: number }[];
    const hit = items.find((i) => i.title === '推行全面质量管理体系的三点体会');
    expect(hit).toBeDefined();
    // adjacent highlighted segments cover 质量管理 inside 全面质量管理体系
    const marked = (hit?.snippet ?? []).map((s) => (s.hit ? `[${s.text}]` : s.text)).join('');
    expect(marked).toContain('全面[质量][管理]体系');
    expect(hit?.authorName).toBe('陈质量');
    for (let i = 1; i < items.length; i++) expect(items[i - 1]?.rank ?? 0).toBeGreaterThanOrEqual(items[i]?.rank ?? 0);
    // several words: all must match
    const two = (await call('officer-kunshan-2', 'GET', `/api/community/search?q=${encodeURIComponent('质量例会 数据')}`)).json().items as { title: string }[];
    expect(two.length).toBeGreaterThan(0);
    const none = (await call('officer-kunshan-2', 'GET', `/api/community/search?q=${encodeURIComponent('质量例会 火箭发射')}`)).json();
    expect(none.total).toBe(0);
  });

  it('searches published cases beside threads and replies, and leaves them out of a board filter', async () => {
    const res = (await call('officer-kunshan-2', 'GET', `/api/community/search?q=${encodeURIComponent('全面质量管理体系')}`)).json();
    const cases = (res.items as { source: string; title: string; link: string; context: string }[]).filter((i) => i.source === 'case');
    expect(cases.map((c) => c.title)).toContain('建立全面质量管理体系，推动食品企业从检验把关到过程预防');
    expect(cases.every((c) => c.link.startsWith('/community/cases/') && c.context === '经验案例')).toBe(true);
    const publicBoard = await boardId('质量管理交流');
    const inBoard = (await call('officer-kunshan-2', 'GET', `/api/community/search?q=${encodeURIComponent('全面质量管理体系')}&boardId=${publicBoard}`)).json()
      .items as { source: string }[];
    expect(inBoard.some((i) => i.source === 'case')).toBe(false);
  });

  it('filters by board, organisation, industry and date, and never shows what the caller cannot read', async () => {
    const q = encodeURIComponent('抽样');
    expect((await call('officer-kunshan-2', 'GET', `/api/community/search?q=${q}`)).json().total).toBeGreaterThan(0);
    // 问答互助 is members-only: the 苏州 之家 admin finds nothing there
    expect((await call('alliance-suzhou', 'GET', `/api/community/search?q=${q}`)).json().total).toBe(0);
    const publicBoard = await boardId('质量管理交流');
    const inBoard = (await call('officer-kunshan-2', 'GET', `/api/community/search?q=${encodeURIComponent('质量')}&boardId=${publicBoard}`)).json().items as {
      context: string;
    }[];
    expect(inBoard.length).toBeGreaterThan(0);
    expect(new Set(inBoard.map((i) => i.context))).toEqual(new Set(['质量管理交流']));
    const alliance = await orgId('江苏省首席质量官联盟');
    const inOrg = (await call('officer-kunshan-2', 'GET', `/api/community/search?q=${encodeURIComponent('质量')}&organisationId=${alliance}`)).json().items as {
      context: string;
    }[];
    expect(inOrg.every((i) => ['联盟交流', '问答互助'].includes(i.context))).toBe(true);
    const industry = (await t.db.selectFrom('community_posts').select('author_industry').where('author_industry', 'is not', null).executeTakeFirstOrThrow())
      .author_industry;
    const byIndustry = await call('officer-kunshan-2', 'GET', `/api/community/search?q=${encodeURIComponent('质量')}&industry=${industry}`);
    expect(byIndustry.json().total).toBeGreaterThan(0);
    const otherIndustry = industry === 'C' ? 'F' : 'C';
    const inOther = (
      await call('officer-kunshan-2', 'GET', `/api/community/search?q=${encodeURIComponent('全面质量管理体系')}&industry=${otherIndustry}`)
    ).json().items as { source: string }[];
    expect(inOther.filter((i) => i.source === 'forum')).toEqual([]);
    expect((await call('officer-kunshan-2', 'GET', `/api/community/search?q=${encodeURIComponent('质量')}&from=2099-01-01`)).json().total).toBe(0);
    const bad = await call('officer-kunshan-2', 'GET', `/api/community/search?q=${encodeURIComponent('质量')}&from=2026-13-01`);
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.message).toContain('开始时间');
    expect((await call('officer-kunshan-2', 'GET', '/api/community/search?q=%20%EF%BC%8C')).json().total).toBe(0);
    // hidden posts drop out of search
    const post = (await t.db.selectFrom('community_posts').select('id').where('body_text', 'like', '%GB/T 2828.1%').executeTakeFirstOrThrow()).id;
    expectStatus(await call('alliance-js', 'POST', `/api/community/posts/${post}/moderation`, { decision: 'hide', reason: '测试隐藏' }), 200);
    expect((await call('officer-kunshan-2', 'GET', `/api/community/search?q=${encodeURIComponent('计数抽样检验')}`)).json().total).toBe(0);
  });
});
