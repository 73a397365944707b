import { z } from 'zod';
import { eligibilityRulesSchema } from '../../../domain/eligibility';
import { recordAudit } from '../../audit/audit-log';
import { actorOf, callerOf } from '../../auth/guards';
import type { AppContext } from '../../context';
import type { ZodApp } from '../../http';

/** Eligibility rules as versioned data: everyone signed in reads them; the province publishes new versions. */
export function eligibilityRuleRoutes(app: ZodApp, ctx: AppContext): void {
  const tags = ['eligibility rules'];
  const version = z.object({ version: z.number(), rules: eligibilityRulesSchema, note: z.string().nullable(), createdAt: z.date() });

  app.get(
    '/api/eligibility-rules',
    { config: { access: 'complete' }, schema: { tags, summary: '首席质量官任职条件（现行版本与历史版本）', response: { 200: z.object({ current: version, history: z.array(version) }) } } },
    async () => {
      const rows = await ctx.db.selectFrom('eligibility_rules').select(['version', 'rules', 'note', 'created_at as createdAt']).orderBy('version', 'desc').execute();
      const all = rows.map((r) => ({ ...r, rules: eligibilityRulesSchema.parse(r.rules) }));
      const [current, ...history] = all;
      if (!current) throw new Error('eligibility rules are not seeded');
      return { current, history };
    },
  );

  app.post(
    '/api/eligibility-rules',
    {
      config: { access: 'targets:manage' },
      schema: { tags, summary: '发布新版任职条件（此后提交的备案按新版审查）', body: z.object({ rules: eligibilityRulesSchema, note: z.string().trim().min(2, { error: '请说明修订依据' }).max(500) }), response: { 201: version } },
    },
    async (request, reply) => {
      const caller = callerOf(request);
      const row = await ctx.db.transaction().execute(async (trx) => {
        const last = await trx.selectFrom('eligibility_rules').select((eb) => eb.fn.max('version').as('v')).executeTakeFirstOrThrow();
        const next = Number(last.v ?? 0) + 1;
        const inserted = await trx
          .insertInto('eligibility_rules')
          .values({ version: next, rules: JSON.stringify(request.body.rules), note: request.body.note, created_by: caller.accountId })
          .returning(['version', 'rules', 'note', 'created_at as createdAt'])
          .executeTakeFirstOrThrow();
        await recordAudit(trx, actorOf(request), { action: 'eligibility_rules.publish', targetType: 'eligibility_rules', targetId: next, details: { note: request.body.note } });
        return inserted;
      });
      return reply.code(201).send({ ...row, rules: eligibilityRulesSchema.parse(row.rules) });
    },
  );
}
