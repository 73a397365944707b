import { sql, type Kysely, type Transaction } from 'kysely';
import crypto from 'node:crypto';
import { sha256Hex, timingSafeEqualHex, type AuditChainKeys } from '../crypto/index';
import { redact } from './redact';

export { redact };
import type { Database } from '../db/database';
import type { AuditEventRow, DB } from '../db/types';
import { clock } from '../clock';

/** Who did it, from where: taken from the request by the route and handed to services. */
export interface Actor {
  accountId: number | null;
  username: string | null;
  role: string | null;
  ip: string | null;
}

export interface AuditEntry {
  action: string;
  targetType?: string;
  targetId?: string | number;
  result?: 'success' | 'failure';
  details?: Record<string, unknown>;
}

/** Serialises the chain: every writer takes this lock, so seq has no gaps and prev_hash is the true predecessor. */
const AUDIT_CHAIN_LOCK = 7_270_001;
export const GENESIS_HASH = '0'.repeat(64);

/** JSON with object keys sorted at every level, so the hash does not depend on key order (jsonb reorders). */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value ?? null);
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
}

type ChainFields = Pick<
  AuditEventRow,
  | 'seq'
  | 'occurred_at'
  | 'actor_account_id'
  | 'actor_username'
  | 'actor_role'
  | 'ip'
  | 'action'
  | 'target_type'
  | 'target_id'
  | 'result'
  | 'details'
  | 'prev_hash'
>;

export type HashAlgorithm = 'sha256' | 'hmac-sha256' | 'hmac-sm3';
type KeyedAlgorithm = Exclude<HashAlgorithm, 'sha256'>;

const HMAC_DIGEST: Record<KeyedAlgorithm, string> = { 'hmac-sha256': 'sha256', 'hmac-sm3': 'sm3' };

/**
 * The keys of the chain's MAC, set once at start-up from `crypto.auditChain('audit-chain')` (app, CLIs, tests):
 * new rows are written with the active profile's algorithm (`hmac-sha256` or, in the gm profile, `hmac-sm3`),
 * and every row verifies with the algorithm it records, so a chain that crosses a profile change stays whole.
 * A bare Buffer is an HMAC-SHA-256 key (tests). Rows written before migration 0025 carry `sha256` and verify without a key.
 */
let chain: AuditChainKeys | null = null;
export function configureAuditChain(config: Buffer | AuditChainKeys): void {
  chain = Buffer.isBuffer(config) ? { write: 'hmac-sha256', keys: { 'hmac-sha256': { key: config, keyId: '' } } } : config;
}

function requireChain(): AuditChainKeys {
  if (!chain) throw new Error('Audit chain key not configured: call configureAuditChain(crypto.auditChain(AUDIT_CHAIN_PURPOSE)) at start-up');
  return chain;
}
export const AUDIT_CHAIN_PURPOSE = 'audit-chain';

/** The row's hash with its algorithm (a key, or the configured keys); a keyed algorithm whose key is not loaded throws. */
export function chainHash(row: ChainFields, algorithm: HashAlgorithm = 'sha256', keys: AuditChainKeys | Buffer | null = chain): string {
  const text = chainText(row);
  if (algorithm === 'sha256') return sha256Hex(text);
  const key = Buffer.isBuffer(keys) ? keys : keys?.keys[algorithm]?.key;
  if (!key) throw new Error(`Audit chain key for ${algorithm} not configured`);
  return crypto.createHmac(HMAC_DIGEST[algorithm], key).update(text, 'utf8').digest('hex');
}

function chainText(row: ChainFields): string {
  return canonicalJson([
    row.seq,
    new Date(row.occurred_at).toISOString(),
    row.actor_account_id,
    row.actor_username,
    row.actor_role,
    row.ip,
    row.action,
    row.target_type,
    row.target_id,
    row.result,
    row.details,
    row.prev_hash,
  ]);
}

/** Appends one event; call it inside the transaction of the change it records. */
export async function recordAudit(trx: Transaction<DB>, actor: Actor, entry: AuditEntry): Promise<void> {
  const keys = requireChain();
  const algorithm: KeyedAlgorithm = keys.write;
  await sql`select pg_advisory_xact_lock(${AUDIT_CHAIN_LOCK})`.execute(trx);
  const last = await trx.selectFrom('audit_events').select(['seq', 'hash']).orderBy('seq', 'desc').limit(1).executeTakeFirst();
  const row: ChainFields = {
    seq: (last?.seq ?? 0) + 1,
    // millisecond precision so the value read back hashes the same as the value written
    occurred_at: new Date(Math.floor(clock.nowMs())),
    actor_account_id: actor.accountId,
    actor_username: actor.username,
    actor_role: actor.role,
    ip: actor.ip,
    action: entry.action,
    target_type: entry.targetType ?? null,
    target_id: entry.targetId === undefined ? null : String(entry.targetId),
    result: entry.result ?? 'success',
    details: redact(entry.details ?? {}),
    prev_hash: last?.hash ?? GENESIS_HASH,
  };
  await trx
    .insertInto('audit_events')
    .values({
      ...row,
      details: JSON.stringify(row.details),
      hash_alg: algorithm,
      hash_key_id: keys.keys[algorithm]?.keyId || null,
      hash: chainHash(row, algorithm, keys),
    })
    .execute();
}

/** Records an event in a transaction of its own (failed logins, refused requests: nothing else to commit). */
export async function recordAuditAlone(db: Database, actor: Actor, entry: AuditEntry): Promise<void> {
  await db.transaction().execute((trx) => recordAudit(trx, actor, entry));
}

export interface ChainVerification {
  ok: boolean;
  checked: number;
  firstBad?: { id: number | null; seq: number; reason: string };
}

/** Where a verification stands: the next seq expected and the hash it must link to. */
export interface ChainCursor {
  nextSeq: number;
  prevHash: string;
  /** Set once a keyed row has been seen: an unkeyed row after it is a downgrade (a rewrite without the key). */
  keyed?: boolean;
}

export const CHAIN_START: ChainCursor = { nextSeq: 1, prevHash: GENESIS_HASH, keyed: false };

/**
 * Checks up to `limit` rows from the cursor. Returns the new cursor, how many rows were checked, whether
 * the end was reached, and the first bad row if one was found.
 */
export async function verifyAuditChunk(
  db: Kysely<DB>,
  cursor: ChainCursor,
  limit: number,
): Promise<{ cursor: ChainCursor; checked: number; end: boolean; firstBad?: ChainVerification['firstBad'] }> {
  const rows = await db.selectFrom('audit_events').selectAll().where('seq', '>=', cursor.nextSeq).orderBy('seq').limit(limit).execute();
  const keys = requireChain();
  let { nextSeq, prevHash } = cursor;
  let keyed = cursor.keyed ?? false;
  let checked = 0;
  for (const row of rows) {
    const bad = (id: number | null, seq: number, reason: string) => ({
      cursor: { nextSeq, prevHash, keyed },
      checked,
      end: true,
      firstBad: { id, seq, reason },
    });
    if (row.seq !== nextSeq) return bad(null, nextSeq, `第 ${nextSeq} 条记录缺失（已被删除）`);
    if (row.prev_hash !== prevHash) return bad(row.id, row.seq, '前序哈希不匹配（前一条记录被篡改或删除）');
    if (row.hash_alg === 'sha256' && keyed) return bad(row.id, row.seq, '记录在带密钥的记录之后却使用无密钥哈希（已被改写）');
    if (row.hash_alg !== 'sha256' && !keys.keys[row.hash_alg]) return bad(row.id, row.seq, `记录使用 ${row.hash_alg} 哈希，但未加载其密钥，无法核验`);
    if (!timingSafeEqualHex(chainHash(row, row.hash_alg, keys), row.hash)) return bad(row.id, row.seq, '记录内容与哈希不符（已被篡改）');
    if (row.hash_alg !== 'sha256') keyed = true;
    prevHash = row.hash;
    nextSeq += 1;
    checked += 1;
  }
  return { cursor: { nextSeq, prevHash, keyed }, checked, end: rows.length < limit };
}

/** Walks the whole chain in seq order and reports the first row that was changed, removed or inserted. */
export async function verifyAuditChain(db: Database, pageSize = 2000): Promise<ChainVerification> {
  let cursor = CHAIN_START;
  let checked = 0;
  for (;;) {
    const chunk = await verifyAuditChunk(db, cursor, pageSize);
    checked += chunk.checked;
    cursor = chunk.cursor;
    if (chunk.firstBad) return { ok: false, checked, firstBad: chunk.firstBad };
    if (chunk.end) return { ok: true, checked };
  }
}
