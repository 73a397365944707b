import { z } from 'zod';
import { actorOf, callerOf } from '../../auth/guards';
import type { AppContext } from '../../context';
import { idParams, type ZodApp } from '../../http';
import { storeLessonMedia } from './media';
import { idSchema, okSchema } from '../../../contract/common';
import {
  courseUpdatedSchema,
  mediaUploadedSchema,
  courseInputSchema,
  courseUpdateSchema,
  courseSchema,
  lessonEditSchema,
  lessonInputSchema,
  lessonUpdateSchema,
  lessonOrderSchema,
} from '../../../contract/study';
import { studyServices } from './services';

/** 课程发布: a bureau's courses and lessons (drafts, lesson media and order, quizzes), published and withdrawn. */
export function coursePublishingRoutes(app: ZodApp, ctx: AppContext): void {
  const { publishing } = studyServices(ctx);
  const tags = ['study'];

  app.get(
    '/api/study/manage/courses',
    { config: { access: 'study:manage' }, schema: { tags, summary: '本辖区发布的课程（含草稿）', response: { 200: z.array(courseSchema) } } },
    (request) => publishing.managedCourses(callerOf(request)),
  );

  app.post(
    '/api/study/courses',
    {
      config: { access: 'study:manage' },
      schema: { tags, summary: '新建课程（省局：全省；市局：本市）', body: courseInputSchema, response: { 201: idSchema } },
    },
    async (request, reply) => reply.code(201).send(await publishing.createCourse(callerOf(request), actorOf(request), request.body)),
  );

  app.put(
    '/api/study/courses/:id',
    {
      config: { access: 'study:manage' },
      schema: { tags, summary: '修改课程信息（带上读取时的 version）', params: idParams, body: courseUpdateSchema, response: { 200: courseUpdatedSchema } },
    },
    async (request) => {
      const version = await publishing.updateCourse(callerOf(request), actorOf(request), request.params.id, request.body);
      return { ok: true as const, version };
    },
  );

  app.post(
    '/api/study/courses/:id/lessons',
    {
      config: { access: 'study:manage' },
      schema: { tags, summary: '添加课时（视频、文档或测验；视频和文档随后上传文件）', params: idParams, body: lessonInputSchema, response: { 201: idSchema } },
    },
    async (request, reply) => reply.code(201).send(await publishing.addLesson(callerOf(request), actorOf(request), request.params.id, request.body)),
  );

  app.put(
    '/api/study/courses/:id/lesson-order',
    {
      config: { access: 'study:manage' },
      schema: { tags, summary: '调整课时顺序（按新顺序给出本课程的全部课时）', params: idParams, body: lessonOrderSchema, response: { 200: okSchema } },
    },
    async (request) => {
      await publishing.reorderLessons(callerOf(request), actorOf(request), request.params.id, request.body.lessonIds);
      return { ok: true as const };
    },
  );

  app.get(
    '/api/study/manage/lessons/:id',
    {
      config: { access: 'study:manage' },
      schema: { tags, summary: '课时（编辑用：含测验答案与可修改的范围）', params: idParams, response: { 200: lessonEditSchema } },
    },
    (request) => publishing.lessonForEdit(callerOf(request), request.params.id),
  );

  app.put(
    '/api/study/lessons/:id',
    {
      config: { access: 'study:manage' },
      schema: {
        tags,
        summary: '修改课时（类型不能改；课程已发布或已有学员学习时，只能改名称和测验文字）',
        params: idParams,
        body: lessonUpdateSchema,
        response: { 200: okSchema },
      },
    },
    async (request) => {
      await publishing.updateLesson(callerOf(request), actorOf(request), request.params.id, request.body);
      return { ok: true as const };
    },
  );

  app.delete(
    '/api/study/lessons/:id',
    {
      config: { access: 'study:manage' },
      schema: { tags, summary: '删除课时（课程未发布且无人学习过本课时）', params: idParams, response: { 200: okSchema } },
    },
    async (request) => {
      await publishing.deleteLesson(callerOf(request), actorOf(request), ctx.files, request.params.id);
      return { ok: true as const };
    },
  );

  app.put(
    '/api/study/lessons/:id/media',
    {
      config: { access: 'study:manage' },
      schema: {
        tags,
        summary: '上传课时文件（视频：MP4；文档：PDF；按文件内容识别）',
        params: idParams,
        consumes: ['multipart/form-data'],
        response: { 200: mediaUploadedSchema },
      },
    },
    async (request) => {
      const media = await publishing.uploadMedia(callerOf(request), actorOf(request), request.params.id, (kind) => storeLessonMedia(request, ctx.files, kind));
      return { ok: true as const, durationSeconds: media.durationSeconds, pageCount: media.pageCount };
    },
  );

  app.post(
    '/api/study/courses/:id/publish',
    { config: { access: 'study:manage' }, schema: { tags, summary: '发布课程', params: idParams, response: { 200: okSchema } } },
    async (request) => {
      await publishing.setCourseStatus(callerOf(request), actorOf(request), request.params.id, 'published');
      return { ok: true as const };
    },
  );

  app.post(
    '/api/study/courses/:id/withdraw',
    { config: { access: 'study:manage' }, schema: { tags, summary: '撤回课程', params: idParams, response: { 200: okSchema } } },
    async (request) => {
      await publishing.setCourseStatus(callerOf(request), actorOf(request), request.params.id, 'withdrawn');
      return { ok: true as const };
    },
  );
}
