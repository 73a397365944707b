import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCandidate, idNumberFrom, QUALITY_DIRECTOR, attachLetter } from '../../testing/factories';
import { createTestApp, type TestApp } from '../../testing/test-app';
import { dayFromToday } from '../../testing/dates';
import { clock } from '../../clock';

let t: TestApp;
let ent: Record<string, string>;
let otherEnt: Record<string, string>;
let kunshan: Record<string, string>;
let gusu: Record<string, string>;
beforeAll(async () => {
  t = await createTestApp({}, { now: clock.now() });
  ent = await t.as('ent-kunshan-1');
  kunshan = await t.as('kunshan');
  gusu = await t.as('gusu');
  // another enterprise of the same county, with an account of its own
  const own = await t.db.selectFrom('accounts').select('enterprise_id').where('username', '=', 'ent-kunshan-1').executeTakeFirstOrThrow();
  const other = await t.db
    .selectFrom('enterprises as e')
    .innerJoin('org_units as o', 'o.id', 'e.org_unit_id')
    .select(['e.id', 'e.org_unit_id'])
    .where('o.code', '=', '320583')
    .where('e.id', '!=', own.enterprise_id)
    .orderBy('e.id', 'desc')
    .executeTakeFirstOrThrow();
  await t.db
    .insertInto('accounts')
    .values({
      username: 'ent-other',
      display_name: '另一企业',
      role: 'enterprise',
      org_unit_id: other.org_unit_id,
      enterprise_id: other.id,
      password_hash: 'x',
      must_change_password: false,
    })
    .execute();
  otherEnt = await t.as('ent-other');
});
afterAll(async () => {
  await t.close();
});

const send = (method: 'POST' | 'PUT' | 'DELETE', url: string, headers: Record<string, string>, payload?: Record<string, unknown>) =>
  t.app.inject({ method, url, headers, ...(payload === undefined ? {} : { payload }) });
const body = {
  title: '2026 年度首席质量官竞争上岗',
  criteria: [
    { name: '质量管理业绩', weight: 50 },
    { name: '专业能力', weight: 30 },
    { name: '答辩表现', weight: 20 },
  ],
  panel: ['王评审', '刘评审', '张评审'],
};

let id: number;
let winner: number;
let runnerUp: number;
let version: number;

describe('六 竞争聘用: a selection among the enterprise’s candidates, with criteria, scores, result and 公示', () => {
  it('opens one selection per enterprise, refusing bad criteria naming the field', async () => {
    const bad = await send('POST', '/api/selections', ent, {
      ...body,
      criteria: [
        { name: '业绩', weight: 60 },
        { name: '能力', weight: 30 },
      ],
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.fields[0]).toMatchObject({ path: 'criteria', message: expect.stringContaining('权重之和应为 100') as unknown });
    expect((await send('POST', '/api/selections', kunshan, body)).statusCode).toBe(403);
    const created = await send('POST', '/api/selections', ent, body);
    expect(created.statusCode).toBe(201);
    id = created.json().id;
    expect(created.json()).toMatchObject({ status: 'open', canEdit: true, canConclude: false });
    // a second open selection: the partial unique index answers 409, nothing is added
    const second = await send('POST', '/api/selections', ent, body);
    expect(second.statusCode).toBe(409);
    expect(second.json().error.message).toContain('进行中的竞争聘用');
  });

  it('adds only the enterprise’s recorded candidates, once each, and scores them with the weights', async () => {
    winner = await createCandidate(t, { enterprise: ent, name: '陈竞聘', idNumber: idNumberFrom('32058319800808123'), fields: QUALITY_DIRECTOR });
    runnerUp = await createCandidate(t, { enterprise: ent, name: '许竞聘', idNumber: idNumberFrom('32058319810909234'), fields: QUALITY_DIRECTOR });
    const stranger = await createCandidate(t, { enterprise: otherEnt, name: '外企业', idNumber: idNumberFrom('32050819820101345'), fields: QUALITY_DIRECTOR });
    const foreign = await send('POST', `/api/selections/${id}/candidates`, ent, { candidateId: stranger });
    expect(foreign.statusCode).toBe(400);
    expect(foreign.json().error.fields[0].path).toBe('candidateId');
    for (const p of [winner, runnerUp]) expect((await send('POST', `/api/selections/${id}/candidates`, ent, { candidateId: p })).statusCode).toBe(200);
    expect((await send('POST', `/api/selections/${id}/candidates`, ent, { candidateId: winner })).statusCode).toBe(409);

    const short = await send('PUT', `/api/selections/${id}/candidates/${winner}/scores`, ent, { scores: [90, 80] });
    expect(short.statusCode).toBe(400);
    expect(short.json().error.fields[0].path).toBe('scores');
    const scored = await send('PUT', `/api/selections/${id}/candidates/${winner}/scores`, ent, { scores: [90, 80, 70] });
    // 0.5×90 + 0.3×80 + 0.2×70 = 83
    expect(scored.json().candidates.find((c: { candidateId: number }) => c.candidateId === winner)).toMatchObject({ total: 83, rank: 1 });
    const other = await send('PUT', `/api/selections/${id}/candidates/${runnerUp}/scores`, ent, { scores: [70, 90, 95] });
    expect(other.json().candidates.find((c: { candidateId: number }) => c.candidateId === runnerUp)).toMatchObject({ total: 81, rank: 2 });
    version = other.json().version;
  });

  it('another county and another enterprise can neither see nor act; the county bureau reads but does not act', async () => {
    expect((await t.app.inject({ url: `/api/selections/${id}`, headers: gusu })).statusCode).toBe(404);
    expect((await t.app.inject({ url: '/api/selections', headers: gusu })).json().items.map((s: { id: number }) => s.id)).not.toContain(id);
    expect((await t.app.inject({ url: `/api/selections/${id}`, headers: otherEnt })).statusCode).toBe(404);
    expect((await send('PUT', `/api/selections/${id}/candidates/${winner}/scores`, otherEnt, { scores: [100, 100, 100] })).statusCode).toBe(404);
    const read = await t.app.inject({ url: `/api/selections/${id}`, headers: kunshan });
    expect(read.json()).toMatchObject({ id, canEdit: false, canPublish: false });
    expect(
      (
        await send('POST', `/api/selections/${id}/publish`, kunshan, {
          version,
          selectedCandidateId: winner,
          publicityStart: dayFromToday(0),
          publicityEnd: dayFromToday(5),
        })
      ).statusCode,
    ).toBe(403);
  });

  it('publishes the result for a 公示 of at least 5 days; a choice other than the first needs a reason; stale versions are refused', async () => {
    const noReason = await send('POST', `/api/selections/${id}/publish`, ent, {
      version,
      selectedCandidateId: runnerUp,
      publicityStart: dayFromToday(0),
      publicityEnd: dayFromToday(5),
    });
    expect(noReason.statusCode).toBe(400);
    expect(noReason.json().error.fields[0].path).toBe('resultNote');
    const short = await send('POST', `/api/selections/${id}/publish`, ent, {
      version,
      selectedCandidateId: winner,
      publicityStart: dayFromToday(0),
      publicityEnd: dayFromToday(2),
    });
    expect(short.json().error.fields[0].path).toBe('publicityEnd');
    // the panel changes (same criteria: scores kept); a publish still carrying the version loaded before is refused
    const renamed = await send('PUT', `/api/selections/${id}`, ent, { ...body, panel: [...body.panel, '赵评审'], version });
    expect(renamed.json().candidates.map((c: { total: number }) => c.total)).toEqual([83, 81]);
    const stale = await send('POST', `/api/selections/${id}/publish`, ent, {
      version,
      selectedCandidateId: winner,
      publicityStart: dayFromToday(0),
      publicityEnd: dayFromToday(5),
    });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().error.code).toBe('VERSION_CONFLICT');
    version = renamed.json().version;
    const published = await send('POST', `/api/selections/${id}/publish`, ent, {
      version,
      selectedCandidateId: winner,
      publicityStart: dayFromToday(0),
      publicityEnd: dayFromToday(5),
    });
    expect(published.statusCode).toBe(200);
    expect(published.json()).toMatchObject({ status: 'publicity', selectedCandidateId: winner, canAnswer: true, canConclude: false });
    version = published.json().version;
    expect((await send('PUT', `/api/selections/${id}/candidates/${winner}/scores`, ent, { scores: [100, 100, 100] })).statusCode).toBe(409);
  });

  it('shows the public page with masked names and no ID data, and takes objections during the publicity', async () => {
    const list = await t.app.inject({ url: '/api/public/selections' });
    expect(list.json().items.map((s: { id: number }) => s.id)).toContain(id);
    const page = await t.app.inject({ url: `/api/public/selections/${id}` });
    expect(page.statusCode).toBe(200);
    expect(page.json()).toMatchObject({ selectedName: '陈*聘', objectionsOpen: true, criteria: body.criteria, panelSize: 4 });
    expect(page.json().candidates).toEqual([
      { name: '陈*聘', total: 83, rank: 1, selected: true },
      { name: '许*聘', total: 81, rank: 2, selected: false },
    ]);
    const text = page.body;
    expect(text).not.toContain('陈竞聘');
    // neither the ID numbers nor their masked form
    for (const body17 of ['32058319800808123', '32058319810909234']) expect(text).not.toContain(body17.slice(0, 14));
    expect(text).not.toMatch(/\d{4}\*{4,}/);
    const tooShort = await t.app.inject({
      method: 'POST',
      url: `/api/public/selections/${id}/objections`,
      headers: { 'x-requested-with': 'test' },
      payload: { body: '有异议' },
    });
    expect(tooShort.statusCode).toBe(400);
    expect(tooShort.json().error.fields[0].path).toBe('body');
    const filed = await t.app.inject({
      method: 'POST',
      url: `/api/public/selections/${id}/objections`,
      headers: { 'x-requested-with': 'test' },
      payload: { body: '拟聘人选的质量管理年限与实际不符，请核实。', contact: '13900000000' },
    });
    expect(filed.statusCode).toBe(201);
    // the bureau sees the objection; the public page only counts it
    const read = (await t.app.inject({ url: `/api/selections/${id}`, headers: kunshan })).json();
    expect(read.objections).toHaveLength(1);
    expect((await t.app.inject({ url: `/api/public/selections/${id}` })).json().objections).toEqual({ filed: 1, answered: 0 });
  });

  it('concludes only after the publicity with every objection answered; then the winner’s filing carries the selection for the bureau', async () => {
    const early = await send('POST', `/api/selections/${id}/conclude`, ent, { version });
    expect(early.statusCode).toBe(409);
    expect(early.json().error.message).toContain('公示期至');
    t.clock?.advance(6 * 86_400_000);
    // sessions do not outlive six days: sign in again
    ent = await t.as('ent-kunshan-1');
    otherEnt = await t.as('ent-other');
    kunshan = await t.as('kunshan');
    const late = await t.app.inject({
      method: 'POST',
      url: `/api/public/selections/${id}/objections`,
      headers: { 'x-requested-with': 'test' },
      payload: { body: '公示期结束后才看到，补充提出异议。' },
    });
    expect(late.statusCode).toBe(409);
    const unanswered = await send('POST', `/api/selections/${id}/conclude`, ent, { version });
    expect(unanswered.statusCode).toBe(409);
    expect(unanswered.json().error.message).toContain('异议未答复');
    const detail = (await t.app.inject({ url: `/api/selections/${id}`, headers: ent })).json();
    const objectionId = detail.objections[0].id;
    expect((await send('POST', `/api/selections/objections/${objectionId}/answer`, otherEnt, { answer: '经核实无误。' })).statusCode).toBe(404);
    const answered = await send('POST', `/api/selections/objections/${objectionId}/answer`, ent, {
      answer: '经核实，拟聘人选从事质量管理工作 10 年，有社保记录为证。',
    });
    expect(answered.json()).toMatchObject({ canConclude: true });
    const concluded = await send('POST', `/api/selections/${id}/conclude`, ent, { version: answered.json().version });
    expect(concluded.json()).toMatchObject({ status: 'concluded' });

    const draft = await send('POST', '/api/filings', ent, {
      candidateId: winner,
      appointmentDate: dayFromToday(0),
      departmentsLed: '质量管理部',
      reportsToGeneralManager: true,
      vetoRight: true,
    });
    expect(draft.statusCode).toBe(201);
    expect(draft.json().selectionId).toBe(id);
    await attachLetter(t, ent, draft.json().id);
    expect((await send('POST', `/api/filings/${draft.json().id}/submit`, ent)).statusCode).toBe(200);
    const review = await t.app.inject({ url: `/api/filings/${draft.json().id}`, headers: kunshan });
    expect(review.json()).toMatchObject({ selectionId: id });
    expect((await t.app.inject({ url: `/api/selections/${id}`, headers: kunshan })).json().filing).toMatchObject({ id: draft.json().id, status: 'submitted' });
    const actions = await t.db
      .selectFrom('audit_events')
      .select('action')
      .where('target_type', '=', 'selection')
      .where('target_id', '=', String(id))
      .orderBy('seq')
      .execute();
    expect(actions.map((a) => a.action)).toEqual([
      'selection.create',
      'selection.candidate.add',
      'selection.candidate.add',
      'selection.score',
      'selection.score',
      'selection.update',
      'selection.publish',
      'selection.objection.file',
      'selection.objection.answer',
      'selection.conclude',
    ]);
    // a new selection may open now that this one is concluded
    expect((await send('POST', '/api/selections', ent, body)).statusCode).toBe(201);
  });

  it('lists in pages, newest first, with the total of the filter', async () => {
    type Listed = { items: { id: number; status: string }[]; total: number; page: number; pageSize: number };
    const list = async (query: string, headers = ent) => (await t.app.inject({ url: `/api/selections?${query}`, headers })).json<Listed>();
    const first = await list('page=1&pageSize=1');
    expect(first).toMatchObject({ total: 2, page: 1, pageSize: 1 });
    expect(first.items).toHaveLength(1);
    expect(first.items[0]).toMatchObject({ status: 'open' });
    const second = await list('page=2&pageSize=1');
    expect(second.items.map((s) => s.id)).toEqual([id]);
    expect(await list('status=concluded')).toMatchObject({ total: 1, page: 1, pageSize: 20, items: [{ id, status: 'concluded' }] });
    // the county bureau pages over its region's selections the same way
    const bureau = await list('pageSize=1', kunshan);
    expect(bureau.total).toBeGreaterThanOrEqual(2);
    expect(bureau.items).toHaveLength(1);
    expect((await t.app.inject({ url: '/api/selections?pageSize=500', headers: ent })).statusCode).toBe(400);
  });
});
