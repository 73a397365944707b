import { sql } from 'kysely';
import type { Actor } from '../../audit/audit-log';
import { scopeOf } from '../../auth/scope';
import type { SessionAccount } from '../../auth/session-store';
import type { CryptoService } from '../../crypto/index';
import type { Database } from '../../db/database';
import { confirmLink, personInScope, refuseLink, revokeLink } from './links';
import { findPersonOfAccount } from '../../persons/repository';

export type LinkRequestStatus = 'pending' | 'confirmed' | 'refused' | 'revoked';

/**
 * Identity links between officer accounts and persons on file. The bureau's side: requests in its region (with the
 * person on file, the inviting enterprise and the person's filings, whose appointment letters it checks), confirming,
 * refusing, the recent links in scope and revoking one. The officer's side: the state of its own request.
 */
export class IdentityLinkService {
  constructor(
    private readonly db: Database,
    private readonly crypto: CryptoService,
  ) {}

  async linkRequests(caller: SessionAccount, status: LinkRequestStatus) {
    const rows = await this.db
      .selectFrom('person_link_requests as r')
      .innerJoin('accounts as a', 'a.id', 'r.account_id')
      .innerJoin('org_units as o', 'o.id', 'r.org_unit_id')
      .leftJoin('persons as p', 'p.id_number_hash', 'r.id_number_hash')
      .leftJoin('officer_invitations as i', 'i.id', 'r.invitation_id')
      .leftJoin('enterprises as ie', 'ie.id', 'i.enterprise_id')
      .select([
        'r.id',
        'r.created_at as createdAt',
        'r.source',
        'r.status',
        'r.name',
        'r.id_number_masked as idNumberMasked',
        'r.phone',
        'r.decision_note as decisionNote',
        'r.decided_at as decidedAt',
        'a.username',
        'o.name as orgUnitName',
        'ie.name as invitingEnterprise',
        'p.id as personId',
        'p.name as personName',
        sql<boolean>`p.account_id is not null`.as('personLinked'),
      ])
      .where('r.status', '=', status)
      .where(scopeOf(caller).region('r.org_unit_id'))
      .orderBy('r.id', status === 'pending' ? 'asc' : 'desc')
      .limit(200)
      .execute();
    const personIds = rows.flatMap((r) => (r.personId === null ? [] : [r.personId]));
    const filings = personIds.length
      ? await this.db
          .selectFrom('filings as f')
          .innerJoin('enterprises as e', 'e.id', 'f.enterprise_id')
          .select([
            'f.id',
            'f.person_id as personId',
            'e.name as enterpriseName',
            'f.status',
            'f.appointment_date as appointmentDate',
            sql<boolean>`f.authorization_letter is not null`.as('hasLetter'),
          ])
          .where('f.person_id', 'in', personIds)
          .where('f.status', 'in', ['submitted', 'returned', 'active', 'ended'])
          .orderBy('f.id', 'desc')
          .execute()
      : [];
    return rows.map((r) => ({
      ...r,
      nameMatches: r.personName === null ? null : r.personName === r.name,
      filings: filings.filter((f) => f.personId === r.personId).map(({ personId: _p, ...f }) => f),
    }));
  }

  /** Confirms a request (the note says what was checked); answers the person now linked. */
  confirm(caller: SessionAccount, actor: Actor, id: number, note: string): Promise<number> {
    return this.db.transaction().execute((trx) => confirmLink(trx, this.crypto, caller, actor, id, note));
  }

  refuse(caller: SessionAccount, actor: Actor, id: number, reason: string): Promise<void> {
    return this.db.transaction().execute((trx) => refuseLink(trx, caller, actor, id, reason));
  }

  /** The recent links in the caller's scope, newest first. */
  links(caller: SessionAccount) {
    return this.db
      .selectFrom('persons as p')
      .innerJoin('accounts as a', 'a.id', 'p.account_id')
      .leftJoin('accounts as by', 'by.id', 'p.account_linked_by')
      .select([
        'p.id as personId',
        'p.name',
        'p.id_number_masked as idNumberMasked',
        'a.username',
        'a.display_name as accountName',
        'p.account_link_basis as basis',
        'p.account_linked_at as linkedAt',
        'by.display_name as linkedBy',
      ])
      .where(personInScope(caller))
      .orderBy(sql`p.account_linked_at desc nulls last`)
      .orderBy('p.id', 'desc')
      .limit(200)
      .execute();
  }

  /** Revokes the link of a person (in scope) to its account. */
  revoke(caller: SessionAccount, actor: Actor, personId: number, reason: string): Promise<void> {
    return this.db.transaction().execute((trx) => revokeLink(trx, caller, actor, personId, reason));
  }

  /** The officer's own state: linked, pending, refused (with the bureau's note) or none. */
  async mine(caller: SessionAccount) {
    const linked = await findPersonOfAccount(this.db, caller.accountId);
    const last = await this.db
      .selectFrom('person_link_requests')
      .select(['name', 'id_number_masked as idNumberMasked', 'created_at as createdAt', 'status', 'decision_note as decisionNote'])
      .where('account_id', '=', caller.accountId)
      .orderBy('id', 'desc')
      .executeTakeFirst();
    const req = last
      ? { name: last.name, idNumberMasked: last.idNumberMasked, createdAt: last.createdAt, decisionNote: last.status === 'refused' ? last.decisionNote : null }
      : null;
    if (linked) return { status: 'linked' as const, request: req };
    if (!last) return { status: 'none' as const, request: null };
    return { status: last.status === 'pending' ? ('pending' as const) : last.status === 'refused' ? ('refused' as const) : ('none' as const), request: req };
  }
}
