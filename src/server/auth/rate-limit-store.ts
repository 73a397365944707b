import { sql, type Kysely } from 'kysely';
import { clock } from '../clock';
import type { DB } from '../db/types';

/**
 * Rate limits kept in the database (`rate_limits`), so every app node counts against the same limit and a
 * restart resets nothing. One row per key holds a fixed window's start and its count; one statement counts
 * and answers, so parallel requests on any number of nodes cannot all read the same count.
 */
export async function countHit(db: Kysely<DB>, key: string, windowMs: number): Promise<{ count: number; ttlMs: number }> {
  const now = clock.nowMs();
  const windowStart = Math.floor(now / windowMs) * windowMs;
  const row = await sql<{ count: number }>`
    insert into rate_limits (key, window_start, count) values (${key}, ${windowStart}, 1)
    on conflict (key) do update set
      count = case when rate_limits.window_start = excluded.window_start then rate_limits.count + 1 else 1 end,
      window_start = excluded.window_start
    returning count`.execute(db);
  // now and then, forget windows that ended more than a day ago
  if (Math.random() < 0.01) await sql`delete from rate_limits where window_start < ${now - 86_400_000}`.execute(db);
  return { count: Number(row.rows[0]?.count ?? 1), ttlMs: windowStart + windowMs - now };
}

/** The count of the current window without counting (0 when the window has passed). */
export async function peekHits(db: Kysely<DB>, key: string, windowMs: number): Promise<number> {
  const windowStart = Math.floor(clock.nowMs() / windowMs) * windowMs;
  const row = await db.selectFrom('rate_limits').select('count').where('key', '=', key).where('window_start', '=', windowStart).executeTakeFirst();
  return row?.count ?? 0;
}

type Callback = (err: Error | null, res?: { current: number; ttl: number }) => void;
interface RouteParams {
  routeInfo?: { method?: string | string[]; url?: string };
}

/**
 * A store for @fastify/rate-limit (`store` option): each route's limit is its own key space
 * (`<method> <url>|<client key>`), as the in-memory store keeps one map per route.
 */
export function databaseRateLimitStore(db: Kysely<DB>) {
  return class DatabaseRateLimitStore {
    constructor(
      _params: unknown,
      private readonly prefix = 'global',
    ) {}

    incr(key: string, callback: Callback, timeWindow: number): void {
      countHit(db, `${this.prefix}|${key}`, timeWindow).then(
        ({ count, ttlMs }) => callback(null, { current: count, ttl: ttlMs }),
        (err: unknown) => callback(err instanceof Error ? err : new Error(String(err))),
      );
    }

    read(key: string, callback: Callback, timeWindow: number): void {
      peekHits(db, `${this.prefix}|${key}`, timeWindow).then(
        (count) => callback(null, { current: count, ttl: timeWindow }),
        (err: unknown) => callback(err instanceof Error ? err : new Error(String(err))),
      );
    }

    child(params: RouteParams): DatabaseRateLimitStore {
      const method = params.routeInfo?.method;
      return new DatabaseRateLimitStore(params, `${Array.isArray(method) ? method.join(',') : (method ?? '')} ${params.routeInfo?.url ?? ''}`);
    }
  };
}
