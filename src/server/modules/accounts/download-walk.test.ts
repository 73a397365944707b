import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clock } from '../../clock';
import { createTestApp, type TestApp } from '../../testing/test-app';
import { LETTER_PDF } from '../../testing/files';
import { createDownloadObjects, type DownloadObjects } from '../../testing/download-objects';

/**
 * Issue 17 item 2: every file-download route checks the permission and scope of the object the file belongs to.
 * Every object is made here through the API (Kunshan's officer, enterprise and bureaus own them), and every route
 * is fetched as every demo role; the roles that get the file must be exactly the route's list.
 */
let t: TestApp;
let o: DownloadObjects & {
  claimId: number;
  proofFilingId: number;
  lessonId: number;
  trainingCertificateId: number;
  classId: number;
  eventId: number;
  organisationId: number;
};
const DEMO = [
  'sysadmin',
  'secadmin',
  'auditadmin',
  'province',
  'nanjing',
  'xuanwu',
  'suzhou',
  'gusu',
  'kunshan',
  'ent-kunshan-1',
  'officer-kunshan-1',
  'officer-kunshan-2',
  'trainer-suzhou',
  'alliance-js',
  'alliance-suzhou',
  'dept-js',
] as const;
const headers: Record<string, Record<string, string>> = {};

beforeAll(async () => {
  t = await createTestApp();
  // a province department account (the demo seed has none)
  const unit = await t.db.selectFrom('org_units').select('id').where('code', '=', '320000').executeTakeFirstOrThrow();
  const created = await t.app.inject({
    method: 'POST',
    url: '/api/accounts',
    headers: await t.as('province'),
    payload: { username: 'dept-js', displayName: '省工信厅', role: 'department', orgUnitId: unit.id },
  });
  expect(created.statusCode).toBe(201);
  await t.db.updateTable('accounts').set({ must_change_password: false }).where('username', '=', 'dept-js').execute();
  for (const u of DEMO) headers[u] = await t.as(u);
  // a study claim with evidence by the Kunshan officer
  const boundary = '----cqowalkclaim';
  const fields = { source: 'offline', title: '质量管理体系内审员培训', occurredOn: clock.today(), minutes: '240' };
  const parts = Object.entries(fields).map(([k, v]) => Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`));
  const head = Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="evidence.pdf"\r\nContent-Type: application/pdf\r\n\r\n`);
  const claim = await t.app.inject({
    method: 'POST',
    url: '/api/study/my/claims',
    headers: { ...headers['officer-kunshan-1'], 'content-type': `multipart/form-data; boundary=${boundary}` },
    payload: Buffer.concat([...parts, head, LETTER_PDF, Buffer.from(`\r\n--${boundary}--\r\n`)]),
  });
  expect(claim.statusCode, claim.body).toBe(201);
  const made = await createDownloadObjects(t, (u) => headers[u] ?? {});
  // what the demo data holds: the Kunshan pair's active filing with its proof, a province course's media, a Kunshan class and its certificate…
  const one = async (q: Promise<{ id: number } | undefined>, what: string) => {
    const row = await q;
    if (!row) throw new Error(`demo data lacks ${what}`);
    return Number(row.id);
  };
  const proofFilingId = await one(
    t.db
      .selectFrom('filings as f')
      .innerJoin('accounts as a', 'a.enterprise_id', 'f.enterprise_id')
      .select('f.id')
      .where('a.username', '=', 'ent-kunshan-1')
      .where('f.status', '=', 'active')
      .executeTakeFirst(),
    'an active Kunshan filing',
  );
  const lessonId = await one(t.db.selectFrom('lessons').select('id').where('media_key', 'is not', null).orderBy('id').executeTakeFirst(), 'lesson media');
  const cert = await t.db
    .selectFrom('certificates as c')
    .innerJoin('training_enrolments as e', 'e.id', 'c.subject_id')
    .select(['c.id', 'e.class_id'])
    .where('c.kind', '=', 'training_certificate')
    .orderBy('c.id')
    .executeTakeFirst();
  if (!cert) throw new Error('demo data lacks a training certificate');
  const eventId = await one(t.db.selectFrom('community_events').select('id').orderBy('id').executeTakeFirst(), 'an event');
  const organisationId = await one(t.db.selectFrom('community_organisations').select('id').orderBy('id').executeTakeFirst(), 'an organisation');
  o = {
    ...made,
    claimId: Number(claim.json().id),
    proofFilingId,
    lessonId,
    trainingCertificateId: Number(cert.id),
    classId: Number(cert.class_id),
    eventId,
    organisationId,
  };
}, 300_000);
afterAll(async () => {
  await t.close();
});

/** Every GET route that sends a stored file, a generated document or an export of one object. */
interface DownloadRoute {
  path: string;
  url: () => string;
  /** The demo roles that get the file; every other demo role gets 403 or 404. */
  allowed: readonly (typeof DEMO)[number][];
}

const KUNSHAN_BUREAUS = ['province', 'suzhou', 'kunshan'] as const;
/** Everyone who reads published community content (community:read): not the 三员. */
const COMMUNITY_READERS = [
  'province',
  'nanjing',
  'xuanwu',
  'suzhou',
  'gusu',
  'kunshan',
  'ent-kunshan-1',
  'officer-kunshan-1',
  'officer-kunshan-2',
  'trainer-suzhou',
  'alliance-js',
  'alliance-suzhou',
  'dept-js',
] as const;

const ROUTES: DownloadRoute[] = [
  { path: '/api/study/claims/:id/evidence', url: () => `/api/study/claims/${o.claimId}/evidence`, allowed: ['officer-kunshan-1', ...KUNSHAN_BUREAUS] },
  {
    path: '/api/qualifications/:id/evidence',
    url: () => `/api/qualifications/${o.qualificationId}/evidence`,
    allowed: ['officer-kunshan-1', ...KUNSHAN_BUREAUS],
  },
  {
    path: '/api/filings/:id/authorization-letter',
    url: () => `/api/filings/${o.draftFilingId}/authorization-letter`,
    allowed: ['ent-kunshan-1', ...KUNSHAN_BUREAUS],
  },
  {
    path: '/api/filings/:id/proof.pdf',
    url: () => `/api/filings/${o.proofFilingId}/proof.pdf`,
    allowed: ['ent-kunshan-1', 'officer-kunshan-1', ...KUNSHAN_BUREAUS],
  },
  {
    path: '/api/duty-records/:id/attachments/:attachmentId',
    url: () => `/api/duty-records/${o.dutyRecordId}/attachments/${o.dutyAttachmentId}`,
    allowed: ['ent-kunshan-1', 'officer-kunshan-1', ...KUNSHAN_BUREAUS],
  },
  {
    path: '/api/sanctions/:id/evidence/:attachmentId',
    url: () => `/api/sanctions/${o.sanctionId}/evidence/${o.sanctionAttachmentId}`,
    allowed: [...KUNSHAN_BUREAUS],
  },
  { path: '/api/community/files/:id', url: () => `/api/community/files/${o.communityFileId}`, allowed: ['province', 'officer-kunshan-2', 'alliance-js'] }, // a members-only board of alliance-js's organisation, moderated by the province
  { path: '/api/community/case-attachments/:id', url: () => `/api/community/case-attachments/${o.caseAttachmentId}`, allowed: [...COMMUNITY_READERS] },
  { path: '/api/community/event-photos/:id', url: () => `/api/community/event-photos/${o.eventPhotoId}`, allowed: [...COMMUNITY_READERS] },
  {
    path: '/api/training-materials/:id/download',
    url: () => `/api/training-materials/${o.trainingMaterialId}/download`,
    allowed: ['province', 'suzhou', 'gusu', 'kunshan', 'ent-kunshan-1', 'officer-kunshan-1', 'officer-kunshan-2', 'trainer-suzhou', 'dept-js'],
  },
  {
    path: '/api/study/lessons/:id/media',
    url: () => `/api/study/lessons/${o.lessonId}/media`,
    allowed: ['province', 'officer-kunshan-1', 'officer-kunshan-2'],
  },
  { path: '/api/study/transcripts/:id/pdf', url: () => `/api/study/transcripts/${o.transcriptId}/pdf`, allowed: ['officer-kunshan-1'] },
  {
    path: '/api/training/certificates/:id/pdf',
    url: () => `/api/training/certificates/${o.trainingCertificateId}/pdf`,
    allowed: ['officer-kunshan-1', 'trainer-suzhou', ...KUNSHAN_BUREAUS],
  },
  {
    path: '/api/training/classes/:id/roster.xlsx',
    url: () => `/api/training/classes/${o.classId}/roster.xlsx`,
    allowed: ['trainer-suzhou', ...KUNSHAN_BUREAUS],
  },
  {
    path: '/api/training/classes/:id/scores/template.xlsx',
    url: () => `/api/training/classes/${o.classId}/scores/template.xlsx`,
    allowed: ['trainer-suzhou', ...KUNSHAN_BUREAUS],
  },
  { path: '/api/community/events/:id/attendance.xlsx', url: () => `/api/community/events/${o.eventId}/attendance.xlsx`, allowed: [...KUNSHAN_BUREAUS] },
  {
    path: '/api/community/organisations/:id/members.xlsx',
    url: () => `/api/community/organisations/${o.organisationId}/members.xlsx`,
    allowed: ['province', 'alliance-js'],
  },
  { path: '/api/jobs/:id/download', url: () => `/api/jobs/${o.jobId}/download`, allowed: ['kunshan'] },
];

/**
 * Exports and templates that belong to no one object: each is filtered to the caller's region (and a department's
 * industries) by its module; here the roles that may have it at all. The 三员 get none but the audit log's export,
 * which only the audit administrator has.
 */
const BUREAUS = ['province', 'nanjing', 'xuanwu', 'suzhou', 'gusu', 'kunshan'] as const;
const EXPORTS: { path: string; allowed: readonly (typeof DEMO)[number][] }[] = [
  { path: '/api/audit-events/export', allowed: ['auditadmin'] },
  { path: '/api/duty-records/export', allowed: [...BUREAUS] }, // a department has no supervision:read
  { path: '/api/coverage/scorecards/export', allowed: [...BUREAUS, 'dept-js'] },
  { path: '/api/assessment/results/export', allowed: [...BUREAUS] }, // 考核 results go to the bureaus only
  { path: '/api/study/overview/export', allowed: [...BUREAUS] },
  { path: '/api/certificates/export', allowed: [...BUREAUS] },
  { path: '/api/officer-roster/export', allowed: [...BUREAUS, 'dept-js'] },
  { path: '/api/filings/export', allowed: [...BUREAUS, 'dept-js'] }, // a department: its industries only (enterpriseScope)
  { path: '/api/enterprises/template', allowed: [...BUREAUS] },
  { path: '/api/training-plans/export', allowed: [...BUREAUS, 'dept-js'] }, // training:read: the published plans of its region
];

describe('what a file belongs to is guarded like the file', { timeout: 300_000 }, () => {
  it('the course detail (JSON) behind lesson media: exactly the roles that open the media', async () => {
    const course = await t.db.selectFrom('lessons').select('course_id').where('id', '=', o.lessonId).executeTakeFirstOrThrow();
    const ok: string[] = [];
    for (const user of DEMO) {
      const res = await t.app.inject({ url: `/api/study/courses/${String(course.course_id)}`, headers: headers[user] });
      if (res.statusCode === 200) ok.push(user);
      else expect([403, 404], `${user}: ${String(res.statusCode)}`).toContain(res.statusCode);
    }
    const media = ROUTES.find((r) => r.path === '/api/study/lessons/:id/media')?.allowed ?? [];
    expect(ok.sort()).toEqual([...media].sort());
  });
});

/** Downloads of one object sent as attachments that record no audit event, and why. Any other is audited (issue 19 item 5). */
const UNAUDITED_FILES: Record<string, string> = {
  '/api/jobs/:id/download': 'the export was audited when its job ran (enterprise.export, coverage.worklist.export, …)',
  '/api/filings/:id/proof.pdf': "the filing's own signed proof, for its enterprise, officer and reviewers",
  '/api/study/transcripts/:id/pdf': "the officer's own transcript",
  '/api/training/certificates/:id/pdf': "the holder's signed certificate",
  '/api/training-materials/:id/download': 'published course material',
  '/api/community/case-attachments/:id': 'published community content',
};

/** Exports that record no audit event: templates that hold no one's data. */
const UNAUDITED = new Set(['/api/enterprises/template']);
const auditCount = async () =>
  Number(
    (
      await t.db
        .selectFrom('audit_events')
        .select((eb) => eb.fn.countAll().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );

describe('exports without an object', { timeout: 300_000 }, () => {
  it('the table covers every export and template route without a parameter', async () => {
    const doc = (await t.app.inject({ url: '/api/openapi.json' })).json() as { paths: Record<string, Record<string, unknown>> };
    const exports = Object.entries(doc.paths)
      .filter(([path, methods]) => 'get' in methods && !/\{/.test(path) && /export|\.xlsx|\.pdf|template|download/.test(path))
      .map(([path]) => path);
    expect(exports.sort()).toEqual(EXPORTS.map((e) => e.path).sort());
  });

  it('as every demo role, exactly the listed roles get each export; the others 403', async () => {
    const matrix: Record<string, string[]> = {};
    const wrong: string[] = [];
    for (const route of EXPORTS) {
      const ok: string[] = [];
      for (const user of DEMO) {
        const before = await auditCount();
        const res = await t.app.inject({ url: route.path, headers: headers[user] });
        if (res.statusCode === 200) {
          expect(res.rawPayload.subarray(0, 2).toString(), `${user} GET ${route.path}: not an xlsx (zip)`).toBe('PK');
          expect(res.headers['content-disposition'], `${user} GET ${route.path}`).toMatch(/^attachment; filename=/);
          // issue 19 item 5: an export is audited, by its route's `config.audit` or by hand; a template holds no data
          if (!UNAUDITED.has(route.path)) expect(await auditCount(), `${user} GET ${route.path}: not audited`).toBeGreaterThan(before);
          ok.push(user);
        } else {
          expect(await auditCount(), `${user} GET ${route.path} → ${String(res.statusCode)}: audited a refusal as an export`).toBe(before);
          if (res.statusCode !== 403) wrong.push(`${user} GET ${route.path} → ${res.statusCode} ${res.body.slice(0, 200)}`);
        }
      }
      matrix[route.path] = ok;
      const expected = [...route.allowed].sort();
      if (JSON.stringify([...ok].sort()) !== JSON.stringify(expected)) wrong.push(`${route.path}: got [${ok.join(', ')}], expected [${expected.join(', ')}]`);
    }
    console.log(JSON.stringify(matrix, null, 1));
    expect(wrong).toEqual([]);
  });
});

describe('every file download checks the object it belongs to', { timeout: 300_000 }, () => {
  it('the route table covers every download route of the API', async () => {
    const doc = (await t.app.inject({ url: '/api/openapi.json' })).json() as { paths: Record<string, Record<string, unknown>> };
    const downloads = Object.entries(doc.paths)
      .filter(
        ([path, methods]) => 'get' in methods && /\{[^}]+\}/.test(path) && /evidence|attachment|files|photos\/|media|pdf|download|letter|\.xlsx/.test(path),
      )
      .map(([path]) => path.replace(/\{([^}]+)\}/g, ':$1'))
      .filter((p) => !p.endsWith('/attachments') && !p.endsWith('/photos'));
    expect(downloads.sort()).toEqual(ROUTES.map((r) => r.path).sort());
  });

  it('as every demo role, exactly the listed roles get each file; the others 403 or 404', async () => {
    const matrix: Record<string, string[]> = {};
    const wrong: string[] = [];
    const unaudited = new Set<string>();
    for (const route of ROUTES) {
      const url = route.url();
      const ok: string[] = [];
      for (const user of DEMO) {
        const before = await auditCount();
        const res = await t.app.inject({ url, headers: headers[user] });
        if (res.statusCode === 200 || res.statusCode === 206) {
          expect(res.rawPayload.length, `${user} GET ${url}: empty body`).toBeGreaterThan(0);
          if (String(res.headers['content-disposition']).startsWith('attachment') && (await auditCount()) === before) unaudited.add(route.path);
          ok.push(user);
        } else if (![403, 404].includes(res.statusCode)) wrong.push(`${user} GET ${url} → ${res.statusCode} ${res.body.slice(0, 200)}`);
      }
      matrix[route.path] = ok;
      const expected = [...route.allowed].sort();
      if (JSON.stringify([...ok].sort()) !== JSON.stringify(expected)) wrong.push(`${route.path}: got [${ok.join(', ')}], expected [${expected.join(', ')}]`);
    }
    console.log(JSON.stringify(matrix, null, 1));
    expect(wrong).toEqual([]);
    expect([...unaudited].filter((p) => !(p in UNAUDITED_FILES)).sort()).toEqual([]);
  });
});
