import { z } from 'zod';
import { EVIDENCE_MIME_TYPES } from '../../storage/upload-checks';
import { fileResponse, idSchema, okSchema, XLSX_TYPE } from '../../../contract/common';
import {
  boardListSchema,
  joinResultSchema,
  likeSchema,
  memberListSchema,
  mentionCandidatesSchema,
  moderationQueueSchema,
  organisationDetailSchema,
  organisationListSchema,
  organisationUpdatedSchema,
  postEditedSchema,
  postEditsSchema,
  replyCreatedSchema,
  searchResultSchema,
  sensitiveWordListSchema,
  subscriptionSchema,
  threadCreatedSchema,
  threadListSchema,
  threadPageSchema,
  uploadedFileSchema,
} from '../../../contract/community';
import { actorOf, callerOf } from '../../auth/guards';
import type { AppContext } from '../../context';
import { sendXlsx, type ColumnDef } from '../../excel/workbook';
import { idParams, pageQuery, versionField, type ZodApp } from '../../http';
import { MEMBER_ROLE_LABELS, MEMBER_STATUS_LABELS, type MemberRow } from './organisations';
import type { SearchSource } from './search';
import { communityServices } from './services';

const tags = ['community'];
const text = (label: string, min: number, max: number) =>
  z
    .string()
    .trim()
    .min(min, { error: `请填写${label}${min > 1 ? `（至少 ${min} 个字）` : ''}` })
    .max(max, { error: `${label}不能超过 ${max} 个字` });
const optionalText = (label: string, max: number) =>
  z
    .string()
    .trim()
    .max(max, { error: `${label}不能超过 ${max} 个字` })
    .nullish();
const memberParams = z.object({
  id: z.coerce.number().int().positive().meta({ title: '编号' }),
  memberId: z.coerce.number().int().positive().meta({ title: '成员' }),
});
const ok = { ok: true } as const;

const organisationBody = z.object({
  kind: z.enum(['alliance', 'club']).meta({ title: '类型' }),
  level: z.enum(['province', 'city', 'industry']).meta({ title: '层级' }),
  name: text('组织名称', 2, 60).meta({ title: '名称' }),
  description: optionalText('简介', 2000).meta({ title: '说明' }),
  orgUnitId: z.number().int().positive().meta({ title: '所属单位' }),
  industrySection: z
    .string()
    .regex(/^[A-T]$/, { error: '行业门类应为 A–T 中的一个字母' })
    .nullish()
    .meta({ title: '行业门类' }),
});

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

const MEMBER_COLUMNS: readonly ColumnDef<MemberRow>[] = [
  { header: '姓名', key: 'name', width: 14, value: (m) => m.name },
  { header: '所在企业', key: 'enterprise', width: 36, value: (m) => m.enterpriseName },
  { header: '职务', key: 'role', width: 10, value: (m) => (m.isAdmin ? '联盟管理员' : MEMBER_ROLE_LABELS[m.role]) },
  { header: '状态', key: 'status', width: 10, value: (m) => MEMBER_STATUS_LABELS[m.status] },
  { header: '禁言至', key: 'banned', width: 20, value: (m) => m.bannedUntil },
  { header: '加入时间', key: 'created', width: 20, value: (m) => m.createdAt },
];

/**
 * `otherSources`: what the unified search covers besides the forum, given by modules that build on the community
 * (the case library) so the community module does not depend on them.
 */
export function communityRoutes(app: ZodApp, ctx: AppContext, otherSources: SearchSource[] = []): void {
  const { orgs, boards, posting, forum, moderation, files, search } = communityServices(ctx, otherSources);

  // organisations and members
  app.get(
    '/api/community/organisations',
    {
      config: { access: 'complete' },
      schema: { tags, summary: '联盟与之家（首席质量官：全部可加入的组织；管理员：所管理的组织）', response: { 200: organisationListSchema } },
    },
    (request) => orgs.list(callerOf(request)),
  );
  app.get(
    '/api/community/organisations/:id',
    { config: { access: 'complete' }, schema: { tags, summary: '组织详情与版块', params: idParams, response: { 200: organisationDetailSchema } } },
    (request) => orgs.get(callerOf(request), request.params.id),
  );
  app.post(
    '/api/community/organisations',
    {
      config: { access: 'community:manage' },
      schema: { tags, summary: '创建联盟或之家（市场监管部门）', body: organisationBody, response: { 201: idSchema } },
    },
    async (request, reply) => reply.code(201).send(await orgs.create(callerOf(request), actorOf(request), request.body)),
  );
  app.put(
    '/api/community/organisations/:id',
    {
      config: { access: 'community:manage' },
      schema: {
        tags,
        summary: '修改组织名称、简介、状态',
        params: idParams,
        body: z.object({
          name: text('组织名称', 2, 60).meta({ title: '名称' }),
          description: optionalText('简介', 2000).meta({ title: '说明' }),
          status: z.enum(['active', 'closed']).meta({ title: '状态' }),
          version: versionField.meta({ title: '版本' }),
        }),
        response: { 200: organisationUpdatedSchema },
      },
    },
    async (request) => ({ ...ok, version: await orgs.update(callerOf(request), actorOf(request), request.params.id, request.body) }),
  );
  app.post(
    '/api/community/organisations/:id/admins',
    {
      config: { access: 'community:manage' },
      schema: {
        tags,
        summary: '指定联盟管理员账户（主管局）',
        params: idParams,
        body: z.object({ username: text('用户名', 1, 64).meta({ title: '用户名' }) }),
        response: { 200: okSchema },
      },
    },
    async (request) => {
      await orgs.addAdmin(callerOf(request), actorOf(request), request.params.id, request.body.username);
      return ok;
    },
  );
  app.post(
    '/api/community/organisations/:id/join',
    {
      config: { access: 'community:participate' },
      schema: {
        tags,
        summary: '申请加入（或接受邀请）',
        params: idParams,
        body: z.object({ message: optionalText('申请说明', 500).meta({ title: '申请说明' }) }),
        response: { 200: joinResultSchema },
      },
    },
    (request) => orgs.apply(callerOf(request), actorOf(request), request.params.id, request.body.message ?? null),
  );
  app.post(
    '/api/community/organisations/:id/leave',
    { config: { access: 'community:participate' }, schema: { tags, summary: '退出组织', params: idParams, response: { 200: okSchema } } },
    async (request) => {
      await orgs.leave(callerOf(request), actorOf(request), request.params.id);
      return ok;
    },
  );
  app.post(
    '/api/community/organisations/:id/invitations',
    {
      config: { access: 'community:manage' },
      schema: {
        tags,
        summary: '邀请首席质量官加入',
        params: idParams,
        body: z.object({ username: text('用户名', 1, 64).meta({ title: '用户名' }) }),
        response: { 200: okSchema },
      },
    },
    async (request) => {
      await orgs.invite(callerOf(request), actorOf(request), request.params.id, request.body.username);
      return ok;
    },
  );
  app.get(
    '/api/community/organisations/:id/members',
    {
      config: { access: 'complete' },
      schema: { tags, summary: '成员名单（实名，不含身份证号与手机号；身份待核验的账户不可查看）', params: idParams, response: { 200: memberListSchema } },
    },
    (request) => orgs.namedMembers(callerOf(request), request.params.id),
  );
  app.get(
    '/api/community/organisations/:id/members.xlsx',
    {
      config: { access: 'community:manage', audit: { action: 'community.organisation.members.export', targetType: 'community_organisation' } },
      schema: { tags, summary: '导出成员名单（Excel）', params: idParams, response: fileResponse([XLSX_TYPE], '成员名单 Excel') },
    },
    async (request, reply) => {
      const { orgName, members } = await orgs.membersExport(callerOf(request), request.params.id);
      return sendXlsx(reply, `成员名单-${orgName}.xlsx`, '成员名单', MEMBER_COLUMNS, [members]);
    },
  );
  app.post(
    '/api/community/organisations/:id/members/:memberId/approve',
    { config: { access: 'community:manage' }, schema: { tags, summary: '通过入会申请', params: memberParams, response: { 200: okSchema } } },
    async (request) => {
      await orgs.decide(callerOf(request), actorOf(request), request.params.id, request.params.memberId, true);
      return ok;
    },
  );
  app.post(
    '/api/community/organisations/:id/members/:memberId/reject',
    { config: { access: 'community:manage' }, schema: { tags, summary: '不通过入会申请', params: memberParams, response: { 200: okSchema } } },
    async (request) => {
      await orgs.decide(callerOf(request), actorOf(request), request.params.id, request.params.memberId, false);
      return ok;
    },
  );
  app.put(
    '/api/community/organisations/:id/members/:memberId/role',
    {
      config: { access: 'community:manage' },
      schema: {
        tags,
        summary: '设置职务（会长/副会长/秘书处/成员）',
        params: memberParams,
        body: z.object({ role: z.enum(['president', 'vice_president', 'secretariat', 'member']).meta({ title: '角色' }) }),
        response: { 200: okSchema },
      },
    },
    async (request) => {
      await orgs.setRole(callerOf(request), actorOf(request), request.params.id, request.params.memberId, request.body.role);
      return ok;
    },
  );
  app.post(
    '/api/community/organisations/:id/members/:memberId/ban',
    {
      config: { access: 'community:manage' },
      schema: {
        tags,
        summary: '禁言一段时间（天数为 0 解除）',
        params: memberParams,
        body: z.object({ days: z.number().int().min(0).max(3650).meta({ title: '禁言天数' }), reason: optionalText('理由', 500).meta({ title: '理由' }) }),
        response: { 200: okSchema },
      },
    },
    async (request) => {
      await orgs.ban(callerOf(request), actorOf(request), request.params.id, request.params.memberId, request.body.days, request.body.reason ?? null);
      return ok;
    },
  );
  app.delete(
    '/api/community/organisations/:id/members/:memberId',
    { config: { access: 'community:manage' }, schema: { tags, summary: '移出成员', params: memberParams, response: { 200: okSchema } } },
    async (request) => {
      await orgs.remove(callerOf(request), actorOf(request), request.params.id, request.params.memberId);
      return ok;
    },
  );

  // boards and threads
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

  // moderation
  app.get(
    '/api/community/moderation/queue',
    { config: { access: 'community:manage' }, schema: { tags, summary: '审核队列：待审核与被举报的帖子', response: { 200: moderationQueueSchema } } },
    (request) => moderation.queue(callerOf(request)),
  );
  app.post(
    '/api/community/posts/:id/moderation',
    {
      config: { access: 'community:manage' },
      schema: {
        tags,
        summary: '审核处理：通过、隐藏、恢复、驳回举报',
        params: idParams,
        body: z.object({
          decision: z.enum(['approve', 'hide', 'restore', 'dismiss']).meta({ title: '处理决定' }),
          reason: optionalText('理由', 500).meta({ title: '理由' }),
        }),
        response: { 200: okSchema },
      },
    },
    async (request) => {
      await moderation.decide(callerOf(request), actorOf(request), request.params.id, request.body.decision, request.body.reason ?? null);
      return ok;
    },
  );
  app.put(
    '/api/community/threads/:id/flags',
    {
      config: { access: 'community:manage' },
      schema: {
        tags,
        summary: '锁定、置顶、加精',
        params: idParams,
        body: z.object({ flag: z.enum(['locked', 'pinned', 'featured']).meta({ title: '标记' }), on: z.boolean().meta({ title: '开启' }) }),
        response: { 200: okSchema },
      },
    },
    async (request) => {
      await moderation.flag(callerOf(request), actorOf(request), request.params.id, request.body.flag, request.body.on);
      return ok;
    },
  );
  app.post(
    '/api/community/threads/:id/move',
    {
      config: { access: 'community:manage' },
      schema: {
        tags,
        summary: '移动主题到其他版块',
        params: idParams,
        body: z.object({ boardId: z.number().int().positive().meta({ title: '版块' }) }),
        response: { 200: okSchema },
      },
    },
    async (request) => {
      await moderation.move(callerOf(request), actorOf(request), request.params.id, request.body.boardId);
      return ok;
    },
  );
  app.get(
    '/api/community/sensitive-words',
    {
      config: { access: 'community:manage' },
      schema: {
        tags,
        summary: '敏感词（全省或某组织）',
        querystring: z.object({ organisationId: z.coerce.number().int().positive().optional().meta({ title: '组织' }) }),
        response: { 200: sensitiveWordListSchema },
      },
    },
    (request) => moderation.words(callerOf(request), request.query.organisationId ?? null),
  );
  app.post(
    '/api/community/sensitive-words',
    {
      config: { access: 'community:manage' },
      schema: {
        tags,
        summary: '添加敏感词',
        body: z.object({
          word: text('敏感词', 1, 30).meta({ title: '敏感词' }),
          organisationId: z.number().int().positive().nullable().default(null).meta({ title: '组织' }),
        }),
        response: { 201: idSchema },
      },
    },
    async (request, reply) =>
      reply.code(201).send(await moderation.addWord(callerOf(request), actorOf(request), request.body.organisationId, request.body.word)),
  );
  app.delete(
    '/api/community/sensitive-words/:id',
    { config: { access: 'community:manage' }, schema: { tags, summary: '删除敏感词', params: idParams, response: { 200: okSchema } } },
    async (request) => {
      await moderation.removeWord(callerOf(request), actorOf(request), request.params.id);
      return ok;
    },
  );

  // search
  app.get(
    '/api/community/search',
    {
      config: { access: 'complete' },
      schema: {
        tags,
        summary: '中文全文检索（主题与回复；按组织、版块、行业、日期筛选）',
        querystring: z.object({
          ...pageQuery,
          q: text('关键词', 1, 100).meta({ title: '关键词' }),
          organisationId: z.coerce.number().int().positive().optional().meta({ title: '组织' }),
          boardId: z.coerce.number().int().positive().optional().meta({ title: '版块' }),
          industry: z
            .string()
            .regex(/^[A-T]$/, { error: '行业门类应为 A–T 中的一个字母' })
            .optional()
            .meta({ title: '行业门类' }),
          from: z.iso.date({ error: '日期格式应为 YYYY-MM-DD' }).optional().meta({ title: '开始时间' }),
          to: z.iso.date({ error: '日期格式应为 YYYY-MM-DD' }).optional().meta({ title: '结束时间' }),
        }),
        response: { 200: searchResultSchema },
      },
    },
    (request) => {
      const { q, page, pageSize, ...filters } = request.query;
      return search.find(callerOf(request), q, filters, page, pageSize);
    },
  );
}
