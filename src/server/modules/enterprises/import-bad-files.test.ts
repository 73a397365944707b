import fs from 'node:fs';
import path from 'node:path';
import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { brokenSheetXmlXlsx, corruptDeflateXlsx, falsifiedBombXlsx, hugeSharedStringXlsx, NOT_XLSX, truncatedXlsx } from '../../testing/bad-xlsx';
import { createTestApp, type TestApp } from '../../testing/test-app';
import { makeZip, SHEET_HEAD, SHEET_TAIL, xlsxParts } from '../../testing/zip-fixtures';
import { IMPORT_COLUMNS } from './excel';
import { makeUscc } from '../../../domain/uscc';
import { multipartBody, xlsxBuffer } from '../../testing/files';
import { ENTERPRISE_IMPORT, type ImportParams } from './import-job';
import { peakRssGrowthMb } from '../../testing/memory';

/**
 * Bad files given to the enterprise import: the route answers 4xx in Chinese for what it can see (zip level),
 * the job fails at once (no retry) in Chinese for the rest — and for files that go bad or missing after upload —
 * leaving no staged rows, no enterprises and no upload behind; the same app then imports a good file.
 */
let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => {
  await t.close();
});

const headers = IMPORT_COLUMNS.map((c) => c.header);
const row = (uscc: string) =>
  IMPORT_COLUMNS.map(
    (c) =>
      ({ uscc, name: `企业${uscc.slice(-6)}`, orgUnitCode: '320583', industryCode: '36', scale: '小型', ownership: '民营', aboveScale: '否', status: '在营' })[
        c.key
      ] ?? null,
  );

const upload = async (file: Buffer, name = '名录.xlsx') => {
  const { payload, headers: h } = multipartBody(name, file);
  return t.app.inject({ method: 'POST', url: '/api/enterprises/imports', headers: { ...(await t.as('kunshan')), ...h }, payload });
};
const jobRow = (id: number) => t.db.selectFrom('jobs').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
const importJobs = async () =>
  Number(
    (
      await t.db
        .selectFrom('jobs')
        .select((eb) => eb.fn.countAll().as('n'))
        .where('kind', '=', ENTERPRISE_IMPORT)
        .executeTakeFirstOrThrow()
    ).n,
  );
const storedImports = () => {
  const dir = path.join(t.ctx.config.dataDir, 'files', 'imports');
  return fs.existsSync(dir) ? fs.readdirSync(dir, { recursive: true }).filter((f) => String(f).endsWith('.xlsx')).length : 0;
};

/** Runs the queue until the job has ended (failed jobs are not retried here unless the runner does it itself). */
async function runJob(id: number) {
  const deadline = performance.now() + 30_000;
  for (;;) {
    while (await t.ctx.jobs.runOnce()) {
      /* drain */
    }
    const job = await jobRow(id);
    if (['succeeded', 'failed', 'cancelled'].includes(job.status) || performance.now() > deadline) return job;
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** A job given a stored file directly (a file that went bad or missing after the upload check). */
async function jobFor(file: Buffer | null) {
  const stored = await t.ctx.files.put('imports', 'xlsx', Readable.from([file ?? Buffer.from('x')]));
  if (!file) await t.ctx.files.remove(stored.key);
  const kunshan = await t.db.selectFrom('accounts').select(['id', 'org_unit_id']).where('username', '=', 'kunshan').executeTakeFirstOrThrow();
  const params: ImportParams = {
    fileKey: stored.key,
    fileName: '名录.xlsx',
    actor: { accountId: kunshan.id, username: 'kunshan', role: 'county_admin', ip: '127.0.0.1' },
  };
  const job = await t.ctx.jobs.enqueue(t.db, {
    kind: ENTERPRISE_IMPORT,
    params: { ...params },
    ownerAccountId: kunshan.id,
    orgUnitId: kunshan.org_unit_id,
    maxAttempts: 3,
  });
  return { job, key: stored.key };
}

function expectChinese(message: string | null | undefined) {
  expect(message).toMatch(/[\u4e00-\u9fa5]{4}/);
  expect((message ?? '').replace(/Excel|xlsx/g, '')).not.toMatch(/[A-Za-z]{3,}|\d+:\d+:/);
}

describe('enterprise import of bad files', () => {
  it(
    'answers 4xx in Chinese at upload for a truncated zip, corrupt deflate data, a non-zip, a lying zip bomb and a huge shared string',
    { timeout: 120_000 },
    async () => {
      const before = await importJobs();
      const cases: [string, Buffer, number, RegExp][] = [
        ['truncated', truncatedXlsx(), 400, /已损坏/],
        ['corrupt deflate', corruptDeflateXlsx(), 400, /已损坏/],
        ['not a zip', NOT_XLSX, 400, /不是有效的 Excel/],
        ['zip bomb with falsified sizes', falsifiedBombXlsx(400), 413, /解压后超过/],
        ['one huge shared string', hugeSharedStringXlsx(200), 413, /单元格内容过长/],
      ];
      for (const [name, file, status, message] of cases) {
        let res: Awaited<ReturnType<typeof upload>> | undefined;
        const t0 = performance.now();
        const growth = await peakRssGrowthMb(async () => (res = await upload(file)));
        console.log(`${name}: ${file.length} bytes → ${res?.statusCode} in ${Math.round(performance.now() - t0)} ms, RSS growth ${growth} MB`);
        expect(res?.statusCode, name).toBe(status);
        expect(res?.json<{ error: { message: string } }>().error.message, name).toMatch(message);
        expectChinese(res?.json<{ error: { message: string } }>().error.message);
        expect(growth, name).toBeLessThan(300);
      }
      expect(await importJobs()).toBe(before);
      expect(storedImports()).toBe(0);
    },
  );

  it(
    'fails the job at once (not retried) in Chinese for a missing file, a truncated zip, corrupt deflate data and broken sheet XML',
    { timeout: 60_000 },
    async () => {
      const cases: [string, Buffer | null, RegExp][] = [
        ['missing', null, /不存在/],
        ['truncated', truncatedXlsx(), /已损坏/],
        ['corrupt deflate', corruptDeflateXlsx(), /已损坏/],
        ['broken sheet XML', brokenSheetXmlXlsx(), /已损坏/],
      ];
      for (const [name, file, message] of cases) {
        const { job } = await jobFor(file);
        const t0 = performance.now();
        const done = await runJob(job.id);
        expect(performance.now() - t0, name).toBeLessThan(60_000);
        expect(done, name).toMatchObject({ status: 'failed', attempts: 1 });
        expect(done.error, name).toMatch(message);
        expectChinese(done.error);
      }
      expect(storedImports()).toBe(0);
    },
  );

  it('broken sheet XML after 2,000 staged rows: the job fails in Chinese and leaves no staged rows, enterprises or upload', { timeout: 60_000 }, async () => {
    const cell = (ref: string, text: string) => `<c r="${ref}" t="inlineStr"><is><t>${text}</t></is></c>`;
    const line = (n: number, values: (string | number | null)[]) =>
      `<row r="${n}">${values.map((v, i) => cell(`${String.fromCharCode(65 + i)}${n}`, String(v ?? ''))).join('')}</row>`;
    const rows = Array.from({ length: 2500 }, (_, i) => line(i + 2, row(makeUscc('320583', 70_000 + i))));
    const sheet = `${SHEET_HEAD}${line(1, headers)}${rows.join('')}<row r="2502"><c r="A2502" t="inlineStr"><is><t>坏</is></c></row>${SHEET_TAIL}`;
    const file = makeZip(xlsxParts({ data: sheet }));
    const res = await upload(file);
    expect(res.statusCode).toBe(202); // the archive is sound; its XML is not
    const done = await runJob(res.json<{ jobId: number }>().jobId);
    expect(done).toMatchObject({ status: 'failed', attempts: 1, checkpoint: null });
    expect(done.error).toMatch(/已损坏.*无法解析/);
    expect(await t.db.selectFrom('enterprise_import_rows').select('job_id').where('job_id', '=', done.id).execute()).toEqual([]);
    expect(await t.db.selectFrom('enterprises').select('id').where('uscc', '=', makeUscc('320583', 70_000)).execute()).toEqual([]);
    expect(storedImports()).toBe(0);
  });

  it('then imports a good file in the same app', async () => {
    const good = await xlsxBuffer(
      headers,
      Array.from({ length: 30 }, (_, i) => row(makeUscc('320583', 80_000 + i))),
    );
    const res = await upload(good);
    expect(res.statusCode).toBe(202);
    const done = await runJob(res.json<{ jobId: number }>().jobId);
    expect(done).toMatchObject({ status: 'succeeded', attempts: 1, result: { ok: true, rows: 30, inserted: 30 } });
    expect((await t.app.inject({ url: '/api/health' })).statusCode).toBe(200);
  });
});
