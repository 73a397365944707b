import { AppError } from '../errors';

/**
 * Errors that mean "the database is not there right now" (down, restarting, refusing connections, connection
 * cut), as opposed to a bad query. The error handler answers them 503 DB_UNAVAILABLE; the pool drops the broken
 * connections and the next request opens new ones, so the node recovers by itself when the database returns.
 */
const UNAVAILABLE_SQLSTATES = new Set([
  '57P01', // admin_shutdown (pg_terminate_backend, fast shutdown)
  '57P02', // crash_shutdown
  '57P03', // cannot_connect_now (starting up, shutting down, recovery)
  '53300', // too_many_connections
  '3D000', // invalid_catalog_name: database does not exist (dropped, not yet restored)
]);
const UNAVAILABLE_NODE_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'EHOSTUNREACH', 'ENOTFOUND', 'EAI_AGAIN']);
const UNAVAILABLE_MESSAGES = [
  /Connection terminated/i,
  /timeout exceeded when trying to connect/i,
  /is not currently accepting connections/i,
  /Client has encountered a connection error/i,
  /PGlite is closed/i,
  /Client was closed and is not queryable/i,
];

export function isDatabaseUnavailable(err: unknown): boolean {
  for (let e: unknown = err, depth = 0; e && typeof e === 'object' && depth < 5; e = (e as { cause?: unknown }).cause, depth++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string' && (UNAVAILABLE_SQLSTATES.has(code) || code.startsWith('08') || UNAVAILABLE_NODE_CODES.has(code))) return true;
    const message = (e as { message?: unknown }).message;
    if (typeof message === 'string' && UNAVAILABLE_MESSAGES.some((m) => m.test(message))) return true;
  }
  return false;
}

/** SQLSTATE 25006: a write reached a read-only database (a standby, or a read-only node's connection). */
export const isReadOnlyViolation = (err: unknown): boolean => (err as { code?: unknown } | null)?.code === '25006';

export const dbUnavailable = (): AppError => new AppError(503, 'DB_UNAVAILABLE', '数据库暂时不可用，请稍后重试');
export const readOnlyNode = (): AppError =>
  new AppError(503, 'READ_ONLY', '本节点为只读节点（连接只读副本），暂不能保存或修改数据，请稍后重试或通过主站点操作');
