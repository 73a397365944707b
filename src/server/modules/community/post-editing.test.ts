import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../testing/test-app';
import { expectStatus } from '../../testing/http';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
  // officer-kunshan-2 is a seeded member of the 联盟 that runs 问答互助; officer-kunshan-1 applies and is approved
  const alliance = (await t.db.selectFrom('community_organisations').select('id').where('name', 'like', '江苏省首席质量官联盟%').executeTakeFirstOrThrow()).id;
  expect((await call('officer-kunshan-1', 'POST', `/api/community/organisations/${String(alliance)}/join`, { message: '希望加入联盟交流' })).json()).toEqual({
    status: 'applied',
  });
  const officer = await accountId('officer-kunshan-1');
  const members = (await call('alliance-js', 'GET', `/api/community/organisations/${String(alliance)}/members`)).json() as { id: number; accountId: number }[];
  const application = members.find((m) => m.accountId === officer);
  expect((await call('alliance-js', 'POST', `/api/community/organisations/${String(alliance)}/members/${String(application?.id)}/approve`)).statusCode).toBe(
    200,
  );
});
afterAll(async () => {
  await t.close();
});

type Method = 'GET' | 'POST' | 'PUT' | 'DELETE';
async function call(user: string, method: Method, url: string, payload?: unknown) {
  return t.app.inject({ method, url, headers: await t.as(user), ...(payload === undefined ? {} : { payload: payload as Record<string, unknown> }) });
}
const accountId = async (username: string) => (await t.db.selectFrom('accounts').select('id').where('username', '=', username).executeTakeFirstOrThrow()).id;
const auditCount = async (action: string) =>
  Number(
    (
      await t.db
        .selectFrom('audit_events')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('action', '=', action)
        .executeTakeFirstOrThrow()
    ).n,
  );
const boardId = async (name: string) => (await t.db.selectFrom('community_boards').select('id').where('name', '=', name).executeTakeFirstOrThrow()).id;

describe('editing posts', () => {
  const searchTotal = async (user: string, q: string) => (await call(user, 'GET', `/api/community/search?q=${encodeURIComponent(q)}`)).json().total as number;
  const editRows = (postId: number) => t.db.selectFrom('community_post_edits').selectAll().where('post_id', '=', postId).orderBy('id').execute();

  it('the author edits a topic and a reply; the 已编辑 mark, the history and the search index follow; others are refused', async () => {
    const board = await boardId('问答互助');
    // seeded posts and cases may use the same words: count relative to before
    const [fishbone = 0, pareto = 0, limits = 0, capability = 0] = await Promise.all(
      ['鱼骨图', '帕累托', '判异准则', '过程能力指数'].map((w) => searchTotal('officer-kunshan-2', w)),
    );
    const created = await call('officer-kunshan-1', 'POST', `/api/community/boards/${board}/threads`, {
      title: '首件检验记录怎么填写',
      kind: 'discussion',
      bodyHtml: '<p>我们用鱼骨图分析首件不合格的原因。</p>',
    });
    expect(created.statusCode).toBe(201);
    const { id: threadId, postId } = created.json() as { id: number; postId: number };
    const reply = expectStatus(
      await call('officer-kunshan-2', 'POST', `/api/community/threads/${threadId}/replies`, { bodyHtml: '<p>建议结合控制图判异准则。</p>' }),
      201,
    );
    const replyId = reply.json().id as number;
    expect(await searchTotal('officer-kunshan-2', '鱼骨图')).toBe(fishbone + 1);

    // another officer, a reply title, an unknown post
    expect((await call('officer-kunshan-2', 'PUT', `/api/community/posts/${postId}`, { bodyHtml: '<p>别人改的内容</p>' })).statusCode).toBe(403);
    expect((await call('officer-kunshan-1', 'PUT', `/api/community/posts/${replyId}`, { bodyHtml: '<p>别人改的内容</p>' })).statusCode).toBe(403);
    expect(
      (await call('officer-kunshan-2', 'PUT', `/api/community/posts/${replyId}`, { title: '回复标题测试', bodyHtml: '<p>带标题的回复</p>' })).statusCode,
    ).toBe(400);
    expect((await call('officer-kunshan-1', 'PUT', '/api/community/posts/999999', { bodyHtml: '<p>不存在的帖子</p>' })).statusCode).toBe(404);
    // alliance-suzhou cannot read the members' board at all
    expect((await call('alliance-suzhou', 'PUT', `/api/community/posts/${postId}`, { bodyHtml: '<p>看不到的帖子</p>' })).statusCode).toBe(404);
    expect(await editRows(postId)).toHaveLength(0);

    // sensitive words and sanitising are the same as for a new post
    const bad = await call('officer-kunshan-1', 'PUT', `/api/community/posts/${postId}`, {
      title: '首件检验记录怎么填写',
      bodyHtml: '<p>有人可以帮忙代开发票吗</p>',
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.message).toContain('代开发票');
    const badTitle = await call('officer-kunshan-1', 'PUT', `/api/community/posts/${postId}`, { title: '代开发票怎么办理', bodyHtml: '<p>正常内容</p>' });
    expect(badTitle.statusCode).toBe(400);
    expect(badTitle.json().error.details ?? badTitle.json().error.message).toBeTruthy();
    expect(await editRows(postId)).toHaveLength(0);

    const edited = await call('officer-kunshan-1', 'PUT', `/api/community/posts/${postId}`, {
      title: '首件检验记录的填写方法',
      bodyHtml: '<p>改用帕累托排列图分析原因。<script>alert(1)</script></p>',
    });
    expect(edited.statusCode).toBe(200);
    expect(edited.json()).toEqual({ id: postId, status: 'published' });
    const page = (await call('officer-kunshan-2', 'GET', `/api/community/threads/${threadId}`)).json();
    expect(page.thread.title).toBe('首件检验记录的填写方法');
    expect(page.posts[0].bodyHtml).not.toContain('script');
    expect(page.posts[0].editedAt).toEqual(expect.any(String));
    expect(page.posts[0].canEdit).toBe(false);
    expect(page.posts[1]).toMatchObject({ editedAt: null, canEdit: true });
    const history = await editRows(postId);
    expect(history).toHaveLength(1);
    expect(history[0]).toMatchObject({
      editor_account_id: await accountId('officer-kunshan-1'),
      previous_title: '首件检验记录怎么填写',
      previous_status: 'published',
    });
    expect(history[0]?.previous_body_html).toContain('鱼骨图');
    expect(await auditCount('community.post.edit')).toBe(1);
    // search finds the new text, not the old
    expect(await searchTotal('officer-kunshan-2', '鱼骨图')).toBe(fishbone);
    expect(await searchTotal('officer-kunshan-2', '帕累托')).toBe(pareto + 1);
    expect(await searchTotal('officer-kunshan-2', '填写方法')).toBeGreaterThan(0);

    const replyEdit = await call('officer-kunshan-2', 'PUT', `/api/community/posts/${replyId}`, { bodyHtml: '<p>建议结合过程能力指数一起看。</p>' });
    expect(replyEdit.statusCode).toBe(200);
    expect(await searchTotal('officer-kunshan-1', '判异准则')).toBe(limits);
    expect(await searchTotal('officer-kunshan-1', '过程能力指数')).toBe(capability + 1);
    expect((await editRows(replyId))[0]).toMatchObject({ previous_title: null, previous_status: 'published' });

    // moderators (and the author) read the history; other readers do not
    const asModerator = await call('alliance-js', 'GET', `/api/community/posts/${postId}/edits`);
    expect(asModerator.statusCode).toBe(200);
    expect(asModerator.json()[0]).toMatchObject({ editorName: '陈质量', previousTitle: '首件检验记录怎么填写' });
    expect((await call('officer-kunshan-2', 'GET', `/api/community/posts/${postId}/edits`)).statusCode).toBe(403);

    // a locked thread and a hidden post are no longer edited by their authors
    expect((await call('alliance-js', 'PUT', `/api/community/threads/${threadId}/flags`, { flag: 'locked', on: true })).statusCode).toBe(200);
    expect((await call('officer-kunshan-2', 'PUT', `/api/community/posts/${replyId}`, { bodyHtml: '<p>锁定后再改</p>' })).statusCode).toBe(409);
    expect((await call('alliance-js', 'PUT', `/api/community/threads/${threadId}/flags`, { flag: 'locked', on: false })).statusCode).toBe(200);
    expect((await call('alliance-js', 'POST', `/api/community/posts/${replyId}/moderation`, { decision: 'hide', reason: '测试隐藏' })).statusCode).toBe(200);
    expect((await call('officer-kunshan-2', 'PUT', `/api/community/posts/${replyId}`, { bodyHtml: '<p>隐藏后再改</p>' })).statusCode).toBe(409);
  });

  it('on a pre-moderated board an edit goes back to review, like a new post', async () => {
    const board = await boardId('之家动态');
    const created = expectStatus(
      await call('officer-kunshan-1', 'POST', `/api/community/boards/${board}/threads`, {
        title: '质量月活动安排',
        kind: 'discussion',
        bodyHtml: '<p>本月举办质量月知识竞赛。</p>',
      }),
      201,
    );
    const { id: threadId, postId } = created.json() as { id: number; postId: number };
    expect((await call('alliance-suzhou', 'POST', `/api/community/posts/${postId}/moderation`, { decision: 'approve' })).statusCode).toBe(200);
    const reply = expectStatus(
      await call('officer-kunshan-1', 'POST', `/api/community/threads/${threadId}/replies`, { bodyHtml: '<p>竞赛题目已发到群里。</p>' }),
      201,
    );
    const replyId = reply.json().id as number;
    expect((await call('alliance-suzhou', 'POST', `/api/community/posts/${replyId}/moderation`, { decision: 'approve' })).statusCode).toBe(200);
    expect((await t.db.selectFrom('community_threads').select('reply_count').where('id', '=', threadId).executeTakeFirstOrThrow()).reply_count).toBe(1);

    const edited = await call('officer-kunshan-1', 'PUT', `/api/community/posts/${replyId}`, { bodyHtml: '<p>竞赛题目已改为线上发布。</p>' });
    expect(edited.json()).toEqual({ id: replyId, status: 'pending' });
    expect((await t.db.selectFrom('community_threads').select('reply_count').where('id', '=', threadId).executeTakeFirstOrThrow()).reply_count).toBe(0);
    const queue = (await call('alliance-suzhou', 'GET', '/api/community/moderation/queue')).json() as { postId: number; status: string }[];
    expect(queue.find((q) => q.postId === replyId)?.status).toBe('pending');
    expect((await call('alliance-suzhou', 'POST', `/api/community/posts/${replyId}/moderation`, { decision: 'approve' })).statusCode).toBe(200);
    expect((await t.db.selectFrom('community_threads').select('reply_count').where('id', '=', threadId).executeTakeFirstOrThrow()).reply_count).toBe(1);
  });
});
