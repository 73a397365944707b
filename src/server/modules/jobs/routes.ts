import { z } from 'zod';
import { recordAudit } from '../../audit/audit-log';
import { actorOf, callerOf } from '../../auth/guards';
import type { AppContext } from '../../context';
import type { JobRow } from '../../db/types';
import { notFound } from '../../errors';
import { idParams, type ZodApp } from '../../http';
import { sendFile, typeOfGeneratedFile } from '../../http-send';
import { readStored } from '../../storage/staged-upload';

const jobSchema = z.object({
  id: z.number(),
  kind: z.string(),
  kindLabel: z.string(),
  status: z.enum(['queued', 'running', 'succeeded', 'failed', 'cancelled']),
  done: z.number(),
  total: z.number().nullable(),
  result: z.unknown(),
  error: z.string().nullable(),
  attempts: z.number(),
  cancelRequested: z.boolean(),
  createdAt: z.date(),
  finishedAt: z.date().nullable(),
  hasFile: z.boolean(),
});

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
  const toDto = (j: JobRow) => jobDto(j, ctx.jobs.kindLabel(j.kind));
  const own = async (accountId: number, id: number): Promise<JobRow> => {
    const job = await ctx.db.selectFrom('jobs').selectAll().where('id', '=', id).where('owner_account_id', '=', accountId).executeTakeFirst();
    if (!job) throw notFound('任务');
    return job;
  };

  app.get(
    '/api/jobs',
    { config: { access: 'session' }, schema: { tags, summary: '我的后台任务', response: { 200: z.array(jobSchema) } } },
    async (request) => {
      const rows = await ctx.db.selectFrom('jobs').selectAll().where('owner_account_id', '=', callerOf(request).accountId).orderBy('id', 'desc').limit(50).execute();
      return rows.map(toDto);
    },
  );

  app.get(
    '/api/jobs/:id',
    { config: { access: 'session' }, schema: { tags, summary: '任务进度', params: idParams, response: { 200: jobSchema } } },
    async (request) => toDto(await own(callerOf(request).accountId, request.params.id)),
  );

  app.get(
    '/api/jobs/:id/download',
    { config: { access: 'session' }, schema: { tags, summary: '下载任务生成的文件（导出结果、错误报告）', params: idParams } },
    async (request, reply) => {
      const job = await own(callerOf(request).accountId, request.params.id);
      if (!job.result_file) throw notFound('文件');
      const stream = await readStored(ctx.files, job.result_file, '文件');
      const result = (job.result ?? {}) as { fileName?: string; reportFileName?: string };
      const name = result.reportFileName ?? result.fileName ?? `任务${job.id}.xlsx`;
      return sendFile(reply, name, stream, { type: typeOfGeneratedFile(name) });
    },
  );

  app.post(
    '/api/jobs/:id/cancel',
    { config: { access: 'session' }, schema: { tags, summary: '取消任务', params: idParams, response: { 200: jobSchema } } },
    async (request) => {
      const caller = callerOf(request);
      await own(caller.accountId, request.params.id);
      await ctx.db.transaction().execute(async (trx) => {
        await ctx.jobs.cancel(request.params.id, trx);
        await recordAudit(trx, actorOf(request), { action: 'job.cancel', targetType: 'job', targetId: request.params.id });
      });
      return toDto(await own(caller.accountId, request.params.id));
    },
  );

  app.post(
    '/api/jobs/:id/retry',
    { config: { access: 'session' }, schema: { tags, summary: '重试任务（从断点继续）', params: idParams, response: { 200: jobSchema } } },
    async (request) => {
      const caller = callerOf(request);
      await own(caller.accountId, request.params.id);
      await ctx.db.transaction().execute(async (trx) => {
        await ctx.jobs.retry(request.params.id, trx);
        await recordAudit(trx, actorOf(request), { action: 'job.retry', targetType: 'job', targetId: request.params.id });
      });
      return toDto(await own(caller.accountId, request.params.id));
    },
  );
}
