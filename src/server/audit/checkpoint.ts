import fs from 'node:fs';
import path from 'node:path';
import type { Kysely } from 'kysely';
import { clock } from '../clock';
import type { CryptoService } from '../crypto/index';
import type { DB } from '../db/types';
import { canonicalJson, verifyAuditChain, type ChainVerification } from './audit-log';

/**
 * Signed checkpoints of the audit chain's head, kept outside the database: the application's database role
 * can delete nothing here, so deleting the newest rows or rewriting the chain is caught by `audit:verify`.
 * One JSON object per line in `<dir>/audit-checkpoints.jsonl` (appended, never rewritten), and optionally
 * POSTed as JSON to an external sink (`CQO_AUDIT_CHECKPOINT_URL`).
 */
export interface AuditCheckpoint {
  seq: number;
  hash: string;
  at: string;
  keyId: string;
  /** `ed25519` or `sm2-sm3` (absent in checkpoints written before the gm profile: Ed25519). */
  algorithm?: string;
  signature: string;
}

export const CHECKPOINT_FILE = 'audit-checkpoints.jsonl';

const signedPayload = (c: Pick<AuditCheckpoint, 'seq' | 'hash' | 'at'>): string =>
  canonicalJson({ kind: 'cqo-audit-checkpoint', seq: c.seq, hash: c.hash, at: c.at });

export interface CheckpointTarget {
  dir: string;
  url?: string | undefined;
}

/** Signs the current head (seq 0 and the genesis hash for an empty log) and appends it; posts it when a URL is set. */
export async function writeCheckpoint(db: Kysely<DB>, crypto: CryptoService, target: CheckpointTarget): Promise<AuditCheckpoint> {
  const head = await db.selectFrom('audit_events').select(['seq', 'hash']).orderBy('seq', 'desc').limit(1).executeTakeFirst();
  const body = { seq: head?.seq ?? 0, hash: head?.hash ?? '0'.repeat(64), at: clock.now().toISOString() };
  const { signature, keyId, algorithm } = crypto.sign(signedPayload(body));
  const checkpoint: AuditCheckpoint = { ...body, keyId, algorithm, signature };
  fs.mkdirSync(target.dir, { recursive: true, mode: 0o700 });
  fs.appendFileSync(path.join(target.dir, CHECKPOINT_FILE), `${JSON.stringify(checkpoint)}\n`, { mode: 0o600 });
  if (target.url) {
    const res = await fetch(target.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(checkpoint),
      signal: AbortSignal.timeout(10_000),
    });
    if (!res.ok) throw new Error(`Audit checkpoint sink answered ${res.status}`);
  }
  return checkpoint;
}

/** The newest checkpoint in the directory whose signature holds (lines with a bad signature are ignored and counted). */
export function latestCheckpoint(dir: string, crypto: CryptoService): { checkpoint: AuditCheckpoint | null; forged: number } {
  const file = path.join(dir, CHECKPOINT_FILE);
  if (!fs.existsSync(file)) return { checkpoint: null, forged: 0 };
  let best: AuditCheckpoint | null = null;
  let forged = 0;
  for (const line of fs.readFileSync(file, 'utf8').split('\n')) {
    if (!line.trim()) continue;
    let c: AuditCheckpoint;
    try {
      c = JSON.parse(line) as AuditCheckpoint;
    } catch {
      forged += 1;
      continue;
    }
    if (typeof c.seq !== 'number' || typeof c.hash !== 'string' || !crypto.verifySignature(signedPayload(c), c.signature, c.keyId, c.algorithm ?? 'ed25519')) {
      forged += 1;
      continue;
    }
    if (!best || c.seq > best.seq || (c.seq === best.seq && c.at > best.at)) best = c;
  }
  return { checkpoint: best, forged };
}

export interface FullVerification extends ChainVerification {
  checkpoint: AuditCheckpoint | null;
  /** Lines of the checkpoint file whose signature did not hold. */
  forgedCheckpoints: number;
}

/**
 * The chain (every row's link and keyed hash) and then the latest signed checkpoint: its row must still be
 * there with the same hash, so removing the tail, truncating or rewriting and re-hashing the chain fails.
 */
export async function verifyAuditWithCheckpoint(db: Kysely<DB>, crypto: CryptoService, dir: string): Promise<FullVerification> {
  const chain = await verifyAuditChain(db);
  const { checkpoint, forged } = latestCheckpoint(dir, crypto);
  const result: FullVerification = { ...chain, checkpoint, forgedCheckpoints: forged };
  if (!chain.ok || !checkpoint) return result;
  const firstBad = await compareWithCheckpoint(db, checkpoint, chain.checked);
  return firstBad ? { ...result, ok: false, firstBad } : result;
}

/** After an intact chain of `rows` rows: the checkpoint's row must still be there with the signed hash. */
export async function compareWithCheckpoint(db: Kysely<DB>, checkpoint: AuditCheckpoint, rows: number): Promise<ChainVerification['firstBad']> {
  if (checkpoint.seq === 0) return undefined;
  const row = await db.selectFrom('audit_events').select(['id', 'hash']).where('seq', '=', checkpoint.seq).executeTakeFirst();
  if (!row) {
    const reason =
      rows === 0
        ? `审计表已被清空：签名检查点（${checkpoint.at}）记录到第 ${checkpoint.seq} 条`
        : `末尾记录已被删除：签名检查点（${checkpoint.at}）记录到第 ${checkpoint.seq} 条，表中只剩 ${rows} 条`;
    return { id: null, seq: rows + 1, reason };
  }
  if (row.hash !== checkpoint.hash) {
    return { id: row.id, seq: checkpoint.seq, reason: `第 ${checkpoint.seq} 条的哈希与签名检查点（${checkpoint.at}）不符：审计链已被改写` };
  }
  return undefined;
}

/** Writes a checkpoint every `minutes` (and returns a stop function that writes a last one). */
export function scheduleCheckpoints(write: () => Promise<unknown>, minutes: number, onError: (err: unknown) => void): { stop: () => Promise<void> } {
  const run = () => write().catch(onError);
  void run();
  const timer = setInterval(() => void run(), minutes * 60_000);
  timer.unref();
  return {
    stop: async () => {
      clearInterval(timer);
      await run();
    },
  };
}
