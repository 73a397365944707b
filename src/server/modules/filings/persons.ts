import { sql } from 'kysely';
import { parseIdNumber } from '../../../domain/id-number';
import type { PersonInput } from '../../../domain/filing-input';
import { maskIdNumber } from '../../../domain/id-number';
import { recordAudit, type Actor } from '../../audit/audit-log';
import type { SessionAccount } from '../../auth/session-store';
import type { CryptoService } from '../../crypto/index';
import type { Database } from '../../db/database';
import { Notifier } from '../notifications/notifier';
import { conflict, invalid, notFound } from '../../errors';
import { clock } from '../../clock';
import { versionOrConflict } from '../../db/versioned';

export const personColumns = [
  'p.id',
  'p.name',
  'p.id_number_masked as idNumberMasked',
  'p.gender',
  'p.birth_date as birthDate',
  'p.phone',
  'p.education',
  'p.quality_years as qualityYears',
  'p.position_title as positionTitle',
  'p.position_level as positionLevel',
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

  /** Records a candidate (拟任) for the caller's enterprise, or returns the person already known by that ID number. */
  async upsertCandidate(caller: SessionAccount, actor: Actor, input: PersonInput): Promise<{ id: number; created: boolean }> {
    if (!caller.enterpriseId) throw invalid('idNumber', '企业注册尚未确认，暂不能登记人员');
    const parsed = parseIdNumber(input.idNumber, clock.now());
    if (!parsed.ok) throw invalid('idNumber', parsed.message);
    const hash = this.crypto.keyedHash(parsed.value.idNumber);
    const enterpriseId = caller.enterpriseId;
    return this.db.transaction().execute(async (trx) => {
      const existing = await trx.selectFrom('persons').select(['id', 'name', 'account_id']).where('id_number_hash', '=', hash).executeTakeFirst();
      if (existing) {
        // one person across enterprises: link to the record as it is (its facts belong to the person, who keeps them)
        if (existing.name !== input.name) throw conflict('该身份证号已登记，但姓名不一致，请核对', [{ path: 'name', message: '姓名与已登记的身份证号不符' }]);
        await trx.insertInto('candidates').values({ enterprise_id: enterpriseId, person_id: existing.id }).onConflict((oc) => oc.doNothing()).execute();
        await recordAudit(trx, actor, { action: 'candidate.link', targetType: 'person', targetId: existing.id, details: { enterpriseId } });
        // a person who keeps an account learns at once that an enterprise recorded them
        if (existing.account_id !== null) {
          const enterprise = await trx.selectFrom('enterprises').select('name').where('id', '=', enterpriseId).executeTakeFirstOrThrow();
          await new Notifier().notify(trx, [existing.account_id], {
            kind: 'candidate.linked',
            title: '有企业将您登记为拟任首席质量官',
            body: `${enterprise.name}已将您登记为拟任首席质量官。如非本人同意，请联系该企业或主管市场监管局。`,
            link: '/me/profile',
          });
        }
        return { id: existing.id, created: false };
      }
      const row = await trx
        .insertInto('persons')
        .values({
          name: input.name,
          id_number_enc: this.crypto.encrypt(parsed.value.idNumber),
          id_number_hash: hash,
          id_number_masked: maskIdNumber(parsed.value.idNumber),
          gender: parsed.value.gender,
          birth_date: parsed.value.birthDate,
          phone: input.phone ?? null,
          education: input.education,
          quality_years: input.qualityYears,
          position_title: input.positionTitle,
          position_level: input.positionLevel,
          created_by: caller.accountId,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      await trx.insertInto('candidates').values({ enterprise_id: enterpriseId, person_id: row.id }).execute();
      await recordAudit(trx, actor, { action: 'person.create', targetType: 'person', targetId: row.id });
      return { id: row.id, created: true };
    });
  }
}

/** The candidates an enterprise has recorded, masked. */
export function listCandidates(db: Database, enterpriseId: number) {
  return db
    .selectFrom('candidates as c')
    .innerJoin('persons as p', 'p.id', 'c.person_id')
    .select([...personColumns, 'c.created_at as recordedAt', 'c.version', sql<boolean>`p.account_id is not null`.as('hasAccount')])
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

/** Corrects a candidate's facts if the candidate record still has the version the editor loaded; returns the new one. */
export async function correctCandidate(db: Database, caller: SessionAccount, actor: Actor, personId: number, facts: CandidateFacts & { version: number }): Promise<number> {
  if (!caller.enterpriseId) throw invalid('personId', '企业注册尚未确认');
  const enterpriseId = caller.enterpriseId;
  return db.transaction().execute(async (trx) => {
    const row = await trx
      .selectFrom('candidates as c')
      .innerJoin('persons as p', 'p.id', 'c.person_id')
      .select(['p.id', 'p.account_id'])
      .where('c.enterprise_id', '=', enterpriseId)
      .where('c.person_id', '=', personId)
      .executeTakeFirst();
    if (!row) throw notFound('拟任人员');
    if (row.account_id !== null) throw conflict('该人员已注册本人账户，学历、年限等信息由本人维护');
    const version = await versionOrConflict(
      await trx
        .updateTable('candidates')
        .set({ version: sql<number>`version + 1` })
        .where('enterprise_id', '=', enterpriseId)
        .where('person_id', '=', personId)
        .where('version', '=', facts.version)
        .returning('version')
        .executeTakeFirst(),
      () => trx.selectFrom('candidates').select('version').where('enterprise_id', '=', enterpriseId).where('person_id', '=', personId).executeTakeFirst(),
    );
    await trx
      .updateTable('persons')
      .set({ phone: facts.phone ?? null, education: facts.education, quality_years: facts.qualityYears, position_title: facts.positionTitle, position_level: facts.positionLevel, updated_at: clock.now() })
      .where('id', '=', personId)
      .execute();
    await recordAudit(trx, actor, { action: 'person.update', targetType: 'person', targetId: personId, details: { by: 'enterprise' } });
    return version;
  });
}

/** Takes a candidate out of the enterprise's pool, unless a filing for them is in progress or in force. */
export async function removeCandidate(db: Database, caller: SessionAccount, actor: Actor, personId: number): Promise<void> {
  if (!caller.enterpriseId) throw invalid('personId', '企业注册尚未确认');
  const enterpriseId = caller.enterpriseId;
  await db.transaction().execute(async (trx) => {
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
