import { z } from 'zod';
import { AWARD_CONDITION_KINDS, AWARD_LEVELS, evaluateAwardEligibility, type AwardLevel } from '../../../domain/award-eligibility';
import { annualTargetHours } from '../../../domain/study-hours';
import { noticeStatus, NOTICE_STATUSES } from '../../../domain/supervision';
import { parseUscc } from '../../../domain/uscc';
import type { AppContext } from '../../context';
import { invalid, notFound } from '../../errors';
import { pageOf, pageQuery, type ZodApp } from '../../http';
import { studyMinutesFor } from '../study-ledger/ledger';
import { schemeInForce } from '../policy/award-conditions';
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
        summary: '企业申报政府质量奖的首席质量官条件查询',
        querystring: z.object({ uscc: z.string().max(40), level: z.enum(Object.keys(AWARD_LEVELS) as [AwardLevel], { error: '奖项级别应为省级、设区市或县级' }).default('province') }),
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
      const filing = await ctx.db
        .selectFrom('filings')
        .select(['person_id', 'appointment_date'])
        .where('enterprise_id', '=', enterprise.id)
        .where('status', '=', 'active')
        .orderBy('id', 'desc')
        .executeTakeFirst();
      const personId = filing?.person_id ?? null;
      const scheme = await schemeInForce(ctx.db, request.query.level, today);
      let trained = false;
      const study: { year: number; onlineMinutes: number; minutesPerHour: number; targetHours: number }[] = [];
      if (personId !== null) {
        const cert = await ctx.db
          .selectFrom('certificates')
          .select('id')
          .where('kind', '=', 'training_certificate')
          .where('person_id', '=', personId)
          .where('status', '=', 'valid')
          .where((eb) => eb.or([eb('expires_at', 'is', null), eb('expires_at', '>', clock.now())]))
          .executeTakeFirst();
        trained = Boolean(cert);
        const settings = await ctx.settings.studySettings();
        const year = Number(today.slice(0, 4));
        for (const y of [year, year - 1]) {
          const onlineMinutes = (await studyMinutesFor(ctx.db, [personId], y)).get(personId)?.online ?? 0;
          study.push({ year: y, onlineMinutes, minutesPerHour: settings.minutesPerHour, targetHours: annualTargetHours(settings, y) });
        }
      }
      const bans = await ctx.db
        .selectFrom('sanctions as s')
        .leftJoin('blacklist_notices as n', 'n.sanction_id', 's.id')
        .select(['s.person_id', 's.ban_end', 'n.notice_no'])
        .where('s.kind', '=', 'blacklist')
        .where('s.status', '=', 'in_force')
        .where('s.ban_end', '>=', today)
        .where((eb) => (personId === null ? eb('s.enterprise_id', '=', enterprise.id) : eb.or([eb('s.enterprise_id', '=', enterprise.id), eb('s.person_id', '=', personId)])))
        .execute();
      const facts = {
        today,
        officer: filing ? { appointmentDate: filing.appointment_date } : null,
        trained,
        study,
        bans: bans.map((b) => ({ noticeNo: b.notice_no, banEnd: b.ban_end ?? today, currentOfficer: personId !== null && b.person_id === personId })),
      };
      const result = evaluateAwardEligibility(facts, scheme.conditions);
      return { uscc, enterpriseName: enterprise.name, checkedOn: today, scheme: { level: scheme.level, levelLabel: scheme.levelLabel, version: scheme.version, adoptedOn: scheme.adoptedOn, note: scheme.note }, ...result };
    },
  );
}
