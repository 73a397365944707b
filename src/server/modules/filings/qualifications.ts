import { sql } from 'kysely';
import { z } from 'zod';
import { hasPermission } from '../../../domain/permissions';
import { recordAudit, type Actor } from '../../audit/audit-log';
import { scopeOf } from '../../auth/scope';
import type { SessionAccount } from '../../auth/session-store';
import type { Database } from '../../db/database';
import { conflict, notFound } from '../../errors';
import { candidatePersonId } from './persons';

export const qualificationInputSchema = z.object({
  kind: z.enum(['title', 'qualification']).meta({ title: '类型' }),
  name: z.string().trim().min(2, { error: '名称至少 2 个字' }).max(60).meta({ title: '名称' }),
  issuer: z.string().trim().max(60).nullish().meta({ title: '发证机构' }),
  issuedOn: z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/, { error: '日期格式应为 YYYY-MM-DD' })
    .nullish()
    .meta({ title: '发证日期' }),
});
export type QualificationInput = z.infer<typeof qualificationInputSchema>;

/**
 * How the caller names the person: `person` by person id (the person and bureaus), `candidate` by the enterprise's
 * own candidate id (an enterprise is told no person id, and asking by person id it finds nothing, so it cannot
 * learn which person id its candidate has).
 */
export type QualificationSubject = 'person' | 'candidate';

/**
 * Whose entries the caller keeps about a person: the person their own (`enterprise_id` null, through their linked
 * account), an enterprise its own entries about a candidate it recorded. Each keeps only its own; no entry of one
 * enterprise is seen or changed by another.
 */
type Keeper = { kind: 'person' } | { kind: 'enterprise'; enterpriseId: number };

const ownedBy = (keeper: Keeper, enterpriseId: number | null) => (keeper.kind === 'person' ? enterpriseId === null : enterpriseId === keeper.enterpriseId);

// an enterprise account addresses persons only as its candidates
const addressedRightly = (caller: SessionAccount, via: QualificationSubject) => via === 'candidate' || !hasPermission(caller.role, 'filings:manage');

/** A person's titles and qualification certificates (职称与资格证书), kept by the person and by enterprises. */
export class QualificationService {
  constructor(private readonly db: Database) {}

  private async keeperOf(caller: SessionAccount, personId: number): Promise<Keeper | null> {
    const person = await this.db.selectFrom('persons').select(['account_id']).where('id', '=', personId).executeTakeFirst();
    if (!person) return null;
    if (person.account_id !== null && person.account_id === caller.accountId) return { kind: 'person' };
    if (!caller.enterpriseId || !hasPermission(caller.role, 'filings:manage')) return null;
    const candidate = await this.db
      .selectFrom('candidates')
      .select('person_id')
      .where('enterprise_id', '=', caller.enterpriseId)
      .where('person_id', '=', personId)
      .executeTakeFirst();
    return candidate ? { kind: 'enterprise', enterpriseId: caller.enterpriseId } : null;
  }

  /**
   * The entries the caller may read about a person: a keeper its own; a bureau the person's own entries and those of
   * enterprises whose filings of the person it sees (as evidence next to the filing's snapshot).
   */
  private async readableEnterprises(caller: SessionAccount, personId: number): Promise<{ own: boolean; enterprises: number[] } | null> {
    const keeper = await this.keeperOf(caller, personId);
    if (keeper) return keeper.kind === 'person' ? { own: true, enterprises: [] } : { own: false, enterprises: [keeper.enterpriseId] };
    if (!hasPermission(caller.role, 'filings:read')) return null;
    const rows = await this.db
      .selectFrom('filings as f')
      .innerJoin('enterprises as e', 'e.id', 'f.enterprise_id')
      .select('f.enterprise_id')
      .distinct()
      .where('f.person_id', '=', personId)
      .where(scopeOf(caller).enterprise('e'))
      .execute();
    return rows.length ? { own: true, enterprises: rows.map((r) => r.enterprise_id) } : null;
  }

  /** While a filing relying on these entries is under review, the evidence the reviewer sees does not change. */
  private async assertNotUnderReview(personId: number, enterpriseId: number | null): Promise<void> {
    let q = this.db.selectFrom('filings').select('id').where('person_id', '=', personId).where('status', '=', 'submitted');
    if (enterpriseId !== null) q = q.where('enterprise_id', '=', enterpriseId);
    if (await q.executeTakeFirst()) throw conflict('该人员的备案正在审核中，审核结束后再修改职称与证书');
  }

  /** An entry the caller may read, or (`write`) keeps; anything else does not exist for them. */
  private async loadOwned(caller: SessionAccount, id: number, write: boolean) {
    const row = await this.db.selectFrom('person_qualifications').selectAll().where('id', '=', id).executeTakeFirst();
    if (!row) throw notFound('证书');
    if (write) {
      const keeper = await this.keeperOf(caller, row.person_id);
      if (!keeper || !ownedBy(keeper, row.enterprise_id)) throw notFound('证书');
    } else {
      const readable = await this.readableEnterprises(caller, row.person_id);
      const ok = readable && (row.enterprise_id === null ? readable.own : readable.enterprises.includes(row.enterprise_id));
      if (!ok) throw notFound('证书');
    }
    return row;
  }

  private async subjectOf(caller: SessionAccount, via: QualificationSubject, id: number): Promise<number> {
    if (via === 'person') return id;
    if (!caller.enterpriseId || !hasPermission(caller.role, 'filings:manage')) throw notFound('拟任人员');
    return candidatePersonId(this.db, caller.enterpriseId, id);
  }

  /** The entries the caller may read about the person, and whether the caller keeps entries about them. */
  async list(caller: SessionAccount, via: QualificationSubject, id: number) {
    const personId = await this.subjectOf(caller, via, id);
    const readable = addressedRightly(caller, via) ? await this.readableEnterprises(caller, personId) : null;
    if (!readable) throw notFound('人员');
    const rows = await this.db
      .selectFrom('person_qualifications as q')
      .leftJoin('enterprises as e', 'e.id', 'q.enterprise_id')
      .select([
        'q.id',
        'q.kind',
        'q.name',
        'q.issuer',
        'q.issued_on as issuedOn',
        sql<boolean>`q.evidence is not null`.as('hasEvidence'),
        'q.created_at as createdAt',
        'e.name as recordedBy',
      ])
      .where('q.person_id', '=', personId)
      .where((eb) => {
        const parts = [];
        if (readable.own) parts.push(eb('q.enterprise_id', 'is', null));
        if (readable.enterprises.length) parts.push(eb('q.enterprise_id', 'in', readable.enterprises));
        return eb.or(parts);
      })
      .orderBy('q.id')
      .execute();
    return { items: rows, canManage: (await this.keeperOf(caller, personId)) !== null };
  }

  /** Records an entry of the caller's own about the person (evidence is uploaded separately). */
  async add(caller: SessionAccount, actor: Actor, via: QualificationSubject, id: number, input: QualificationInput): Promise<{ id: number }> {
    const personId = await this.subjectOf(caller, via, id);
    const keeper = addressedRightly(caller, via) ? await this.keeperOf(caller, personId) : null;
    if (!keeper) throw notFound('人员');
    const enterpriseId = keeper.kind === 'enterprise' ? keeper.enterpriseId : null;
    await this.assertNotUnderReview(personId, enterpriseId);
    const row = await this.db.transaction().execute(async (trx) => {
      const inserted = await trx
        .insertInto('person_qualifications')
        .values({
          person_id: personId,
          enterprise_id: enterpriseId,
          kind: input.kind,
          name: input.name,
          issuer: input.issuer ?? null,
          issued_on: input.issuedOn ?? null,
          created_by: caller.accountId,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      await recordAudit(trx, actor, {
        action: 'person.qualification.add',
        targetType: 'person',
        targetId: personId,
        details: { kind: input.kind, name: input.name },
      });
      return inserted;
    });
    return { id: row.id };
  }

  /**
   * Attaches evidence to an entry the caller keeps: `store` (the route's upload into the file store, answering its
   * reference) runs only once the entry is the caller's and no filing relying on it is under review.
   */
  async attachEvidence(caller: SessionAccount, actor: Actor, id: number, store: () => Promise<string>): Promise<void> {
    const q = await this.loadOwned(caller, id, true);
    await this.assertNotUnderReview(q.person_id, q.enterprise_id);
    const ref = await store();
    await this.db.transaction().execute(async (trx) => {
      await trx.updateTable('person_qualifications').set({ evidence: ref }).where('id', '=', q.id).execute();
      await recordAudit(trx, actor, { action: 'person.qualification.evidence', targetType: 'person', targetId: q.person_id });
    });
  }

  /** The stored evidence reference of an entry the caller may read. */
  async evidenceOf(caller: SessionAccount, id: number): Promise<{ id: number; evidence: string | null }> {
    const q = await this.loadOwned(caller, id, false);
    return { id: q.id, evidence: q.evidence };
  }

  async remove(caller: SessionAccount, actor: Actor, id: number): Promise<void> {
    const q = await this.loadOwned(caller, id, true);
    await this.assertNotUnderReview(q.person_id, q.enterprise_id);
    await this.db.transaction().execute(async (trx) => {
      await trx.deleteFrom('person_qualifications').where('id', '=', q.id).execute();
      await recordAudit(trx, actor, { action: 'person.qualification.remove', targetType: 'person', targetId: q.person_id, details: { name: q.name } });
    });
  }
}
