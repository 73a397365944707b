import fs from 'node:fs';
import path from 'node:path';
import { expect } from 'vitest';
import { LETTER_PDF, multipartBody } from './files';
import { expectStatus } from './http';
import type { TestApp } from './test-app';

type Headers = Record<string, string>;

/** The demo lesson video: an MP4 of 60 seconds. */
export const STUDY_VIDEO = path.resolve(__dirname, '../db/seed/media/demo-lesson.mp4');
const QUIZ = { passScore: 60, questions: [{ text: '首席质量官的质量安全否决权称为？', options: ['一票否决', '一票通过'], answer: [0] }] };

/** A draft course of 2 学时 at the enhanced level, made by the bureau of `headers`. */
export async function createCourse(t: TestApp, headers: Headers, title: string, tags: string[] = []): Promise<number> {
  const res = await t.app.inject({
    method: 'POST',
    url: '/api/study/courses',
    headers,
    payload: { title, summary: `${title}的课程简介`, level: 'enhanced', required: true, creditHours: 2, tags },
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json<{ id: number }>().id;
}

/** A video lesson with the demo video and a one-question quiz (the answer is option 0). */
export async function addVideoLesson(t: TestApp, headers: Headers, course: number): Promise<number> {
  const res = await t.app.inject({
    method: 'POST',
    url: `/api/study/courses/${course}/lessons`,
    headers,
    payload: { title: '质量管理体系导论', kind: 'video', quiz: QUIZ },
  });
  expect(res.statusCode, res.body).toBe(201);
  const id = res.json<{ id: number }>().id;
  const { payload, headers: h } = multipartBody('lesson.mp4', fs.readFileSync(STUDY_VIDEO));
  const up = await t.app.inject({ method: 'PUT', url: `/api/study/lessons/${id}/media`, headers: { ...headers, ...h }, payload });
  expect(up.statusCode, up.body).toBe(200);
  expect(up.json()).toMatchObject({ durationSeconds: 60 });
  return id;
}

/** A document lesson of one reading minute, with a PDF. */
export async function addDocumentLesson(t: TestApp, headers: Headers, course: number): Promise<number> {
  const doc = expectStatus(
    await t.app.inject({
      method: 'POST',
      url: `/api/study/courses/${course}/lessons`,
      headers,
      payload: { title: '质量强国建设纲要解读', kind: 'document', readingMinutes: 1 },
    }),
    201,
  );
  const id = doc.json<{ id: number }>().id;
  const { payload, headers: h } = multipartBody('doc.pdf', LETTER_PDF);
  expectStatus(await t.app.inject({ method: 'PUT', url: `/api/study/lessons/${id}/media`, headers: { ...headers, ...h }, payload }), 200);
  return id;
}

export async function publishCourse(t: TestApp, headers: Headers, course: number): Promise<void> {
  expectStatus(await t.app.inject({ method: 'POST', url: `/api/study/courses/${course}/publish`, headers }), 200);
}
