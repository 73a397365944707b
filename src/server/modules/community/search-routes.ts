import { z } from 'zod';
import { searchResultSchema } from '../../../contract/community';
import { callerOf } from '../../auth/guards';
import type { AppContext } from '../../context';
import { pageQuery, type ZodApp } from '../../http';
import { tags, text } from './route-fields';
import type { SearchSource } from './search';
import { communityServices } from './services';

/**
 * The unified community search. `otherSources`: what it covers besides the forum, given by modules that build on the
 * community (the case library) so the community module does not depend on them.
 */
export function communitySearchRoutes(app: ZodApp, ctx: AppContext, otherSources: SearchSource[] = []): void {
  const { search } = communityServices(ctx, otherSources);

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
