import { z } from 'zod';
import { eligibilityRulesAnswerSchema, eligibilityRulesVersionSchema } from '../../../contract/filings';
import { eligibilityRulesSchema } from '../../../domain/eligibility';
import { actorOf, callerOf } from '../../auth/guards';
import type { AppContext } from '../../context';
import type { ZodApp } from '../../http';
import { filingServices } from './services';

/** Eligibility rules as versioned data: everyone signed in reads them; the province publishes new versions. */
export function eligibilityRuleRoutes(app: ZodApp, ctx: AppContext): void {
  const { rules } = filingServices(ctx);
  const tags = ['eligibility rules'];

  app.get(
    '/api/eligibility-rules',
    { config: { access: 'complete' }, schema: { tags, summary: '首席质量官任职条件（现行版本与历史版本）', response: { 200: eligibilityRulesAnswerSchema } } },
    () => rules.versions(),
  );

  app.post(
    '/api/eligibility-rules',
    {
      config: { access: 'targets:manage' },
      schema: {
        tags,
        summary: '发布新版任职条件（此后提交的备案按新版审查）',
        body: z.object({
          rules: eligibilityRulesSchema.meta({ title: '规则' }),
          note: z.string().trim().min(2, { error: '请说明修订依据' }).max(500).meta({ title: '修订依据' }),
        }),
        response: { 201: eligibilityRulesVersionSchema },
      },
    },
    async (request, reply) => reply.code(201).send(await rules.publish(callerOf(request), actorOf(request), request.body)),
  );
}
