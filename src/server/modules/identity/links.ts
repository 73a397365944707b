import { sql, type Kysely, type Transaction } from 'kysely';
import { maskIdNumber, parseIdNumber } from '../../../domain/id-number';
import { recordAudit, type Actor } from '../../audit/audit-log';
import { scopeOf } from '../../auth/scope';
import type { SessionAccount } from '../../auth/session-store';
import type { CryptoService } from '../../crypto/index';
import { sha256Hex } from '../../crypto/index';
import type { DB } from '../../db/types';
import { conflict, forbidden, notFound, stateError } from '../../errors';
import { clock } from '../../clock';
import { moveAccountStudyToPerson } from '../study/learner';
import { homeOfficerAtActiveFiling } from './officer-home';
import { Notifier } from '../notifications/notifier';
import { findPersonOfAccount } from '../../persons/repository';

/**
 * Person identity links. An account is bound to a person (persons.account_id) only by proof: a bureau confirms a
 * pending link request after checking the enterprise's appointment letter, or a verified real-name identity arrives
 * (`linkByVerifiedIdentity`). Registration never links and never tells whether an ID number is on file.
 */

export interface LinkRequestInput {
  accountId: number;
  name: string;
  /** A validated ID number (GB 11643). */
  idNumber: string;
  phone: string | null;
  inviteToken?: string | undefined;
}

/** Where a link request is decided: the bureau of the person's latest appointment, else of the inviting or recording enterprise, else the province. */
async function deciderUnit(trx: Kysely<DB>, personId: number | null, invitationEnterpriseId: number | null): Promise<number> {
  if (personId !== null) {
    const filing = await trx
      .selectFrom('filings')
      .select('org_unit_id')
      .where('person_id', '=', personId)
      .where('status', 'in', ['active', 'ended', 'submitted', 'returned'])
      .orderBy(sql`status = 'active'`, 'desc')
      .orderBy('id', 'desc')
      .executeTakeFirst();
    if (filing) return filing.org_unit_id;
  }
  if (invitationEnterpriseId !== null) {
    const e = await trx.selectFrom('enterprises').select('org_unit_id').where('id', '=', invitationEnterpriseId).executeTakeFirstOrThrow();
    return e.org_unit_id;
  }
  if (personId !== null) {
    const c = await trx
      .selectFrom('candidates as c')
      .innerJoin('enterprises as e', 'e.id', 'c.enterprise_id')
      .select('e.org_unit_id')
      .where('c.person_id', '=', personId)
      .orderBy('c.created_at', 'desc')
      .executeTakeFirst();
    if (c) return c.org_unit_id;
  }
  const province = await trx.selectFrom('org_units').select('id').where('kind', '=', 'province').executeTakeFirstOrThrow();
  return province.id;
}

/**
 * Records a pending link request for a newly registered account. The same thing happens whether the ID number is
 * on file or not; an invitation counts only for the person it was issued for (otherwise it is ignored, and not used).
 */
export async function requestLink(trx: Transaction<DB>, crypto: CryptoService, input: LinkRequestInput): Promise<void> {
  const hash = crypto.keyedHash(input.idNumber);
  const person = await trx.selectFrom('persons').select('id').where('id_number_hash', '=', hash).executeTakeFirst();
  let invitation: { id: number; enterprise_id: number } | null = null;
  if (input.inviteToken) {
    const row = await trx
      .selectFrom('officer_invitations')
      .select(['id', 'person_id', 'enterprise_id', 'expires_at', 'used_at'])
      .where('token_hash', '=', sha256Hex(input.inviteToken))
      .forUpdate()
      .executeTakeFirst();
    if (row && !row.used_at && row.expires_at.getTime() >= clock.nowMs() && row.person_id === person?.id) invitation = row;
  }
  if (invitation) await trx.updateTable('officer_invitations').set({ used_at: clock.now() }).where('id', '=', invitation.id).execute();
  await trx
    .insertInto('person_link_requests')
    .values({
      account_id: input.accountId,
      person_id: person?.id ?? null,
      invitation_id: invitation?.id ?? null,
      name: input.name,
      id_number_enc: crypto.encrypt(input.idNumber),
      id_number_hash: hash,
      id_number_masked: maskIdNumber(input.idNumber),
      phone: input.phone,
      org_unit_id: await deciderUnit(trx, person?.id ?? null, invitation?.enterprise_id ?? null),
      source: invitation ? 'invitation' : 'self',
    })
    .execute();
}

/** An officer account sees other people's names only once its identity is linked. */
export async function maySeeNames(db: Kysely<DB>, caller: SessionAccount): Promise<boolean> {
  return caller.role !== 'officer' || (await findPersonOfAccount(db, caller.accountId)) !== null;
}

/** Name lists (mentions, members) answer 403 to an account that may not see names. */
export async function assertMaySeeNames(db: Kysely<DB>, caller: SessionAccount): Promise<void> {
  if (!(await maySeeNames(db, caller))) throw forbidden('身份待核验：本人身份经主管局确认后，方可查看其他人员姓名');
}

/**
 * Binds the account to the person of the ID number (creating the person when none is on file). The one place a link
 * is made; callers have established the proof. Refuses when the person is already linked to another account.
 */
async function bind(
  trx: Transaction<DB>,
  crypto: CryptoService,
  accountId: number,
  idNumber: string,
  name: string,
  phone: string | null,
  basis: 'bureau' | 'verified_identity',
  by: number | null,
): Promise<number> {
  const hash = crypto.keyedHash(idNumber);
  const parsed = parseIdNumber(idNumber, clock.now());
  if (!parsed.ok) throw conflict(parsed.message);
  const already = await findPersonOfAccount(trx, accountId);
  if (already) throw conflict('该账户已关联人员身份');
  await trx
    .insertInto('persons')
    .values({
      name,
      id_number_enc: crypto.encrypt(idNumber),
      id_number_hash: hash,
      id_number_masked: maskIdNumber(idNumber),
      gender: parsed.value.gender,
      birth_date: parsed.value.birthDate,
      phone,
    })
    .onConflict((oc) => oc.column('id_number_hash').doNothing())
    .execute();
  const person = await trx.selectFrom('persons').select(['id', 'account_id']).where('id_number_hash', '=', hash).forUpdate().executeTakeFirstOrThrow();
  if (person.account_id !== null) throw conflict('该人员已关联其他账户；如原关联有误，请先撤销原关联');
  try {
    await trx
      .updateTable('persons')
      .set({ account_id: accountId, account_link_basis: basis, account_linked_at: clock.now(), account_linked_by: by, updated_at: clock.now() })
      .where('id', '=', person.id)
      .execute();
  } catch (err) {
    if ((err as { code?: string }).code === '23505') throw conflict('该账户已关联人员身份');
    throw err;
  }
  // what the account studied while its identity was pending becomes the person's, in the same transaction
  await moveAccountStudyToPerson(trx, accountId, person.id);
  return person.id;
}

/**
 * Called by the sign-in through the provincial identity provider (modules/auth/oidc-signin.ts): once a real-name identity of the account
 * holder has been verified, bind the account to that ID number's person and close its pending request. Nothing
 * else may call `bind` without a bureau's decision.
 */
export async function linkByVerifiedIdentity(
  trx: Transaction<DB>,
  crypto: CryptoService,
  verified: { accountId: number; idNumber: string; name: string; provider: string },
): Promise<number> {
  const account = await trx
    .selectFrom('accounts')
    .select(['username', 'phone'])
    .where('id', '=', verified.accountId)
    .where('role', '=', 'officer')
    .executeTakeFirst();
  if (!account) throw notFound('账户');
  const personId = await bind(trx, crypto, verified.accountId, verified.idNumber, verified.name, account.phone, 'verified_identity', null);
  await trx
    .updateTable('person_link_requests')
    .set({ status: 'confirmed', person_id: personId, decided_at: clock.now(), decision_note: `实名核验：${verified.provider}` })
    .where('account_id', '=', verified.accountId)
    .where('status', '=', 'pending')
    .execute();
  const self = { accountId: verified.accountId, username: account.username, role: 'officer', ip: null };
  await recordAudit(trx, self, { action: 'identity.link.verified', targetType: 'person', targetId: personId, details: { provider: verified.provider } });
  await homeOfficerAtActiveFiling(trx, self, personId);
  return personId;
}

/**
 * An enterprise's invitation opened by a person who then signed in through the identity provider: the invitation is
 * used when it is still valid and was issued for the person of the verified ID number (the account is linked by the
 * verified identity itself, not by the invitation); any other invitation is ignored and stays unused, as in
 * `requestLink`. Returns whether it was used.
 */
export async function acceptInvitationByVerifiedIdentity(
  trx: Transaction<DB>,
  crypto: CryptoService,
  accountId: number,
  idNumber: string,
  inviteToken: string,
): Promise<boolean> {
  const used = await trx
    .updateTable('officer_invitations')
    .set({ used_at: clock.now() })
    .where('token_hash', '=', sha256Hex(inviteToken))
    .where('used_at', 'is', null)
    .where('expires_at', '>=', clock.now())
    .where('person_id', 'in', (eb) => eb.selectFrom('persons').select('id').where('id_number_hash', '=', crypto.keyedHash(idNumber)))
    .returning(['id', 'person_id', 'enterprise_id'])
    .executeTakeFirst();
  if (!used) return false;
  const account = await trx.selectFrom('accounts').select('username').where('id', '=', accountId).executeTakeFirstOrThrow();
  await recordAudit(
    trx,
    { accountId, username: account.username, role: 'officer', ip: null },
    {
      action: 'officer.invitation.accept',
      targetType: 'officer_invitation',
      targetId: used.id,
      details: { personId: used.person_id, enterpriseId: used.enterprise_id, via: 'verified_identity' },
    },
  );
  return true;
}

/** A pending request in the bureau's region, locked for its decision (404 outside scope, 409 once decided). */
async function pendingInScope(trx: Transaction<DB>, caller: SessionAccount, id: number) {
  const row = await trx
    .selectFrom('person_link_requests as r')
    .selectAll('r')
    .where('r.id', '=', id)
    .where(scopeOf(caller).region('r.org_unit_id'))
    .forUpdate()
    .executeTakeFirst();
  if (!row) throw notFound('身份关联申请');
  if (row.status !== 'pending') throw stateError('该申请已处理');
  return row;
}

/** 确认身份关联: the bureau has checked the enterprise's appointment letter (and ID) and binds the account to the person. */
export async function confirmLink(
  trx: Transaction<DB>,
  crypto: CryptoService,
  caller: SessionAccount,
  actor: Actor,
  id: number,
  note: string,
): Promise<number> {
  const r = await pendingInScope(trx, caller, id);
  const personId = await bind(trx, crypto, r.account_id, crypto.decrypt(r.id_number_enc), r.name, r.phone, 'bureau', caller.accountId);
  await trx
    .updateTable('person_link_requests')
    .set({ status: 'confirmed', person_id: personId, decided_by: caller.accountId, decided_at: clock.now(), decision_note: note })
    .where('id', '=', id)
    .execute();
  if (r.invitation_id !== null)
    await trx.updateTable('officer_invitations').set({ used_at: clock.now() }).where('id', '=', r.invitation_id).where('used_at', 'is', null).execute();
  await recordAudit(trx, actor, {
    action: 'identity.link.confirm',
    targetType: 'person',
    targetId: personId,
    details: { requestId: id, accountId: r.account_id, note },
  });
  await homeOfficerAtActiveFiling(trx, actor, personId);
  await new Notifier().notify(trx, [r.account_id], {
    kind: 'identity.confirmed',
    title: '本人身份已核验',
    body: '主管市场监管局已确认您的身份，您的任职备案、证书与履职记录已关联到本账户。',
    link: '/me/profile',
  });
  return personId;
}

/** 不予关联: the request is closed with the reason; the account stays unlinked. */
export async function refuseLink(trx: Transaction<DB>, caller: SessionAccount, actor: Actor, id: number, reason: string): Promise<void> {
  const r = await pendingInScope(trx, caller, id);
  await trx
    .updateTable('person_link_requests')
    .set({ status: 'refused', decided_by: caller.accountId, decided_at: clock.now(), decision_note: reason })
    .where('id', '=', id)
    .execute();
  await recordAudit(trx, actor, { action: 'identity.link.refuse', targetType: 'account', targetId: r.account_id, details: { requestId: id, reason } });
  await new Notifier().notify(trx, [r.account_id], {
    kind: 'identity.refused',
    title: '身份关联未获确认',
    body: `主管市场监管局未确认您的身份关联。理由：${reason}`,
    link: '/me/profile',
  });
}

/**
 * A person is in a bureau's scope through a filing in its region or a link request decided there; not through a
 * candidate record, which any enterprise can make for anyone.
 */
export function personInScope(caller: SessionAccount, personRef = 'p.id') {
  const p = sql.ref(personRef);
  const scope = scopeOf(caller);
  return sql<boolean>`(
    exists (select 1 from filings f where f.person_id = ${p} and f.status <> 'draft' and ${scope.region('f.org_unit_id')})
    or exists (select 1 from person_link_requests r where r.person_id = ${p} and ${scope.region('r.org_unit_id')}))`;
}

/** 撤销关联: a suspicious link is undone; the account keeps existing but sees nothing of the person any more. */
export async function revokeLink(trx: Transaction<DB>, caller: SessionAccount, actor: Actor, personId: number, reason: string): Promise<void> {
  const person = await trx
    .selectFrom('persons as p')
    .select(['p.id', 'p.account_id', 'p.account_link_basis'])
    .where('p.id', '=', personId)
    .where(personInScope(caller))
    .forUpdate()
    .executeTakeFirst();
  if (!person) throw notFound('人员');
  if (person.account_id === null) throw stateError('该人员未关联账户');
  const accountId = person.account_id;
  await trx
    .updateTable('persons')
    .set({ account_id: null, account_link_basis: null, account_linked_at: null, account_linked_by: null, updated_at: clock.now() })
    .where('id', '=', personId)
    .execute();
  await trx
    .updateTable('person_link_requests')
    .set({ status: 'revoked', decision_note: reason, decided_by: caller.accountId, decided_at: clock.now() })
    .where('person_id', '=', personId)
    .where('account_id', '=', accountId)
    .where('status', '=', 'confirmed')
    .execute();
  await recordAudit(trx, actor, {
    action: 'identity.link.revoke',
    targetType: 'person',
    targetId: personId,
    details: { accountId, basis: person.account_link_basis, reason },
  });
  await new Notifier().notify(trx, [accountId], {
    kind: 'identity.revoked',
    title: '身份关联已撤销',
    body: `主管市场监管局撤销了本账户与人员身份的关联。理由：${reason}`,
    link: '/me/profile',
  });
}
