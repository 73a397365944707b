import type { FastifyInstance } from 'fastify';
import { actorOf } from '../auth/guards';
import type { Database } from '../db/database';
import type { AuditActionCatalogue } from './actions';
import { recordAuditAlone } from './audit-log';

/** What a route declares to be audited on success: the action, and optionally the type of the object its `:id` names. */
export type RouteAudit = string | { action: string; targetType?: string };

declare module 'fastify' {
  interface FastifyContextConfig {
    /**
     * Cross-cutting audit by declaration (issue 19 item 5): a successful (2xx) answer of the route records this
     * action with the query as details, before the first byte of the answer goes out. For exports and downloads whose
     * audit needs nothing but the filter; a route whose audit needs domain data records it by hand.
     */
    audit?: RouteAudit;
  }
}

const actionOf = (declared: RouteAudit): string => (typeof declared === 'string' ? declared : declared.action);

/**
 * The one hook that records every route's declared `config.audit`; a route registered after it whose `config.audit`
 * names an action no module declares (`ServerModule.auditActions`) is refused when it is registered.
 */
export function registerRouteAudit(app: FastifyInstance, db: Database, actions: Pick<AuditActionCatalogue, 'has'>): void {
  app.addHook('onRoute', (route) => {
    const declared = route.config?.audit;
    if (declared && !actions.has(actionOf(declared))) {
      throw new Error(`Route ${String(route.method)} ${route.url} audits as ${actionOf(declared)}, which no module declares (auditActions in its module.ts)`);
    }
  });
  app.addHook('onSend', async (request, reply, payload) => {
    const declared = request.routeOptions.config.audit;
    if (!declared || reply.statusCode < 200 || reply.statusCode >= 300) return payload;
    const { action, targetType } = typeof declared === 'string' ? { action: declared, targetType: undefined } : declared;
    const params = request.params as Record<string, unknown> | undefined;
    const targetId = typeof params?.id === 'number' || typeof params?.id === 'string' ? params.id : undefined;
    const query = request.query as Record<string, unknown> | undefined;
    await recordAuditAlone(db, actorOf(request), { action, targetType, targetId, details: { ...query } });
    return payload;
  });
}
