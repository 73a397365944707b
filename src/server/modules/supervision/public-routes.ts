import { z } from 'zod';
import { AWARD_LEVELS, type AwardLevel } from '../../../domain/award-eligibility';
import { awardEligibilitySchema, blacklistNoticePageSchema } from '../../../contract/supervision-public';
import type { AppContext } from '../../context';
import { pageQuery, type ZodApp } from '../../http';
import { supervisionServices } from './services';

/**
 * What anyone may see without signing in: the blacklist notices (the officer's name masked, as on certificate
 * verification; the enterprise, the reason and the ban period in full) and the award-eligibility check, which
 * names no person at all. Both are rate-limited like certificate verification.
 */
export function supervisionPublicRoutes(app: ZodApp, ctx: AppContext): void {
  const { publicService } = supervisionServices(ctx);
  const tags = ['public'];

  app.get(
    '/api/public/blacklist-notices',
    {
      config: { access: 'public', rateLimit: { max: 30, timeWindow: 60_000 } },
      schema: {
        tags,
        summary: '首席质量官黑名单公告（姓名脱敏）',
        querystring: z.object({ ...pageQuery, q: z.string().trim().max(60).optional().meta({ title: '关键词' }) }),
        response: { 200: blacklistNoticePageSchema },
      },
    },
    (request) => publicService.blacklistNotices(request.query.page, request.query.pageSize, request.query.q),
  );

  app.get(
    '/api/public/award-eligibility',
    {
      config: { access: 'public', rateLimit: { max: 30, timeWindow: 60_000 } },
      schema: {
        tags,
        summary: '企业申报政府质量奖的首席质量官条件查询（可查询以往某日的结果：按当日的事实和条件版本）',
        querystring: z.object({
          uscc: z.string().max(40).meta({ title: '统一社会信用代码' }),
          level: z
            .enum(Object.keys(AWARD_LEVELS) as [AwardLevel], { error: '奖项级别应为省级、设区市或县级' })
            .default('province')
            .meta({ title: '层级' }),
          /** a past day to check as of (default today): the facts and the condition version of that day */
          asOf: z.iso
            .date({ error: '查询日期应为日期（YYYY-MM-DD）' })
            .refine((d) => d >= '2020-01-01', { error: '查询日期不能早于 2020-01-01（苏质委办〔2020〕9号）' })
            .optional()
            .meta({ title: '查询日期' }),
        }),
        response: { 200: awardEligibilitySchema },
      },
    },
    (request) => publicService.awardEligibility(request.query),
  );
}
