import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { idNumberCheckCharacter } from '../../../domain/id-number';
import { createTestApp, type TestApp } from '../../testing/test-app';
import { enterpriseAccountIn } from '../../testing/enterprise-factories';
import { dayFromToday } from '../../testing/dates';
import { STORED } from '../../testing/profile';

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
const post = (url: string, headers: Record<string, string>, payload?: Record<string, unknown>) =>
  t.app.inject({ method: 'POST', url, headers, ...(payload === undefined ? {} : { payload }) });

describe('demo data', () => {
  it('has filings in every state across the demo counties and the ent-kunshan-1 / officer-kunshan-1 pair with an active filing', async () => {
    const states = await t.db.selectFrom('filings').select('status').distinct().execute();
    expect(states.map((r) => r.status).sort()).toEqual(['active', 'draft', 'ended', 'rejected', 'returned', 'submitted', 'withdrawn']);
    const counties = await t.db.selectFrom('filings as f').innerJoin('org_units as o', 'o.id', 'f.org_unit_id').select('o.code').distinct().execute();
    expect(counties.length).toBeGreaterThanOrEqual(5);
    const pair = await t.db
      .selectFrom('filings as f')
      .innerJoin('accounts as ea', 'ea.enterprise_id', 'f.enterprise_id')
      .innerJoin('persons as p', 'p.id', 'f.person_id')
      .innerJoin('accounts as oa', 'oa.id', 'p.account_id')
      .select(['f.id', 'oa.username', 'oa.role'])
      .where('ea.username', '=', 'ent-kunshan-1')
      .where('f.status', '=', 'active')
      .executeTakeFirstOrThrow();
    expect(pair).toMatchObject({ username: 'officer-kunshan-1', role: 'officer' });
    const cert = await t.db.selectFrom('certificates').select('serial').where('subject_id', '=', pair.id).executeTakeFirstOrThrow();
    expect((await t.app.inject({ url: `/api/public/verify/${cert.serial}` })).json()).toMatchObject({
      status: 'valid',
      signatureValid: true,
      holderName: '陈*量',
    });
    const overdue = await t.app.inject({ url: '/api/filings?overdue=true', headers: await t.as('kunshan') });
    expect(overdue.json().total).toBeGreaterThan(0);
  });
});

describe('persons', () => {
  it('stores the ID number encrypted, finds it by keyed hash, and never shows or logs it whole', async () => {
    const res = await post('/api/candidates', ent, candidate());
    expect(res.statusCode).toBe(201);
    const raw = idNumber('32058319800101123');
    // the answer is the enterprise's candidate id; the person record is found through it
    const { person_id: personId } = await t.db.selectFrom('candidates').select('person_id').where('id', '=', res.json().id).executeTakeFirstOrThrow();
    const row = await t.db.selectFrom('persons').selectAll().where('id', '=', personId).executeTakeFirstOrThrow();
    expect(row).toMatchObject({ id_number_masked: '3205**********1233'.slice(0, 14) + raw.slice(14), gender: 'male', birth_date: '1980-01-01' });
    // with the profile's cipher and keyed hash (SM4 and HMAC-SM3 when the run is CQO_CRYPTO_PROFILE=gm)
    expect(row.id_number_enc).toMatch(STORED.envelope);
    expect(row.id_number_hash).toMatch(STORED.lookupHash);
    expect(row.id_number_hash).toBe(t.ctx.crypto.keyedHash(raw));
    expect(JSON.stringify(row)).not.toContain(raw);
    // nowhere in the database in clear: not in any table, not in the audit log
    const dump = await sql<{ t: string }>`select string_agg(x::text, ' ') as t from (
      select to_jsonb(p)::text as x from persons p union all select to_jsonb(a)::text from audit_events a union all select to_jsonb(j)::text from jobs j) s`.execute(
      t.db,
    );
    expect(dump.rows[0]?.t ?? '').not.toContain(raw);
    const list = await t.app.inject({ url: '/api/candidates', headers: ent });
    expect(JSON.stringify(list.json())).not.toContain(raw);
    // the same person again is the same record, with the same answer as a new one; a wrong name is a flag for the
    // bureau (on the candidate row), never an answer to the enterprise
    const again = await post('/api/candidates', ent, candidate());
    expect(again.statusCode).toBe(201);
    expect(again.json()).toEqual({ id: res.json().id });
    const wrongName = await post('/api/candidates', ent, candidate({ name: '张冒名' }));
    expect(wrongName.statusCode).toBe(201);
    expect(wrongName.json()).toEqual({ id: res.json().id });
    const flagged = await t.db.selectFrom('candidates').select(['name', 'name_mismatch']).where('id', '=', res.json().id).executeTakeFirstOrThrow();
    expect(flagged).toEqual({ name: '张冒名', name_mismatch: true });
    const person = await t.db.selectFrom('persons').select('name').where('id', '=', personId).executeTakeFirstOrThrow();
    expect(person.name).not.toBe('张冒名');
  });

  it('refuses bad ID numbers with the reason, naming the field', async () => {
    for (const [id, message] of [
      ['320583800101123', '15 位'],
      ['32058319800230123X', '不是有效日期'],
      [idNumber('32058319800101124').slice(0, 17) + (idNumber('32058319800101124').endsWith('0') ? '1' : '0'), '校验位错误'],
    ] as const) {
      const res = await post('/api/candidates', ent, candidate({ idNumber: id }));
      expect(res.statusCode).toBe(400);
      expect(res.json().error.fields[0]).toMatchObject({ path: 'idNumber' });
      expect(res.json().error.fields[0].message).toContain(message);
    }
  });
});

describe('candidate pool', () => {
  it('an enterprise corrects its own data about a candidate, never the person record; removes one not in a filing', async () => {
    const p = (
      await post('/api/candidates', ent, candidate({ name: '韩更正', idNumber: idNumber('32058319910101111'), education: 'college', qualityYears: 3 }))
    ).json().id;
    const fixed = await t.app.inject({
      method: 'PUT',
      url: `/api/candidates/${p}`,
      headers: ent,
      payload: { education: 'bachelor', qualityYears: 6, positionTitle: '质量总监', positionLevel: 'manager', version: 1 },
    });
    expect(fixed.statusCode).toBe(200);
    const row = await t.db.selectFrom('candidates').select(['education', 'quality_years', 'person_id']).where('id', '=', p).executeTakeFirstOrThrow();
    expect({ education: row.education, quality_years: row.quality_years }).toEqual({ education: 'bachelor', quality_years: 6 });
    const personRow = await t.db.selectFrom('persons').select(['education', 'quality_years']).where('id', '=', row.person_id).executeTakeFirstOrThrow();
    expect(personRow).toEqual({ education: null, quality_years: null });
    // another enterprise that did not record the person cannot touch it
    const { headers: other } = await enterpriseAccountIn(t, '320583', 'ent-other');
    expect(
      (
        await t.app.inject({
          method: 'PUT',
          url: `/api/candidates/${p}`,
          headers: other,
          payload: { education: 'doctor', qualityYears: 30, positionTitle: '总经理', positionLevel: 'generalManager', version: 2 },
        })
      ).statusCode,
    ).toBe(404);
    // for the demo officer (who keeps an account) the enterprise corrects its own candidate data; the officer's profile stays
    const officer = await t.db
      .selectFrom('persons as p')
      .innerJoin('accounts as a', 'a.id', 'p.account_id')
      .select(['p.id', 'p.education', 'p.quality_years'])
      .where('a.username', '=', 'officer-kunshan-1')
      .executeTakeFirstOrThrow();
    const officerCandidate = await t.db
      .selectFrom('candidates as c')
      .innerJoin('enterprises as e', 'e.id', 'c.enterprise_id')
      .innerJoin('accounts as a', 'a.enterprise_id', 'e.id')
      .select(['c.id', 'c.version'])
      .where('a.username', '=', 'ent-kunshan-1')
      .where('c.person_id', '=', officer.id)
      .executeTakeFirstOrThrow();
    expect(
      (
        await t.app.inject({
          method: 'PUT',
          url: `/api/candidates/${officerCandidate.id}`,
          headers: ent,
          payload: { education: 'doctor', qualityYears: 30, positionTitle: '总经理', positionLevel: 'generalManager', version: officerCandidate.version },
        })
      ).statusCode,
    ).toBe(200);
    const after = await t.db.selectFrom('persons').select(['education', 'quality_years']).where('id', '=', officer.id).executeTakeFirstOrThrow();
    expect(after).toEqual({ education: officer.education, quality_years: officer.quality_years });
    expect((await t.app.inject({ method: 'DELETE', url: `/api/candidates/${p}`, headers: ent })).statusCode).toBe(200);
    expect((await t.app.inject({ url: '/api/candidates', headers: ent })).json().map((c: { id: number }) => c.id)).not.toContain(p);
  });
});

describe('who may read filings', () => {
  it('an administrator who still owes a password change or TOTP enrolment reads and ends nothing', async () => {
    await t.db.updateTable('accounts').set({ must_change_password: true }).where('username', '=', 'xuanwu').execute();
    const pending = await t.as('xuanwu');
    try {
      expect((await t.app.inject({ url: '/api/filings', headers: pending })).json().error.code).toBe('PASSWORD_CHANGE_REQUIRED');
      const any = await t.db
        .selectFrom('filings as f')
        .innerJoin('org_units as o', 'o.id', 'f.org_unit_id')
        .select('f.id')
        .where('o.code', '=', '320102')
        .where('f.status', '=', 'active')
        .executeTakeFirstOrThrow();
      expect((await t.app.inject({ url: `/api/filings/${any.id}`, headers: pending })).statusCode).toBe(403);
      expect(
        (await post(`/api/filings/${any.id}/end`, pending, { kind: 'dismissal', cause: 'other', reason: '冒用', date: dayFromToday(25) })).statusCode,
      ).toBe(403);
      expect((await t.app.inject({ url: `/api/filings/${any.id}/proof.pdf`, headers: pending })).statusCode).toBe(403);
    } finally {
      await t.db.updateTable('accounts').set({ must_change_password: false }).where('username', '=', 'xuanwu').execute();
    }
  });

  it('a department sees the filings of its industries only', async () => {
    const unit = await t.db.selectFrom('org_units').select('id').where('code', '=', '320500').executeTakeFirstOrThrow();
    await t.db
      .insertInto('accounts')
      .values({
        username: 'sz-dept-none',
        display_name: '苏州市某部门',
        role: 'department',
        org_unit_id: unit.id,
        industry_scope: ['T'],
        password_hash: 'x',
        must_change_password: false,
      })
      .execute();
    await t.db
      .insertInto('accounts')
      .values({
        username: 'sz-dept-mfg',
        display_name: '苏州市工信局',
        role: 'department',
        org_unit_id: unit.id,
        industry_scope: ['C'],
        password_hash: 'x',
        must_change_password: false,
      })
      .execute();
    expect((await t.app.inject({ url: '/api/filings', headers: await t.as('sz-dept-none') })).json().total).toBe(0);
    const mfg = await t.app.inject({ url: '/api/filings?pageSize=200', headers: await t.as('sz-dept-mfg') });
    expect(mfg.json().total).toBeGreaterThan(0);
    const ids = (mfg.json().items as { enterpriseId: number }[]).map((f) => f.enterpriseId);
    const sections = await t.db.selectFrom('enterprises').select('industry_section').where('id', 'in', ids).distinct().execute();
    expect(sections.map((r) => r.industry_section)).toEqual(['C']);
  });
});

describe('an enterprise that moves', () => {
  it('takes its accounts and open or active filings to the new bureau', async () => {
    const e = await t.db
      .selectFrom('filings as f')
      .innerJoin('enterprises as e', 'e.id', 'f.enterprise_id')
      .innerJoin('org_units as o', 'o.id', 'e.org_unit_id')
      .select([
        'e.id',
        'e.uscc',
        'e.name',
        'e.industry_division',
        'e.scale',
        'e.ownership',
        'e.above_scale',
        'e.above_scale_year',
        'e.version',
        'f.id as filingId',
      ])
      .where('o.code', '=', '320508')
      .where('f.status', '=', 'active')
      .executeTakeFirstOrThrow();
    const payload = {
      uscc: e.uscc,
      name: e.name,
      orgUnitCode: '320583',
      industryCode: e.industry_division,
      scale: e.scale,
      ownership: e.ownership,
      aboveScale: e.above_scale,
      aboveScaleYear: e.above_scale_year,
      version: e.version,
    };
    const moved = await t.app.inject({ method: 'PUT', url: `/api/enterprises/${e.id}`, headers: await t.as('suzhou'), payload });
    expect(moved.statusCode).toBe(200);
    expect((await t.app.inject({ url: `/api/filings/${e.filingId}`, headers: await t.as('kunshan') })).statusCode).toBe(200);
    expect((await t.app.inject({ url: `/api/filings/${e.filingId}`, headers: await t.as('gusu') })).statusCode).toBe(404);
    const filing = await t.db
      .selectFrom('filings as f')
      .innerJoin('org_units as o', 'o.id', 'f.org_unit_id')
      .select('o.code')
      .where('f.id', '=', e.filingId)
      .executeTakeFirstOrThrow();
    expect(filing.code).toBe('320583');
  });
});
