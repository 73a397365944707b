import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_COMMUNITY_CREDIT_RULE } from '../../../domain/community-cases';
import { createTestApp, type TestApp } from '../../testing/test-app';
import { LETTER_PDF, multipartBody } from '../../testing/files';
import { createOfficer } from '../../testing/community-factories';
import { richTextToPlain, sanitizeRichText } from './rich-text';
import { searchCases } from './case-search';
import { clock } from '../../clock';

let t: TestApp;
let officer: Record<string, string>;
let officerPersonId: number;
beforeAll(async () => {
  t = await createTestApp();
  officer = await t.as('officer-kunshan-1');
  const p = await t.db
    .selectFrom('persons as p')
    .innerJoin('accounts as a', 'a.id', 'p.account_id')
    .select('p.id')
    .where('a.username', '=', 'officer-kunshan-1')
    .executeTakeFirstOrThrow();
  officerPersonId = p.id;
});
afterAll(async () => {
  await t.close();
});

const draft = (over: Record<string, unknown> = {}) => ({
  title: '以QC小组活动降低焊接不良率',
  summary: '通过QC小组与六西格玛方法，把焊接一次合格率从92%提高到99.2%。',
  problem: '<p>焊接工序不良率长期偏高，返修成本大。</p>',
  method: '<p>组建QC小组，运用<strong>鱼骨图</strong>和DOE分析，建立全面质量管理体系。</p>',
  results: '<p>一次合格率提高到99.2%，年节约返修费用120万元。</p>',
  tools: ['QC小组', '六西格玛'],
  industrySection: 'C',
  industryDivision: '34',
  ...over,
});

const post = async (url: string, headers: Record<string, string>, payload?: unknown) =>
  t.app.inject({ method: 'POST', url, headers, ...(payload === undefined ? {} : { payload: payload as Record<string, unknown> }) });
const create = async (over: Record<string, unknown> = {}, headers = officer): Promise<number> => {
  const res = await post('/api/community/cases', headers, draft(over));
  expect(res.statusCode, res.body).toBe(201);
  return res.json().id;
};
const ledgerLine = (personId: number, ref: string) =>
  t.db
    .selectFrom('study_ledger_entries')
    .selectAll()
    .where('person_id', '=', personId)
    .where('source', '=', 'community')
    .where('source_ref', '=', ref)
    .executeTakeFirst();

describe('rich text', () => {
  it('removes scripts, event handlers, javascript: links and styles, keeping formatting', () => {
    const html = sanitizeRichText(
      '<p onclick="steal()">好<script>alert(1)</script><b>方法</b><img src=x onerror="alert(1)"><a href="javascript:alert(1)">链接</a><a href="https://example.cn/x">资料</a><style>p{}</style><iframe src="https://evil"></iframe></p>',
    );
    expect(html).not.toMatch(/script|onclick|onerror|javascript:|<img|<style|<iframe/i);
    expect(html).toContain('<b>方法</b>');
    expect(html).toContain('<a href="https://example.cn/x" rel="noopener noreferrer nofollow" target="_blank">资料</a>');
    expect(richTextToPlain('<p>A &amp; B</p><p>第二段</p>')).toBe('A & B\n第二段');
  });
});

describe('case workflow', () => {
  it('draft → submitted → returned → submitted → published (featured), credited to the study account in the same step', async () => {
    const id = await create({ problem: '<p onmouseover="x()">问题<script>alert(1)</script></p>' });
    const saved = await t.db.selectFrom('cases').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    expect(saved.problem_html).toBe('<p>问题</p>');
    expect(saved.status).toBe('draft');
    const kunshan = await t.as('kunshan');
    // a draft is private to its author, and the author cannot review
    expect((await t.app.inject({ url: `/api/community/cases/${id}`, headers: kunshan })).statusCode).toBe(404);
    expect((await post(`/api/community/cases/${id}/publish`, kunshan, {})).statusCode).toBe(409);
    expect((await post(`/api/community/cases/${id}/publish`, officer, {})).statusCode).toBe(403);
    expect((await post(`/api/community/cases/${id}/submit`, officer)).statusCode).toBe(200);
    expect((await post(`/api/community/cases/${id}/submit`, officer)).statusCode).toBe(409);
    // the author cannot edit while under review
    expect(
      (
        await t.app.inject({
          method: 'PUT',
          url: `/api/community/cases/${id}`,
          headers: officer,
          payload: { ...draft(), version: (await t.db.selectFrom('cases').select('version').where('id', '=', id).executeTakeFirstOrThrow()).version },
        })
      ).statusCode,
    ).toBe(409);

    const queue = await t.app.inject({ url: '/api/community/cases/review', headers: kunshan });
    expect(queue.json().items.map((c: { id: number }) => c.id)).toContain(id);
    // the bureau is told
    const kunshanAccount = await t.db.selectFrom('accounts').select('id').where('username', '=', 'kunshan').executeTakeFirstOrThrow();
    expect(
      await t.db.selectFrom('notifications').select('id').where('account_id', '=', kunshanAccount.id).where('kind', '=', 'case.submitted').executeTakeFirst(),
    ).toBeDefined();

    const returned = await post(`/api/community/cases/${id}/return`, kunshan, { remarks: '请补充改进前后的数据对比' });
    expect(returned.statusCode).toBe(200);
    const detail = await t.app.inject({ url: `/api/community/cases/${id}`, headers: officer });
    expect(detail.json()).toMatchObject({ status: 'returned', reviewRemarks: '请补充改进前后的数据对比', abilities: { edit: true, submit: true } });
    expect(
      (
        await t.app.inject({
          method: 'PUT',
          url: `/api/community/cases/${id}`,
          headers: officer,
          payload: { ...draft({ results: '<p>一次合格率由92%提高到99.2%。</p>' }), version: detail.json().version },
        })
      ).statusCode,
    ).toBe(200);
    expect((await post(`/api/community/cases/${id}/submit`, officer)).statusCode).toBe(200);

    // the city above the county may publish too
    const published = await post(`/api/community/cases/${id}/publish`, await t.as('suzhou'), { featured: true });
    expect(published.statusCode, published.body).toBe(200);
    const rule = DEFAULT_COMMUNITY_CREDIT_RULE;
    expect(published.json().creditedMinutes).toBe(rule.minutesPerPublishedCase + rule.extraMinutesForFeatured);
    const line = await ledgerLine(officerPersonId, `case:${id}`);
    expect(line).toMatchObject({
      status: 'credited',
      minutes: rule.minutesPerPublishedCase + rule.extraMinutesForFeatured,
      title: '经验案例：以QC小组活动降低焊接不良率',
    });
    const audit = await t.db
      .selectFrom('audit_events')
      .select('action')
      .where('target_type', '=', 'case')
      .where('target_id', '=', String(id))
      .orderBy('seq')
      .execute();
    expect(audit.map((a) => a.action)).toEqual(['case.create', 'case.submit', 'case.return', 'case.update', 'case.submit', 'case.publish']);

    // the officer sees the line through the API
    const credits = await t.app.inject({ url: '/api/community/credits/me', headers: officer });
    expect(credits.json().lines).toEqual(expect.arrayContaining([expect.objectContaining({ sourceRef: `case:${id}`, status: 'credited' })]));

    // unfeature lowers the credit; unpublish revokes it
    expect((await post(`/api/community/cases/${id}/feature`, kunshan, { featured: false })).json().creditedMinutes).toBe(rule.minutesPerPublishedCase);
    expect((await ledgerLine(officerPersonId, `case:${id}`))?.minutes).toBe(rule.minutesPerPublishedCase);
    expect((await post(`/api/community/cases/${id}/unpublish`, kunshan, { remarks: '涉及企业商业秘密，请删改后再提交' })).statusCode).toBe(200);
    expect(await ledgerLine(officerPersonId, `case:${id}`)).toMatchObject({ status: 'revoked' });
    expect((await t.app.inject({ url: `/api/community/cases/${id}`, headers: await t.as('nanjing') })).statusCode).toBe(404);
  });

  it('keeps every case inside its scope: other counties and cities get 404, roles without the permission 403', async () => {
    const id = await create({ title: '供应商质量协同管理实践' });
    expect((await post(`/api/community/cases/${id}/submit`, officer)).statusCode).toBe(200);
    for (const user of ['gusu', 'nanjing']) {
      const h = await t.as(user);
      expect((await post(`/api/community/cases/${id}/publish`, h, {})).statusCode).toBe(404);
      expect((await post(`/api/community/cases/${id}/return`, h, { remarks: '不在辖区' })).statusCode).toBe(404);
      expect((await t.app.inject({ url: `/api/community/cases/${id}`, headers: h })).statusCode).toBe(404);
      expect((await t.app.inject({ url: '/api/community/cases/review', headers: h })).json().items.map((c: { id: number }) => c.id)).not.toContain(id);
    }
    // another officer cannot read, edit or withdraw it
    await createOfficer(t, 'officer-other-1', '320508', true);
    const other = await t.as('officer-other-1');
    expect((await t.app.inject({ url: `/api/community/cases/${id}`, headers: other })).statusCode).toBe(404);
    expect((await post(`/api/community/cases/${id}/withdraw`, other)).statusCode).toBe(404);
    // an enterprise account and a department have no community permission
    expect((await post('/api/community/cases', await t.as('ent-kunshan-1'), draft())).statusCode).toBe(403);
    expect((await post(`/api/community/cases/${id}/publish`, await t.as('ent-kunshan-1'), {})).statusCode).toBe(403);
    // the province sees everything
    expect((await post(`/api/community/cases/${id}/publish`, await t.as('province'), {})).statusCode).toBe(200);
    // now published, officers, enterprises and bureaus read it; the separated technical administrators (三员) do not
    expect((await t.app.inject({ url: `/api/community/cases/${id}`, headers: other })).statusCode).toBe(200);
    expect((await t.app.inject({ url: `/api/community/cases/${id}`, headers: await t.as('ent-kunshan-1') })).statusCode).toBe(200);
    for (const admin of ['sysadmin', 'auditadmin'])
      expect((await t.app.inject({ url: `/api/community/cases/${id}`, headers: await t.as(admin) })).statusCode).toBe(403);
    expect((await t.app.inject({ url: `/api/community/cases/${id}` })).statusCode).toBe(401);
  });

  it('refuses bad input with the field named in Chinese and changes nothing', async () => {
    const before = await t.db
      .selectFrom('cases')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    const short = await post('/api/community/cases', officer, draft({ title: '短' }));
    expect(short.statusCode).toBe(400);
    expect(short.json().error.message).toContain('标题');
    const industry = await post('/api/community/cases', officer, draft({ industrySection: 'Z' }));
    expect(industry.statusCode).toBe(400);
    expect(industry.json().error.message).toContain('行业门类');
    const mismatch = await post('/api/community/cases', officer, draft({ industrySection: 'A', industryDivision: '34' }));
    expect(mismatch.statusCode).toBe(400);
    expect(mismatch.json().error.message).toContain('行业大类');
    const tool = await post('/api/community/cases', officer, draft({ tools: ['炼金术'] }));
    expect(tool.statusCode).toBe(400);
    expect(tool.json().error.message).toContain('质量工具');
    const after = await t.db
      .selectFrom('cases')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    expect(Number(after.n)).toBe(Number(before.n));
    // an empty body (after sanitising) cannot be submitted
    const id = await create({ method: '<script>only a script</script>' });
    const submit = await post(`/api/community/cases/${id}/submit`, officer);
    expect(submit.statusCode).toBe(400);
    expect(submit.json().error.message).toContain('方法与过程');
    expect((await t.db.selectFrom('cases').select('status').where('id', '=', id).executeTakeFirstOrThrow()).status).toBe('draft');
  });

  it('takes attachments checked by content, readable with the case', async () => {
    const id = await create({ title: '带附件的质量攻关案例' });
    const upload = (content: Buffer, name: string, headers = officer) => {
      const { payload, headers: h } = multipartBody(name, content);
      return t.app.inject({ method: 'POST', url: `/api/community/cases/${id}/attachments`, headers: { ...headers, ...h }, payload });
    };
    const gif = await upload(Buffer.from('GIF89a fake'), '图.gif');
    expect(gif.statusCode).toBe(400);
    expect(gif.json().error.message).toContain('附件');
    const ok = await upload(LETTER_PDF, '攻关报告.pdf');
    expect(ok.statusCode, ok.body).toBe(201);
    const attachmentId: number = ok.json().id;
    // not the author's case: 404, before anything is stored
    await createOfficer(t, 'officer-other-2', '320508', true);
    const other = await t.as('officer-other-2');
    expect((await upload(LETTER_PDF, 'x.pdf', other)).statusCode).toBe(404);
    expect((await t.app.inject({ url: `/api/community/case-attachments/${attachmentId}`, headers: other })).statusCode).toBe(404);
    const own = await t.app.inject({ url: `/api/community/case-attachments/${attachmentId}`, headers: officer });
    expect(own.statusCode).toBe(200);
    expect(own.headers['content-type']).toBe('application/pdf');
    expect(own.headers['content-disposition']).toContain(encodeURIComponent('攻关报告.pdf'));
    expect((await t.app.inject({ url: `/api/community/cases/${id}`, headers: officer })).json().attachments).toEqual([
      { id: attachmentId, fileName: '攻关报告.pdf', bytes: LETTER_PDF.length },
    ]);
  });
});

describe('case search', () => {
  const publish = async (over: Record<string, unknown>): Promise<number> => {
    const id = await create(over);
    expect((await post(`/api/community/cases/${id}/submit`, officer)).statusCode).toBe(200);
    expect((await post(`/api/community/cases/${id}/publish`, await t.as('kunshan'), {})).statusCode).toBe(200);
    return id;
  };

  it('finds 质量管理 in a case about 全面质量管理体系, ranks title matches first, highlights the words, filters by industry and date', async () => {
    const body = await publish({
      title: '精益生产推动交付提升',
      summary: '生产线节拍优化。',
      method: '<p>我们建立了全面质量管理体系，开展持续改进。</p>',
      industrySection: 'C',
      industryDivision: '36',
      tools: ['精益生产'],
    });
    const titled = await publish({
      title: '质量管理数字化转型案例',
      summary: '用MES系统采集质量数据。',
      method: '<p>数据驱动的过程控制。</p>',
      industrySection: 'I',
      industryDivision: '65',
      tools: ['SPC统计过程控制'],
    });
    const unrelated = await publish({
      title: '冷链物流温控改进',
      summary: '降低货损。',
      method: '<p>温度监控与预警。</p>',
      results: '<p>货损率下降。</p>',
      industrySection: 'G',
      industryDivision: '59',
      tools: ['PDCA'],
    });
    const unpublished = await create({ title: '未发布的质量管理草稿' });

    // demo cases are seeded too: compare only this test's cases where the seed could also match
    const mine = [body, titled, unrelated, unpublished];
    const ours = (r: { items: { id: number }[] }) => r.items.map((i) => i.id).filter((id) => mine.includes(id));
    const found = await searchCases(t.db, { q: '质量管理', page: 1, pageSize: 50 });
    const ids = found.items.map((i) => i.id);
    expect(ids).toContain(body);
    expect(ids).toContain(titled);
    expect(ids).not.toContain(unrelated);
    expect(ids).not.toContain(unpublished);
    expect(ids.indexOf(titled)).toBeLessThan(ids.indexOf(body));
    const hit = found.items.find((i) => i.id === body);
    expect(
      hit?.snippet
        .filter((s) => s.hit)
        .map((s) => s.text)
        .join(''),
    ).toMatch(/质量|管理/);
    expect(hit?.snippet.map((s) => s.text).join('')).toContain('全面质量管理体系');
    expect(hit).toMatchObject({ authorName: '陈质量' });
    expect(hit?.enterpriseName).toBeTruthy();

    expect(ours(await searchCases(t.db, { q: '质量管理', industrySection: 'I', page: 1, pageSize: 50 }))).toEqual([titled]);
    expect(ours(await searchCases(t.db, { q: '温控', page: 1, pageSize: 50 }))).toEqual([unrelated]);
    expect(ours(await searchCases(t.db, { tool: '精益生产', q: '交付', page: 1, pageSize: 50 }))).toEqual([body]);
    expect((await searchCases(t.db, { q: '质量管理', from: '2000-01-01', to: '2000-12-31', page: 1, pageSize: 50 })).total).toBe(0);
    const today = new Date(clock.nowMs() + 8 * 3600_000).toISOString().slice(0, 10);
    expect(ours(await searchCases(t.db, { q: '质量管理', from: today, to: today, page: 1, pageSize: 50 }))).toEqual(expect.arrayContaining([body, titled]));
    // the seeded case about 全面质量管理体系 is found as well, with the author's name and enterprise
    const seeded = await searchCases(t.db, { q: '质量管理体系', page: 1, pageSize: 50 });
    expect(seeded.items.some((i) => i.title.includes('全面质量管理体系') && i.enterpriseName)).toBe(true);

    // the HTTP route: real names, never the ID number or phone
    const res = await t.app.inject({ url: `/api/community/cases?q=${encodeURIComponent('质量管理')}&industrySection=C`, headers: await t.as('nanjing') });
    expect(res.statusCode).toBe(200);
    const person = await t.db.selectFrom('persons').select(['id_number_masked', 'phone']).where('id', '=', officerPersonId).executeTakeFirstOrThrow();
    expect(res.body).toContain('陈质量');
    expect(res.body).not.toContain(person.id_number_masked);
    expect(res.body).not.toContain(String(person.phone));
    const detail = await t.app.inject({ url: `/api/community/cases/${body}`, headers: await t.as('nanjing') });
    expect(detail.body).not.toContain(person.id_number_masked);
    expect(detail.body).not.toContain(String(person.phone));
    const bad = await t.app.inject({ url: '/api/community/cases?from=2026-13', headers: officer });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.message).toContain('开始时间');
  });
});

describe('community credit rule', () => {
  it('is set by the province only, validated, and caps the year across cases', async () => {
    expect(
      (await t.app.inject({ method: 'PUT', url: '/api/community/credit-rule', headers: await t.as('suzhou'), payload: DEFAULT_COMMUNITY_CREDIT_RULE }))
        .statusCode,
    ).toBe(403);
    const bad = await t.app.inject({
      method: 'PUT',
      url: '/api/community/credit-rule',
      headers: await t.as('province'),
      payload: { ...DEFAULT_COMMUNITY_CREDIT_RULE, yearlyCapMinutes: -5 },
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.message).toContain('年度交流分享学时上限');

    const { personId } = await createOfficer(t, 'officer-cap-1', '320583');
    const capped = await t.as('officer-cap-1');
    const rule = { minutesPerPublishedCase: 60, extraMinutesForFeatured: 30, minutesPerForumContribution: 10, maxMinutesPerEvent: 120, yearlyCapMinutes: 100 };
    const loaded = (await t.app.inject({ url: '/api/community/credit-rule', headers: capped })).json<{ version: number }>();
    const put = await t.app.inject({
      method: 'PUT',
      url: '/api/community/credit-rule',
      headers: await t.as('province'),
      payload: { ...rule, version: loaded.version },
    });
    expect(put.statusCode).toBe(200);
    expect((await t.app.inject({ url: '/api/community/credit-rule', headers: capped })).json()).toEqual({ ...rule, version: loaded.version + 1 });

    const kunshan = await t.as('kunshan');
    const publish = async (title: string, featured: boolean) => {
      const id = await create({ title }, capped);
      expect((await post(`/api/community/cases/${id}/submit`, capped)).statusCode).toBe(200);
      const res = await post(`/api/community/cases/${id}/publish`, kunshan, { featured });
      expect(res.statusCode, res.body).toBe(200);
      return { id, minutes: res.json().creditedMinutes as number };
    };
    const first = await publish('第一篇质量改进案例', false);
    expect(first.minutes).toBe(60);
    const second = await publish('第二篇质量改进案例', true);
    expect(second.minutes).toBe(40); // 90 asked, 40 left under the cap of 100
    const third = await publish('第三篇质量改进案例', false);
    expect(third.minutes).toBe(0);
    const total = await t.db
      .selectFrom('study_ledger_entries')
      .select((eb) => eb.fn.sum<number>('minutes').as('m'))
      .where('person_id', '=', personId)
      .where('status', '=', 'credited')
      .executeTakeFirstOrThrow();
    expect(Number(total.m)).toBe(100);
    // the author withdraws the first: its line is revoked
    expect((await post(`/api/community/cases/${first.id}/withdraw`, capped)).statusCode).toBe(200);
    expect(await ledgerLine(personId, `case:${first.id}`)).toMatchObject({ status: 'revoked' });
    const reset = await t.app.inject({
      method: 'PUT',
      url: '/api/community/credit-rule',
      headers: await t.as('province'),
      payload: { ...DEFAULT_COMMUNITY_CREDIT_RULE, version: loaded.version + 1 },
    });
    expect(reset.statusCode).toBe(200);
  });
});
