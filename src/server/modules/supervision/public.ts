import { z } from 'zod';
import { AWARD_CONDITION_KINDS, AWARD_LEVELS, evaluateAwardEligibility, type AwardLevel } from '../../../domain/award-eligibility';
import { noticeStatus, NOTICE_STATUSES } from '../../../domain/supervision';
import { parseUscc } from '../../../domain/uscc';
import type { AppContext } from '../../context';
import { invalid, notFound } from '../../errors';
import { pageOf, pageQuery, type ZodApp } from '../../http';
import { schemeInForce } from '../policy/award-conditions';
import { awardFactsOn } from '../policy/award-facts';
import { clock } from '../../clock';

const noticeSchema = z.object({
  noticeNo: z.string(),
  personNameMasked: z.string(),
  enterpriseName: z.string(),
  uscc: z.string(),
  reason: z.string(),
  banStart: z.string(),
  banEnd: z.string(),
  publishedAt: z.date(),
  status: z.enum(['in_force', 'pending', 'expired', 'removed']),
  statusLabel: z.string(),
  withdrawnAt: z.date().nullable(),
  withdrawnReason: z.string().nullable(),
});

const awardSchema = z.object({
  uscc: z.string(),
  enterpriseName: z.string(),
  checkedOn: z.string(),
  eligible: z.boolean(),
  scheme: z.object({ level: z.enum(['province', 'city', 'county']), levelLabel: z.string(), version: z.number(), adoptedOn: z.string(), note: z.string().nullable() }),
  conditions: z.array(z.object({ key: z.enum(AWARD_CONDITION_KINDS), label: z.string(), pass: z.boolean(), reason: z.string() })),
});

/**
 * What anyone may see without signing in: the blacklist notices (the officer's name masked, as on certificate
 * verification; the enterprise, the reason and the ban period in full) and the award-eligibility check, which
 * names no person at all. Both are rate-limited like certificate verification.
 */
export function supervisionPublicRoutes(app: ZodApp, ctx: AppContext): void {
  const tags = ['public'];

  app.get(
    '/api/public/blacklist-notices',
    {
      config: { access: 'public', rateLimit: { max: 30, timeWindow: 60_000 } },
      schema: {
        tags,
        summary: '首席质量官黑名单公告（姓名脱敏）',
        querystring: z.object({ ...pageQuery, q: z.string().trim().max(60).optional() }),
        response: { 200: pageOf(noticeSchema) },
      },
    },
    async (request) => {
      const { page, pageSize, q } = request.query;
      let query = ctx.db.selectFrom('blacklist_notices');
      if (q) query = query.where((eb) => eb.or([eb('enterprise_name', 'like', `%${q}%`), eb('notice_no', 'like', `%${q}%`), eb('uscc', '=', q.toUpperCase())]));
      const [{ total }, rows] = await Promise.all([
        query.select((eb) => eb.fn.countAll<number>().as('total')).executeTakeFirstOrThrow(),
        query
          .select(['notice_no', 'person_name_masked', 'enterprise_name', 'uscc', 'reason', 'ban_start', 'ban_end', 'published_at', 'withdrawn_at', 'withdrawn_reason'])
          .orderBy('published_at', 'desc')
          .orderBy('id', 'desc')
          .limit(pageSize)
          .offset((page - 1) * pageSize)
          .execute(),
      ]);
      const today = clock.today();
      const items = rows.map((r) => {
        const status = noticeStatus({ withdrawnAt: r.withdrawn_at, banStart: r.ban_start, banEnd: r.ban_end }, today);
        return {
          noticeNo: r.notice_no,
          personNameMasked: r.person_name_masked,
          enterpriseName: r.enterprise_name,
          uscc: r.uscc,
          reason: r.reason,
          banStart: r.ban_start,
          banEnd: r.ban_end,
          publishedAt: r.published_at,
          status,
          statusLabel: NOTICE_STATUSES[status],
          withdrawnAt: r.withdrawn_at,
          withdrawnReason: r.withdrawn_reason,
        };
      });
      return { items, total: Number(total), page, pageSize };
    },
  );

  app.get(
    '/api/public/award-eligibility',
    {
      config: { access: 'public', rateLimit: { max: 30, timeWindow: 60_000 } },
      schema: {
        tags,
        summary: '企业申报政府质量奖的首席质量官条件查询（可查询以往某日的结果：按当日的事实和条件版本）',
        querystring: z.object({
          uscc: z.string().max(40),
          level: z.enum(Object.keys(AWARD_LEVELS) as [AwardLevel], { error: '奖项级别应为省级、设区市或县级' }).default('province'),
          /** a past day to check as of (default today): the facts and the condition version of that day */
          asOf: z.iso.date({ error: '查询日期应为日期（YYYY-MM-DD）' }).refine((d) => d >= '2020-01-01', { error: '查询日期不能早于 2020-01-01（苏质委办〔2020〕9号）' }).optional(),
        }),
        response: { 200: awardSchema },
      },
    },
    async (request) => {
      const parsed = parseUscc(request.query.uscc);
      if (!parsed.ok) throw invalid('uscc', parsed.message);
      const uscc = parsed.value.uscc;
      const enterprise = await ctx.db.selectFrom('enterprises').select(['id', 'name']).where('uscc', '=', uscc).executeTakeFirst();
      if (!enterprise) throw notFound('该统一社会信用代码对应的企业（企业须先在本系统登记）');
      const today = clock.today();
      const day = request.query.asOf ?? today;
      if (day > today) throw invalid('asOf', '查询日期不能晚于今天');
      // the facts and the award-condition version of that day: a past day's check reads the same whenever it is repeated
      const scheme = await schemeInForce(ctx.db, request.query.level, day);
      const { facts } = await awardFactsOn(ctx.db, ctx.settings, enterprise.id, day);
      const result = evaluateAwardEligibility(facts, scheme.conditions);
      return { uscc, enterpriseName: enterprise.name, checkedOn: day, scheme: { level: scheme.level, levelLabel: scheme.levelLabel, version: scheme.version, adoptedOn: scheme.adoptedOn, note: scheme.note }, ...result };
    },
  );
}
