import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../testing/test-app';
import { LETTER_PDF, xlsxBuffer } from '../../testing/files';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => {
  await t.close();
});

const call = async (method: 'GET' | 'POST' | 'PUT' | 'DELETE', url: string, user: string, payload?: unknown) =>
  t.app.inject({ method, url, headers: await t.as(user), ...(payload === undefined ? {} : { payload: payload as Record<string, unknown> }) });
const modules = [
  { title: '质量法律法规与政策', hours: 4, topics: ['产品质量法', '江苏省首席质量官制度'], objectives: '掌握首席质量官履职的法律依据' },
  { title: '质量管理体系与方法', hours: 8, topics: ['ISO 9001', '卓越绩效'], objectives: null },
];

/** A multipart body: text fields first, then the file. */
function upload(fields: Record<string, string>, filename: string, content: Buffer, type = 'application/octet-stream') {
  const boundary = `----cqo${Math.random().toString(16).slice(2)}`;
  const parts = Object.entries(fields).map(([k, v]) => Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`));
  const head = Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${filename}"\r\nContent-Type: ${type}\r\n\r\n`);
  return {
    payload: Buffer.concat([...parts, head, content, Buffer.from(`\r\n--${boundary}--\r\n`)]),
    headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
  };
}
const post = async (user: string, fields: Record<string, string>, filename: string, content: Buffer) => {
  const body = upload(fields, filename, content);
  return t.app.inject({ method: 'POST', url: '/api/training-materials', headers: { ...(await t.as(user)), ...body.headers }, payload: body.payload });
};

describe('curricula', () => {
  let id: number;

  it('one per city and tier (the province 高级); counties keep none', async () => {
    // demo data may already hold a 苏州 curriculum: start from a clean slate for this test's own
    await t.db
      .deleteFrom('training_curricula')
      .where('org_unit_id', 'in', t.db.selectFrom('org_units').select('id').where('code', 'in', ['320500', '320100']))
      .execute();
    const res = await call('POST', '/api/training-curricula', 'suzhou', { tier: 'basic', title: '苏州市首席质量官基础培训课程体系', modules });
    expect(res.statusCode).toBe(201);
    id = res.json().id;
    expect(res.json()).toMatchObject({ version: 1, moduleCount: 2, totalHours: 12, canEdit: true, orgUnitName: '苏州市' });
    expect((await call('POST', '/api/training-curricula', 'suzhou', { tier: 'basic', title: '重复', modules })).statusCode).toBe(409);
    expect((await call('POST', '/api/training-curricula', 'suzhou', { tier: 'advanced', title: '高级', modules })).json().error.fields[0].path).toBe('tier');
    expect((await call('POST', '/api/training-curricula', 'kunshan', { tier: 'basic', title: '昆山', modules })).json().error.message).toContain('设区市');
    const empty = await call('POST', '/api/training-curricula', 'nanjing', { tier: 'basic', title: '南京', modules: [] });
    expect(empty.json().error.message).toContain('至少设置一个教学模块');
    const badHours = await call('POST', '/api/training-curricula', 'nanjing', { tier: 'basic', title: '南京', modules: [{ ...modules[0], hours: 0 }] });
    expect(badHours.json().error.fields[0]).toMatchObject({ path: 'modules.0.hours' });
    expect((await call('POST', '/api/training-curricula', 'officer-kunshan-1', { tier: 'basic', title: 'x', modules })).statusCode).toBe(403);
  });

  it('revises with the version, keeping module ids, and keeps every version', async () => {
    const current = (await call('GET', `/api/training-curricula/${id}`, 'suzhou')).json();
    const [first] = current.modules as { id: number }[];
    const revised = await call('PUT', `/api/training-curricula/${id}`, 'suzhou', {
      title: '苏州市首席质量官基础培训课程体系（2027 修订）',
      version: 1,
      modules: [
        { ...modules[0], id: first?.id, hours: 6 },
        { title: '质量安全事故案例剖析', hours: 4, topics: ['案例'] },
      ],
    });
    expect(revised.json()).toMatchObject({ version: 2, totalHours: 10, updatedByName: '苏州市市场监管局' });
    expect(revised.json().modules[0].id).toBe(first?.id);
    expect((await call('PUT', `/api/training-curricula/${id}`, 'suzhou', { title: 'x', version: 1, modules })).statusCode).toBe(409);
    const foreign = await call('PUT', `/api/training-curricula/${id}`, 'suzhou', { title: 'x', version: 2, modules: [{ ...modules[0], id: 999999 }] });
    expect(foreign.json().error.fields[0].path).toBe('modules.0.id');
    expect((await call('PUT', `/api/training-curricula/${id}`, 'kunshan', { title: 'x', version: 2, modules })).statusCode).toBe(403);
    expect((await call('PUT', `/api/training-curricula/${id}`, 'nanjing', { title: 'x', version: 2, modules })).statusCode).toBe(404);
    const versions = (await call('GET', `/api/training-curricula/${id}/versions`, 'suzhou')).json();
    expect(versions.map((v: { version: number }) => v.version)).toEqual([2, 1]);
    expect(versions[1].snapshot.modules).toHaveLength(2);
    const audit = await t.db
      .selectFrom('audit_events')
      .select('action')
      .where('target_type', '=', 'training_curriculum')
      .where('target_id', '=', String(id))
      .orderBy('seq')
      .execute();
    expect(audit.map((a) => a.action)).toEqual(['training_curriculum.create', 'training_curriculum.update']);
  });

  it('is read by the bureaus, officers and trainers of its city, not by another city', async () => {
    expect((await call('GET', `/api/training-curricula/${id}`, 'kunshan')).json().canEdit).toBe(false);
    expect((await call('GET', `/api/training-curricula/${id}`, 'officer-kunshan-1')).statusCode).toBe(200);
    expect((await call('GET', `/api/training-curricula/${id}`, 'province')).statusCode).toBe(200);
    expect((await call('GET', `/api/training-curricula/${id}`, 'nanjing')).statusCode).toBe(404);
    expect((await call('GET', `/api/training-curricula/${id}`, 'xuanwu')).statusCode).toBe(404);
    const officerList = (await call('GET', '/api/training-curricula', 'officer-kunshan-1')).json();
    expect(officerList.every((c: { orgUnitName: string }) => ['苏州市', '江苏省'].includes(c.orgUnitName))).toBe(true);
  });
});

describe('materials', () => {
  let pdfId: number;
  let moduleId: number;

  it('a city uploads PDF and Office files, typed by content, attached to a module of its curriculum', async () => {
    const curriculum = (await call('GET', '/api/training-curricula?tier=basic', 'suzhou'))
      .json()
      .find((c: { orgUnitName: string }) => c.orgUnitName === '苏州市');
    moduleId = (await call('GET', `/api/training-curricula/${curriculum.id}`, 'suzhou')).json().modules[0].id;
    const pdf = await post('suzhou', { title: '质量法律法规讲义', tier: 'basic', moduleId: String(moduleId), description: '第一讲' }, '讲义.pdf', LETTER_PDF);
    expect(pdf.statusCode).toBe(201);
    pdfId = pdf.json().id;
    expect(pdf.json()).toMatchObject({ fileType: 'pdf', fileName: '讲义.pdf', moduleTitle: '质量法律法规与政策', canEdit: true, sizeBytes: LETTER_PDF.length });
    const xlsx = await post('suzhou', { title: '课程安排表', tier: 'enhanced' }, 'plan.bin', await xlsxBuffer(['模块'], [['质量法律法规']]));
    expect(xlsx.json()).toMatchObject({ fileType: 'xlsx', moduleId: null });
    const audit = await t.db
      .selectFrom('audit_events')
      .select('action')
      .where('target_type', '=', 'training_material')
      .where('target_id', '=', String(pdfId))
      .execute();
    expect(audit.map((a) => a.action)).toEqual(['training_material.upload']);
  });

  it('refuses what is not PDF or Office, bad fields, foreign modules and the wrong bureaus; nothing is kept', async () => {
    const before = (await t.db.selectFrom('training_materials').select('id').execute()).length;
    const text = await post('suzhou', { title: '伪装的文件', tier: 'basic' }, 'fake.pdf', Buffer.from('just some text, not a pdf'));
    expect(text.statusCode).toBe(400);
    expect(text.json().error.message).toContain('PDF 或 Word、Excel、PowerPoint');
    const noTitle = await post('suzhou', { title: '', tier: 'basic' }, 'a.pdf', LETTER_PDF);
    expect(noTitle.json().error.message).toContain('请填写资料名称');
    expect((await post('suzhou', { title: '高级资料', tier: 'advanced' }, 'a.pdf', LETTER_PDF)).json().error.fields[0].path).toBe('tier');
    expect((await post('suzhou', { title: '错层级', tier: 'enhanced', moduleId: String(moduleId) }, 'a.pdf', LETTER_PDF)).json().error.fields[0].path).toBe(
      'moduleId',
    );
    expect((await post('nanjing', { title: '他市模块', tier: 'basic', moduleId: String(moduleId) }, 'a.pdf', LETTER_PDF)).json().error.fields[0].path).toBe(
      'moduleId',
    );
    expect((await post('kunshan', { title: '县局资料', tier: 'basic' }, 'a.pdf', LETTER_PDF)).statusCode).toBe(400);
    expect((await post('officer-kunshan-1', { title: '个人资料', tier: 'basic' }, 'a.pdf', LETTER_PDF)).statusCode).toBe(403);
    expect((await t.db.selectFrom('training_materials').select('id').execute()).length).toBe(before);
  });

  it('officers and counties of the city download; another city cannot; only the uploader edits and deletes', async () => {
    const officer = await call('GET', `/api/training-materials/${pdfId}/download`, 'officer-kunshan-1');
    expect(officer.statusCode).toBe(200);
    expect(officer.headers['content-type']).toBe('application/pdf');
    expect(officer.headers['content-disposition']).toContain('attachment');
    expect(officer.headers['x-content-type-options']).toBe('nosniff');
    expect(officer.rawPayload.equals(LETTER_PDF)).toBe(true);
    expect((await call('GET', `/api/training-materials/${pdfId}/download`, 'gusu')).statusCode).toBe(200);
    expect((await call('GET', `/api/training-materials/${pdfId}/download`, 'nanjing')).statusCode).toBe(404);
    expect((await call('GET', '/api/training-materials?tier=basic', 'xuanwu')).json().some((m: { id: number }) => m.id === pdfId)).toBe(false);
    expect((await call('GET', `/api/training-materials?moduleId=${moduleId}`, 'officer-kunshan-1')).json().map((m: { id: number }) => m.id)).toEqual([pdfId]);

    expect((await call('PUT', `/api/training-materials/${pdfId}`, 'kunshan', { title: '改名' })).statusCode).toBe(403);
    expect((await call('DELETE', `/api/training-materials/${pdfId}`, 'nanjing')).statusCode).toBe(404);
    const renamed = await call('PUT', `/api/training-materials/${pdfId}`, 'suzhou', { title: '质量法律法规讲义（修订）', moduleId: null });
    expect(renamed.json()).toMatchObject({ title: '质量法律法规讲义（修订）', moduleId: null });
    const key = (await t.db.selectFrom('training_materials').select('file_key').where('id', '=', pdfId).executeTakeFirstOrThrow()).file_key;
    expect((await call('DELETE', `/api/training-materials/${pdfId}`, 'suzhou')).statusCode).toBe(200);
    expect(await t.ctx.files.stat(key)).toBeNull();
    expect((await call('GET', `/api/training-materials/${pdfId}/download`, 'officer-kunshan-1')).statusCode).toBe(404);
  });
});
