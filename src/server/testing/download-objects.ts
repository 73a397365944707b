import { clock } from '../clock';
import { dayFromToday } from './dates';
import { attachLetter, createCandidate, idNumberFrom, QUALITY_DIRECTOR } from './factories';
import { LETTER_PDF, multipartBody, multipartWithFields, TINY_PNG } from './files';
import { expectStatus } from './http';
import type { TestApp } from './test-app';

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

/**
 * Creates them in Kunshan (苏州 昆山): the officer officer-kunshan-1 and its enterprise ent-kunshan-1 own the personal
 * ones, the Kunshan and Suzhou bureaus the official ones. `as` gives the headers of a demo account.
 */
export async function createDownloadObjects(t: TestApp, as: (user: string) => Headers): Promise<DownloadObjects> {
  const call = async (status: number, user: string, method: 'GET' | 'POST' | 'PUT', url: string, payload?: Record<string, unknown>) => {
    const res = await t.app.inject({ method, url, headers: as(user), ...(payload === undefined ? {} : { payload }) });
    return expectStatus(res, status, `${user} ${method} ${url}`).json<Record<string, unknown>>();
  };
  const upload = async (status: number, user: string, url: string, body: { payload: Buffer; headers: Headers }) => {
    const res = await t.app.inject({ method: 'POST', url, headers: { ...as(user), ...body.headers }, payload: body.payload });
    return expectStatus(res, status, `${user} POST ${url}`).json<Record<string, unknown>>();
  };
  const officerPerson = await t.db
    .selectFrom('persons as p')
    .innerJoin('accounts as a', 'a.id', 'p.account_id')
    .select('p.id')
    .where('a.username', '=', 'officer-kunshan-1')
    .executeTakeFirstOrThrow();

  // the officer's own title with its evidence
  const qualification = await call(201, 'officer-kunshan-1', 'POST', `/api/persons/${officerPerson.id}/qualifications`, {
    kind: 'title',
    name: '高级工程师（质量）',
    issuer: '江苏省人力资源和社会保障厅',
    issuedOn: dayFromToday(-900),
  });
  const qualificationId = Number(qualification.id);
  await upload(200, 'officer-kunshan-1', `/api/qualifications/${qualificationId}/evidence`, multipartBody('职称证书.pdf', LETTER_PDF));

  // the enterprise's draft filing of a new candidate with its authorization letter
  const candidate = await createCandidate(t, {
    enterprise: as('ent-kunshan-1'),
    name: '周备案',
    idNumber: idNumberFrom('32058319850505432'),
    fields: QUALITY_DIRECTOR,
  });
  const draft = await call(201, 'ent-kunshan-1', 'POST', '/api/filings', {
    candidateId: candidate,
    appointmentDate: clock.today(),
    reportsToGeneralManager: true,
    vetoRight: true,
  });
  const draftFilingId = Number(draft.id);
  await attachLetter(t, as('ent-kunshan-1'), draftFilingId);

  // the officer's duty record with an attachment
  const duty = await call(201, 'officer-kunshan-1', 'POST', '/api/duty-records', {
    kind: 'veto',
    occurredOn: dayFromToday(-2),
    title: '否决不合格批次放行',
    description: '发现焊点强度不合格，行使一票否决，停止出厂',
    outcome: '批次返工',
  });
  const dutyRecordId = Number(duty.id);
  const dutyUp = await upload(200, 'officer-kunshan-1', `/api/duty-records/${dutyRecordId}/attachments`, multipartBody('否决记录.pdf', LETTER_PDF));
  const dutyAttachmentId = Number((dutyUp.attachments as { id: number }[])[0]?.id);

  // the Kunshan bureau's warning proposal about that filing, with evidence
  const filing = await t.db
    .selectFrom('filings')
    .select('id')
    .where('person_id', '=', officerPerson.id)
    .where('status', '=', 'active')
    .executeTakeFirstOrThrow();
  const sanction = await call(201, 'kunshan', 'POST', '/api/sanctions', {
    kind: 'warning',
    filingId: filing.id,
    incidentTitle: '产品抽检不合格',
    incidentDate: dayFromToday(-40),
    incidentDescription: '监督抽查中两批次产品不合格，企业整改不及时',
    reason: '首席质量官未及时组织整改，履职不到位',
  });
  const sanctionId = Number(sanction.id);
  const sanctionUp = await upload(200, 'kunshan', `/api/sanctions/${sanctionId}/evidence`, multipartBody('抽检报告.pdf', LETTER_PDF));
  const sanctionAttachmentId = Number((sanctionUp.attachments as { id: number }[])[0]?.id);

  // a forum reply with a PDF attachment on a public board
  const board = await t.db.selectFrom('community_boards').select('id').where('name', '=', '问答互助').executeTakeFirstOrThrow();
  const file = await upload(201, 'officer-kunshan-2', '/api/community/files?kind=attachment', multipartBody('检验规程.pdf', LETTER_PDF));
  const communityFileId = Number(file.id);
  await call(201, 'officer-kunshan-2', 'POST', `/api/community/boards/${board.id}/threads`, {
    title: '分享进货检验规程',
    kind: 'discussion',
    bodyHtml: '<p>附上本厂的进货检验规程，供参考。</p>',
    attachmentIds: [communityFileId],
  });

  // a published case with an attachment
  const kase = await call(201, 'officer-kunshan-1', 'POST', '/api/community/cases', {
    title: '以QC小组活动降低焊接不良率',
    summary: '通过QC小组与六西格玛方法，把焊接一次合格率从92%提高到99.2%。',
    problem: '<p>焊接工序不良率长期偏高。</p>',
    method: '<p>组建QC小组，运用鱼骨图和DOE分析。</p>',
    results: '<p>一次合格率提高到99.2%。</p>',
    tools: ['QC小组'],
    industrySection: 'C',
    industryDivision: '34',
  });
  const caseUp = await upload(201, 'officer-kunshan-1', `/api/community/cases/${Number(kase.id)}/attachments`, multipartBody('攻关报告.pdf', LETTER_PDF));
  const caseAttachmentId = Number(caseUp.id);
  await call(200, 'officer-kunshan-1', 'POST', `/api/community/cases/${Number(kase.id)}/submit`);
  await call(200, 'kunshan', 'POST', `/api/community/cases/${Number(kase.id)}/publish`, {});

  // a past Kunshan event (events are created for the future, so the row is dated back) with a published photo report
  const kunshanUnit = await t.db.selectFrom('org_units').select('id').where('code', '=', '320583').executeTakeFirstOrThrow();
  const past = await t.db
    .insertInto('community_events')
    .values({
      org_unit_id: kunshanUnit.id,
      kind: 'exchange',
      title: '六西格玛项目经验交流',
      place: '昆山市市场监管局三楼会议室',
      starts_at: new Date(clock.nowMs() - 3 * 86_400_000),
      ends_at: new Date(clock.nowMs() - 3 * 86_400_000 + 7_200_000),
      capacity: 50,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const photo = await upload(201, 'kunshan', `/api/community/events/${past.id}/photos`, multipartBody('现场.png', TINY_PNG));
  const eventPhotoId = Number(photo.id);
  await call(200, 'kunshan', 'PUT', `/api/community/events/${past.id}/report`, {
    reportText: '30 余位首席质量官交流了六西格玛项目的选题、测量与控制经验。',
    publish: true,
  });

  // the Suzhou bureau's basic-tier training material
  const material = await upload(
    201,
    'suzhou',
    '/api/training-materials',
    multipartWithFields({ title: '首席质量官基础培训讲义', tier: 'basic' }, '讲义.pdf', LETTER_PDF),
  );
  const trainingMaterialId = Number(material.id);

  // the officer's study transcript
  const transcript = await call(201, 'officer-kunshan-1', 'POST', '/api/study/my/transcripts', { year: clock.year() });
  const transcriptId = Number(transcript.id);

  // the Kunshan bureau's enterprise export, run to its file
  const exported = await call(202, 'kunshan', 'POST', '/api/enterprises/exports', {});
  const jobId = Number(exported.jobId);
  for (let round = 0; ; round += 1) {
    while (await t.ctx.jobs.runOnce()) {
      /* drain */
    }
    const job = await call(200, 'kunshan', 'GET', `/api/jobs/${jobId}`);
    if (job.status === 'succeeded') break;
    if (job.status === 'failed' || round > 50) throw new Error(`export job ${jobId}: ${JSON.stringify(job)}`);
    await t.db
      .updateTable('jobs')
      .set({ run_after: new Date(0) })
      .where('id', '=', jobId)
      .execute();
  }

  return {
    qualificationId,
    draftFilingId,
    dutyRecordId,
    dutyAttachmentId,
    sanctionId,
    sanctionAttachmentId,
    communityFileId,
    caseAttachmentId,
    eventPhotoId,
    trainingMaterialId,
    transcriptId,
    jobId,
  };
}
