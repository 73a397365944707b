import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isEvaluated, needsOverride, type EligibilityResult } from '../../../domain/eligibility';
import { createTestApp, type TestApp } from '../../testing/test-app';

let t: TestApp;
const headers: Record<string, Record<string, string>> = {};
beforeAll(async () => {
  t = await createTestApp();
  for (const u of ['kunshan', 'gusu', 'suzhou', 'ent-kunshan-1']) headers[u] = await t.as(u);
});
afterAll(async () => {
  await t.close();
});

interface Row {
  id: number;
  enterpriseName: string;
  uscc: string;
  personName: string;
  idNumberMasked: string;
  status: string;
  orgUnitName: string;
}
const list = async (who: string, query: string) => {
  const res = await t.app.inject({ url: `/api/filings?pageSize=100&${query}`, headers: headers[who] });
  expect(res.statusCode, res.body).toBe(200);
  return res.json<{ total: number; items: Row[] }>();
};
const q = (text: string) => `q=${encodeURIComponent(text)}`;

/** A filing of 昆山市 (code 320583) with its person's clear ID number, read back through the test keys. */
async function kunshanFiling(status: 'active' | 'submitted') {
  const row = await t.db
    .selectFrom('filings as f')
    .innerJoin('enterprises as e', 'e.id', 'f.enterprise_id')
    .innerJoin('persons as p', 'p.id', 'f.person_id')
    .innerJoin('org_units as o', 'o.id', 'e.org_unit_id')
    .select(['f.id', 'e.name', 'e.uscc', 'p.name as personName', 'p.id_number_enc', 'p.id_number_masked'])
    .where('o.code', '=', '320583')
    .where('f.status', '=', status)
    .orderBy('f.id')
    .executeTakeFirstOrThrow();
  return { ...row, idNumber: t.ctx.crypto.decrypt(row.id_number_enc) };
}

describe('searching the register', () => {
  it('finds a filing by enterprise name, USCC, person name and a whole ID number (by its hash), never by the masked number', async () => {
    const f = await kunshanFiling('active');
    for (const text of [f.name.slice(0, 6), f.uscc, f.uscc.slice(4, 12).toLowerCase(), f.personName, f.idNumber, f.idNumber.toLowerCase()]) {
      const found = await list('kunshan', q(text));
      expect(
        found.items.map((r) => r.id),
        text,
      ).toContain(f.id);
    }
    const byId = await list('kunshan', q(f.idNumber));
    expect(byId.items.every((r) => r.idNumberMasked === f.id_number_masked)).toBe(true);
    expect((await list('kunshan', q(f.id_number_masked))).total).toBe(0);
    // a wildcard is a character, not a pattern
    expect((await list('kunshan', q('%'))).total).toBe(0);
  });

  it('another county finds nothing of it, by any key', async () => {
    const f = await kunshanFiling('active');
    for (const text of [f.name, f.uscc, f.personName, f.idNumber]) expect((await list('gusu', q(text))).total, text).toBe(0);
    // the city above both finds it
    expect((await list('suzhou', q(f.uscc))).items.map((r) => r.id)).toContain(f.id);
  });

  it('filters by status, unit, segment, submission dates and overdue; bad filters are refused in Chinese', async () => {
    const submitted = await list('kunshan', 'status=submitted');
    expect(submitted.total).toBeGreaterThan(0);
    expect(submitted.items.every((r) => r.status === 'submitted')).toBe(true);
    const kunshanUnit = await t.db.selectFrom('org_units').select('id').where('code', '=', '320583').executeTakeFirstOrThrow();
    const gusuUnit = await t.db.selectFrom('org_units').select('id').where('code', '=', '320508').executeTakeFirstOrThrow();
    const suzhouAll = await list('suzhou', '');
    const suzhouKunshan = await list('suzhou', `orgUnitId=${kunshanUnit.id}`);
    expect(suzhouKunshan.total).toBeGreaterThan(0);
    expect(suzhouKunshan.total).toBeLessThan(suzhouAll.total);
    expect(suzhouKunshan.items.every((r) => r.orgUnitName === '昆山市')).toBe(true);
    // a unit outside the caller's region narrows to nothing, it does not widen the scope
    expect((await list('kunshan', `orgUnitId=${gusuUnit.id}`)).total).toBe(0);

    const sme = await list('kunshan', 'segment=sme');
    const aboveScale = await list('kunshan', 'segment=aboveScale');
    expect(sme.total + aboveScale.total).toBeGreaterThan(0);
    expect(sme.items.some((r) => aboveScale.items.some((a) => a.id === r.id))).toBe(false);

    const dated = await t.db
      .selectFrom('filings as f')
      .innerJoin('enterprises as e', 'e.id', 'f.enterprise_id')
      .innerJoin('org_units as o', 'o.id', 'e.org_unit_id')
      .select('f.submitted_at')
      .where('o.code', '=', '320583')
      .where('f.submitted_at', 'is not', null)
      .orderBy('f.submitted_at', 'desc')
      .executeTakeFirstOrThrow();
    const day = new Date((dated.submitted_at as Date).getTime() + 8 * 3600_000).toISOString().slice(0, 10);
    const onDay = await list('kunshan', `from=${day}&to=${day}`);
    expect(onDay.total).toBeGreaterThan(0);
    expect((await list('kunshan', `from=${day}&to=${day}&status=draft`)).total).toBe(0);

    const overdue = await list('kunshan', 'overdue=true');
    expect(overdue.total).toBeGreaterThan(0);
    expect(overdue.total).toBeLessThanOrEqual(submitted.total);

    const bad = await t.app.inject({ url: '/api/filings?segment=big&from=2026-13', headers: headers.kunshan });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toMatch(/企业类别不正确|起始日期格式/);
  });
});

describe('备案台账 export', () => {
  it('exports the filtered list, scoped, audited, masked and formula-neutralised', async () => {
    const f = await kunshanFiling('submitted');
    await t.db.updateTable('enterprises').set({ name: '=HYPERLINK("http://x","点击")有限公司' }).where('uscc', '=', f.uscc).execute();
    const res = await t.app.inject({ url: '/api/filings/export?status=submitted', headers: headers.kunshan });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const sheet = book.getWorksheet('备案台账');
    expect(sheet?.getRow(1).getCell(1).value).toBe('企业名称');
    const expected = await list('kunshan', 'status=submitted');
    expect((sheet?.rowCount ?? 0) - 1).toBe(expected.total);
    const cells: string[] = [];
    sheet?.eachRow((row) => cells.push(...(row.values as unknown[]).map(String)));
    expect(cells).toContain('\'=HYPERLINK("http://x","点击")有限公司');
    expect(cells).toContain(f.id_number_masked);
    expect(cells.join(' ')).not.toContain(f.idNumber);
    expect(cells.filter((c) => c === '待审核').length).toBe(expected.total);
    const audit = await t.db
      .selectFrom('audit_events')
      .select(['details', 'actor_username as username'])
      .where('action', '=', 'filing.export')
      .orderBy('seq', 'desc')
      .executeTakeFirstOrThrow();
    expect(audit).toMatchObject({ username: 'kunshan', details: { status: 'submitted' } });

    // another county's export of the same search holds no row; an enterprise may not export
    const other = await t.app.inject({ url: `/api/filings/export?${q(f.uscc)}`, headers: headers.gusu });
    const otherBook = new ExcelJS.Workbook();
    await otherBook.xlsx.load(other.rawPayload as unknown as ArrayBuffer);
    expect(otherBook.getWorksheet('备案台账')?.rowCount).toBe(1);
    expect((await t.app.inject({ url: '/api/filings/export', headers: headers['ent-kunshan-1'] })).statusCode).toBe(403);
  });
});

describe('bulk review', () => {
  const bulk = (who: string, payload: Record<string, unknown>) =>
    t.app.inject({ method: 'POST', url: '/api/filings/bulk-review', headers: headers[who], payload });

  it('approves many at once, each answering for itself: binding-rule failures, other counties and wrong states are refused, the rest approved', async () => {
    const submitted = await t.db
      .selectFrom('filings as f')
      .innerJoin('enterprises as e', 'e.id', 'f.enterprise_id')
      .innerJoin('org_units as o', 'o.id', 'e.org_unit_id')
      .select(['f.id', 'f.eligibility', 'f.enterprise_id'])
      .where('o.code', '=', '320583')
      .where('f.status', '=', 'submitted')
      .orderBy('f.id')
      .execute();
    const evaluated = submitted.filter((s) => isEvaluated(s.eligibility as unknown as EligibilityResult | null));
    const needing = evaluated.filter((s) => needsOverride(s.eligibility as unknown as EligibilityResult));
    const clean = evaluated.filter((s) => !needsOverride(s.eligibility as unknown as EligibilityResult));
    expect(clean.length).toBeGreaterThanOrEqual(2);
    // make sure one of the batch fails a binding rule, whatever the demo holds
    const failing = needing[0] ?? clean.pop();
    if (!failing) throw new Error('no submitted filing');
    if (!needing.length) {
      const result = failing.eligibility as unknown as EligibilityResult;
      const broken = { ...result, pass: false, binding: true, criteria: result.criteria.map((c, i) => (i === 0 ? { ...c, pass: false } : c)) };
      await t.db
        .updateTable('filings')
        .set({ eligibility: JSON.stringify(broken) })
        .where('id', '=', failing.id)
        .execute();
    }
    const approvable = clean.slice(0, 2);
    const gusuFiling = await t.db
      .selectFrom('filings as f')
      .innerJoin('enterprises as e', 'e.id', 'f.enterprise_id')
      .innerJoin('org_units as o', 'o.id', 'e.org_unit_id')
      .select('f.id')
      .where('o.code', '=', '320508')
      .where('f.status', '=', 'submitted')
      .executeTakeFirstOrThrow();
    const draft = await t.db
      .selectFrom('filings as f')
      .innerJoin('enterprises as e', 'e.id', 'f.enterprise_id')
      .innerJoin('org_units as o', 'o.id', 'e.org_unit_id')
      .select('f.id')
      .where('o.code', '=', '320583')
      .where('f.status', '=', 'draft')
      .executeTakeFirstOrThrow();

    // the enterprise cannot; another county acts on nothing of 昆山's
    expect((await bulk('ent-kunshan-1', { action: 'approve', ids: [approvable[0]?.id] })).statusCode).toBe(403);
    const foreign = await bulk('gusu', { action: 'approve', ids: approvable.map((a) => a.id) });
    expect(foreign.statusCode).toBe(200);
    expect(foreign.json()).toMatchObject({ succeeded: 0, failed: approvable.length });
    expect(foreign.json().results.every((r: { code: string }) => r.code === 'NOT_FOUND')).toBe(true);

    const ids = [...approvable.map((a) => a.id), failing.id, gusuFiling.id, draft.id];
    const res = await bulk('kunshan', { action: 'approve', ids, remarks: '材料齐全，予以备案' });
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json<{
      succeeded: number;
      failed: number;
      results: { id: number; ok: boolean; code: string | null; message: string | null; status: string | null }[];
    }>();
    expect(body).toMatchObject({ succeeded: 2, failed: 3 });
    const byId = new Map(body.results.map((r) => [r.id, r]));
    for (const a of approvable) expect(byId.get(a.id)).toMatchObject({ ok: true, status: 'active' });
    expect(byId.get(failing.id)).toMatchObject({ ok: false, code: 'VALIDATION', message: expect.stringContaining('破格理由') });
    expect(byId.get(gusuFiling.id)).toMatchObject({ ok: false, code: 'NOT_FOUND' });
    expect(byId.get(draft.id)).toMatchObject({ ok: false, code: 'STATE' });
    // each approval as a single one: active, its proof issued, audited; the refused ones unchanged
    const rows = await t.db.selectFrom('filings').select(['id', 'status']).where('id', 'in', ids).execute();
    const status = new Map(rows.map((r) => [r.id, r.status]));
    expect(approvable.map((a) => status.get(a.id))).toEqual(['active', 'active']);
    expect([status.get(failing.id), status.get(gusuFiling.id), status.get(draft.id)]).toEqual(['submitted', 'submitted', 'draft']);
    const proofs = await t.db
      .selectFrom('certificates')
      .select('subject_id')
      .where('kind', '=', 'filing_proof')
      .where(
        'subject_id',
        'in',
        approvable.map((a) => a.id),
      )
      .execute();
    expect(proofs).toHaveLength(2);
    const events = await t.db
      .selectFrom('audit_events')
      .select(['action', 'target_id', 'details'])
      .where('action', 'in', ['filing.approve', 'filing.bulk_approve'])
      .orderBy('seq', 'desc')
      .limit(3)
      .execute();
    expect(events[0]).toMatchObject({ action: 'filing.bulk_approve', details: { requested: 5, succeeded: 2, failed: 3 } });
    expect(
      events
        .slice(1)
        .map((e) => Number(e.target_id))
        .sort(),
    ).toEqual(approvable.map((a) => a.id).sort());
  });

  it('returns many with a reason; without one nothing changes', async () => {
    const submitted = await t.db
      .selectFrom('filings as f')
      .innerJoin('enterprises as e', 'e.id', 'f.enterprise_id')
      .innerJoin('org_units as o', 'o.id', 'e.org_unit_id')
      .select('f.id')
      .where('o.code', '=', '320583')
      .where('f.status', '=', 'submitted')
      .orderBy('f.id', 'desc')
      .limit(2)
      .execute();
    expect(submitted).toHaveLength(2);
    const ids = submitted.map((s) => s.id);
    const missing = await bulk('kunshan', { action: 'return', ids });
    expect(missing.statusCode).toBe(400);
    expect(missing.body).toContain('退回意见');
    const tooMany = await bulk('kunshan', { action: 'return', ids: Array.from({ length: 101 }, (_v, i) => i + 1), remarks: '请补充材料' });
    expect(tooMany.statusCode).toBe(400);
    expect((await t.db.selectFrom('filings').select('status').where('id', 'in', ids).execute()).every((r) => r.status === 'submitted')).toBe(true);

    const res = await bulk('kunshan', { action: 'return', ids, remarks: '请补充授权书盖章页' });
    expect(res.json()).toMatchObject({ succeeded: 2, failed: 0 });
    const rows = await t.db.selectFrom('filings').select(['status', 'decision_reason']).where('id', 'in', ids).execute();
    expect(rows.every((r) => r.status === 'returned' && r.decision_reason === '请补充授权书盖章页')).toBe(true);
    const audit = await t.db.selectFrom('audit_events').select('details').where('action', '=', 'filing.bulk_return').executeTakeFirstOrThrow();
    expect(audit.details).toMatchObject({ requested: 2, succeeded: 2 });
  });
});
