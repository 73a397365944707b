import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chinaMinute } from '../../../domain/training-timing';
import { send } from '../../testing/http';
import { createTestApp, type TestApp } from '../../testing/test-app';
import { createClass, endClass, enterScores, issueCertificate, trainingAccounts, type MadeClass, type TrainingAccount } from '../../testing/training-factories';

const run = promisify(execFile);
let t: TestApp;
let h: Record<TrainingAccount, Record<string, string>>;
let officerPersonId: number;
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cqo-training-'));

beforeAll(async () => {
  t = await createTestApp({ publicUrl: 'https://cqo.example.gov.cn' });
  h = await trainingAccounts(t);
  officerPersonId = (
    await t.db
      .selectFrom('persons as p')
      .innerJoin('accounts as a', 'a.id', 'p.account_id')
      .select('p.id')
      .where('a.username', '=', 'officer-kunshan-1')
      .executeTakeFirstOrThrow()
  ).id;
});
afterAll(async () => {
  await t.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

async function runJobs() {
  while (await t.ctx.jobs.runOnce()) {
    /* drain */
  }
}

/**
 * A class that took place, the officer and a candidate present at every session: the officer failed (55) and passed
 * the make-up (72), the candidate passed (88). Enrolments: [officer, candidate].
 */
async function completedClass(): Promise<MadeClass & { officer: number; candidate: number }> {
  const made = await createClass(t, { officers: ['officer-kunshan-1'], candidates: 1, ended: true, attended: true });
  const [officer, candidate] = made.enrolments.map((e) => e.id) as [number, number];
  await enterScores(t, made.id, [
    { enrolmentId: officer, score: 55 },
    { enrolmentId: candidate, score: 88 },
  ]);
  await enterScores(t, made.id, [{ enrolmentId: officer, makeupScore: 72 }]);
  return { ...made, officer, candidate };
}

/** `completedClass` with the officer's certificate issued. */
async function certifiedClass() {
  const made = await completedClass();
  return { ...made, certificate: await issueCertificate(t, made.officer) };
}

const ledgerLines = (classId: number) =>
  t.db
    .selectFrom('study_ledger_entries')
    .selectAll()
    .where('person_id', '=', officerPersonId)
    .where('source_ref', '=', `training_class:${String(classId)}`)
    .execute();

describe('assessment', () => {
  it('refuses scores, pass decisions and certificates until the last session has ended, naming when', async () => {
    const { id: classId, enrolments } = await createClass(t, { officers: ['officer-kunshan-1'] });
    const officerEnrolment = enrolments[0]?.id ?? 0;
    const last = (
      await t.db
        .selectFrom('training_sessions')
        .select((eb) => eb.fn.max('ends_at').as('end'))
        .where('class_id', '=', classId)
        .executeTakeFirstOrThrow()
    ).end as Date;
    const when = chinaMinute(new Date(last));
    const scores = await t.app.inject({
      method: 'PUT',
      url: `/api/training/classes/${classId}/scores`,
      headers: h.trainer,
      payload: { entries: [{ enrolmentId: officerEnrolment, score: 90 }] },
    });
    expect(scores.statusCode).toBe(409);
    expect(scores.json().error.message).toBe(`该培训班最后一次课程结束后（${when}）方可录入成绩`);
    const one = await t.app.inject({ method: 'POST', url: `/api/training/enrolments/${officerEnrolment}/certificate`, headers: h.trainer });
    expect(one.statusCode).toBe(409);
    expect(one.json().error.message).toBe(`该培训班最后一次课程结束后（${when}）方可发放合格证`);
    expect((await t.app.inject({ method: 'POST', url: `/api/training/classes/${classId}/certificates`, headers: h.kunshan })).statusCode).toBe(409);
    const roster = (await t.app.inject({ url: `/api/training/classes/${classId}/roster`, headers: h.trainer })).json<{
      items: { id: number; completion: { complete: boolean; missing: string[] } }[];
    }>();
    expect(roster.items.find((r) => r.id === officerEnrolment)?.completion).toMatchObject({
      complete: false,
      missing: expect.arrayContaining([`该培训班最后一次课程结束后（${when}）方可结业`]),
    });
    expect(await t.db.selectFrom('training_enrolments').select('score').where('id', '=', officerEnrolment).executeTakeFirstOrThrow()).toEqual({ score: null });
    // once the class took place (its last session ended a minute ago), results are open
    await endClass(t, classId);
    expect(
      (
        await t.app.inject({
          method: 'PUT',
          url: `/api/training/classes/${classId}/scores`,
          headers: h.trainer,
          payload: { entries: [{ enrolmentId: officerEnrolment, score: 90 }] },
        })
      ).statusCode,
    ).toBe(200);
  });

  it('refuses a certificate before completion, naming what is missing', async () => {
    const { enrolments } = await createClass(t, { officers: ['officer-kunshan-1'], candidates: 1, ended: true });
    const res = await t.app.inject({ method: 'POST', url: `/api/training/enrolments/${enrolments[1]?.id ?? 0}/certificate`, headers: h.trainer });
    expect(res.statusCode).toBe(409);
    expect(res.json().error.message).toBe('未达到结业条件：出勤率 0%，未达到 50%；尚无考核成绩');
  });

  it('takes scores and make-up scores, with the rules on make-ups', async () => {
    const { id: classId, enrolments } = await createClass(t, { officers: ['officer-kunshan-1'], candidates: 2 });
    const [officerEnrolment, cancelledEnrolment, waitingEnrolment] = enrolments.map((e) => e.id) as [number, number, number];
    // the first candidate cancels, the second takes the seat
    await send(t, { method: 'POST', url: `/api/training/enrolments/${cancelledEnrolment}/cancel`, headers: h.ent, payload: { reason: '工作冲突' } }, 200);
    await endClass(t, classId);
    const bad = await t.app.inject({
      method: 'PUT',
      url: `/api/training/classes/${classId}/scores`,
      headers: h.trainer,
      payload: { entries: [{ enrolmentId: officerEnrolment, score: 101 }] },
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.message).toContain('成绩应在 0–100 之间');
    const first = await t.app.inject({
      method: 'PUT',
      url: `/api/training/classes/${classId}/scores`,
      headers: h.trainer,
      payload: {
        entries: [
          { enrolmentId: officerEnrolment, score: 55 },
          { enrolmentId: waitingEnrolment, score: 88 },
        ],
      },
    });
    expect(first.statusCode).toBe(200);
    const makeupForPassed = await t.app.inject({
      method: 'PUT',
      url: `/api/training/classes/${classId}/scores`,
      headers: h.trainer,
      payload: { entries: [{ enrolmentId: waitingEnrolment, makeupScore: 90 }] },
    });
    expect(makeupForPassed.statusCode).toBe(400);
    expect(makeupForPassed.json().error.message).toContain('无需补考');
    const notFailedYet = await t.app.inject({ method: 'POST', url: `/api/training/enrolments/${officerEnrolment}/certificate`, headers: h.trainer });
    expect(notFailedYet.json().error.message).toContain('考核成绩 55 分，未达到合格线 60 分');
    const makeup = await t.app.inject({
      method: 'PUT',
      url: `/api/training/classes/${classId}/scores`,
      headers: h.trainer,
      payload: { entries: [{ enrolmentId: officerEnrolment, makeupScore: 72 }] },
    });
    expect(makeup.statusCode).toBe(200);
    // a cancelled enrolment takes no score
    expect(
      (
        await t.app.inject({
          method: 'PUT',
          url: `/api/training/classes/${classId}/scores`,
          headers: h.trainer,
          payload: { entries: [{ enrolmentId: cancelledEnrolment, score: 80 }] },
        })
      ).statusCode,
    ).toBe(400);
  });
});

describe('certificates', () => {
  it('issues the certificate on completion, credits the study account and verifies publicly', async () => {
    const { id: classId, officer } = await completedClass();
    expect(await ledgerLines(classId)).toEqual([]);
    const res = await t.app.inject({ method: 'POST', url: `/api/training/enrolments/${officer}/certificate`, headers: h.trainer });
    expect(res.statusCode).toBe(201);
    const { serial } = res.json<{ id: number; serial: string }>();
    expect(serial).toMatch(/^JS-PX-\d{4}-[2-9A-Z]{8}$/);
    expect(await ledgerLines(classId)).toEqual([
      expect.objectContaining({ source: 'training', minutes: 16 * 45, status: 'credited', title: '测试基础培训班' }),
    ]);
    const verify = await t.app.inject({ url: `/api/public/verify/${serial}` });
    expect(verify.json()).toMatchObject({
      kind: 'training_certificate',
      kindLabel: '首席质量官培训合格证',
      status: 'valid',
      holderName: '陈*量',
      signatureValid: true,
      bureauName: '昆山市市场监督管理局',
      className: '测试基础培训班',
      tierLabel: '基础',
      expiresAt: null,
    });
    expect((await t.app.inject({ method: 'POST', url: `/api/training/enrolments/${officer}/certificate`, headers: h.trainer })).statusCode).toBe(409);
    const notice = await t.db
      .selectFrom('notifications as n')
      .innerJoin('accounts as a', 'a.id', 'n.account_id')
      .select('n.title')
      .where('a.username', '=', 'officer-kunshan-1')
      .where('n.kind', '=', 'training.certificate.issued')
      .execute();
    expect(notice.length).toBeGreaterThan(0);
  });

  it('renders an A4 certificate PDF the holder can download; others cannot', async () => {
    const { certificate } = await certifiedClass();
    const res = await t.app.inject({ url: `/api/training/certificates/${certificate.id}/pdf`, headers: h.officer });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    const file = path.join(dir, 'cert.pdf');
    fs.writeFileSync(file, res.rawPayload);
    const stdout = (await run('pdftotext', [file, '-'])).stdout.replace(/\s+/g, '');
    for (const text of [
      '培训合格证',
      '陈质量',
      '测试基础培训班',
      '基础培训',
      '16学时',
      '72分（合格）',
      '昆山市市场监督管理局',
      '苏州市质量技术培训中心',
      certificate.serial,
      `https://cqo.example.gov.cn/verify/${certificate.serial}`,
    ])
      expect(stdout).toContain(text);
    const info = await run('pdfinfo', [file]);
    expect(info.stdout).toMatch(/Pages:\s+1/);
    expect(info.stdout).toMatch(/Page size:\s+595\.\d* x 841\.\d*/);
    expect((await t.app.inject({ url: `/api/training/certificates/${certificate.id}/pdf`, headers: h.ent })).statusCode).toBe(404);
    expect((await t.app.inject({ url: `/api/training/certificates/${certificate.id}/pdf`, headers: h.gusu })).statusCode).toBe(404);
    expect((await t.app.inject({ url: `/api/training/certificates/${certificate.id}/pdf`, headers: h.kunshan })).statusCode).toBe(200);
  });

  it('revokes with a reason (the study line too) and reissues under a new serial', async () => {
    const { id: classId, certificate } = await certifiedClass();
    const { id: certId, serial } = certificate;
    const noReason = await t.app.inject({ method: 'POST', url: `/api/training/certificates/${certId}/revoke`, headers: h.kunshan, payload: { reason: '' } });
    expect(noReason.statusCode).toBe(400);
    expect(
      (await t.app.inject({ method: 'POST', url: `/api/training/certificates/${certId}/revoke`, headers: h.gusu, payload: { reason: '越权撤销' } })).statusCode,
    ).toBe(404);
    const revoke = await t.app.inject({
      method: 'POST',
      url: `/api/training/certificates/${certId}/revoke`,
      headers: h.kunshan,
      payload: { reason: '考核成绩录入错误' },
    });
    expect(revoke.statusCode).toBe(200);
    expect((await t.app.inject({ url: `/api/public/verify/${serial}` })).json()).toMatchObject({
      status: 'revoked',
      statusReason: '考核成绩录入错误',
      signatureValid: true,
    });
    const [line] = await ledgerLines(classId);
    expect(line?.status).toBe('revoked');
    expect(line?.status_reason).toContain(serial);
    const pdf = await t.app.inject({ url: `/api/training/certificates/${certId}/pdf`, headers: h.officer });
    fs.writeFileSync(path.join(dir, 'revoked.pdf'), pdf.rawPayload);
    expect((await run('pdftotext', [path.join(dir, 'revoked.pdf'), '-'])).stdout).toContain('本证书已撤销：考核成绩录入错误');
    expect(
      (await t.app.inject({ method: 'POST', url: `/api/training/certificates/${certId}/revoke`, headers: h.kunshan, payload: { reason: '再次撤销' } }))
        .statusCode,
    ).toBe(409);

    const reissue = await t.app.inject({
      method: 'POST',
      url: `/api/training/certificates/${certId}/reissue`,
      headers: h.trainer,
      payload: { reason: '更正后换发' },
    });
    expect(reissue.statusCode).toBe(201);
    const next = reissue.json<{ id: number; serial: string }>();
    expect(next.serial).not.toBe(serial);
    expect((await t.app.inject({ url: `/api/public/verify/${next.serial}` })).json()).toMatchObject({ status: 'valid' });
    expect((await ledgerLines(classId)).map((l) => ({ status: l.status, minutes: l.minutes }))).toEqual([{ status: 'credited', minutes: 720 }]);
  });

  it('bulk-issues the class’s remaining certificates in a job', async () => {
    const { id: classId, officer, candidate } = await certifiedClass();
    const res = await t.app.inject({ method: 'POST', url: `/api/training/classes/${classId}/certificates`, headers: h.kunshan });
    expect(res.statusCode).toBe(202);
    await runJobs();
    const job = await t.db.selectFrom('jobs').select(['status', 'result']).where('id', '=', res.json<{ jobId: number }>().jobId).executeTakeFirstOrThrow();
    expect(job).toMatchObject({ status: 'succeeded', result: { issued: 1 } });
    const roster = (await t.app.inject({ url: `/api/training/classes/${classId}/roster`, headers: h.trainer })).json<{
      items: { id: number; certificate: { status: string } | null; completion: { complete: boolean } }[];
    }>();
    expect(
      roster.items
        .filter((r) => r.certificate?.status === 'valid')
        .map((r) => r.id)
        .sort(),
    ).toEqual([officer, candidate].sort());
    expect((await t.app.inject({ method: 'POST', url: `/api/training/classes/${classId}/certificates`, headers: h.otherTrainer })).statusCode).toBe(404);
  });

  it('exports the roster as Excel', async () => {
    const { id: classId } = await createClass(t, { officers: ['officer-kunshan-1'] });
    const res = await t.app.inject({ url: `/api/training/classes/${classId}/roster.xlsx`, headers: h.kunshan });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    expect(res.rawPayload.subarray(0, 2).toString()).toBe('PK');
  });
});
