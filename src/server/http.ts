import type { FastifyBaseLogger, FastifyInstance, FastifyReply, RawReplyDefaultExpression, RawRequestDefaultExpression, RawServerDefault } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { SESSION_COOKIE } from './auth/session-store';

/** Shared with the web through the API contract (src/contract/common.ts). */
export { idParams, pageOf, pageQuery, updateBody, versionField } from '../contract/common';

/** The Fastify instance with the zod type provider, as every module receives it. */
export type ZodApp = FastifyInstance<RawServerDefault, RawRequestDefaultExpression, RawReplyDefaultExpression, FastifyBaseLogger, ZodTypeProvider>;

export const errorSchema = z.object({
  error: z.object({
    code: z.string(),
    message: z.string(),
    fields: z.array(z.object({ path: z.string(), message: z.string(), label: z.string().optional() })).optional(),
  }),
});

export function setSessionCookie(reply: FastifyReply, token: string, expiresAt: Date, secure: boolean): void {
  void reply.setCookie(SESSION_COOKIE, token, { path: '/', httpOnly: true, sameSite: 'strict', secure, expires: expiresAt });
}

export function clearSessionCookie(reply: FastifyReply, secure: boolean): void {
  void reply.clearCookie(SESSION_COOKIE, { path: '/', httpOnly: true, sameSite: 'strict', secure });
}

/** The fields of an update that were sent (drops `undefined`), to lay over the stored record. */
export function definedOnly<T extends Record<string, unknown>>(sent: T): Partial<T> {
  return Object.fromEntries(Object.entries(sent).filter(([, v]) => v !== undefined)) as Partial<T>;
}
