import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { evaluateEligibility, POLICY_RULES } from '../../../domain/eligibility';
import { idNumberCheckCharacter } from '../../../domain/id-number';
import { createTestApp, type TestApp } from '../../testing/test-app';
import { attachLetter } from '../../testing/factories';
import { dayFromToday } from '../../testing/dates';
import { clock } from '../../clock';
import { expectStatus } from '../../testing/http';

let t: TestApp;
let ent: Record<string, string>;
beforeAll(async () => {
  t = await createTestApp();
  ent = await t.as('ent-kunshan-1');
});
afterAll(async () => {
  await t.close();
});

const idNumber = (body: string) => body + idNumberCheckCharacter(body);
const candidate = (over: Record<string, unknown> = {}) => ({
  name: '陈质量',
  idNumber: idNumber('32058319800101123'),
  phone: '13912340000',
  education: 'bachelor',
  qualityYears: 10,
  positionTitle: '副总经理',
  positionLevel: 'deputyGeneralManager',
  ...over,
});
const filingBody = (candidateId: number, over: Record<string, unknown> = {}) => ({
  candidateId,
  appointmentDate: dayFromToday(-35),
  departmentsLed: '质量管理部、检验中心',
  reportsToGeneralManager: true,
  vetoRight: true,
  treatment: '享受企业副总级待遇',
  ...over,
});
const post = (url: string, headers: Record<string, string>, payload?: Record<string, unknown>) =>
  t.app.inject({ method: 'POST', url, headers, ...(payload === undefined ? {} : { payload }) });

describe('filing workflow', () => {
  let filingId: number;
  let candidateId: number;

  it('drafts with the eligibility evidence, submits, is returned with remarks, resubmits, and is approved', async () => {
    candidateId = (await post('/api/candidates', ent, candidate())).json().id;
    const draft = await post('/api/filings', ent, filingBody(candidateId, { reportsToGeneralManager: false }));
    expect(draft.statusCode).toBe(201);
    filingId = draft.json().id;
    expect(draft.json()).toMatchObject({ status: 'draft', idNumberMasked: expect.stringContaining('*') as unknown, eligibility: { pass: false } });
    expect(JSON.stringify(draft.json())).not.toContain(idNumber('32058319800101123'));

    // wrong state and wrong role
    expect((await post(`/api/filings/${filingId}/approve`, await t.as('kunshan'), {})).statusCode).toBe(409);
    expect((await post(`/api/filings/${filingId}/submit`, await t.as('kunshan'))).statusCode).toBe(403);

    const noLetter = await post(`/api/filings/${filingId}/submit`, ent);
    expect(noLetter.statusCode).toBe(422);
    expect(noLetter.json().error.fields[0].path).toBe('authorizationLetter');
    await attachLetter(t, ent, filingId);
    const submitted = await post(`/api/filings/${filingId}/submit`, ent);
    expect(submitted.json()).toMatchObject({ status: 'submitted', round: 1 });
    expect(submitted.json().reviewDeadline).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(
      (
        await t.app.inject({
          method: 'PUT',
          url: `/api/filings/${filingId}`,
          headers: ent,
          payload: { ...filingBody(candidateId), version: submitted.json().version },
        })
      ).statusCode,
    ).toBe(409);

    // another county cannot see or review it
    expect((await t.app.inject({ url: `/api/filings/${filingId}`, headers: await t.as('gusu') })).statusCode).toBe(404);
    expect((await post(`/api/filings/${filingId}/approve`, await t.as('gusu'), {})).statusCode).toBe(404);

    const noRemarks = await post(`/api/filings/${filingId}/return`, await t.as('kunshan'), { remarks: '' });
    expect(noRemarks.statusCode).toBe(400);
    const returned = await post(`/api/filings/${filingId}/return`, await t.as('kunshan'), { remarks: '请明确首席质量官直接向总经理负责，并补充授权书' });
    expect(returned.json()).toMatchObject({ status: 'returned', decisionReason: '请明确首席质量官直接向总经理负责，并补充授权书' });

    // the enterprise's data is kept; it corrects and resubmits as round 2
    const fixed = await t.app.inject({
      method: 'PUT',
      url: `/api/filings/${filingId}`,
      headers: ent,
      payload: { ...filingBody(candidateId), version: returned.json().version },
    });
    expect(fixed.json()).toMatchObject({ status: 'returned', departmentsLed: '质量管理部、检验中心', eligibility: { pass: true } });
    const round2 = await post(`/api/filings/${filingId}/submit`, ent);
    expect(round2.json()).toMatchObject({ status: 'submitted', round: 2, decisionReason: null });

    const approved = await post(`/api/filings/${filingId}/approve`, await t.as('kunshan'), {});
    expect(approved.statusCode).toBe(200);
    expect(approved.json().status).toBe('active');
    expect(approved.json().proofSerial).toMatch(/^JS-BA-/);
    expect(approved.json().rounds.map((r: { round: number; decision: string }) => [r.round, r.decision])).toEqual([
      [1, 'returned'],
      [2, 'approved'],
    ]);
    const enterprise = await t.db
      .selectFrom('accounts as a')
      .innerJoin('enterprises as e', 'e.id', 'a.enterprise_id')
      .select('e.has_active_officer')
      .where('a.username', '=', 'ent-kunshan-1')
      .executeTakeFirstOrThrow();
    expect(enterprise.has_active_officer).toBe(true);
    const actions = await t.db
      .selectFrom('audit_events')
      .select('action')
      .where('target_type', '=', 'filing')
      .where('target_id', '=', String(filingId))
      .orderBy('seq')
      .execute();
    expect(actions.map((a) => a.action)).toEqual([
      'filing.create',
      'filing.letter',
      'filing.submit',
      'filing.return',
      'filing.update',
      'filing.submit',
      'filing.approve',
    ]);
  });

  it('a new appointment, once approved, ends the previous one', async () => {
    const next = (await post('/api/candidates', ent, candidate({ name: '林接任', idNumber: idNumber('32058319860707222') }))).json().id;
    const draft = expectStatus(await post('/api/filings', ent, filingBody(next, { appointmentDate: dayFromToday(-5) })), 201);
    const id: number = draft.json().id;
    await attachLetter(t, ent, id);
    expectStatus(await post(`/api/filings/${id}/submit`, ent), 200);
    const approved = await post(`/api/filings/${id}/approve`, await t.as('suzhou'), {});
    expect(approved.json().status).toBe('active');
    const previous = await t.app.inject({ url: `/api/filings/${filingId}`, headers: ent });
    expect(previous.json()).toMatchObject({ status: 'ended', endKind: 'superseded', endedAt: dayFromToday(-5) });
    filingId = id;
  });

  it('the database refuses a second active filing for an enterprise', async () => {
    const row = await t.db.selectFrom('filings').selectAll().where('id', '=', filingId).executeTakeFirstOrThrow();
    await expect(
      t.db
        .insertInto('filings')
        .values({ enterprise_id: row.enterprise_id, person_id: row.person_id, org_unit_id: row.org_unit_id, status: 'active' })
        .execute(),
    ).rejects.toThrow(/filings_one_active|duplicate key/);
  });

  it('withdraws before review, and ends an appointment with a reason', async () => {
    const p = (await post('/api/candidates', ent, candidate({ name: '赵候选', idNumber: idNumber('32058319900303333') }))).json().id;
    const id: number = (await post('/api/filings', ent, filingBody(p))).json().id;
    await attachLetter(t, ent, id);
    expectStatus(await post(`/api/filings/${id}/submit`, ent), 200);
    const withdrawn = await post(`/api/filings/${id}/withdraw`, ent);
    expect(withdrawn.json().status).toBe('withdrawn');
    expect((await post(`/api/filings/${id}/approve`, await t.as('kunshan'), {})).statusCode).toBe(409);

    const early = await post(`/api/filings/${filingId}/end`, ent, {
      kind: 'resignation',
      cause: 'voluntary',
      reason: '个人原因辞任',
      date: dayFromToday(-339),
    });
    expect(early.statusCode).toBe(422);
    const ended = await post(`/api/filings/${filingId}/end`, ent, { kind: 'resignation', cause: 'voluntary', reason: '个人原因辞任', date: dayFromToday(14) });
    expect(ended.json()).toMatchObject({ status: 'ended', endKind: 'resignation', endReason: '个人原因辞任' });
    const e = await t.db
      .selectFrom('accounts as a')
      .innerJoin('enterprises as e', 'e.id', 'a.enterprise_id')
      .select('e.has_active_officer')
      .where('a.username', '=', 'ent-kunshan-1')
      .executeTakeFirstOrThrow();
    expect(e.has_active_officer).toBe(false);
  });

  it('an enterprise cannot see another enterprise’s filings or candidates', async () => {
    const other = await t.db
      .selectFrom('enterprises as e')
      .innerJoin('org_units as o', 'o.id', 'e.org_unit_id')
      .select('e.id')
      .where('o.code', '=', '320583')
      .orderBy('e.id', 'desc')
      .executeTakeFirstOrThrow();
    const unit = await t.db.selectFrom('org_units').select('id').where('code', '=', '320583').executeTakeFirstOrThrow();
    await t.db
      .insertInto('accounts')
      .values({
        username: 'ent-other',
        display_name: '另一企业',
        role: 'enterprise',
        org_unit_id: unit.id,
        enterprise_id: other.id,
        password_hash: 'x',
        must_change_password: false,
      })
      .execute();
    const otherHeaders = await t.as('ent-other');
    expect((await t.app.inject({ url: `/api/filings/${filingId}`, headers: otherHeaders })).statusCode).toBe(404);
    expect((await t.app.inject({ url: '/api/filings', headers: otherHeaders })).json().total).toBe(0);
    expect((await t.app.inject({ url: '/api/candidates', headers: otherHeaders })).json()).toEqual([]);
    // and cannot file someone it never recorded, by another enterprise's candidate id or by a person id
    const c = await t.db.selectFrom('candidates').select(['id', 'person_id']).executeTakeFirstOrThrow();
    for (const id of [c.id, c.person_id]) {
      const res = await post('/api/filings', otherHeaders, filingBody(id));
      expect(res.statusCode).toBe(400);
      expect(res.json().error.fields[0].path).toBe('candidateId');
    }
  });
});

describe('concurrent approvals', () => {
  it('one enterprise never has two filings in progress, and two reviewers approving at once leave exactly one active filing', async () => {
    const enterprise = await t.db
      .selectFrom('enterprises as e')
      .innerJoin('org_units as o', 'o.id', 'e.org_unit_id')
      .select(['e.id', 'e.org_unit_id'])
      .where('o.code', '=', '320508')
      .where(({ not, exists, selectFrom }) =>
        not(
          exists(
            selectFrom('filings as f').select('f.id').whereRef('f.enterprise_id', '=', 'e.id').where('f.status', 'in', ['draft', 'submitted', 'returned']),
          ),
        ),
      )
      .orderBy('e.id')
      .executeTakeFirstOrThrow();
    const people = await t.db.selectFrom('persons').select('id').limit(2).execute();
    // checked and eligible (an unevaluated filing cannot be approved at all)
    const passed = JSON.stringify(
      evaluateEligibility(POLICY_RULES, 'stateOwned', { education: 'master', qualityYears: 12, position: 'generalManager', reportsToGeneralManager: true }),
    );
    const insert = (personId: number) =>
      t.db
        .insertInto('filings')
        .values({
          enterprise_id: enterprise.id,
          person_id: personId,
          org_unit_id: enterprise.org_unit_id,
          status: 'submitted',
          round: 1,
          appointment_date: dayFromToday(-35),
          eligibility: passed,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
    const row = await insert(people[0]?.id ?? 0);
    await t.db.insertInto('filing_rounds').values({ filing_id: row.id, round: 1, snapshot: '{}', eligibility: '{}' }).execute();
    // a second filing in progress for the same enterprise is refused by the database itself
    await expect(insert(people[1]?.id ?? 0)).rejects.toMatchObject({ code: '23505', constraint: 'filings_one_open' });
    const results = await Promise.all([t.as('gusu'), t.as('suzhou')].map(async (h) => post(`/api/filings/${row.id}/approve`, await h, {})));
    expect(results.map((r) => r.statusCode).sort()).toEqual([200, 409]);
    const active = await t.db.selectFrom('filings').select('id').where('enterprise_id', '=', enterprise.id).where('status', '=', 'active').execute();
    expect(active).toEqual([{ id: row.id }]);
  });
});

describe('authorization letter', () => {
  it('accepts a PDF by its content, refuses other files, and serves it only to those who see the filing', async () => {
    const { multipartBody } = await import('../../testing/files');
    const p = (await post('/api/candidates', ent, candidate({ name: '吴授权', idNumber: idNumber('32058319880808444') }))).json().id;
    const id: number = (await post('/api/filings', ent, filingBody(p))).json().id;
    const pdf = Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n');
    const exe = multipartBody('letter.pdf', Buffer.from('MZ\x90\x00this is not a pdf'));
    const refused = await t.app.inject({
      method: 'POST',
      url: `/api/filings/${id}/authorization-letter`,
      headers: { ...ent, ...exe.headers },
      payload: exe.payload,
    });
    expect(refused.statusCode).toBe(400);
    expect(refused.json().error.message).toContain('PDF、JPG 或 PNG');
    const ok = multipartBody('授权书.pdf', pdf);
    const uploaded = await t.app.inject({
      method: 'POST',
      url: `/api/filings/${id}/authorization-letter`,
      headers: { ...ent, ...ok.headers },
      payload: ok.payload,
    });
    expect(uploaded.statusCode).toBe(200);
    expect(uploaded.json().hasAuthorizationLetter).toBe(true);
    const mine = await t.app.inject({ url: `/api/filings/${id}/authorization-letter`, headers: ent });
    expect(mine.statusCode).toBe(200);
    expect(mine.headers['content-type']).toBe('application/pdf');
    expect(mine.rawPayload.equals(pdf)).toBe(true);
    expect((await t.app.inject({ url: `/api/filings/${id}/authorization-letter`, headers: await t.as('kunshan') })).statusCode).toBe(200);
    expect((await t.app.inject({ url: `/api/filings/${id}/authorization-letter`, headers: await t.as('gusu') })).statusCode).toBe(404);
    expectStatus(await post(`/api/filings/${id}/withdraw`, ent), 200);
  });
});

describe('eligibility rules as data', () => {
  it('the province publishes a new version; filings submitted afterwards are checked against it and record the version', async () => {
    const current = await t.app.inject({ url: '/api/eligibility-rules', headers: ent });
    expect(current.json().current.version).toBe(1);
    const stricter = { ...current.json().current.rules, aboveScale: { ...current.json().current.rules.aboveScale, minEducation: 'master' } };
    expect((await post('/api/eligibility-rules', await t.as('kunshan'), { rules: stricter, note: '试行' })).statusCode).toBe(403);
    const bad = await post('/api/eligibility-rules', await t.as('province'), {
      rules: { ...stricter, sme: { ...stricter.sme, minQualityYears: -1 } },
      note: '试行',
    });
    expect(bad.statusCode).toBe(400);
    const published = await post('/api/eligibility-rules', await t.as('province'), { rules: stricter, note: '提高规上企业学历要求' });
    expect(published.statusCode).toBe(201);
    expect(published.json().version).toBe(2);

    const p = (await post('/api/candidates', ent, candidate({ name: '郑本科', idNumber: idNumber('32058319870707123') }))).json().id;
    const draft = await post('/api/filings', ent, filingBody(p));
    expect(draft.json()).toMatchObject({ ruleVersion: 2, eligibility: { pass: false } });
    expect(draft.json().eligibility.criteria[0]).toMatchObject({ label: '学历', required: '硕士及以上', actual: '本科', pass: false });
    expectStatus(await post(`/api/filings/${draft.json().id}/withdraw`, ent), 200);
  });
});

describe('filing history', () => {
  it('bureaus read the filing history of one enterprise', async () => {
    const e = await t.db.selectFrom('accounts').select('enterprise_id').where('username', '=', 'ent-kunshan-1').executeTakeFirstOrThrow();
    const res = await t.app.inject({ url: `/api/filings?enterpriseId=${e.enterprise_id ?? 0}&pageSize=100`, headers: await t.as('kunshan') });
    expect(res.json().total).toBeGreaterThan(3);
    for (const f of res.json().items as { enterpriseId: number }[]) expect(f.enterpriseId).toBe(e.enterprise_id);
    expect((await t.app.inject({ url: `/api/filings?enterpriseId=${e.enterprise_id ?? 0}`, headers: await t.as('gusu') })).json().total).toBe(0);
  });
});

describe('review deadline setting', () => {
  it('the system administrator sets the review period; filings submitted afterwards get it', async () => {
    const { addOfficialWorkingDays } = await import('../policy/working-calendar');
    const sys = await t.as('sysadmin');
    const current = (await t.app.inject({ url: '/api/settings/system', headers: sys })).json();
    expect(current.filingReviewWorkingDays).toBe(20);
    expect(
      (await t.app.inject({ method: 'PUT', url: '/api/settings/system', headers: sys, payload: { ...current, filingReviewWorkingDays: 2 } })).statusCode,
    ).toBe(400);
    expect(
      (await t.app.inject({ method: 'PUT', url: '/api/settings/system', headers: sys, payload: { ...current, filingReviewWorkingDays: 10 } })).json()
        .filingReviewWorkingDays,
    ).toBe(10);
    const p = (await post('/api/candidates', ent, candidate({ name: '蒋期限', idNumber: idNumber('32058319850505678') }))).json().id;
    const id: number = (await post('/api/filings', ent, filingBody(p))).json().id;
    await attachLetter(t, ent, id);
    const submitted = await post(`/api/filings/${id}/submit`, ent);
    expect(submitted.json().reviewDeadline).toBe(await addOfficialWorkingDays(t.db, clock.today(), 10));
    expectStatus(await post(`/api/filings/${id}/withdraw`, ent), 200);
  });
});
