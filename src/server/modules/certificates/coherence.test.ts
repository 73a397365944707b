import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { maskName } from '../../../domain/certificates';
import { clock } from '../../clock';
import { createTestApp, type TestApp } from '../../testing/test-app';
import { chineseDate } from './pdf';

/**
 * One source for every certificate: for each kind, the PDF's text (pdftotext), the public verification answer
 * and the record agree field by field, all read from the stored signed payload. The 备案证明 and the 培训合格证
 * are the demo seed's (issued through the services' own issuing functions); the 学时证明 is issued here.
 */
const run = promisify(execFile);
let t: TestApp;
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cqo-coherence-'));

beforeAll(async () => {
  t = await createTestApp({ publicUrl: 'https://cqo.example.gov.cn' });
});
afterAll(async () => {
  await t.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

const chinaDate = (at: string | Date): string => new Date(new Date(at).getTime() + 8 * 3600_000).toISOString().slice(0, 10);

/** The PDF's text, whitespace collapsed to single spaces within lines. */
async function pdfText(payload: Buffer, name: string): Promise<string> {
  const file = path.join(dir, name);
  fs.writeFileSync(file, payload);
  const { stdout } = await run('pdftotext', ['-layout', file, '-']);
  return stdout
    .split('\n')
    .map((l) => l.replace(/\s+/g, ' ').trim())
    .join('\n');
}

/** The value printed after a row label in the PDF's particulars table. */
function field(text: string, label: string): string {
  const line = text.split('\n').find((l) => l.startsWith(`${label} `));
  if (!line) throw new Error(`PDF has no row ${label}:\n${text}`);
  return line.slice(label.length + 1).trim();
}

const verify = async (serial: string) => {
  const res = await t.app.inject({ url: `/api/public/verify/${serial}` });
  expect(res.statusCode).toBe(200);
  return res.json();
};

describe('certificates agree with their record and their verification', () => {
  it('备案证明 (demo seed, spread-out approval dates): 聘任日期, 备案日期, 签发日期, names', async () => {
    const kunshan = await t.as('kunshan');
    // an approval of the demo seed, decided months ago
    const row = await t.db
      .selectFrom('filings as f')
      .innerJoin('org_units as o', 'o.id', 'f.org_unit_id')
      .select(['f.id'])
      .where('o.code', '=', '320583')
      .where('f.status', '=', 'active')
      .where('f.decided_at', '<', new Date(clock.nowMs() - 60 * 86_400_000))
      .orderBy('f.id')
      .executeTakeFirstOrThrow();
    const record = (await t.app.inject({ url: `/api/filings/${row.id}`, headers: kunshan })).json();
    const pdf = await t.app.inject({ url: `/api/filings/${row.id}/proof.pdf`, headers: kunshan });
    expect(pdf.statusCode).toBe(200);
    const text = await pdfText(pdf.rawPayload, 'proof.pdf');
    const answer = await verify(record.proofSerial);

    const decidedOn = chinaDate(record.decidedAt);
    expect(record.proof).toMatchObject({
      serial: record.proofSerial,
      appointmentDate: record.appointmentDate,
      filedOn: decidedOn,
      issuedOn: decidedOn,
      personName: record.personName,
      enterpriseName: record.enterpriseName,
    });
    expect(field(text, '姓名')).toBe(record.personName);
    expect(field(text, '聘任企业')).toBe(record.enterpriseName);
    expect(field(text, '统一社会信用代码')).toBe(record.uscc);
    expect(field(text, '居民身份证号')).toBe(record.idNumberMasked);
    expect(field(text, '聘任日期')).toBe(chineseDate(record.appointmentDate));
    expect(field(text, '备案日期')).toBe(chineseDate(decidedOn));
    expect(field(text, '备案机关')).toBe(`${record.orgUnitName}市场监督管理局`);
    expect(text).toContain(chineseDate(decidedOn));
    expect(answer).toMatchObject({
      kind: 'filing_proof',
      signatureValid: true,
      holderName: maskName(record.personName),
      enterpriseName: record.enterpriseName,
      bureauName: `${record.orgUnitName}市场监督管理局`,
      appointmentDate: record.appointmentDate,
      filedOn: decidedOn,
      issuedOn: decidedOn,
    });
    expect(chinaDate(answer.issuedAt)).toBe(decidedOn);
  });

  it('培训合格证 (demo seed): class, tier, 学时, period, 签发日期, 有效期', async () => {
    const officer = await t.as('officer-kunshan-1');
    const me = (await t.app.inject({ url: '/api/training/me', headers: officer })).json<{
      items: {
        className: string;
        tier: string;
        hours: number;
        enrolment: { certificate: { id: number; serial: string; issuedOn: string; expiresOn: string | null; issuedAt: string } | null };
      }[];
    }>();
    const held = me.items.find((i) => i.enrolment.certificate);
    const cert = held?.enrolment.certificate;
    if (!held || !cert) throw new Error('the demo officer holds no training certificate');
    const pdf = await t.app.inject({ url: `/api/training/certificates/${cert.id}/pdf`, headers: officer });
    expect(pdf.statusCode).toBe(200);
    const text = await pdfText(pdf.rawPayload, 'training.pdf');
    const answer = await verify(cert.serial);

    expect(chinaDate(cert.issuedAt)).toBe(cert.issuedOn);
    expect(answer).toMatchObject({
      kind: 'training_certificate',
      signatureValid: true,
      className: held.className,
      issuedOn: cert.issuedOn,
      expiresOn: cert.expiresOn,
      hours: held.hours,
    });
    expect(field(text, '培训等级')).toBe(`${String(answer.tierLabel)}培训`);
    expect(field(text, '培训学时')).toBe(`${String(held.hours)} 学时`);
    expect(field(text, '有效期')).toBe(cert.expiresOn ? `至 ${chineseDate(cert.expiresOn)}` : '长期有效');
    const flat = text.replace(/\s+/g, '');
    expect(flat).toContain(held.className);
    expect(flat).toContain(chineseDate(String(answer.period)).replace(/\s+/g, ''));
    expect(flat).toContain(chineseDate(cert.issuedOn));
    expect(flat).toContain(String(answer.bureauName));
  });

  it('学时证明: holder, year, hours, 签发日期', async () => {
    const officer = await t.as('officer-kunshan-1');
    const issued = await t.app.inject({ method: 'POST', url: '/api/study/my/transcripts', headers: officer, payload: { year: clock.year() } });
    expect(issued.statusCode).toBe(201);
    const { id, serial } = issued.json<{ id: number; serial: string }>();
    const record = (await t.app.inject({ url: '/api/study/my/transcripts', headers: officer }))
      .json<{ id: number; serial: string; year: number; issuedAt: string }[]>()
      .find((r) => r.id === id);
    if (!record) throw new Error('transcript not listed');
    const pdf = await t.app.inject({ url: `/api/study/transcripts/${id}/pdf`, headers: officer });
    expect(pdf.statusCode).toBe(200);
    const text = await pdfText(pdf.rawPayload, 'transcript.pdf');
    const answer = await verify(serial);
    const person = await sql<{
      name: string;
    }>`select p.name from persons p join accounts a on a.id = p.account_id where a.username = 'officer-kunshan-1'`.execute(t.db);
    const name = person.rows[0]?.name ?? '';

    expect(answer).toMatchObject({
      kind: 'transcript',
      signatureValid: true,
      holderName: maskName(name),
      year: record.year,
      issuedOn: chinaDate(record.issuedAt),
    });
    expect(field(text, '姓名')).toBe(name);
    expect(field(text, '年度')).toBe(`${String(record.year)} 年`);
    expect(text.replace(/\s+/g, '')).toContain(chineseDate(String(answer.issuedOn)));
  });
});

describe('demo data as a reviewer expects it', () => {
  it('checks every seeded filing against the rules, gives 中小微 CQOs, and overrides only with a reason', async () => {
    const unevaluated = await sql<{
      n: number;
    }>`select count(*)::int as n from filings where coalesce(jsonb_array_length(eligibility->'criteria'), 0) = 0`.execute(t.db);
    expect(unevaluated.rows[0]?.n).toBe(0);
    const bySegment = await sql<{ segment: string; active: number }>`
      select eligibility->>'segment' as segment, count(*) filter (where status = 'active')::int as active from filings group by 1 order by 1`.execute(t.db);
    expect(bySegment.rows.find((r) => r.segment === 'sme')?.active).toBeGreaterThan(0);
    // approved although failing a binding rule ⇔ an override reason is on the filing
    const unexplained = await sql<{ n: number }>`
      select count(*)::int as n from filings f
      where f.status in ('active', 'ended') and (f.eligibility->>'binding')::boolean
        and exists (select 1 from jsonb_array_elements(f.eligibility->'criteria') c where not (c->>'pass')::boolean)
        and f.override_reason is null`.execute(t.db);
    expect(unexplained.rows[0]?.n).toBe(0);
    const overview = (await t.app.inject({ url: '/api/coverage/overview', headers: await t.as('province') })).json<{
      segments: { code: string; covered: number; enterprises: number }[];
    }>();
    const sme = overview.segments.find((s) => s.code === 'sme');
    expect(sme?.covered).toBeGreaterThan(0);
  });
});
