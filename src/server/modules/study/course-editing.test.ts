import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../testing/test-app';
import { LETTER_PDF, multipartBody } from '../../testing/files';

/** Editing a course after creation: lessons edited, reordered and deleted, with the rules for published courses. */

const QUIZ = { passScore: 60, questions: [{ text: '首席质量官的质量安全否决权称为？', options: ['一票否决', '一票通过'], answer: [0] }] };

let t: TestApp;
let suzhou: Record<string, string>;

async function createCourse(headers: Record<string, string>, title: string) {
  const res = await t.app.inject({ method: 'POST', url: '/api/study/courses', headers, payload: { title, level: 'basic', creditHours: 1 } });
  expect(res.statusCode, res.body).toBe(201);
  return res.json<{ id: number }>().id;
}

async function addLesson(course: number, payload: Record<string, unknown>) {
  const res = await t.app.inject({ method: 'POST', url: `/api/study/courses/${course}/lessons`, headers: suzhou, payload });
  expect(res.statusCode, res.body).toBe(201);
  return res.json<{ id: number }>().id;
}

async function addDocument(course: number, title: string, readingMinutes = 1) {
  const id = await addLesson(course, { title, kind: 'document', readingMinutes, quiz: QUIZ });
  const { payload, headers } = multipartBody('doc.pdf', LETTER_PDF);
  const up = await t.app.inject({ method: 'PUT', url: `/api/study/lessons/${id}/media`, headers: { ...suzhou, ...headers }, payload });
  expect(up.statusCode, up.body).toBe(200);
  return id;
}

const lessonOrder = async (course: number) =>
  (await t.db.selectFrom('lessons').select(['id', 'sort']).where('course_id', '=', course).orderBy('sort').execute()).map((l) => [l.id, l.sort]);

const edit = (id: number, payload: Record<string, unknown>, headers = suzhou) =>
  t.app.inject({ method: 'PUT', url: `/api/study/lessons/${id}`, headers, payload });
const reorder = (course: number, lessonIds: unknown, headers = suzhou) =>
  t.app.inject({ method: 'PUT', url: `/api/study/courses/${course}/lesson-order`, headers, payload: { lessonIds } });
const remove = (id: number, headers = suzhou) => t.app.inject({ method: 'DELETE', url: `/api/study/lessons/${id}`, headers });
const audits = async (action: string) =>
  (await t.db.selectFrom('audit_events').select('target_id').where('action', '=', action).execute()).map((a) => a.target_id);

beforeAll(async () => {
  t = await createTestApp();
  suzhou = await t.as('suzhou');
});
afterAll(async () => {
  await t.close();
});

describe('a draft course', () => {
  it('edits every part of a lesson but its kind, validates the input, and audits the change', async () => {
    const course = await createCourse(suzhou, '草稿课程：编辑');
    const doc = await addLesson(course, { title: '文档课时', kind: 'document', readingMinutes: 5 });
    const ok = await edit(doc, { title: '文档课时（修订）', kind: 'document', readingMinutes: 8, quiz: QUIZ });
    expect(ok.statusCode, ok.body).toBe(200);
    const row = await t.db.selectFrom('lessons').selectAll().where('id', '=', doc).executeTakeFirstOrThrow();
    expect(row).toMatchObject({ title: '文档课时（修订）', duration_seconds: 480, quiz: QUIZ });
    expect(await audits('study.lesson.update')).toContain(String(doc));

    // the editor reads the quiz with its answers and what may change
    const read = await t.app.inject({ method: 'GET', url: `/api/study/manage/lessons/${doc}`, headers: suzhou });
    expect(read.json()).toMatchObject({ readingMinutes: 8, quiz: QUIZ, learners: 0, lockedBecause: null, deleteRefusal: null });

    const kind = await edit(doc, { title: '文档课时', kind: 'video', quiz: null });
    expect(kind.statusCode).toBe(409);
    expect(kind.json().error.fields[0].path).toBe('kind');
    expect(kind.json().error.message).toContain('课时类型不能修改');

    const bad = await edit(doc, { title: '文', kind: 'document', readingMinutes: 0, quiz: { passScore: 0, questions: [] } });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.message).toContain('课时名称至少 2 个字');
    expect(bad.json().error.message).toContain('阅读时长至少 1 分钟');
    const after = await t.db.selectFrom('lessons').select(['title', 'duration_seconds']).where('id', '=', doc).executeTakeFirstOrThrow();
    expect(after).toEqual({ title: '文档课时（修订）', duration_seconds: 480 });
  });

  it('reorders lessons in one go, refuses a list that is not exactly the course’s lessons, and changes nothing then', async () => {
    const course = await createCourse(suzhou, '草稿课程：排序');
    const [a, b, c] = [
      await addLesson(course, { title: '第一课', kind: 'document', readingMinutes: 1 }),
      await addLesson(course, { title: '第二课', kind: 'document', readingMinutes: 1 }),
      await addLesson(course, { title: '第三课', kind: 'quiz', quiz: QUIZ }),
    ] as [number, number, number];
    const ok = await reorder(course, [c, a, b]);
    expect(ok.statusCode, ok.body).toBe(200);
    expect(await lessonOrder(course)).toEqual([
      [c, 1],
      [a, 2],
      [b, 3],
    ]);
    expect(await audits('study.lesson.reorder')).toContain(String(course));
    const detail = await t.app.inject({ method: 'GET', url: `/api/study/courses/${course}`, headers: suzhou });
    expect(detail.json<{ lessons: { id: number }[] }>().lessons.map((l) => l.id)).toEqual([c, a, b]);

    const other = await createCourse(suzhou, '另一门课程');
    const foreign = await addLesson(other, { title: '别的课时', kind: 'quiz', quiz: QUIZ });
    for (const wrong of [
      [a, b],
      [a, b, c, foreign],
      [a, b, foreign],
      [999_999, a, b],
    ]) {
      const res = await reorder(course, wrong);
      expect(res.statusCode, JSON.stringify(wrong)).toBe(409);
      expect(res.json().error.fields[0].path).toBe('lessonIds');
    }
    const dup = await reorder(course, [a, a, b]);
    expect(dup.statusCode).toBe(400);
    expect(dup.json().error.message).toContain('重复');
    expect(await lessonOrder(course)).toEqual([
      [c, 1],
      [a, 2],
      [b, 3],
    ]);
    expect(await lessonOrder(other)).toEqual([[foreign, 1]]);
  });

  it('deletes a lesson, closes up the order and removes its file', async () => {
    const course = await createCourse(suzhou, '草稿课程：删除');
    const a = await addLesson(course, { title: '第一课', kind: 'quiz', quiz: QUIZ });
    const b = await addDocument(course, '第二课');
    const c = await addLesson(course, { title: '第三课', kind: 'quiz', quiz: QUIZ });
    const key = (await t.db.selectFrom('lessons').select('media_key').where('id', '=', b).executeTakeFirstOrThrow()).media_key ?? '';
    expect(await t.ctx.files.stat(key)).not.toBeNull();
    const res = await remove(b);
    expect(res.statusCode, res.body).toBe(200);
    expect(await lessonOrder(course)).toEqual([
      [a, 1],
      [c, 2],
    ]);
    expect(await t.ctx.files.stat(key)).toBeNull();
    expect(await audits('study.lesson.delete')).toContain(String(b));
    expect((await remove(b)).statusCode).toBe(404);
    // a lesson added afterwards goes to the end
    const d = await addLesson(course, { title: '第四课', kind: 'quiz', quiz: QUIZ });
    expect((await lessonOrder(course)).at(-1)).toEqual([d, 3]);
  });
});

describe('a published course that officers have started', () => {
  let course: number;
  let doc: number;
  let quizLesson: number;

  beforeAll(async () => {
    course = await createCourse(suzhou, '已发布课程：编辑规则');
    doc = await addDocument(course, '质量强国建设纲要解读');
    quizLesson = await addLesson(course, { title: '单元测验', kind: 'quiz', quiz: QUIZ });
    expect((await t.app.inject({ method: 'POST', url: `/api/study/courses/${course}/publish`, headers: suzhou })).statusCode).toBe(200);
  });

  it('lets nobody change what decides credited time or grading; the title and quiz wording may be corrected', async () => {
    // published, nobody has opened it yet: already locked
    const published = await edit(doc, { title: '质量强国建设纲要解读', kind: 'document', readingMinutes: 2, quiz: QUIZ });
    expect(published.statusCode).toBe(409);
    expect(published.json().error).toMatchObject({ code: 'STATE', fields: [{ path: 'readingMinutes' }] });
    expect(published.json().error.message).toContain('阅读时长不能修改：课程已发布');

    // an officer opens the document lesson
    const officer = await t.as('officer-kunshan-1');
    expect((await t.app.inject({ method: 'POST', url: `/api/study/lessons/${doc}/sessions`, headers: officer })).statusCode).toBe(201);
    const read = await t.app.inject({ method: 'GET', url: `/api/study/manage/lessons/${doc}`, headers: suzhou });
    expect(read.json()).toMatchObject({ learners: 1, lockedBecause: '已有 1 名学员学习本课时' });
    const detail = await t.app.inject({ method: 'GET', url: `/api/study/courses/${course}`, headers: suzhou });
    expect(detail.json<{ lessons: { id: number; learners: number }[] }>().lessons.find((l) => l.id === doc)?.learners).toBe(1);

    const reworded = { passScore: 60, questions: [{ text: '首席质量官对质量安全事项享有的否决权称为？', options: ['一票否决权', '一票通过权'], answer: [0] }] };
    const ok = await edit(doc, { title: '质量强国建设纲要（2023）解读', kind: 'document', readingMinutes: 1, quiz: reworded });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(await t.db.selectFrom('lessons').select(['title', 'duration_seconds', 'quiz']).where('id', '=', doc).executeTakeFirstOrThrow()).toEqual({
      title: '质量强国建设纲要（2023）解读',
      duration_seconds: 60,
      quiz: reworded,
    });

    const answer = await edit(doc, {
      title: '质量强国建设纲要（2023）解读',
      kind: 'document',
      readingMinutes: 1,
      quiz: { ...reworded, questions: [{ ...reworded.questions[0], answer: [1] }] },
    });
    expect(answer.statusCode).toBe(409);
    expect(answer.json().error.fields[0].path).toBe('quiz.questions.0.answer');
    expect(answer.json().error.message).toContain('第 1 题的正确答案不能修改：已有 1 名学员学习本课时');
    const pass = await edit(quizLesson, { title: '单元测验', kind: 'quiz', quiz: { ...QUIZ, passScore: 80 } });
    expect(pass.statusCode).toBe(409);
    expect(pass.json().error.fields[0].path).toBe('quiz.passScore');
  });

  it('reorders a published course (the order credits nothing)', async () => {
    expect((await reorder(course, [quizLesson, doc])).statusCode).toBe(200);
    expect((await lessonOrder(course)).map(([id]) => id)).toEqual([quizLesson, doc]);
  });

  it('refuses to delete a lesson of a published course, or one officers have opened even after withdrawal', async () => {
    const published = await remove(quizLesson);
    expect(published.statusCode).toBe(409);
    expect(published.json().error.message).toContain('课程已发布');
    expect((await t.app.inject({ method: 'POST', url: `/api/study/courses/${course}/withdraw`, headers: suzhou })).statusCode).toBe(200);
    const started = await remove(doc);
    expect(started.statusCode).toBe(409);
    expect(started.json().error.message).toContain('已有 1 名学员学习过本课时');
    expect(await t.db.selectFrom('lessons').select('id').where('id', '=', doc).executeTakeFirst()).toBeDefined();
    // withdrawn and never opened: it may go
    expect((await remove(quizLesson)).statusCode).toBe(200);
    expect(await lessonOrder(course)).toEqual([[doc, 1]]);
  });
});

describe('who may change a course', () => {
  it('answers 404 to a bureau of another city or a county below, 403 to an officer, and changes nothing', async () => {
    const course = await createCourse(suzhou, '权限检查课程');
    const a = await addLesson(course, { title: '第一课', kind: 'quiz', quiz: QUIZ });
    const b = await addLesson(course, { title: '第二课', kind: 'quiz', quiz: QUIZ });
    const body = { title: '越权修改', kind: 'quiz', quiz: QUIZ };
    for (const user of ['nanjing', 'kunshan']) {
      const headers = await t.as(user);
      expect((await edit(a, body, headers)).statusCode, user).toBe(404);
      expect((await reorder(course, [b, a], headers)).statusCode, user).toBe(404);
      expect((await remove(a, headers)).statusCode, user).toBe(404);
      expect((await t.app.inject({ method: 'GET', url: `/api/study/manage/lessons/${a}`, headers })).statusCode, user).toBe(404);
    }
    const officer = await t.as('officer-kunshan-1');
    expect((await edit(a, body, officer)).statusCode).toBe(403);
    expect((await reorder(course, [b, a], officer)).statusCode).toBe(403);
    expect((await remove(a, officer)).statusCode).toBe(403);
    // the province manages every course
    expect((await edit(a, { ...body, title: '省局修改' }, await t.as('province'))).statusCode).toBe(200);
    expect(await lessonOrder(course)).toEqual([
      [a, 1],
      [b, 2],
    ]);
    expect((await t.db.selectFrom('lessons').select('title').where('id', '=', a).executeTakeFirstOrThrow()).title).toBe('省局修改');
  });
});
