import { clock } from '../../clock';
import { dayFromToday } from '../../testing/dates';
import type { TestApp } from '../../testing/test-app';
import { TINY_PNG } from '../community-cases/fixtures';
import { multipartBody } from '../enterprises/fixtures';
import { attachLetter, createCandidate, LETTER_PDF } from '../filings/fixtures';

type Headers = Record<string, string>;

/** The objects behind every file-download route that the demo data lacks, made through the API by their owners. */
export interface DownloadObjects {
  qualificationId: number;
  draftFilingId: number;
  dutyRecordId: number;
  dutyAttachmentId: number;
  sanctionId: number;
  sanctionAttachmentId: number;
  communityFileId: number;
  caseAttachmentId: number;
  eventPhotoId: number;
  trainingMaterialId: number;
  transcriptId: number;
  jobId: number;
}

/** A multipart body with text fields before the file. */
function withFields(fields: Record<string, string>, filename: string, content: Buffer): { payload: Buffer; headers: Headers } {
  const boundary = `----cqowalk${Math.random().toString(16).slice(2)}`;
  const parts = Object.entries(fields).map(([k, v]) => Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`));
  const head = Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${filename}"\r\nContent-Type: application/octet-stream\r\n\r\n`);
  return { payload: Buffer.concat([...parts, head, content, Buffer.from(`\r\n--${boundary}--\r\n`)]), headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

/**
 * Creates them in Kunshan (苏州 昆山): the officer officer-kunshan-1 and its enterprise ent-kunshan-1 own the personal
 * ones, the Kunshan and Suzhou bureaus the official ones. `as` gives the headers of a demo account.
 */
export async function createDownloadObjects(t: TestApp, as: (user: string) => Headers): Promise<DownloadObjects> {
  const call = async (user: string, method: 'GET' | 'POST' | 'PUT', url: string, payload?: Record<string, unknown>) => {
    const res = await t.app.inject({ method, url, headers: as(user), ...(payload === undefined ? {} : { payload }) });
    if (res.statusCode >= 300) throw new Error(`${user} ${method} ${url}: ${res.statusCode} ${res.body}`);
    return res.json<Record<string, unknown>>();
  };
  const upload = async (user: string, url: string, body: { payload: Buffer; headers: Headers }) => {
    const res = await t.app.inject({ method: 'POST', url, headers: { ...as(user), ...body.headers }, payload: body.payload });
    if (res.statusCode >= 300) throw new Error(`${user} POST ${url}: ${res.statusCode} ${res.body}`);
    return res.json<Record<string, unknown>>();
  };
  const officerPerson = await t.db.selectFrom('persons as p').innerJoin('accounts as a', 'a.id', 'p.account_id').select('p.id').where('a.username', '=', 'officer-kunshan-1').executeTakeFirstOrThrow();

  // the officer's own title with its evidence
  const qualification = await call('officer-kunshan-1', 'POST', `/api/persons/${officerPerson.id}/qualifications`, { kind: 'title', name: '高级工程师（质量）', issuer: '江苏省人力资源和社会保障厅', issuedOn: dayFromToday(-900) });
  const qualificationId = Number(qualification.id);
  await upload('officer-kunshan-1', `/api/qualifications/${qualificationId}/evidence`, multipartBody('职称证书.pdf', LETTER_PDF));

  // the enterprise's draft filing of a new candidate with its authorization letter
  const candidate = await createCandidate(t, as('ent-kunshan-1'), '周备案', '32058319850505432');
  const draft = await call('ent-kunshan-1', 'POST', '/api/filings', { candidateId: candidate, appointmentDate: clock.today(), reportsToGeneralManager: true, vetoRight: true });
  const draftFilingId = Number(draft.id);
  await attachLetter(t, as('ent-kunshan-1'), draftFilingId);

  // the officer's duty record with an attachment
  const duty = await call('officer-kunshan-1', 'POST', '/api/duty-records', { kind: 'veto', occurredOn: dayFromToday(-2), title: '否决不合格批次放行', description: '发现焊点强度不合格，行使一票否决，停止出厂', outcome: '批次返工' });
  const dutyRecordId = Number(duty.id);
  const dutyUp = await upload('officer-kunshan-1', `/api/duty-records/${dutyRecordId}/attachments`, multipartBody('否决记录.pdf', LETTER_PDF));
  const dutyAttachmentId = Number((dutyUp.attachments as { id: number }[])[0]?.id);

  // the Kunshan bureau's warning proposal about that filing, with evidence
  const filing = await t.db.selectFrom('filings').select('id').where('person_id', '=', officerPerson.id).where('status', '=', 'active').executeTakeFirstOrThrow();
  const sanction = await call('kunshan', 'POST', '/api/sanctions', {
    kind: 'warning',
    filingId: filing.id,
    incidentTitle: '产品抽检不合格',
    incidentDate: dayFromToday(-40),
    incidentDescription: '监督抽查中两批次产品不合格，企业整改不及时',
    reason: '首席质量官未及时组织整改，履职不到位',
  });
  const sanctionId = Number(sanction.id);
  const sanctionUp = await upload('kunshan', `/api/sanctions/${sanctionId}/evidence`, multipartBody('抽检报告.pdf', LETTER_PDF));
  const sanctionAttachmentId = Number((sanctionUp.attachments as { id: number }[])[0]?.id);

  // a forum reply with a PDF attachment on a public board
  const board = await t.db.selectFrom('community_boards').select('id').where('name', '=', '问答互助').executeTakeFirstOrThrow();
  const file = await upload('officer-kunshan-2', '/api/community/files?kind=attachment', multipartBody('检验规程.pdf', LETTER_PDF));
  const communityFileId = Number(file.id);
  await call('officer-kunshan-2', 'POST', `/api/community/boards/${board.id}/threads`, { title: '分享进货检验规程', kind: 'discussion', bodyHtml: '<p>附上本厂的进货检验规程，供参考。</p>', attachmentIds: [communityFileId] });

  // a published case with an attachment
  const kase = await call('officer-kunshan-1', 'POST', '/api/community/cases', {
    title: '以QC小组活动降低焊接不良率',
    summary: '通过QC小组与六西格玛方法，把焊接一次合格率从92%提高到99.2%。',
    problem: '<p>焊接工序不良率长期偏高。</p>',
    method: '<p>组建QC小组，运用鱼骨图和DOE分析。</p>',
    results: '<p>一次合格率提高到99.2%。</p>',
    tools: ['QC小组'],
    industrySection: 'C',
    industryDivision: '34',
  });
  const caseUp = await upload('officer-kunshan-1', `/api/community/cases/${Number(kase.id)}/attachments`, multipartBody('攻关报告.pdf', LETTER_PDF));
  const caseAttachmentId = Number(caseUp.id);
  await call('officer-kunshan-1', 'POST', `/api/community/cases/${Number(kase.id)}/submit`);
  await call('kunshan', 'POST', `/api/community/cases/${Number(kase.id)}/publish`, {});

  // a past Kunshan event (events are created for the future, so the row is dated back) with a published photo report
  const kunshanUnit = await t.db.selectFrom('org_units').select('id').where('code', '=', '320583').executeTakeFirstOrThrow();
  const past = await t.db
    .insertInto('community_events')
    .values({ org_unit_id: kunshanUnit.id, kind: 'exchange', title: '六西格玛项目经验交流', place: '昆山市市场监管局三楼会议室', starts_at: new Date(clock.nowMs() - 3 * 86_400_000), ends_at: new Date(clock.nowMs() - 3 * 86_400_000 + 7_200_000), capacity: 50 })
    .returning('id')
    .executeTakeFirstOrThrow();
  const photo = await upload('kunshan', `/api/community/events/${past.id}/photos`, multipartBody('现场.png', TINY_PNG));
  const eventPhotoId = Number(photo.id);
  await call('kunshan', 'PUT', `/api/community/events/${past.id}/report`, { reportText: '30 余位首席质量官交流了六西格玛项目的选题、测量与控制经验。', publish: true });

  // the Suzhou bureau's basic-tier training material
  const material = await upload('suzhou', '/api/training-materials', withFields({ title: '首席质量官基础培训讲义', tier: 'basic' }, '讲义.pdf', LETTER_PDF));
  const trainingMaterialId = Number(material.id);

  // the officer's study transcript
  const transcript = await call('officer-kunshan-1', 'POST', '/api/study/my/transcripts', { year: clock.year() });
  const transcriptId = Number(transcript.id);

  // the Kunshan bureau's enterprise export, run to its file
  const exported = await call('kunshan', 'POST', '/api/enterprises/exports', {});
  const jobId = Number(exported.jobId);
  for (let round = 0; ; round += 1) {
    while (await t.ctx.jobs.runOnce()) {
      /* drain */
    }
    const job = await call('kunshan', 'GET', `/api/jobs/${jobId}`);
    if (job.status === 'succeeded') break;
    if (job.status === 'failed' || round > 50) throw new Error(`export job ${jobId}: ${JSON.stringify(job)}`);
    await t.db.updateTable('jobs').set({ run_after: new Date(0) }).where('id', '=', jobId).execute();
  }

  return { qualificationId, draftFilingId, dutyRecordId, dutyAttachmentId, sanctionId, sanctionAttachmentId, communityFileId, caseAttachmentId, eventPhotoId, trainingMaterialId, transcriptId, jobId };
}
