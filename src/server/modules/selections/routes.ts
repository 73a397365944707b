import { z } from 'zod';
import { publishSchema, selectionInputSchema } from '../../../domain/selection';
import { actorOf, callerOf } from '../../auth/guards';
import type { AppContext } from '../../context';
import { idParams, pageQuery, versionField, type ZodApp } from '../../http';
import { selectionDetailSchema, selectionPageSchema } from '../../../contract/selections';
import { selectionsServices } from './services';

const versionBody = z.object({ version: versionField.meta({ title: '版本' }) });
const candidateParams = z.object({
  id: z.coerce.number().int().positive().meta({ title: '编号' }),
  candidateId: z.coerce.number().int().positive().meta({ title: '拟任人员' }),
});

/**
 * 竞争聘用 routes. `'complete'` access: the service admits the enterprise (filings:manage) for its own selections and
 * bureaus (filings:read) for their region, and refuses everyone else (403); a selection outside is 404.
 */
export function selectionRoutes(app: ZodApp, ctx: AppContext): void {
  const { selections: service } = selectionsServices(ctx);
  const tags = ['selections'];

  app.get(
    '/api/selections',
    {
      config: { access: 'complete' },
      schema: {
        tags,
        summary: '竞争聘用列表（企业：本企业；主管局：辖区内）',
        querystring: z.object({ ...pageQuery, status: z.enum(['open', 'publicity', 'concluded', 'cancelled']).optional().meta({ title: '状态' }) }),
        response: { 200: selectionPageSchema },
      },
    },
    async (request) => {
      const { page, pageSize, status } = request.query;
      return { ...(await service.list(callerOf(request), status, page, pageSize)), page, pageSize };
    },
  );
  app.get(
    '/api/selections/:id',
    {
      config: { access: 'complete' },
      schema: { tags, summary: '竞争聘用详情（评分、公示、异议）', params: idParams, response: { 200: selectionDetailSchema } },
    },
    (request) => service.get(callerOf(request), request.params.id),
  );
  app.post(
    '/api/selections',
    {
      config: { access: 'filings:manage' },
      schema: { tags, summary: '发起竞争聘用（评分项目与权重、评审组）', body: selectionInputSchema, response: { 201: selectionDetailSchema } },
    },
    async (request, reply) => reply.code(201).send(await service.create(callerOf(request), actorOf(request), request.body)),
  );
  app.put(
    '/api/selections/:id',
    {
      config: { access: 'filings:manage' },
      schema: {
        tags,
        summary: '修改评选中的竞争聘用（修改评分项目将清除已评分数）',
        params: idParams,
        body: selectionInputSchema.extend({ version: versionField.meta({ title: '版本' }) }),
        response: { 200: selectionDetailSchema },
      },
    },
    (request) => service.update(callerOf(request), actorOf(request), request.params.id, request.body.version, request.body),
  );
  app.post(
    '/api/selections/:id/candidates',
    {
      config: { access: 'filings:manage' },
      schema: {
        tags,
        summary: '添加候选人（本企业已登记的拟任人员）',
        params: idParams,
        body: z.object({ candidateId: z.number().int().positive().meta({ title: '拟任人员' }) }),
        response: { 200: selectionDetailSchema },
      },
    },
    (request) => service.addCandidate(callerOf(request), actorOf(request), request.params.id, request.body.candidateId),
  );
  app.delete(
    '/api/selections/:id/candidates/:candidateId',
    { config: { access: 'filings:manage' }, schema: { tags, summary: '移除候选人', params: candidateParams, response: { 200: selectionDetailSchema } } },
    (request) => service.removeCandidate(callerOf(request), actorOf(request), request.params.id, request.params.candidateId),
  );
  app.put(
    '/api/selections/:id/candidates/:candidateId/scores',
    {
      config: { access: 'filings:manage' },
      schema: {
        tags,
        summary: '录入候选人各评分项目得分（0–100），系统按权重计算综合得分',
        params: candidateParams,
        body: z.object({ scores: z.array(z.number()).meta({ title: '得分' }) }),
        response: { 200: selectionDetailSchema },
      },
    },
    (request) => service.score(callerOf(request), actorOf(request), request.params.id, request.params.candidateId, request.body.scores),
  );
  app.post(
    '/api/selections/:id/publish',
    {
      config: { access: 'filings:manage' },
      schema: {
        tags,
        summary: '确定拟聘人选并发布公示',
        params: idParams,
        body: publishSchema
          .omit({ selectedPersonId: true })
          .extend({ selectedCandidateId: z.number().int().positive().meta({ title: '拟选人员' }), version: versionField.meta({ title: '版本' }) }),
        response: { 200: selectionDetailSchema },
      },
    },
    (request) => service.publish(callerOf(request), actorOf(request), request.params.id, request.body.version, request.body),
  );
  app.post(
    '/api/selections/objections/:id/answer',
    {
      config: { access: 'filings:manage' },
      schema: {
        tags,
        summary: '答复公示期间的异议',
        params: idParams,
        body: z.object({ answer: z.string().trim().min(5, { error: '请填写答复（至少 5 个字）' }).max(2000).meta({ title: '正确答案' }) }),
        response: { 200: selectionDetailSchema },
      },
    },
    (request) => service.answer(callerOf(request), actorOf(request), request.params.id, request.body.answer),
  );
  app.post(
    '/api/selections/:id/conclude',
    {
      config: { access: 'filings:manage' },
      schema: { tags, summary: '公示期满且异议均已答复后完成竞争聘用', params: idParams, body: versionBody, response: { 200: selectionDetailSchema } },
    },
    (request) => service.conclude(callerOf(request), actorOf(request), request.params.id, request.body.version),
  );
  app.post(
    '/api/selections/:id/cancel',
    {
      config: { access: 'filings:manage' },
      schema: {
        tags,
        summary: '取消竞争聘用',
        params: idParams,
        body: versionBody.extend({ reason: z.string().trim().min(2, { error: '请填写取消原因' }).max(500).meta({ title: '理由' }) }),
        response: { 200: selectionDetailSchema },
      },
    },
    (request) => service.cancel(callerOf(request), actorOf(request), request.params.id, request.body.version, request.body.reason),
  );
}
