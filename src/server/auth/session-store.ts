import type DataLoader from 'dataloader';
import { sql } from 'kysely';
import type { SecurityPolicy } from '../../domain/password-policy';
import type { Role } from '../../domain/permissions';
import { randomToken, sha256Hex } from '../crypto/index';
import type { Database } from '../db/database';
import { turnBatcher } from '../db/turn-batcher';
import { clock } from '../clock';

export const SESSION_COOKIE = 'cqo_sid';

/** What a request knows about its caller once the session cookie is checked. */
export interface SessionAccount {
  sessionId: number;
  accountId: number;
  username: string;
  displayName: string;
  role: Role;
  orgUnitId: number;
  orgUnitPath: string;
  orgUnitName: string;
  orgUnitCode: string;
  orgUnitKind: string;
  mustChangePassword: boolean;
  passwordChangedAt: Date;
  totpEnabled: boolean;
  expiresAt: Date;
  /** The enterprise an enterprise account acts for. */
  enterpriseId: number | null;
  /** GB/T 4754 sections a department account covers (null: all). */
  industryScope: string[] | null;
}

/** Last-seen is written at most this often, so reads do not turn into writes on every request. */
const TOUCH_EVERY_MS = 30_000;

export async function createSession(
  db: Database,
  accountId: number,
  policy: SecurityPolicy,
  meta: { ip: string | null; userAgent: string | null },
  /** The identity provider's issuer, subject and session id, when signed in through it (back-channel logout). */
  idp?: { issuer: string; subject: string; sid: string | null },
): Promise<{ token: string; expiresAt: Date }> {
  const token = randomToken();
  const now = clock.now();
  const expiresAt = new Date(now.getTime() + policy.sessionAbsoluteHours * 3600_000);
  await db
    .insertInto('sessions')
    .values({
      token_hash: sha256Hex(token),
      account_id: accountId,
      created_at: now,
      last_seen_at: now,
      expires_at: expiresAt,
      ip: meta.ip,
      user_agent: meta.userAgent?.slice(0, 300) ?? null,
      idp_issuer: idp?.issuer ?? null,
      idp_subject: idp?.subject ?? null,
      idp_sid: idp?.sid ?? null,
    })
    .execute();
  return { token, expiresAt };
}

type SessionRow = Awaited<ReturnType<typeof selectSessions>>[number];

/** The live (unrevoked) sessions with these token hashes, with their accounts and org units: one prepared statement. */
function selectSessions(db: Database, tokenHashes: readonly string[]) {
  return db
    .selectFrom('sessions as s')
    .innerJoin('accounts as a', 'a.id', 's.account_id')
    .innerJoin('org_units as o', 'o.id', 'a.org_unit_id')
    .modifyFront(sql`/* prepared:session-lookup */`)
    .select([
      's.token_hash',
      's.id as sessionId',
      's.last_seen_at',
      's.expires_at',
      'a.id as accountId',
      'a.username',
      'a.display_name',
      'a.role',
      'a.status',
      'a.must_change_password',
      'a.password_changed_at',
      'a.totp_enabled',
      'a.enterprise_id',
      'a.industry_scope',
      'o.id as orgUnitId',
      'o.path',
      'o.name as orgUnitName',
      'o.code as orgUnitCode',
      'o.kind as orgUnitKind',
    ])
    .where(sql<boolean>`s.token_hash = any(${tokenHashes}::text[])`)
    .where('s.revoked_at', 'is', null)
    .execute();
}

/**
 * Every API request looks up its session. The lookups (and the last-seen writes) of many requests go to the
 * database as one statement each (`turnBatcher`), so under load a request costs a fraction of a round trip;
 * nothing is cached, so a revoked session is refused by the next request on every app node.
 */
export class SessionLookup {
  private readonly rows: DataLoader<string, SessionRow | null>;
  private readonly touches: DataLoader<number, true>;

  /** `readOnly`: a read-only node neither revokes expired sessions nor writes last-seen (the primary's nodes do). */
  constructor(
    private readonly db: Database,
    private readonly options: { readOnly?: boolean } = {},
  ) {
    this.rows = turnBatcher(async (hashes: readonly string[]) => {
      const found = new Map((await selectSessions(db, hashes)).map((r) => [r.token_hash, r]));
      return hashes.map((h) => found.get(h) ?? null);
    });
    this.touches = turnBatcher(async (ids: readonly number[]) => {
      await db.updateTable('sessions').set({ last_seen_at: clock.now() }).where('id', 'in', ids).execute();
      return ids.map(() => true as const);
    });
  }

  /** Finds a live session for the token; expired ones (idle or absolute) are revoked on the way. */
  async load(token: string, policy: SecurityPolicy): Promise<SessionAccount | null> {
    const row = await this.rows.load(sha256Hex(token));
    if (!row) return null;
    const now = clock.nowMs();
    const idleLimit = row.last_seen_at.getTime() + policy.sessionIdleMinutes * 60_000;
    if (row.status !== 'active' || now > row.expires_at.getTime() || now > idleLimit) {
      if (this.options.readOnly) return null;
      await this.db.updateTable('sessions').set({ revoked_at: clock.now() }).where('id', '=', row.sessionId).execute();
      return null;
    }
    if (!this.options.readOnly && now - row.last_seen_at.getTime() > TOUCH_EVERY_MS) await this.touches.load(row.sessionId);
    return {
      sessionId: row.sessionId,
      accountId: row.accountId,
      username: row.username,
      displayName: row.display_name,
      role: row.role as Role,
      orgUnitId: row.orgUnitId,
      orgUnitPath: row.path,
      orgUnitName: row.orgUnitName,
      orgUnitCode: row.orgUnitCode,
      orgUnitKind: row.orgUnitKind,
      mustChangePassword: row.must_change_password,
      passwordChangedAt: row.password_changed_at,
      totpEnabled: row.totp_enabled,
      expiresAt: row.expires_at,
      enterpriseId: row.enterprise_id,
      industryScope: row.industry_scope,
    };
  }
}

export async function revokeSession(db: Database, sessionId: number): Promise<void> {
  await db.updateTable('sessions').set({ revoked_at: clock.now() }).where('id', '=', sessionId).where('revoked_at', 'is', null).execute();
}

export async function revokeAllSessions(db: Database, accountId: number): Promise<void> {
  await db.updateTable('sessions').set({ revoked_at: clock.now() }).where('account_id', '=', accountId).where('revoked_at', 'is', null).execute();
}
