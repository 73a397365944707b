import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_SCHEME } from '../../../domain/assessment';
import { clock } from '../../clock';
import { thisYear } from '../../testing/dates';
import { createTestApp, type TestApp } from '../../testing/test-app';
import { demoPair } from '../../testing/factories';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => {
  await t.close();
});

interface Row {
  orgUnitId: number;
  code: string;
  name: string;
  level: string;
  score: number | null;
  grade: string | null;
  rank: number | null;
  peers: number;
  indicators: { kind: string; weight: number; value: number; base: number; score: number | null; achievement: number | null; detail: string }[];
}
interface Result {
  year: number;
  scheme: { year: number; version: number; indicators: { kind: string; weight: number }[] };
  rows: Row[];
  canEditScheme: boolean;
}
const results = async (user: string, query = '') => {
  const res = await t.app.inject({ url: `/api/assessment/results${query}`, headers: await t.as(user) });
  expect(res.statusCode, res.body).toBe(200);
  return res.json<Result>();
};
const put = async (user: string, year: number, payload: Record<string, unknown>) =>
  t.app.inject({ method: 'PUT', url: `/api/assessment/schemes/${String(year)}`, headers: await t.as(user), payload });

describe('考核 as data (policy 八: 纳入政府质量工作考核范围)', () => {
  it('八: every city and county gets a composite score, a grade and a rank among peers of its level, with the figures behind each indicator', async () => {
    const r = await results('province');
    expect(r.scheme).toMatchObject({ version: 0 });
    const cities = r.rows.filter((x) => x.level === 'city');
    const counties = r.rows.filter((x) => x.level === 'county');
    expect(cities).toHaveLength(13);
    expect(counties.length).toBeGreaterThan(90);
    expect(cities.every((c) => c.peers === 13)).toBe(true);
    const suzhou = r.rows.find((x) => x.code === '320500');
    expect(suzhou?.score).not.toBeNull();
    expect(suzhou?.grade).toMatch(/优秀|良好|合格|不合格/);
    expect(suzhou?.rank).toBeGreaterThanOrEqual(1);
    expect(suzhou?.indicators.map((i) => i.kind)).toEqual(DEFAULT_SCHEME.indicators.map((i) => i.kind));
    // ranks follow scores among the scored peers (ties share a rank)
    const scored = counties.filter((c) => c.score !== null).sort((a, b) => (b.score ?? 0) - (a.score ?? 0));
    scored.forEach((c, i) => expect(c.rank).toBe(scored.findIndex((x) => x.score === c.score) + 1 || i + 1));
    // a county with no data at all is shown without score, grade or rank
    const unscored = counties.filter((c) => c.score === null);
    for (const c of unscored) expect([c.grade, c.rank]).toEqual([null, null]);
    expect(r.canEditScheme).toBe(true);
  });

  it('三/八: duty records count in the year’s 考核 by the 三.1–三.5 categories, per officer', async () => {
    const before = (await results('kunshan')).rows.find((x) => x.code === '320583')?.indicators.find((i) => i.kind === 'duty_records');
    const created = await t.app.inject({
      method: 'POST',
      url: '/api/duty-records',
      headers: await t.as('officer-kunshan-1'),
      payload: { kind: 'laws', title: '组织学习标准化法', description: '组织质量部门学习新修订的标准化法', occurredOn: clock.today() },
    });
    expect(created.statusCode, created.body).toBe(201);
    const after = (await results('kunshan')).rows.find((x) => x.code === '320583')?.indicators.find((i) => i.kind === 'duty_records');
    expect(after?.value).toBe((before?.value ?? 0) + 1);
    expect(after?.detail).toContain('法律法规');
  });

  it('八: scope — a city sees itself and its counties, a county itself with its peer rank; others get 403', async () => {
    const suzhou = await results('suzhou');
    expect(new Set(suzhou.rows.map((r) => r.code.slice(0, 4)))).toEqual(new Set(['3205']));
    expect(suzhou.rows.some((r) => r.code === '320583')).toBe(true);
    expect(suzhou.canEditScheme).toBe(false);
    const kunshan = await results('kunshan');
    expect(kunshan.rows.map((r) => r.code)).toEqual(['320583']);
    expect(kunshan.rows[0]?.peers).toBeGreaterThan(90);
    const all = await results('province');
    expect(kunshan.rows[0]?.rank).toBe(all.rows.find((r) => r.code === '320583')?.rank);
    const nanjing = await results('nanjing');
    expect(nanjing.rows.some((r) => r.code.startsWith('3205'))).toBe(false);
    expect((await t.app.inject({ url: '/api/assessment/results', headers: await t.as('officer-kunshan-1') })).statusCode).toBe(403);
    expect((await t.app.inject({ url: '/api/assessment/results', headers: await t.as('ent-kunshan-1') })).statusCode).toBe(403);
    expect((await t.app.inject({ url: '/api/assessment/results/export', headers: await t.as('officer-kunshan-1') })).statusCode).toBe(403);
  });

  it('八: a past year’s scores are reproducible — its scheme version and data as of its end; rows added later change nothing', async () => {
    const last = thisYear() - 1;
    const { filingId, personId, enterpriseId } = await demoPair(t);
    const filing = await t.db.selectFrom('filings').select(['org_unit_id']).where('id', '=', filingId).executeTakeFirstOrThrow();
    const province = await t.db.selectFrom('accounts').select('id').where('username', '=', 'province').executeTakeFirstOrThrow();
    // the province had set last year's scheme (version 1) back then
    const lastScheme = {
      ...DEFAULT_SCHEME,
      indicators: DEFAULT_SCHEME.indicators.map((i) => (i.kind === 'training' ? { ...i, weight: 20 } : i.kind === 'online_study' ? { ...i, weight: 10 } : i)),
    };
    await t.db
      .insertInto('assessment_schemes')
      .values({
        year: last,
        version: 1,
        indicators: JSON.stringify(lastScheme.indicators),
        grades: JSON.stringify(lastScheme.grades),
        note: '上年度方案',
        created_by: province.id,
        created_at: `${String(last)}-02-01T00:00:00Z`,
      })
      .execute();
    const first = await results('province', `?year=${String(last)}`);
    expect(first.scheme).toMatchObject({ year: last, version: 1 });
    expect(first.rows.find((r) => r.code === '320583')?.indicators.find((i) => i.kind === 'training')?.weight).toBe(20);

    // data written now about last year: a duty record dated last year, online study of last year, a warning decided now
    await t.db
      .insertInto('duty_records')
      .values({
        filing_id: filingId,
        person_id: personId,
        enterprise_id: enterpriseId,
        org_unit_id: filing.org_unit_id,
        kind: 'veto',
        occurred_on: `${String(last)}-06-01`,
        title: '补记上年度一票否决',
        description: '补记',
        created_by: province.id,
      })
      .execute();
    await t.db
      .insertInto('study_ledger_entries')
      .values({
        person_id: personId,
        year: last,
        source: 'self_study',
        source_ref: `late-${String(last)}`,
        minutes: 6000,
        title: '补记线上自学',
        occurred_on: `${String(last)}-12-30`,
      })
      .execute();
    await t.db
      .insertInto('sanctions')
      .values({
        kind: 'warning',
        person_id: personId,
        enterprise_id: enterpriseId,
        filing_id: filingId,
        org_unit_id: filing.org_unit_id,
        incident_title: '事故',
        incident_date: `${String(last)}-11-01`,
        incident_description: '质量事故',
        reason: '履职不到位',
        status: 'in_force',
        proposed_by: province.id,
        decided_by: province.id,
        decided_at: clock.now(),
      })
      .execute();
    // and a new version of this year's scheme
    const saved = await put('province', thisYear(), { ...DEFAULT_SCHEME, version: 0 });
    expect(saved.statusCode, saved.body).toBe(200);

    const second = await results('province', `?year=${String(last)}`);
    expect(second).toEqual(first);
    // the same request names the version it used; asking for it explicitly gives the same
    expect(await results('province', `?year=${String(last)}&version=1`)).toEqual(first);
    expect((await t.app.inject({ url: `/api/assessment/results?year=${String(last)}&version=9`, headers: await t.as('province') })).statusCode).toBe(404);
    // this year's results do see the warning
    const now = (await results('province')).rows.find((r) => r.code === '320583')?.indicators.find((i) => i.kind === 'sanctions');
    expect(now?.detail).toMatch(/警示 [1-9]/);
  });

  it('八: the province edits the scheme — weights must sum to 100 (Chinese field errors), a stale version is 409, past years are closed', async () => {
    const year = thisYear() + 1;
    const bad = await put('province', year, {
      ...DEFAULT_SCHEME,
      indicators: [
        { kind: 'training', weight: 60 },
        { kind: 'coverage', weight: 30 },
      ],
      version: 0,
    });
    expect(bad.statusCode).toBe(400);
    const fields = bad.json<{ error: { fields: { path: string; message: string }[] } }>().error.fields;
    expect(fields.map((f) => f.message)).toEqual(
      expect.arrayContaining([expect.stringContaining('各指标权重之和应为 100（现为 90）'), expect.stringContaining('覆盖率指标须选择企业类别')]),
    );
    const grades = await put('province', year, {
      ...DEFAULT_SCHEME,
      grades: [
        { label: '合格', min: 60 },
        { label: '优秀', min: 90 },
      ],
      version: 0,
    });
    expect(grades.statusCode).toBe(400);
    expect(grades.body).toContain('分数线应从高到低排列且互不相同');
    const unknownSegment = await put('province', year, {
      ...DEFAULT_SCHEME,
      indicators: DEFAULT_SCHEME.indicators.map((i) => (i.segment === 'sme' ? { ...i, segment: 'nosuch' } : i)),
      version: 0,
    });
    expect(unknownSegment.statusCode).toBe(400);
    expect(unknownSegment.body).toContain('企业类别不存在');
    const changed = {
      ...DEFAULT_SCHEME,
      indicators: DEFAULT_SCHEME.indicators.map((i) => (i.kind === 'duty_records' ? { ...i, weight: 5 } : i.kind === 'sanctions' ? { ...i, weight: 10 } : i)),
    };
    const v1 = await put('province', year, { ...changed, version: 0 });
    expect(v1.json()).toEqual({ year, version: 1 });
    const stale = await put('province', year, { ...changed, version: 0 });
    expect(stale.statusCode).toBe(409);
    expect(stale.json()).toMatchObject({ error: { code: 'VERSION_CONFLICT', current: 1 } });
    expect((await put('province', year, { ...changed, version: 1 })).json()).toEqual({ year, version: 2 });
    const scheme = (await t.app.inject({ url: `/api/assessment/schemes/${String(year)}`, headers: await t.as('suzhou') })).json<{
      version: number;
      indicators: { kind: string; weight: number }[];
    }>();
    expect(scheme.version).toBe(2);
    expect(scheme.indicators.find((i) => i.kind === 'sanctions')?.weight).toBe(10);
    expect((await put('suzhou', year, { ...changed, version: 2 })).statusCode).toBe(403);
    const past = await put('province', thisYear() - 1, { ...changed, version: 0 });
    expect(past.statusCode).toBe(409);
    expect(past.body).toContain('考核方案不能再修改');
    // the targets a past year is measured against are closed too
    const target = await t.app.inject({
      method: 'PUT',
      url: `/api/coverage/targets/${String(thisYear() - 1)}/aboveScale`,
      headers: await t.as('province'),
      payload: { share: 0.1, newOfficers: null },
    });
    expect(target.statusCode).toBe(409);
    expect(target.body).toContain('目标不能再修改');
    expect(
      (await t.app.inject({ method: 'DELETE', url: `/api/coverage/targets/${String(thisYear() - 1)}/aboveScale`, headers: await t.as('province') })).statusCode,
    ).toBe(409);
    const audit = await t.db.selectFrom('audit_events').select('details').where('action', '=', 'assessment.scheme.save').execute();
    expect(audit.length).toBeGreaterThanOrEqual(2);
  });

  it('八: the export carries each region’s score, grade, rank and the figures behind each indicator, scoped and audited', async () => {
    const res = await t.app.inject({ url: '/api/assessment/results/export', headers: await t.as('suzhou') });
    expect(res.statusCode, res.body.slice(0, 200)).toBe(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const sheet = book.worksheets[0];
    if (!sheet) throw new Error('no sheet');
    const header = (sheet.getRow(1).values as unknown[]).slice(1);
    expect(header.slice(0, 6)).toEqual(['地区', '层级', '上级', '综合得分', '等次', '同级排名']);
    expect(header.some((h) => String(h).startsWith('首席质量官制度覆盖率') || String(h).includes('覆盖率（对照年度目标）'))).toBe(true);
    const live = await results('suzhou');
    expect(sheet.rowCount - 1).toBe(live.rows.length);
    const kunshanRow = sheet.getRows(2, sheet.rowCount - 1)?.find((r) => r.getCell(1).value === '昆山市');
    const kunshan = live.rows.find((r) => r.code === '320583');
    expect(kunshanRow?.getCell(4).value).toBe(kunshan?.score ?? '无数据');
    expect(kunshanRow?.getCell(6).value).toBe(kunshan?.rank === null ? '—' : `${String(kunshan?.rank)}/${String(kunshan?.peers)}`);
    expect(String(kunshanRow?.getCell(8).value)).toBe(kunshan?.indicators[0]?.detail);
    const names = (sheet.getColumn(1).values as unknown[]).slice(2);
    expect(names).not.toContain('玄武区');
    const audit = await t.db
      .selectFrom('audit_events as a')
      .innerJoin('accounts as u', 'u.id', 'a.actor_account_id')
      .select(['a.details'])
      .where('a.action', '=', 'assessment.export')
      .where('u.username', '=', 'suzhou')
      .execute();
    expect(audit).toHaveLength(1);
  });
});
