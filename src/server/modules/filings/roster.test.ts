import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../testing/test-app';

let t: TestApp;
const headers: Record<string, Record<string, string>> = {};
let officer: { personId: number; idNumber: string; name: string };
beforeAll(async () => {
  t = await createTestApp();
  for (const u of ['kunshan', 'gusu', 'suzhou', 'ent-kunshan-1', 'officer-kunshan-1']) headers[u] = await t.as(u);
  const p = await t.db
    .selectFrom('persons as p')
    .innerJoin('accounts as a', 'a.id', 'p.account_id')
    .select(['p.id', 'p.name', 'p.id_number_enc'])
    .where('a.username', '=', 'officer-kunshan-1')
    .executeTakeFirstOrThrow();
  officer = { personId: p.id, name: p.name, idNumber: t.ctx.crypto.decrypt(p.id_number_enc) };
});
afterAll(async () => {
  await t.close();
});

const get = async (who: string, url: string) => {
  const res = await t.app.inject({ url, headers: headers[who] });
  expect(res.statusCode, res.body).toBe(200);
  return res.json<{ total: number; items: Record<string, unknown>[] }>();
};
const sheetOf = async (payload: Buffer, name: string) => {
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(payload as unknown as ArrayBuffer);
  const sheet = book.getWorksheet(name);
  if (!sheet) throw new Error(`no sheet ${name}`);
  return sheet;
};

describe('首席质量官名册', () => {
  it('lists the active officers of the region with enterprise, dates, tier, study hours and warnings', async () => {
    const roster = await get('kunshan', '/api/officer-roster?pageSize=100');
    const active = await t.db
      .selectFrom('filings as f')
      .innerJoin('enterprises as e', 'e.id', 'f.enterprise_id')
      .innerJoin('org_units as o', 'o.id', 'e.org_unit_id')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('o.code', '=', '320583')
      .where('f.status', '=', 'active')
      .executeTakeFirstOrThrow();
    expect(roster.total).toBe(Number(active.n));
    const mine = roster.items.find((r) => r.personId === officer.personId);
    expect(mine).toMatchObject({ personName: officer.name, orgUnitName: '昆山市', tier: 'basic', targetHours: expect.any(Number), warnings: 0 });
    expect(mine?.appointmentDate).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(JSON.stringify(roster)).not.toContain(officer.idNumber);
    const minutes = await t.db
      .selectFrom('study_ledger_entries')
      .select((eb) => eb.fn.sum<number>('minutes').as('m'))
      .where('person_id', '=', officer.personId)
      .where('status', '=', 'credited')
      .where('online', '=', true)
      .where('year', '=', (roster as unknown as { year: number }).year)
      .executeTakeFirstOrThrow();
    // the online self-study the policy's 50 hours mean (五), as the study account counts it
    expect(mine?.studyMinutes).toBe(Number(minutes.m ?? 0));
  });

  it('filters by keyword (name, enterprise, USCC, whole ID number), tier and study behind; another county sees none of them', async () => {
    expect((await get('kunshan', `/api/officer-roster?q=${encodeURIComponent(officer.idNumber)}`)).items.map((r) => r.personId)).toEqual([officer.personId]);
    expect((await get('kunshan', `/api/officer-roster?q=${encodeURIComponent(officer.name)}`)).items.map((r) => r.personId)).toContain(officer.personId);
    const none = await get('kunshan', '/api/officer-roster?tier=none&pageSize=100');
    expect(none.items.every((r) => r.tier === null)).toBe(true);
    expect(none.items.map((r) => r.personId)).not.toContain(officer.personId);
    const basic = await get('kunshan', '/api/officer-roster?tier=basic&pageSize=100');
    expect(basic.items.every((r) => r.tier === 'basic')).toBe(true);
    const behind = await get('kunshan', '/api/officer-roster?behind=true&pageSize=100');
    expect(behind.items.every((r) => (r.studyHours as number) < (r.targetHours as number))).toBe(true);

    const gusu = await get('gusu', `/api/officer-roster?q=${encodeURIComponent(officer.idNumber)}`);
    expect(gusu.total).toBe(0);
    expect((await get('gusu', '/api/officer-roster?pageSize=100')).items.map((r) => r.orgUnitName).every((n) => n === '姑苏区')).toBe(true);
    expect((await t.app.inject({ url: '/api/officer-roster', headers: headers['ent-kunshan-1'] })).statusCode).toBe(403);
    expect((await t.app.inject({ url: '/api/officer-roster', headers: headers['officer-kunshan-1'] })).statusCode).toBe(403);
    expect((await t.app.inject({ url: '/api/officer-roster?tier=master', headers: headers.kunshan })).body).toContain('培训层级不正确');
  });

  it('exports the filtered roster, audited, ID numbers masked', async () => {
    const list = await get('kunshan', '/api/officer-roster?pageSize=100');
    const res = await t.app.inject({ url: '/api/officer-roster/export', headers: headers.kunshan });
    expect(res.statusCode).toBe(200);
    const sheet = await sheetOf(res.rawPayload, '首席质量官名册');
    expect(sheet.rowCount - 1).toBe(list.total);
    expect(sheet.getRow(1).getCell(8).value).toBe('已取得培训层级');
    const text = JSON.stringify(sheet.getSheetValues());
    expect(text).toContain(officer.name);
    expect(text).not.toContain(officer.idNumber);
    const audit = await t.db.selectFrom('audit_events').select('actor_username').where('action', '=', 'filing.roster.export').executeTakeFirstOrThrow();
    expect(audit.actor_username).toBe('kunshan');
    const gusu = await t.app.inject({ url: `/api/officer-roster/export?q=${encodeURIComponent(officer.name)}`, headers: headers.gusu });
    expect(JSON.stringify((await sheetOf(gusu.rawPayload, '首席质量官名册')).getSheetValues())).not.toContain(officer.name);
  });
});

describe('证书台账', () => {
  it('lists the certificates of the region of every kind with status; another county sees none of them; exports audited', async () => {
    const certs = await get('kunshan', '/api/certificates?pageSize=100');
    const held = certs.items.filter((c) => c.holderName === officer.name);
    expect(new Set(held.map((c) => c.kind))).toEqual(new Set(['filing_proof', 'training_certificate']));
    const training = held.find((c) => c.kind === 'training_certificate');
    expect(training).toMatchObject({ status: 'valid', detail: expect.stringContaining('基础') });

    const proofs = await get('kunshan', '/api/certificates?kind=filing_proof&pageSize=100');
    expect(proofs.items.every((c) => c.kind === 'filing_proof')).toBe(true);
    const ended = await get('kunshan', '/api/certificates?status=ended&pageSize=100');
    expect(ended.items.every((c) => c.status === 'ended' && typeof c.statusReason === 'string')).toBe(true);
    const serial = String(training?.serial);
    expect((await get('kunshan', `/api/certificates?q=${serial.toLowerCase()}`)).items.map((c) => c.serial)).toEqual([serial]);

    expect((await get('gusu', `/api/certificates?q=${serial}`)).total).toBe(0);
    expect((await get('gusu', '/api/certificates?pageSize=100')).items.some((c) => c.holderName === officer.name)).toBe(false);
    expect((await get('suzhou', `/api/certificates?q=${serial}`)).total).toBe(1);
    expect((await t.app.inject({ url: '/api/certificates', headers: headers['ent-kunshan-1'] })).statusCode).toBe(403);

    const res = await t.app.inject({ url: '/api/certificates/export?kind=training_certificate', headers: headers.kunshan });
    expect(res.statusCode).toBe(200);
    const sheet = await sheetOf(res.rawPayload, '证书台账');
    const all = await get('kunshan', '/api/certificates?kind=training_certificate&pageSize=100');
    expect(sheet.rowCount - 1).toBe(all.total);
    expect(JSON.stringify(sheet.getSheetValues())).toContain('首席质量官培训合格证');
    expect(
      (await t.db.selectFrom('audit_events').select('details').where('action', '=', 'certificate.register.export').executeTakeFirstOrThrow()).details,
    ).toMatchObject({ kind: 'training_certificate' });
  });
});
