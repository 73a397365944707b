import { jobListSchema, jobSchema } from '../../../contract/admin';
import { fileResponse, PDF_TYPE, XLSX_TYPE } from '../../../contract/common';
import { actorOf, callerOf } from '../../auth/guards';
import type { AppContext } from '../../context';
import type { JobRow } from '../../db/types';
import { idParams, type ZodApp } from '../../http';
import { sendFile, typeOfGeneratedFile } from '../../http-send';
import { jobsServices } from './services';

const jobDto = (j: JobRow, kindLabel: string) => ({
  id: j.id,
  kind: j.kind,
  kindLabel,
  status: j.status,
  done: j.progress_done,
  total: j.progress_total,
  result: j.result,
  error: j.error,
  attempts: j.attempts,
  cancelRequested: j.cancel_requested,
  createdAt: j.created_at,
  finishedAt: j.finished_at,
  hasFile: j.result_file !== null,
});

/** Jobs are visible to the account that started them, and to no one else. */
export function jobRoutes(app: ZodApp, ctx: AppContext): void {
  const tags = ['jobs'];
  const { jobs } = jobsServices(ctx);
  const toDto = (j: JobRow) => jobDto(j, ctx.jobs.kindLabel(j.kind));

  app.get('/api/jobs', { config: { access: 'session' }, schema: { tags, summary: '我的后台任务', response: { 200: jobListSchema } } }, async (request) =>
    (await jobs.listOwn(callerOf(request).accountId)).map(toDto),
  );

  app.get(
    '/api/jobs/:id',
    { config: { access: 'session' }, schema: { tags, summary: '任务进度', params: idParams, response: { 200: jobSchema } } },
    async (request) => toDto(await jobs.own(callerOf(request).accountId, request.params.id)),
  );

  app.get(
    '/api/jobs/:id/download',
    {
      config: { access: 'session' },
      schema: {
        tags,
        summary: '下载任务生成的文件（导出结果、错误报告）',
        params: idParams,
        response: fileResponse([XLSX_TYPE, PDF_TYPE], '任务生成的文件（Excel 或 PDF）'),
      },
    },
    async (request, reply) => {
      const { name, stream } = await jobs.resultFile(callerOf(request).accountId, request.params.id);
      return sendFile(reply, name, stream, { type: typeOfGeneratedFile(name) });
    },
  );

  app.post(
    '/api/jobs/:id/cancel',
    { config: { access: 'session' }, schema: { tags, summary: '取消任务', params: idParams, response: { 200: jobSchema } } },
    async (request) => toDto(await jobs.cancel(callerOf(request).accountId, actorOf(request), request.params.id)),
  );

  app.post(
    '/api/jobs/:id/retry',
    { config: { access: 'session' }, schema: { tags, summary: '重试任务（从断点继续）', params: idParams, response: { 200: jobSchema } } },
    async (request) => toDto(await jobs.retry(callerOf(request).accountId, actorOf(request), request.params.id)),
  );
}
