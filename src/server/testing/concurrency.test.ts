import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { idNumberCheckCharacter } from '../../domain/id-number';
import { clock } from '../clock';
import { makeUscc } from '../../domain/uscc';
import { attachLetter, createCandidate, idNumberFrom, QUALITY_DIRECTOR } from './factories';
import { createTestApp, type TestApp } from './test-app';

/**
 * Invariants held by the database under parallel requests (issue 16 item 6). On PostgreSQL the requests really run
 * at once on pooled connections; on PGlite (one connection, transactions take it in turn) the races are interleavings
 * of the requests' awaits. Either way the answers and the database afterwards must be the same.
 */
let t: TestApp;
let ent: Record<string, string>;
let kunshan: Record<string, string>;
let suzhou: Record<string, string>;
let enterpriseId: number;

const inject = (method: 'POST' | 'PUT', url: string, headers: Record<string, string>, payload: Record<string, unknown>) =>
  t.app.inject({ method, url, headers, payload });
const statuses = (responses: { statusCode: number }[]) => responses.map((r) => r.statusCode).sort();
const filingBody = (candidateId: number) => ({
  candidateId,
  appointmentDate: clock.today(),
  departmentsLed: '质量管理部',
  reportsToGeneralManager: true,
  vetoRight: true,
  treatment: '副总级待遇',
});

beforeAll(async () => {
  t = await createTestApp();
  [ent, kunshan, suzhou] = await Promise.all([t.as('ent-kunshan-1'), t.as('kunshan'), t.as('suzhou')]);
  enterpriseId =
    (await t.db.selectFrom('accounts').select('enterprise_id').where('username', '=', 'ent-kunshan-1').executeTakeFirstOrThrow()).enterprise_id ?? 0;
  // start from an enterprise with its active CQO and no filing in progress
  await t.db
    .updateTable('filings')
    .set({ status: 'withdrawn' })
    .where('enterprise_id', '=', enterpriseId)
    .where('status', 'in', ['draft', 'submitted', 'returned'])
    .execute();
});
afterAll(async () => {
  await t.close();
});

describe('one open filing per enterprise, one active', () => {
  let filingId: number;

  it('the same create form sent six times at once makes one draft: one 201 and five 409', async () => {
    const personId = await createCandidate(t, { enterprise: ent, name: '并发测试', idNumber: idNumberFrom('32058319850505123'), fields: QUALITY_DIRECTOR });
    const answers = await Promise.all(Array.from({ length: 6 }, () => inject('POST', '/api/filings', ent, filingBody(personId))));
    expect(statuses(answers)).toEqual([201, 409, 409, 409, 409, 409]);
    for (const refused of answers.filter((r) => r.statusCode === 409)) {
      expect(refused.json()).toEqual({ error: { code: 'CONFLICT', message: '本企业已有一份办理中的备案，请先完成或撤回' } });
    }
    const open = await t.db
      .selectFrom('filings')
      .select('id')
      .where('enterprise_id', '=', enterpriseId)
      .where('status', 'in', ['draft', 'submitted', 'returned'])
      .execute();
    expect(open).toHaveLength(1);
    filingId = open[0]?.id ?? 0;
    expect(answers.find((r) => r.statusCode === 201)?.json()).toMatchObject({ id: filingId, status: 'draft', version: 1 });
  });

  it('two reviewers approving at once: one 200, one 409; one active filing, the previous one ended once, one proof', async () => {
    await attachLetter(t, ent, filingId);
    expect((await t.app.inject({ method: 'POST', url: `/api/filings/${filingId}/submit`, headers: ent })).statusCode).toBe(200);
    const previous = await t.db
      .selectFrom('filings')
      .select('id')
      .where('enterprise_id', '=', enterpriseId)
      .where('status', '=', 'active')
      .executeTakeFirstOrThrow();
    const answers = await Promise.all([kunshan, suzhou].map((h) => inject('POST', `/api/filings/${filingId}/approve`, h, { remarks: '同意备案' })));
    expect(statuses(answers)).toEqual([200, 409]);
    const active = await t.db.selectFrom('filings').select('id').where('enterprise_id', '=', enterpriseId).where('status', '=', 'active').execute();
    expect(active).toEqual([{ id: filingId }]);
    expect(await t.db.selectFrom('filings').select(['status', 'end_kind']).where('id', '=', previous.id).executeTakeFirstOrThrow()).toEqual({
      status: 'ended',
      end_kind: 'superseded',
    });
    const proofs = await t.db.selectFrom('certificates').select('id').where('subject_type', '=', 'filing').where('subject_id', '=', filingId).execute();
    expect(proofs).toHaveLength(1);
    const ends = await t.db.selectFrom('audit_events').select('id').where('action', '=', 'filing.end').where('target_id', '=', String(previous.id)).execute();
    expect(ends).toHaveLength(1);
  });

  it('two transactions making two filings of one enterprise active: the database lets one commit (filings_one_active)', async () => {
    // the CQO approved above leaves office; two of the enterprise's ended filings are then made active at once
    await t.db.updateTable('filings').set({ status: 'ended' }).where('id', '=', filingId).execute();
    const others = await t.db.selectFrom('filings').select('id').where('enterprise_id', '=', enterpriseId).where('status', '=', 'ended').limit(2).execute();
    expect(others).toHaveLength(2);
    const activate = (id: number) =>
      t.db.transaction().execute(async (trx) => {
        await trx.updateTable('filings').set({ status: 'active' }).where('id', '=', id).execute();
        // hold the transaction open across a turn so the other one runs meanwhile
        await sql`select pg_sleep(0.05)`.execute(trx);
      });
    const results = await Promise.allSettled(others.map((o) => activate(o.id)));
    expect(results.map((r) => r.status).sort()).toEqual(['fulfilled', 'rejected']);
    const failure = results.find((r) => r.status === 'rejected');
    expect((failure?.reason as { code?: string; constraint?: string }).code).toBe('23505');
    expect((failure?.reason as { constraint?: string }).constraint).toBe('filings_one_active');
    const active = await t.db.selectFrom('filings').select('id').where('enterprise_id', '=', enterpriseId).where('status', '=', 'active').execute();
    expect(active).toHaveLength(1);
  });
});

describe('optimistic locking', () => {
  it('two editors with one version: one 200, one 409 VERSION_CONFLICT with the current version; the winner’s value is kept', async () => {
    const before = await t.db.selectFrom('enterprises').selectAll().where('id', '=', enterpriseId).executeTakeFirstOrThrow();
    const unit = await t.db.selectFrom('org_units').select('code').where('id', '=', before.org_unit_id).executeTakeFirstOrThrow();
    const body = (phone: string) => ({
      uscc: before.uscc,
      name: before.name,
      orgUnitCode: unit.code,
      industryCode: before.industry_division,
      scale: before.scale,
      ownership: before.ownership,
      aboveScale: before.above_scale,
      aboveScaleYear: before.above_scale_year,
      contactPhone: phone,
      version: before.version,
    });
    const phones = ['0512-57000001', '0512-57000002'];
    const answers = await Promise.all(phones.map((p, i) => inject('PUT', `/api/enterprises/${enterpriseId}`, i === 0 ? kunshan : suzhou, body(p))));
    expect(statuses(answers)).toEqual([200, 409]);
    const winner = answers.findIndex((r) => r.statusCode === 200);
    const loser = answers[1 - winner];
    expect(loser?.json()).toEqual({ error: { code: 'VERSION_CONFLICT', message: '该记录已被他人修改，请刷新后重试', current: before.version + 1 } });
    expect(answers[winner]?.json()).toMatchObject({ version: before.version + 1, contactPhone: phones[winner] });
    const after = await t.db.selectFrom('enterprises').select(['contact_phone', 'version']).where('id', '=', enterpriseId).executeTakeFirstOrThrow();
    expect(after).toEqual({ contact_phone: phones[winner], version: before.version + 1 });
    // one history line: the lost edit left no trace as if it had happened
    const history = await t.db
      .selectFrom('enterprise_changes')
      .select('id')
      .where('enterprise_id', '=', enterpriseId)
      .where('kind', '=', 'update')
      .where('changed_at', '>=', before.updated_at)
      .execute();
    expect(history).toHaveLength(1);
  });

  it('a stale version answers 409 on every versioned edit route, and the record is unchanged', async () => {
    const province = await t.as('province');
    // system settings: never saved in the demo (version 0) or saved once
    const system = (await t.app.inject({ url: '/api/settings/system', headers: await t.as('sysadmin') })).json<Record<string, unknown> & { version: number }>();
    const sysadmin = await t.as('sysadmin');
    const saved = await inject('PUT', '/api/settings/system', sysadmin, { ...system, siteTitle: '并发测试标题' });
    expect(saved.json()).toMatchObject({ siteTitle: '并发测试标题', version: system.version + 1 });
    const stale = await inject('PUT', '/api/settings/system', sysadmin, { ...system, siteTitle: '过期的修改' });
    expect(stale.json()).toMatchObject({ error: { code: 'VERSION_CONFLICT', current: system.version + 1 } });
    expect((await t.app.inject({ url: '/api/settings/system', headers: sysadmin })).json()).toMatchObject({ siteTitle: '并发测试标题' });

    const rule = (await t.app.inject({ url: '/api/community/credit-rule', headers: province })).json<Record<string, unknown> & { version: number }>();
    const ruleAnswers = await Promise.all([1, 2].map(() => inject('PUT', '/api/community/credit-rule', province, rule)));
    expect(statuses(ruleAnswers)).toEqual([200, 409]);

    const study = (await t.app.inject({ url: '/api/study/settings', headers: province })).json<Record<string, unknown> & { version: number }>();
    const studyAnswers = await Promise.all([1, 2].map(() => inject('PUT', '/api/study/settings', province, study)));
    expect(statuses(studyAnswers)).toEqual([200, 409]);

    const candidates = (await t.app.inject({ url: '/api/candidates', headers: ent })).json<{ id: number; version: number; hasAccount: boolean }[]>();
    const editable = candidates.find((c) => !c.hasAccount);
    expect(editable).toBeDefined();
    const facts = { education: 'master', qualityYears: 9, positionTitle: '质量总监', positionLevel: 'manager', version: editable?.version };
    const candidateAnswers = await Promise.all([1, 2].map(() => inject('PUT', `/api/candidates/${editable?.id}`, ent, facts)));
    expect(statuses(candidateAnswers)).toEqual([200, 409]);
  });
});

describe('every editable record is version-checked', { timeout: 300_000 }, () => {
  /** Two editors send one form with one version at once: one 200, one 409 VERSION_CONFLICT naming the new version. */
  async function twoEditors(url: string, headers: Record<string, string>, body: Record<string, unknown> & { version: number }) {
    const answers = await Promise.all([1, 2].map(() => inject('PUT', url, headers, body)));
    expect(statuses(answers), `${url}: ${answers.map((a) => a.body.slice(0, 200)).join(' | ')}`).toEqual([200, 409]);
    expect(answers.find((a) => a.statusCode === 409)?.json()).toMatchObject({ error: { code: 'VERSION_CONFLICT', current: body.version + 1 } });
  }
  const created = async (url: string, headers: Record<string, string>, payload: Record<string, unknown>) => {
    const res = await inject('POST', url, headers, payload);
    expect(res.statusCode, res.body).toBe(201);
    return res.json<{ id: number; version?: number }>();
  };

  it('filings, training plans, curricula, courses, cases and organisations', async () => {
    const [province, suzhouBureau, alliance, officer] = await Promise.all([t.as('province'), t.as('suzhou'), t.as('alliance-js'), t.as('officer-kunshan-1')]);
    // a filing draft of the enterprise
    await t.db
      .updateTable('filings')
      .set({ status: 'withdrawn' })
      .where('enterprise_id', '=', enterpriseId)
      .where('status', 'in', ['draft', 'submitted', 'returned'])
      .execute();
    const candidateId = await createCandidate(t, { enterprise: ent, name: '版本测试', idNumber: idNumberFrom('32058319860606123'), fields: QUALITY_DIRECTOR });
    const filing = await created('/api/filings', ent, filingBody(candidateId));
    const filingVersion = (await t.db.selectFrom('filings').select('version').where('id', '=', filing.id).executeTakeFirstOrThrow()).version;
    await twoEditors(`/api/filings/${String(filing.id)}`, ent, { ...filingBody(candidateId), departmentsLed: '质量管理部、检验中心', version: filingVersion });
    // a county's training plan (draft)
    const year = clock.now().getUTCFullYear() + 1;
    await t.db
      .deleteFrom('training_plans')
      .where('year', '=', year)
      .where('org_unit_id', '=', t.db.selectFrom('org_units').select('id').where('code', '=', '320583'))
      .execute();
    const planLine = {
      title: '新任首席质量官任职培训班',
      plannedMonth: 4,
      format: 'offline',
      places: 60,
      hours: 16,
      budgetYuan: 30000,
      budgetNote: '师资与场地',
    };
    const planBody = {
      year,
      tier: 'basic',
      title: `昆山市 ${String(year)} 年首席质量官基础培训计划`,
      topics: ['质量法律法规'],
      summary: '面向新任首席质量官',
      budgetYuan: 30000,
      classes: [planLine],
    };
    const plan = await created('/api/training-plans', kunshan, planBody);
    await twoEditors(`/api/training-plans/${String(plan.id)}`, kunshan, {
      ...planBody,
      budgetYuan: 40000,
      classes: [{ ...planLine, budgetYuan: 40000 }],
      version: plan.version ?? 1,
    });
    // a city's curriculum
    await t.db
      .deleteFrom('training_curricula')
      .where('org_unit_id', '=', t.db.selectFrom('org_units').select('id').where('code', '=', '320500'))
      .execute();
    const modules = [{ title: '质量法律法规与政策', hours: 4, topics: ['产品质量法'], objectives: null }];
    const curriculum = await created('/api/training-curricula', suzhouBureau, { tier: 'basic', title: '苏州市首席质量官基础培训课程体系', modules });
    await twoEditors(`/api/training-curricula/${String(curriculum.id)}`, suzhouBureau, {
      title: '苏州市首席质量官基础培训课程体系（修订）',
      modules,
      version: curriculum.version ?? 1,
    });
    // a province course
    const course = await created('/api/study/courses', province, { title: '版本检查课程', level: 'basic', creditHours: 1 });
    const courseVersion = (await t.db.selectFrom('courses').select('version').where('id', '=', course.id).executeTakeFirstOrThrow()).version;
    await twoEditors(`/api/study/courses/${String(course.id)}`, province, {
      title: '版本检查课程（修订）',
      level: 'basic',
      creditHours: 2,
      version: courseVersion,
    });
    // an officer's case draft
    const caseBody = {
      title: '以QC小组活动降低焊接不良率',
      summary: '通过QC小组把焊接一次合格率从92%提高到99.2%。',
      problem: '<p>焊接不良率偏高。</p>',
      method: '<p>组建QC小组。</p>',
      results: '<p>一次合格率99.2%。</p>',
      tools: ['QC小组'],
      industrySection: 'C',
      industryDivision: '34',
    };
    const kase = await created('/api/community/cases', officer, caseBody);
    const caseVersion = (await t.db.selectFrom('cases').select('version').where('id', '=', kase.id).executeTakeFirstOrThrow()).version;
    await twoEditors(`/api/community/cases/${String(kase.id)}`, officer, {
      ...caseBody,
      summary: '修订后的摘要：一次合格率提高到99.2%。',
      version: caseVersion,
    });
    // an organisation, edited by its admin
    const org = await t.db
      .selectFrom('community_members as m')
      .innerJoin('accounts as a', 'a.id', 'm.account_id')
      .innerJoin('community_organisations as o', 'o.id', 'm.organisation_id')
      .select(['o.id', 'o.name', 'o.version'])
      .where('a.username', '=', 'alliance-js')
      .where('m.is_admin', '=', true)
      .orderBy('o.id')
      .executeTakeFirstOrThrow();
    await twoEditors(`/api/community/organisations/${String(org.id)}`, alliance, {
      name: org.name,
      description: '修订后的简介',
      status: 'active',
      version: org.version,
    });
  });
});

describe('racing creations of a unique thing answer 409, never 500', () => {
  it('six enterprises with one USCC at once: one 201, five 409 naming the field', async () => {
    const body = {
      uscc: makeUscc('320583', 7701),
      name: '昆山并发精密机械有限公司',
      orgUnitCode: '320583',
      industryCode: '34',
      scale: 'medium',
      ownership: 'private',
      aboveScale: true,
      aboveScaleYear: clock.year() - 1,
      contactPhone: '0512-57000000',
    };
    const answers = await Promise.all(Array.from({ length: 6 }, () => inject('POST', '/api/enterprises', kunshan, body)));
    expect(statuses(answers)).toEqual([201, 409, 409, 409, 409, 409]);
    expect(answers.find((r) => r.statusCode === 409)?.json()).toEqual({
      error: { code: 'CONFLICT', message: '该统一社会信用代码已在企业名录中', fields: [{ path: 'uscc', message: '该统一社会信用代码已在企业名录中' }] },
    });
    expect(await t.db.selectFrom('enterprises').select('id').where('uscc', '=', body.uscc).execute()).toHaveLength(1);
  });

  it('four organisations with one name at once: one 201, three 409', async () => {
    const suzhouUnit = (await t.db.selectFrom('org_units').select('id').where('code', '=', '320500').executeTakeFirstOrThrow()).id;
    const body = { kind: 'club', level: 'city', name: '苏州市并发测试之家', orgUnitId: suzhouUnit };
    const answers = await Promise.all(Array.from({ length: 4 }, () => inject('POST', '/api/community/organisations', suzhou, body)));
    expect(statuses(answers)).toEqual([201, 409, 409, 409]);
    expect(answers.find((r) => r.statusCode === 409)?.json().error).toMatchObject({ code: 'CONFLICT', message: '同名组织已存在' });
  });

  it('the same new person recorded twice at once is one person, and no answer is 500', async () => {
    const answers = await Promise.all([1, 2, 3].map(() => createCandidateRaw('并发人员', '32058319900909123')));
    expect(answers.every((r) => r.statusCode === 201 || r.statusCode === 409)).toBe(true);
    const persons = await t.db.selectFrom('persons').select('id').where('name', '=', '并发人员').execute();
    expect(persons).toHaveLength(1);
  });
});

function createCandidateRaw(name: string, idBody: string) {
  return inject('POST', '/api/candidates', ent, {
    name,
    idNumber: idBody + idNumberCheckCharacter(idBody),
    education: 'bachelor',
    qualityYears: 8,
    positionTitle: '质量总监',
    positionLevel: 'manager',
  });
}
