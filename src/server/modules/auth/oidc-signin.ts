import type { Transaction } from 'kysely';
import { parseIdNumber } from '../../../domain/id-number';
import { parseUscc } from '../../../domain/uscc';
import { recordAudit, recordAuditAlone, type Actor } from '../../audit/audit-log';
import { createSession } from '../../auth/session-store';
import { clock } from '../../clock';
import type { OidcConfig } from '../../config';
import { hashPassword, randomToken, sha256Hex, type CryptoService } from '../../crypto/index';
import type { Database } from '../../db/database';
import type { DB } from '../../db/types';
import { acceptInvitationByVerifiedIdentity, linkByVerifiedIdentity } from '../identity/links';
import { Notifier } from '../notifications/notifier';
import type { SettingsService } from '../settings/service';
import { IdpSignInError, type VerifiedClaims } from './oidc-client';
import type { ClientMeta } from './service';

/**
 * What a verified identity from the provincial identity provider signs in to.
 * - 自然人 (an ID number claim): the officer account of the person with that ID number (keyed hash); else the
 *   officer account that started the sign-in while signed in locally and is not yet linked (the real-name proof
 *   confirms its pending link); else a new officer account, linked by the verified identity. A pending request of
 *   another account naming the same number is never linked by it: only the account holder's own session proves it.
 * - 法人 (a USCC claim): the enterprise account of the roster enterprise with that USCC (created when it has
 *   none); an enterprise not in the roster gets an account and a registration the county confirms.
 * Administrators and bureaus keep local accounts with TOTP: an identity that leads to one is refused.
 * The subject is remembered in `account_identities`, so the next sign-in goes straight to the account.
 */

const IDP_ROLES = new Set(['officer', 'enterprise']);
const PROVIDER = '政务服务网';

export type IdpIdentity =
  { kind: 'person'; name: string; idNumber: string } | { kind: 'enterprise'; name: string | null; uscc: string; enterpriseName: string; phone: string | null };

/** Reads the configured claims; refuses an identity that carries neither a valid USCC nor a valid ID number. */
export function identityOf(verified: VerifiedClaims, settings: OidcConfig): IdpIdentity {
  const text = (name: string): string | null => {
    const v = verified.claims[name];
    return typeof v === 'string' && v.trim() ? v.trim() : null;
  };
  const name = text(settings.claims.name);
  const usccClaim = text(settings.claims.uscc);
  if (usccClaim) {
    const uscc = parseUscc(usccClaim);
    if (!uscc.ok) throw new IdpSignInError('BAD_USCC', uscc.message);
    const enterpriseName = text(settings.claims.enterpriseName);
    if (!enterpriseName) throw new IdpSignInError('MISSING_CLAIM', settings.claims.enterpriseName);
    return { kind: 'enterprise', name, uscc: uscc.value.uscc, enterpriseName, phone: text('phone_number') };
  }
  const idClaim = text(settings.claims.idNumber);
  if (!idClaim) throw new IdpSignInError('MISSING_CLAIM', `${settings.claims.idNumber} / ${settings.claims.uscc}`);
  const id = parseIdNumber(idClaim, clock.now());
  if (!id.ok) throw new IdpSignInError('BAD_ID_NUMBER', id.message);
  if (!name) throw new IdpSignInError('MISSING_CLAIM', settings.claims.name);
  return { kind: 'person', name, idNumber: id.value.idNumber };
}

export interface IdpSignInResult {
  token: string;
  expiresAt: Date;
  accountId: number;
}

export class IdpSignInService {
  constructor(
    private readonly db: Database,
    private readonly settings: SettingsService,
    private readonly crypto: CryptoService,
    private readonly notifier = new Notifier(),
  ) {}

  /**
   * The provider's back-channel logout: ends the open sessions of that provider session (`sid`) or subject, one
   * audit event per account whose sessions ended; answers how many sessions ended.
   */
  async endSessions(logout: { issuer: string; sub: string | null; sid: string | null }, ip: string): Promise<number> {
    const { issuer, sub, sid } = logout;
    return this.db.transaction().execute(async (trx) => {
      let q = trx.updateTable('sessions').set({ revoked_at: clock.now() }).where('idp_issuer', '=', issuer).where('revoked_at', 'is', null);
      if (sid) q = q.where('idp_sid', '=', sid);
      if (sub) q = q.where('idp_subject', '=', sub);
      const rows = await q.returning(['id', 'account_id']).execute();
      for (const accountId of new Set(rows.map((r) => r.account_id))) {
        await recordAudit(
          trx,
          { accountId: null, username: null, role: null, ip },
          {
            action: 'auth.logout.idp',
            targetType: 'account',
            targetId: accountId,
            details: { issuer, sessions: rows.filter((r) => r.account_id === accountId).length, bySid: Boolean(sid) },
          },
        );
      }
      return rows.length;
    });
  }

  /** Records a refused sign-in (its own transaction: nothing else happened). */
  async refuse(verified: VerifiedClaims | null, meta: ClientMeta, err: IdpSignInError): Promise<void> {
    await recordAuditAlone(
      this.db,
      { accountId: null, username: null, role: null, ip: meta.ip },
      {
        action: 'auth.login.idp',
        result: 'failure',
        details: {
          reason: err.reason,
          ...(err.detail ? { detail: err.detail } : {}),
          ...(verified ? { issuer: verified.issuer, subject: verified.subject } : {}),
        },
      },
    );
  }

  /**
   * Finds or creates the account of the identity, remembers the subject, opens a session tied to the provider's
   * session (`sid`) and audits it, in one transaction. `startedBy`: the local account that started the flow, and
   * the enterprise invitation it was started from (used when it names the verified person).
   */
  async signIn(
    verified: VerifiedClaims,
    identity: IdpIdentity,
    startedBy: { accountId: number | null; inviteToken: string | null },
    meta: ClientMeta,
  ): Promise<IdpSignInResult> {
    const signedInAccountId = startedBy.accountId;
    const policy = await this.settings.securityPolicy();
    // an unusable password for accounts created here: they sign in through the provider (argon2 outside the transaction)
    const unusablePassword = await hashPassword(randomToken());
    return this.db.transaction().execute(async (trx) => {
      const known = await trx
        .selectFrom('account_identities')
        .select(['id', 'account_id'])
        .where('issuer', '=', verified.issuer)
        .where('subject', '=', verified.subject)
        .executeTakeFirst();
      let accountId: number;
      let how: string;
      if (known) {
        accountId = known.account_id;
        how = 'known';
      } else {
        ({ accountId, how } =
          identity.kind === 'person'
            ? await this.personAccount(trx, verified, identity, signedInAccountId, unusablePassword)
            : await this.enterpriseAccount(trx, verified, identity, unusablePassword));
      }
      const account = await trx.selectFrom('accounts').select(['id', 'username', 'role', 'status']).where('id', '=', accountId).executeTakeFirstOrThrow();
      if (!IDP_ROLES.has(account.role)) throw new IdpSignInError('LOCAL_ONLY_ROLE', account.role);
      if (account.status !== 'active') throw new IdpSignInError('ACCOUNT_DISABLED');
      if (known) {
        await trx.updateTable('account_identities').set({ last_login_at: clock.now() }).where('id', '=', known.id).execute();
      } else {
        // unique (issuer, subject) and (account, issuer): a racing second sign-in of the same subject gets a 409
        await trx
          .insertInto('account_identities')
          .values({ account_id: account.id, issuer: verified.issuer, subject: verified.subject, kind: identity.kind, last_login_at: clock.now() })
          .execute();
      }
      if (identity.kind === 'person' && startedBy.inviteToken)
        await acceptInvitationByVerifiedIdentity(trx, this.crypto, account.id, identity.idNumber, startedBy.inviteToken);
      await trx
        .updateTable('accounts')
        .set({ last_login_at: clock.now(), last_login_ip: meta.ip, failed_attempts: 0, locked_until: null })
        .where('id', '=', account.id)
        .execute();
      const session = await createSession(trx, account.id, policy, meta, { issuer: verified.issuer, subject: verified.subject, sid: verified.sid });
      const actor: Actor = { accountId: account.id, username: account.username, role: account.role, ip: meta.ip };
      if (!known) {
        await recordAudit(trx, actor, {
          action: 'auth.idp.link',
          targetType: 'account',
          targetId: account.id,
          details: { issuer: verified.issuer, subject: verified.subject, kind: identity.kind, how },
        });
      }
      await recordAudit(trx, actor, {
        action: 'auth.login.idp',
        targetType: 'account',
        targetId: account.id,
        details: { issuer: verified.issuer, kind: identity.kind },
      });
      return { ...session, accountId: account.id };
    });
  }

  private async personAccount(
    trx: Transaction<DB>,
    verified: VerifiedClaims,
    identity: Extract<IdpIdentity, { kind: 'person' }>,
    signedInAccountId: number | null,
    passwordHash: string,
  ): Promise<{ accountId: number; how: string }> {
    const person = await trx
      .selectFrom('persons')
      .select(['id', 'account_id'])
      .where('id_number_hash', '=', this.crypto.keyedHash(identity.idNumber))
      .executeTakeFirst();
    if (person?.account_id) return { accountId: person.account_id, how: 'person_account' };
    if (signedInAccountId !== null) {
      const own = await trx
        .selectFrom('accounts as a')
        .select('a.id')
        .where('a.id', '=', signedInAccountId)
        .where('a.role', '=', 'officer')
        .where((eb) => eb.not(eb.exists(eb.selectFrom('persons as p').select('p.id').whereRef('p.account_id', '=', 'a.id'))))
        .executeTakeFirst();
      if (own) {
        await linkByVerifiedIdentity(trx, this.crypto, { accountId: own.id, idNumber: identity.idNumber, name: identity.name, provider: PROVIDER });
        return { accountId: own.id, how: 'confirmed_pending_link' };
      }
    }
    const province = await trx.selectFrom('org_units').select('id').where('kind', '=', 'province').executeTakeFirstOrThrow();
    const created = await trx
      .insertInto('accounts')
      .values({
        username: usernameFor(verified),
        display_name: identity.name,
        role: 'officer',
        org_unit_id: province.id,
        phone: null,
        password_hash: passwordHash,
        must_change_password: false,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await linkByVerifiedIdentity(trx, this.crypto, { accountId: created.id, idNumber: identity.idNumber, name: identity.name, provider: PROVIDER });
    return { accountId: created.id, how: 'created_officer' };
  }

  private async enterpriseAccount(
    trx: Transaction<DB>,
    verified: VerifiedClaims,
    identity: Extract<IdpIdentity, { kind: 'enterprise' }>,
    passwordHash: string,
  ): Promise<{ accountId: number; how: string }> {
    const enterprise = await trx.selectFrom('enterprises').select(['id', 'name', 'org_unit_id']).where('uscc', '=', identity.uscc).executeTakeFirst();
    if (enterprise) {
      const existing = await trx
        .selectFrom('accounts')
        .select('id')
        .where('enterprise_id', '=', enterprise.id)
        .where('role', '=', 'enterprise')
        .where('status', '=', 'active')
        .orderBy('id')
        .executeTakeFirst();
      if (existing) return { accountId: existing.id, how: 'enterprise_account' };
      const created = await trx
        .insertInto('accounts')
        .values({
          username: usernameFor(verified),
          display_name: enterprise.name,
          role: 'enterprise',
          org_unit_id: enterprise.org_unit_id,
          enterprise_id: enterprise.id,
          phone: identity.phone,
          password_hash: passwordHash,
          must_change_password: false,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      return { accountId: created.id, how: 'created_enterprise_account' };
    }
    // not in the roster: an account without an enterprise and a registration the responsible bureau confirms
    const unit = await registrationUnit(trx, identity.uscc);
    const created = await trx
      .insertInto('accounts')
      .values({
        username: usernameFor(verified),
        display_name: identity.enterpriseName,
        role: 'enterprise',
        org_unit_id: unit.id,
        phone: identity.phone,
        password_hash: passwordHash,
        must_change_password: false,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const reg = await trx
      .insertInto('enterprise_registrations')
      .values({
        uscc: identity.uscc,
        name: identity.enterpriseName,
        contact_person: identity.name ?? identity.enterpriseName,
        contact_phone: identity.phone ?? '',
        org_unit_id: unit.id,
        account_id: created.id,
        enterprise_id: null,
        proposal: JSON.stringify({}),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await recordAudit(
      trx,
      { accountId: created.id, username: null, role: 'enterprise', ip: null },
      {
        action: 'enterprise.registration.submit',
        targetType: 'enterprise_registration',
        targetId: reg.id,
        details: { uscc: identity.uscc, inRoster: false, via: 'idp' },
      },
    );
    await this.notifier.notify(trx, await this.notifier.reviewersOf(trx, unit.id), {
      kind: 'registration.submitted',
      title: '新的企业注册待确认',
      body: `${identity.enterpriseName}（${identity.uscc}）经政务服务网法人认证登录，名录中尚无该企业，请确认。`,
      link: '/enterprise-registrations',
    });
    return { accountId: created.id, how: 'started_registration' };
  }
}

/** A stable, opaque user name for an account created through the provider (the subject itself is not shown). */
function usernameFor(verified: VerifiedClaims): string {
  return `zwfw_${sha256Hex(`${verified.issuer}|${verified.subject}`).slice(0, 16)}`;
}

/** The bureau a USCC's registration authority lies under (characters 3–8: the administrative division), else the province. */
async function registrationUnit(trx: Transaction<DB>, uscc: string): Promise<{ id: number }> {
  const region = uscc.slice(2, 8);
  const candidates = [region, `${region.slice(0, 4)}00`];
  for (const code of candidates) {
    const unit = await trx.selectFrom('org_units').select('id').where('code', '=', code).executeTakeFirst();
    if (unit) return unit;
  }
  return trx.selectFrom('org_units').select('id').where('kind', '=', 'province').executeTakeFirstOrThrow();
}
