import type { FastifyBaseLogger, FastifyInstance, FastifyReply, RawReplyDefaultExpression, RawRequestDefaultExpression, RawServerDefault } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { SESSION_COOKIE } from './auth/session-store';

/** The Fastify instance with the zod type provider, as every module receives it. */
export type ZodApp = FastifyInstance<RawServerDefault, RawRequestDefaultExpression, RawReplyDefaultExpression, FastifyBaseLogger, ZodTypeProvider>;

export const errorSchema = z.object({
  error: z.object({
    code: z.string(),
    message: z.string(),
    fields: z.array(z.object({ path: z.string(), message: z.string(), label: z.string().optional() })).optional(),
  }),
});

export const pageQuery = {
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(20),
};

export const idParams = z.object({ id: z.coerce.number().int().positive() });

/** The version of the record the editor loaded; every edit of a versioned record carries it (optimistic locking). */
export const versionField = z.number({ error: '缺少版本号，请刷新后重试' }).int().positive();

export function pageOf<T extends z.ZodType>(item: T) {
  return z.object({ items: z.array(item), total: z.number(), page: z.number(), pageSize: z.number() });
}

export function setSessionCookie(reply: FastifyReply, token: string, expiresAt: Date, secure: boolean): void {
  void reply.setCookie(SESSION_COOKIE, token, { path: '/', httpOnly: true, sameSite: 'strict', secure, expires: expiresAt });
}

export function clearSessionCookie(reply: FastifyReply, secure: boolean): void {
  void reply.clearCookie(SESSION_COOKIE, { path: '/', httpOnly: true, sameSite: 'strict', secure });
}

type WithoutDefaults<S extends z.ZodRawShape> = { [K in keyof S]: S[K] extends z.ZodDefault<infer Inner> ? z.ZodOptional<Inner> : S[K] };

/**
 * The body of an update (PUT/PATCH) from a create schema: a field with a default becomes optional without it. An
 * update changes only the fields it carries; a field not sent keeps its stored value and is never reset to a default
 * (null clears a field that may be empty).
 */
export function updateBody<S extends z.ZodRawShape>(schema: z.ZodObject<S>): z.ZodObject<WithoutDefaults<S>> {
  const shape = Object.fromEntries(Object.entries(schema.shape).map(([key, field]) => [key, field instanceof z.ZodDefault ? (field.unwrap() as z.ZodType).optional() : field]));
  return z.object(shape) as unknown as z.ZodObject<WithoutDefaults<S>>;
}

/** The fields of an update that were sent (drops `undefined`), to lay over the stored record. */
export function definedOnly<T extends Record<string, unknown>>(sent: T): Partial<T> {
  return Object.fromEntries(Object.entries(sent).filter(([, v]) => v !== undefined)) as Partial<T>;
}
