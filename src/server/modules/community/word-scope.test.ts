import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../testing/test-app';

/** Only the province bureau changes the province-wide sensitive-word list (issue 17, finding #10). */
let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => {
  await t.close();
});

const call = async (user: string, method: 'GET' | 'POST' | 'DELETE', url: string, payload?: Record<string, unknown>) =>
  t.app.inject({ method, url, headers: await t.as(user), ...(payload ? { payload } : {}) });

describe('province-wide sensitive words', { timeout: 60_000 }, () => {
  it('a county or city bureau reads them but can neither add nor delete one; the province can', async () => {
    const added = await call('province', 'POST', '/api/community/sensitive-words', { word: '全省禁词' });
    expect(added.statusCode).toBe(201);
    const id = added.json().id as number;
    for (const bureau of ['xuanwu', 'suzhou']) {
      expect((await call(bureau, 'GET', '/api/community/sensitive-words')).json().map((w: { word: string }) => w.word)).toContain('全省禁词');
      const removed = await call(bureau, 'DELETE', `/api/community/sensitive-words/${id}`);
      expect(removed.statusCode).toBe(403);
      expect(removed.json().error.message).toContain('省局');
      expect((await call(bureau, 'POST', '/api/community/sensitive-words', { word: '县里加的词' })).statusCode).toBe(403);
    }
    expect(await t.db.selectFrom('community_sensitive_words').select('id').where('id', '=', id).executeTakeFirst()).toBeDefined();
    expect((await call('province', 'DELETE', `/api/community/sensitive-words/${id}`)).statusCode).toBe(200);
  });

  it('roles without community management get 403 and an alliance admin cannot touch the province list', async () => {
    const word = await t.db.selectFrom('community_sensitive_words').select('id').where('organisation_id', 'is', null).executeTakeFirst();
    const id = word?.id ?? (await call('province', 'POST', '/api/community/sensitive-words', { word: '另一个词' })).json().id;
    for (const user of ['alliance-js', 'ent-kunshan-1', 'officer-kunshan-1', 'sysadmin']) {
      expect((await call(user, 'DELETE', `/api/community/sensitive-words/${id}`)).statusCode).toBe(403);
    }
  });
});
