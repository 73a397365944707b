import { z } from 'zod';
import { EVIDENCE_MIME_TYPES } from '../../storage/upload-checks';
import { fileResponse, idSchema, okSchema } from '../../../contract/common';
import {
  boardListSchema,
  likeSchema,
  mentionCandidatesSchema,
  postEditedSchema,
  postEditsSchema,
  replyCreatedSchema,
  subscriptionSchema,
  threadCreatedSchema,
  threadListSchema,
  threadPageSchema,
  uploadedFileSchema,
} from '../../../contract/community';
import { actorOf, callerOf } from '../../auth/guards';
import type { AppContext } from '../../context';
import { idParams, pageQuery, type ZodApp } from '../../http';
import { ok, optionalText, tags, text } from './route-fields';
import { communityServices } from './services';

const boardBody = z.object({
  name: text('版块名称', 2, 40).meta({ title: '名称' }),
  description: optionalText('版块说明', 500).meta({ title: '说明' }),
  readAccess: z.enum(['all', 'members']).meta({ title: '阅读权限' }),
  postAccess: z.enum(['all', 'members', 'admins']).meta({ title: '发帖权限' }),
  moderation: z.enum(['post', 'pre']).meta({ title: '审核方式' }),
  sort: z.number().int().min(0).max(9999).optional().meta({ title: '排序' }),
  status: z.enum(['active', 'closed']).optional().meta({ title: '状态' }),
});

const postBody = z.object({
  bodyHtml: z.string().max(200_000, { error: '正文过长' }).meta({ title: '正文' }),
  attachmentIds: z.array(z.number().int().positive()).max(10, { error: '附件最多 10 个' }).optional().meta({ title: '附件' }),
  mentionAccountIds: z.array(z.number().int().positive()).max(20, { error: '一次最多提到 20 人' }).optional().meta({ title: '提到的人' }),
});

/** The forum: boards, threads, replies, likes, subscriptions, reports, and the images and attachments of posts. */
export function threadRoutes(app: ZodApp, ctx: AppContext): void {
  const { boards, posting, forum, files } = communityServices(ctx);

  app.get(
    '/api/community/boards',
    { config: { access: 'complete' }, schema: { tags, summary: '可阅读的版块（公共版块与所在组织的版块）', response: { 200: boardListSchema } } },
    (request) => boards.boards(callerOf(request)),
  );
  app.post(
    '/api/community/boards',
    {
      config: { access: 'community:manage' },
      schema: {
        tags,
        summary: '新建版块（组织管理员；公共版块由省局设置）',
        body: boardBody.extend({ organisationId: z.number().int().positive().nullable().meta({ title: '组织' }) }),
        response: { 201: idSchema },
      },
    },
    async (request, reply) => reply.code(201).send(await boards.createBoard(callerOf(request), actorOf(request), request.body)),
  );
  app.put(
    '/api/community/boards/:id',
    {
      config: { access: 'community:manage' },
      schema: { tags, summary: '修改版块权限与审核方式', params: idParams, body: boardBody, response: { 200: okSchema } },
    },
    async (request) => {
      await boards.updateBoard(callerOf(request), actorOf(request), request.params.id, request.body);
      return ok;
    },
  );
  app.get(
    '/api/community/boards/:id/threads',
    {
      config: { access: 'complete' },
      schema: { tags, summary: '版块主题列表（置顶在前）', params: idParams, querystring: z.object(pageQuery), response: { 200: threadListSchema } },
    },
    (request) => boards.threads(callerOf(request), request.params.id, request.query.page, request.query.pageSize),
  );
  app.get(
    '/api/community/boards/:id/mentionable',
    {
      config: { access: 'complete' },
      schema: {
        tags,
        summary: '可 @ 的首席质量官（按姓名；身份待核验的账户不可查看）',
        params: idParams,
        querystring: z.object({ q: z.string().trim().max(20).default('').meta({ title: '关键词' }) }),
        response: { 200: mentionCandidatesSchema },
      },
    },
    (request) => posting.namedMentionCandidates(callerOf(request), request.params.id, request.query.q),
  );
  app.post(
    '/api/community/boards/:id/threads',
    {
      config: { access: 'complete' },
      schema: {
        tags,
        summary: '发表主题（讨论或提问；富文本经服务端清洗；检查敏感词）',
        params: idParams,
        body: postBody.extend({ title: text('标题', 4, 100).meta({ title: '标题' }), kind: z.enum(['discussion', 'question']).meta({ title: '类型' }) }),
        response: { 201: threadCreatedSchema },
      },
    },
    async (request, reply) => reply.code(201).send(await posting.createThread(callerOf(request), actorOf(request), request.params.id, request.body)),
  );
  app.get(
    '/api/community/threads/:id',
    {
      config: { access: 'complete' },
      schema: { tags, summary: '主题与回复（分页）', params: idParams, querystring: z.object(pageQuery), response: { 200: threadPageSchema } },
    },
    (request) => forum.thread(callerOf(request), request.params.id, request.query.page, request.query.pageSize),
  );
  app.post(
    '/api/community/threads/:id/replies',
    { config: { access: 'complete' }, schema: { tags, summary: '回复', params: idParams, body: postBody, response: { 201: replyCreatedSchema } } },
    async (request, reply) => reply.code(201).send(await posting.reply(callerOf(request), actorOf(request), request.params.id, request.body)),
  );
  app.post(
    '/api/community/threads/:id/accept',
    {
      config: { access: 'complete' },
      schema: {
        tags,
        summary: '采纳答案（提问者）',
        params: idParams,
        body: z.object({ postId: z.number().int().positive().meta({ title: '回复' }) }),
        response: { 200: okSchema },
      },
    },
    async (request) => {
      await forum.accept(callerOf(request), actorOf(request), request.params.id, request.body.postId);
      return ok;
    },
  );
  app.put(
    '/api/community/threads/:id/subscription',
    {
      config: { access: 'complete' },
      schema: {
        tags,
        summary: '关注 / 取消关注主题',
        params: idParams,
        body: z.object({ subscribed: z.boolean().meta({ title: '关注' }) }),
        response: { 200: subscriptionSchema },
      },
    },
    (request) => forum.subscribe(callerOf(request), request.params.id, request.body.subscribed),
  );
  app.put(
    '/api/community/posts/:id',
    {
      config: { access: 'complete' },
      schema: {
        tags,
        summary: '编辑自己的主题（标题与正文）或回复（正文）；与发帖同样清洗与检查敏感词，保留编辑记录',
        params: idParams,
        body: postBody.extend({ title: text('标题', 4, 100).optional().meta({ title: '标题' }) }),
        response: { 200: postEditedSchema },
      },
    },
    (request) => posting.edit(callerOf(request), actorOf(request), request.params.id, request.body),
  );
  app.get(
    '/api/community/posts/:id/edits',
    { config: { access: 'complete' }, schema: { tags, summary: '帖子的编辑记录（版主与作者）', params: idParams, response: { 200: postEditsSchema } } },
    (request) => posting.edits(callerOf(request), request.params.id),
  );
  app.put(
    '/api/community/posts/:id/like',
    {
      config: { access: 'complete' },
      schema: {
        tags,
        summary: '点赞 / 取消点赞',
        params: idParams,
        body: z.object({ liked: z.boolean().meta({ title: '点赞' }) }),
        response: { 200: likeSchema },
      },
    },
    (request) => forum.like(callerOf(request), request.params.id, request.body.liked),
  );
  app.post(
    '/api/community/posts/:id/report',
    {
      config: { access: 'complete' },
      schema: {
        tags,
        summary: '举报帖子（进入审核队列）',
        params: idParams,
        body: z.object({ reason: text('举报理由', 2, 500).meta({ title: '理由' }) }),
        response: { 200: okSchema },
      },
    },
    async (request) => {
      await forum.report(callerOf(request), actorOf(request), request.params.id, request.body.reason);
      return ok;
    },
  );

  // files
  app.post(
    '/api/community/files',
    {
      config: { access: 'complete' },
      schema: {
        tags,
        summary: '上传图片或附件（PDF/JPG/PNG，≤10 MB，按文件内容识别类型）',
        consumes: ['multipart/form-data'],
        querystring: z.object({ kind: z.enum(['image', 'attachment']).default('image').meta({ title: '类型' }) }),
        response: { 201: uploadedFileSchema },
      },
    },
    async (request, reply) => reply.code(201).send(await files.upload(callerOf(request), actorOf(request), request, request.query.kind)),
  );
  app.get(
    '/api/community/files/:id',
    {
      config: { access: 'complete' },
      schema: { tags, summary: '帖子中的图片或附件', params: idParams, response: fileResponse(EVIDENCE_MIME_TYPES, '帖子中的图片或附件（PDF 或图片）') },
    },
    (request, reply) => files.send(callerOf(request), request.params.id, reply),
  );
}
