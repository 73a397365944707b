import { healthDegradedSchema, healthSchema } from '../../../contract/admin';
import type { ZodApp } from '../../http';
import type { AppContext } from '../../context';
import { healthServices } from './services';

export function healthRoutes(app: ZodApp, ctx: AppContext): void {
  const { health } = healthServices(ctx);
  app.get(
    '/api/health',
    {
      config: { access: 'public' },
      schema: {
        tags: ['health'],
        summary: '存活与数据库检查',
        response: { 200: healthSchema, 503: healthDegradedSchema },
      },
    },
    async (_request, reply) => {
      if (await health.databaseAnswers()) return { status: 'ok' as const, db: 'ok' as const };
      return reply.code(503).send({ status: 'degraded', db: 'unavailable' });
    },
  );
}
