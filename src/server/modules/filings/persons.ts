import { sql, type Kysely } from 'kysely';
import { parseIdNumber } from '../../../domain/id-number';
import type { PersonInput } from '../../../domain/filing-input';
import { maskIdNumber } from '../../../domain/id-number';
import { recordAudit, type Actor } from '../../audit/audit-log';
import type { SessionAccount } from '../../auth/session-store';
import type { CryptoService } from '../../crypto/index';
import type { Database } from '../../db/database';
import type { DB } from '../../db/types';
import { Notifier } from '../notifications/notifier';
import { conflict, forbidden, invalid, notFound } from '../../errors';
import { clock } from '../../clock';
import { versionOrConflict } from '../../db/versioned';

/** The identity columns of a person (nobody edits them once recorded). */
export const personIdentityColumns = ['p.id', 'p.name', 'p.id_number_masked as idNumberMasked', 'p.gender', 'p.birth_date as birthDate'] as const;

/** A person's own profile (kept by the person through their linked account). */
export const personColumns = [
  ...personIdentityColumns,
  'p.phone',
  'p.education',
  'p.quality_years as qualityYears',
  'p.position_title as positionTitle',
  'p.position_level as positionLevel',
] as const;

/**
 * One enterprise's view of a candidate: the name it typed and its own data; the person's identity fields come from
 * the person record except the name (an enterprise that typed a wrong name must not learn the right one).
 */
export const candidateColumns = [
  'c.id',
  'c.name',
  'p.id_number_masked as idNumberMasked',
  'p.gender',
  'p.birth_date as birthDate',
  'c.phone',
  'c.education',
  'c.quality_years as qualityYears',
  'c.position_title as positionTitle',
  'c.position_level as positionLevel',
] as const;

/**
 * A person is one human however many enterprises they serve: the ID number is stored encrypted, found by
 * its keyed hash, and shown masked. It never goes into logs, URLs or audit details.
 */
export class PersonService {
  constructor(
    private readonly db: Database,
    private readonly crypto: CryptoService,
  ) {}

  /** The candidates the caller's enterprise has recorded (403 before its registration is confirmed). */
  listCandidates(caller: SessionAccount) {
    if (!caller.enterpriseId) throw forbidden('企业注册尚未确认');
    return listCandidates(this.db, caller.enterpriseId);
  }

  /** Corrects the enterprise's own data about its candidate (correctCandidate); returns the new version. */
  correctCandidate(caller: SessionAccount, actor: Actor, candidateId: number, facts: CandidateFacts & { version: number }): Promise<number> {
    return correctCandidate(this.db, caller, actor, candidateId, facts);
  }

  /** Takes a candidate out of the enterprise's pool (removeCandidate). */
  removeCandidate(caller: SessionAccount, actor: Actor, candidateId: number): Promise<void> {
    return removeCandidate(this.db, caller, actor, candidateId);
  }

  /**
   * Records a candidate (拟任) for the caller's enterprise. The answer is the same whether the ID number was on
   * file or not and whether the name matches: a mismatch becomes a flag on the candidate row for the bureau.
   * The person record is never changed here; what the enterprise typed is its own candidate data.
   */
  async upsertCandidate(caller: SessionAccount, actor: Actor, input: PersonInput): Promise<{ id: number }> {
    // the answer carries the enterprise's own candidate row id (random, drawn at this add), never persons.id
    if (!caller.enterpriseId) throw invalid('idNumber', '企业注册尚未确认，暂不能登记人员');
    const parsed = parseIdNumber(input.idNumber, clock.now());
    if (!parsed.ok) throw invalid('idNumber', parsed.message);
    const hash = this.crypto.keyedHash(parsed.value.idNumber);
    const enterpriseId = caller.enterpriseId;
    const facts = {
      name: input.name,
      phone: input.phone ?? null,
      education: input.education,
      quality_years: input.qualityYears,
      position_title: input.positionTitle,
      position_level: input.positionLevel,
    };
    return this.db.transaction().execute(async (trx) => {
      // insert-or-find in one statement each, so two enterprises racing on one ID number both land on one person
      await trx
        .insertInto('persons')
        .values({
          name: input.name,
          id_number_enc: this.crypto.encrypt(parsed.value.idNumber),
          id_number_hash: hash,
          id_number_masked: maskIdNumber(parsed.value.idNumber),
          gender: parsed.value.gender,
          birth_date: parsed.value.birthDate,
          created_by: caller.accountId,
        })
        .onConflict((oc) => oc.column('id_number_hash').doNothing())
        .execute();
      const person = await trx.selectFrom('persons').select(['id', 'name', 'account_id']).where('id_number_hash', '=', hash).executeTakeFirstOrThrow();
      const nameMismatch = person.name !== input.name;
      const inserted = await trx
        .insertInto('candidates')
        .values({ enterprise_id: enterpriseId, person_id: person.id, ...facts, name_mismatch: nameMismatch })
        .onConflict((oc) => oc.columns(['enterprise_id', 'person_id']).doNothing())
        .returning('id')
        .executeTakeFirst();
      // recorded before by this enterprise: its own data is refreshed with what it typed now
      const candidate =
        inserted ??
        (await trx
          .updateTable('candidates')
          .set({ ...facts, name_mismatch: nameMismatch, updated_at: clock.now() })
          .where('enterprise_id', '=', enterpriseId)
          .where('person_id', '=', person.id)
          .returning('id')
          .executeTakeFirstOrThrow());
      // a person who keeps an account learns at once that an enterprise recorded them (the enterprise learns nothing)
      if (inserted && person.account_id !== null) {
        const enterprise = await trx.selectFrom('enterprises').select('name').where('id', '=', enterpriseId).executeTakeFirstOrThrow();
        await new Notifier().notify(trx, [person.account_id], {
          kind: 'candidate.linked',
          title: '有企业将您登记为拟任首席质量官',
          body: `${enterprise.name}已将您登记为拟任首席质量官。如非本人同意，请联系该企业或主管市场监管局。`,
          link: '/me/profile',
        });
      }
      // the audit log (read by auditors, not the enterprise) keeps the flag for the bureau
      await recordAudit(trx, actor, { action: 'candidate.record', targetType: 'person', targetId: person.id, details: { enterpriseId, nameMismatch } });
      return { id: candidate.id };
    });
  }
}

/**
 * The person behind one of the enterprise's candidates, addressed by the candidate's own id (the only id of a
 * person an enterprise is told). Not the enterprise's candidate: 404, whatever the id.
 */
export async function candidatePersonId(db: Kysely<DB>, enterpriseId: number, candidateId: number): Promise<number> {
  const row = await db.selectFrom('candidates').select('person_id').where('enterprise_id', '=', enterpriseId).where('id', '=', candidateId).executeTakeFirst();
  if (!row) throw notFound('拟任人员');
  return row.person_id;
}

/** The candidates an enterprise has recorded: its own data about them, masked. */
export function listCandidates(db: Database, enterpriseId: number) {
  return db
    .selectFrom('candidates as c')
    .innerJoin('persons as p', 'p.id', 'c.person_id')
    .select([...candidateColumns, 'c.created_at as recordedAt', 'c.version'])
    .where('c.enterprise_id', '=', enterpriseId)
    .orderBy('c.created_at', 'desc')
    .execute();
}

/** The facts an enterprise may correct on a candidate it recorded (not name or ID number). */
export interface CandidateFacts {
  phone?: string | null | undefined;
  education: NonNullable<PersonInput['education']>;
  qualityYears: number;
  positionTitle: string;
  positionLevel: NonNullable<PersonInput['positionLevel']>;
}

/**
 * Corrects the enterprise's own data about its candidate if the row still has the version the editor loaded;
 * no other enterprise's view and no person record changes. Returns the new version.
 */
export async function correctCandidate(
  db: Database,
  caller: SessionAccount,
  actor: Actor,
  candidateId: number,
  facts: CandidateFacts & { version: number },
): Promise<number> {
  if (!caller.enterpriseId) throw invalid('candidateId', '企业注册尚未确认');
  const enterpriseId = caller.enterpriseId;
  return db.transaction().execute(async (trx) => {
    const personId = await candidatePersonId(trx, enterpriseId, candidateId);
    const current = () =>
      trx.selectFrom('candidates').select('version').where('enterprise_id', '=', enterpriseId).where('person_id', '=', personId).executeTakeFirst();
    if (!(await current())) throw notFound('拟任人员');
    const version = await versionOrConflict(
      await trx
        .updateTable('candidates')
        // a phone not sent is kept (Kysely leaves undefined columns out); null clears it
        .set({
          phone: facts.phone,
          education: facts.education,
          quality_years: facts.qualityYears,
          position_title: facts.positionTitle,
          position_level: facts.positionLevel,
          updated_at: clock.now(),
          version: sql<number>`version + 1`,
        })
        .where('enterprise_id', '=', enterpriseId)
        .where('person_id', '=', personId)
        .where('version', '=', facts.version)
        .returning('version')
        .executeTakeFirst(),
      current,
    );
    await recordAudit(trx, actor, { action: 'candidate.update', targetType: 'person', targetId: personId, details: { enterpriseId } });
    return version;
  });
}

export type CandidateSnapshot = Awaited<ReturnType<typeof candidateSnapshot>>;

/** The enterprise's candidate data as a filing stores it (snapshot at draft and at submission). */
export async function candidateSnapshot(db: Kysely<DB>, enterpriseId: number, personId: number) {
  const c = await db
    .selectFrom('candidates')
    .select(['name', 'phone', 'education', 'quality_years', 'position_title', 'position_level', 'name_mismatch'])
    .where('enterprise_id', '=', enterpriseId)
    .where('person_id', '=', personId)
    .executeTakeFirst();
  if (!c) throw invalid('candidateId', '请先登记拟任人员');
  const qualifications = await db
    .selectFrom('person_qualifications')
    .select(['id', 'kind', 'name', 'issuer', 'issued_on as issuedOn', sql<boolean>`evidence is not null`.as('hasEvidence')])
    .where('person_id', '=', personId)
    .where('enterprise_id', '=', enterpriseId)
    .orderBy('id')
    .execute();
  return {
    name: c.name,
    phone: c.phone,
    education: c.education,
    qualityYears: c.quality_years,
    positionTitle: c.position_title,
    positionLevel: c.position_level,
    nameMismatch: c.name_mismatch,
    qualifications,
  };
}

/** Takes a candidate out of the enterprise's pool, unless a filing for them is in progress or in force. */
export async function removeCandidate(db: Database, caller: SessionAccount, actor: Actor, candidateId: number): Promise<void> {
  if (!caller.enterpriseId) throw invalid('candidateId', '企业注册尚未确认');
  const enterpriseId = caller.enterpriseId;
  await db.transaction().execute(async (trx) => {
    const personId = await candidatePersonId(trx, enterpriseId, candidateId);
    const busy = await trx
      .selectFrom('filings')
      .select('id')
      .where('enterprise_id', '=', enterpriseId)
      .where('person_id', '=', personId)
      .where('status', 'in', ['draft', 'submitted', 'returned', 'active'])
      .executeTakeFirst();
    if (busy) throw conflict('该人员有办理中或在任的备案，不能移出拟任人员');
    const removed = await trx.deleteFrom('candidates').where('enterprise_id', '=', enterpriseId).where('person_id', '=', personId).executeTakeFirst();
    if (Number(removed.numDeletedRows) === 0) throw notFound('拟任人员');
    await recordAudit(trx, actor, { action: 'candidate.remove', targetType: 'person', targetId: personId });
  });
}
