import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../testing/test-app';
import { LETTER_PDF, multipartBody } from '../../testing/files';
import { addDocumentLesson, addVideoLesson, createCourse, publishCourse, STUDY_VIDEO } from '../../testing/study-factories';
import { mp4DurationSeconds } from './media';
import { expectStatus } from '../../testing/http';

/** Courses made and published by the bureaus, and the catalogue an officer sees: search, scope, media streaming. */

let t: TestApp;
let suzhou: Record<string, string>;
let nanjing: Record<string, string>;
let officer: Record<string, string>;
let courseId: number;
let videoLessonId: number;
let nanjingCourseId: number;

beforeAll(async () => {
  t = await createTestApp();
  suzhou = await t.as('suzhou');
  nanjing = await t.as('nanjing');
  officer = await t.as('officer-kunshan-1');
  courseId = await createCourse(t, suzhou, '卓越绩效管理模式实务', ['绩效实务']);
  videoLessonId = await addVideoLesson(t, suzhou, courseId);
  await addDocumentLesson(t, suzhou, courseId);
  await publishCourse(t, suzhou, courseId);
  nanjingCourseId = await createCourse(t, nanjing, '南京市质量提升专题');
  await addVideoLesson(t, nanjing, nanjingCourseId);
  await publishCourse(t, nanjing, nanjingCourseId);
});
afterAll(async () => {
  await t.close();
});

describe('publishing courses', () => {
  it('reads the duration of an uploaded MP4 from its header', async () => {
    expect(await mp4DurationSeconds(STUDY_VIDEO)).toBe(60);
  });

  it('refuses a file that is not what the lesson needs, naming the field, and changes nothing', async () => {
    const course = await createCourse(t, suzhou, '草稿课程');
    const lesson = expectStatus(
      await t.app.inject({ method: 'POST', url: `/api/study/courses/${course}/lessons`, headers: suzhou, payload: { title: '视频课时', kind: 'video' } }),
      201,
    );
    const id = lesson.json<{ id: number }>().id;
    const { payload, headers: h } = multipartBody('fake.mp4', LETTER_PDF);
    const res = await t.app.inject({ method: 'PUT', url: `/api/study/lessons/${id}/media`, headers: { ...suzhou, ...h }, payload });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.fields[0].path).toBe('file');
    const row = await t.db.selectFrom('lessons').select('media_key').where('id', '=', id).executeTakeFirstOrThrow();
    expect(row.media_key).toBeNull();
    // a course whose lesson has no file cannot be published
    const publish = await t.app.inject({ method: 'POST', url: `/api/study/courses/${course}/publish`, headers: suzhou });
    expect(publish.statusCode).toBe(409);
    expect(publish.json().error.message).toContain('视频课时');
  });

  it('validates course input in Chinese, naming the field', async () => {
    const res = await t.app.inject({ method: 'POST', url: '/api/study/courses', headers: suzhou, payload: { title: '课', level: 'expert', creditHours: 0 } });
    expect(res.statusCode).toBe(400);
    const message = res.json().error.message as string;
    expect(message).toContain('课程名称至少 2 个字');
    expect(message).toContain('层级');
    expect(message).toContain('学时应大于 0');
    const quiz = await t.app.inject({
      method: 'POST',
      url: `/api/study/courses/${courseId}/lessons`,
      headers: suzhou,
      payload: { title: '测验', kind: 'quiz' },
    });
    expect(quiz.statusCode).toBe(400);
  });

  it('keeps bureaus to their own region: a county cannot publish, another city sees nothing, an officer cannot manage', async () => {
    expect(
      (
        await t.app.inject({
          method: 'POST',
          url: '/api/study/courses',
          headers: await t.as('kunshan'),
          payload: { title: '县局课程', level: 'basic', creditHours: 1 },
        })
      ).statusCode,
    ).toBe(403);
    expect((await t.app.inject({ method: 'POST', url: `/api/study/courses/${courseId}/withdraw`, headers: nanjing })).statusCode).toBe(404);
    expect((await t.app.inject({ method: 'GET', url: `/api/study/courses/${courseId}`, headers: nanjing })).statusCode).toBe(404);
    expect(
      (await t.app.inject({ method: 'POST', url: '/api/study/courses', headers: officer, payload: { title: '越权课程', level: 'basic', creditHours: 1 } }))
        .statusCode,
    ).toBe(403);
    expect((await t.app.inject({ method: 'GET', url: '/api/study/courses', headers: suzhou })).statusCode).toBe(403);
    const managed = await t.app.inject({ method: 'GET', url: '/api/study/manage/courses', headers: await t.as('province') });
    expect(managed.json<{ id: number }[]>().map((c) => c.id)).toEqual(expect.arrayContaining([courseId, nanjingCourseId]));
  });
});

describe('the catalogue', () => {
  it('shows an officer the courses of its city and the province, with Chinese search and filters', async () => {
    const all = await t.app.inject({ method: 'GET', url: '/api/study/courses', headers: officer });
    expect(all.statusCode).toBe(200);
    const ids = all.json<{ items: { id: number }[] }>().items.map((c) => c.id);
    expect(ids).toContain(courseId);
    expect(ids).not.toContain(nanjingCourseId);
    const hit = await t.app.inject({ method: 'GET', url: `/api/study/courses?q=${encodeURIComponent('绩效管理模式实务')}`, headers: officer });
    expect(hit.json<{ items: { id: number }[] }>().items.map((c) => c.id)).toEqual([courseId]);
    const miss = await t.app.inject({ method: 'GET', url: `/api/study/courses?q=${encodeURIComponent('食品安全')}`, headers: officer });
    expect(miss.json<{ total: number }>().total).toBe(0);
    const basic = await t.app.inject({ method: 'GET', url: '/api/study/courses?level=basic', headers: officer });
    expect(basic.json<{ items: { id: number }[] }>().items.map((c) => c.id)).not.toContain(courseId);
    const tagged = await t.app.inject({ method: 'GET', url: `/api/study/courses?tag=${encodeURIComponent('绩效实务')}`, headers: officer });
    expect(tagged.json<{ total: number }>().total).toBe(1);
  });

  it('refuses a lesson of another city with 404', async () => {
    const other = await t.db.selectFrom('lessons').select('id').where('course_id', '=', nanjingCourseId).executeTakeFirstOrThrow();
    expect((await t.app.inject({ method: 'POST', url: `/api/study/lessons/${other.id}/sessions`, headers: officer })).statusCode).toBe(404);
    expect((await t.app.inject({ method: 'GET', url: `/api/study/lessons/${other.id}/media`, headers: officer })).statusCode).toBe(404);
  });

  it('streams video with HTTP ranges', async () => {
    const size = fs.statSync(STUDY_VIDEO).size;
    const res = await t.app.inject({ method: 'GET', url: `/api/study/lessons/${videoLessonId}/media`, headers: { ...officer, range: 'bytes=100-199' } });
    expect(res.statusCode).toBe(206);
    expect(res.headers['content-range']).toBe(`bytes 100-199/${size}`);
    expect(res.rawPayload.equals(fs.readFileSync(STUDY_VIDEO).subarray(100, 200))).toBe(true);
    const whole = await t.app.inject({ method: 'GET', url: `/api/study/lessons/${videoLessonId}/media`, headers: officer });
    expect(whole.statusCode).toBe(200);
    expect(whole.headers['content-type']).toBe('video/mp4');
    expect(whole.rawPayload.length).toBe(size);
    const bad = await t.app.inject({ method: 'GET', url: `/api/study/lessons/${videoLessonId}/media`, headers: { ...officer, range: `bytes=${size + 10}-` } });
    expect(bad.statusCode).toBe(416);
  });

  it('documents the ranged answers in the OpenAPI document: 200, 206 Partial Content and 416', async () => {
    type Responses = Record<string, { description: string; content?: Record<string, unknown> }>;
    const res = await t.app.inject({ url: '/api/openapi.json' });
    expect(res.statusCode).toBe(200);
    const doc = res.json<{ paths: Record<string, { get?: { responses: Responses } }> }>();
    const responses = doc.paths['/api/study/lessons/{id}/media']?.get?.responses ?? {};
    expect(Object.keys(responses).sort()).toEqual(['200', '206', '416']);
    expect(Object.keys(responses['206']?.content ?? {})).toEqual(['video/mp4', 'application/pdf']);
    expect(responses['206']?.description).toContain('Range');
    expect(responses['416']).toEqual({ description: expect.stringContaining('字节范围') as unknown });
  });
});
