import { sql } from 'kysely';
import { z } from 'zod';
import type { ZodApp } from '../../http';
import type { AppContext } from '../../context';

export function healthRoutes(app: ZodApp, ctx: AppContext): void {
  app.get(
    '/api/health',
    {
      config: { access: 'public' },
      schema: {
        tags: ['health'],
        summary: '存活与数据库检查',
        response: { 200: z.object({ status: z.literal('ok'), db: z.literal('ok') }), 503: z.object({ status: z.string(), db: z.string() }) },
      },
    },
    async (_request, reply) => {
      try {
        await sql`select 1`.execute(ctx.db);
        return { status: 'ok' as const, db: 'ok' as const };
      } catch {
        return reply.code(503).send({ status: 'degraded', db: 'unavailable' });
      }
    },
  );
}
