import { z } from 'zod';
import { STUDY_SOURCE_LABELS, STUDY_SOURCES } from '../../../domain/study-hours';
import { actorOf } from '../../auth/guards';
import type { AppContext } from '../../context';
import type { ZodApp } from '../../http';
import { listOnlineStudyRules, saveOnlineStudyRule } from './online-study-rules';

const yearParams = z.object({ year: z.coerce.number().int().min(2000, { error: '年度无效' }).max(2200, { error: '年度无效' }) });

/** Policy measures the province keeps as data: which study sources count online, the working-day calendar, award conditions. */
export function policyRoutes(app: ZodApp, ctx: AppContext): void {
  const tags = ['policy'];

  app.get(
    '/api/study/online-rules',
    {
      config: { access: 'complete' },
      schema: {
        tags,
        summary: '计入线上自学的学时来源（按年度）',
        response: {
          200: z.object({
            sources: z.array(z.object({ source: z.enum(STUDY_SOURCES), label: z.string() })),
            rules: z.array(z.object({ year: z.number(), sources: z.array(z.enum(STUDY_SOURCES)), note: z.string().nullable(), version: z.number(), updatedAt: z.date() })),
          }),
        },
      },
    },
    async () => ({ sources: STUDY_SOURCES.map((source) => ({ source, label: STUDY_SOURCE_LABELS[source] })), rules: await listOnlineStudyRules(ctx.db) }),
  );

  app.put(
    '/api/study/online-rules/:year',
    {
      config: { access: 'targets:manage' },
      schema: {
        tags,
        summary: '设置某年度起计入线上自学的学时来源（省局；新年度 version 为 0），并重算受影响的学时账户',
        params: yearParams,
        body: z.object({
          sources: z.array(z.enum(STUDY_SOURCES, { error: '学时来源无效' })).min(1, { error: '请至少选择一种计入线上自学的来源' }),
          note: z.string().trim().max(200, { error: '说明不超过 200 个字' }).nullish(),
          version: z.number().int().min(0),
        }),
        response: { 200: z.object({ year: z.number(), version: z.number(), recomputed: z.number() }) },
      },
    },
    async (request) => {
      const { year } = request.params;
      const result = await saveOnlineStudyRule(ctx.db, actorOf(request), { year, sources: request.body.sources, note: request.body.note ?? null, version: request.body.version });
      return { year, ...result };
    },
  );
}
