import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../testing/test-app';
import { setStudyMinutes } from '../study-ledger/ledger';

const run = promisify(execFile);

let t: TestApp;
let officer: Record<string, string>;

beforeAll(async () => {
  t = await createTestApp();
  officer = await t.as('officer-kunshan-1');
});
afterAll(async () => {
  await t.close();
});

describe('the 学时证明 PDF', () => {
  it('lists every credited ledger line of a long year over several pages, with the header repeated, the totals and the issuer', async () => {
    const year = 2025;
    const person = await t.db
      .selectFrom('persons as p')
      .innerJoin('accounts as a', 'a.id', 'p.account_id')
      .select('p.id')
      .where('a.username', '=', 'officer-kunshan-1')
      .executeTakeFirstOrThrow();
    const sources = ['self_study', 'training', 'offline', 'community', 'government_work'] as const;
    const lines = Array.from({ length: 40 }, (_, i) => ({
      source: sources[i % sources.length] ?? 'self_study',
      title: `第${String(i + 1).padStart(2, '0')}项：江苏省昆山市高新技术产业开发区精密智能装备制造集团股份有限公司质量管理专题学习`,
      minutes: 40 + i * 3,
      occurredOn: `${String(year)}-${String((i % 12) + 1).padStart(2, '0')}-${String((i % 28) + 1).padStart(2, '0')}`,
    }));
    await t.db.transaction().execute(async (trx) => {
      for (const [i, l] of lines.entries())
        await setStudyMinutes(trx, {
          personId: person.id,
          year,
          source: l.source,
          sourceRef: `pdf-test:${String(i)}`,
          title: l.title,
          occurredOn: l.occurredOn,
          minutes: l.minutes,
        });
      await setStudyMinutes(trx, {
        personId: person.id,
        year,
        source: 'offline',
        sourceRef: 'pdf-test:revoked',
        title: '已撤销的线下学习不应出现',
        occurredOn: `${String(year)}-05-05`,
        minutes: 600,
      });
    });
    await sql`update study_ledger_entries set status = 'revoked', status_reason = '证明材料不实' where source_ref = 'pdf-test:revoked'`.execute(t.db);

    const issued = await t.app.inject({ method: 'POST', url: '/api/study/my/transcripts', headers: officer, payload: { year } });
    expect(issued.statusCode, issued.body).toBe(201);
    const { id, serial } = issued.json<{ id: number; serial: string }>();
    const res = await t.app.inject({ method: 'GET', url: `/api/study/transcripts/${String(id)}/pdf`, headers: officer });
    expect(res.headers['content-type']).toBe('application/pdf');
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cqo-transcript-'));
    const file = path.join(dir, 'transcript.pdf');
    fs.writeFileSync(file, res.rawPayload);
    try {
      const pages = Number(/Pages:\s+(\d+)/.exec((await run('pdfinfo', [file])).stdout)?.[1]);
      expect(pages).toBeGreaterThanOrEqual(2);
      // the CJK font is embedded (subset), so the text reads back as Chinese
      expect((await run('pdffonts', [file])).stdout).toMatch(/NotoSansSC-Regular\s+CID TrueType\s+Identity-H\s+yes\s+yes\s+yes/);
      const flat = (s: string) => s.replace(/\s+/g, '');
      const text = flat((await run('pdftotext', ['-raw', file, '-'])).stdout);
      const total = lines.reduce((n, l) => n + l.minutes, 0);
      const hours = Math.floor((total * 10) / 45) / 10;
      for (const l of lines) expect(text).toContain(flat(l.title));
      expect(text).not.toContain('已撤销的线下学习不应出现');
      // policy 五: the online self-study (here the catalogue's courses) against the target, the rest beside it
      const online = lines.filter((l) => l.source === 'self_study').reduce((n, l) => n + l.minutes, 0);
      expect(text).toContain(`年度线上自学${String(Math.floor((online * 10) / 45) / 10)}学时（${String(online)}分钟）`);
      expect(text).toContain(`学时合计${String(hours)}学时（${String(total)}分钟）`);
      expect(text).toContain(`合计（${String(lines.length)}项）${String(total)}${String(hours)}`);
      expect(text).toContain('1学时=45分钟');
      expect(text).toContain('江苏省市场监督管理局');
      expect(text).toContain(serial);
      // every continuation page says what it is and whose, repeats the table header and is numbered
      for (let page = 2; page <= pages; page++) {
        const pageText = flat((await run('pdftotext', ['-raw', '-f', String(page), '-l', String(page), file, '-'])).stdout);
        expect(pageText).toContain(`学时证明（续）陈质量${String(year)}年度`);
        expect(pageText).toContain(`编号：${serial}`);
        expect(pageText).toContain(`第${String(page)}页共${String(pages)}页`);
        if (page < pages) expect(pageText).toContain('序号日期来源内容分钟学时');
      }
      // the closing block (QR code, issuer, date) is on the last page, together with the total
      const last = flat((await run('pdftotext', ['-raw', '-f', String(pages), '-l', String(pages), file, '-'])).stdout);
      expect(last).toContain('序号日期来源内容分钟学时');
      expect(last).toContain(`合计（${String(lines.length)}项）`);
      expect(last).toContain('扫码核验真伪');
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
