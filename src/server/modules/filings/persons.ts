import { parseIdNumber } from '../../../domain/id-number';
import type { PersonInput } from '../../../domain/filing-input';
import { maskIdNumber } from '../../../domain/id-number';
import { recordAudit, type Actor } from '../../audit/audit-log';
import type { SessionAccount } from '../../auth/session-store';
import type { CryptoService } from '../../crypto/index';
import type { Database } from '../../db/database';
import { conflict, invalid } from '../../errors';

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
    const parsed = parseIdNumber(input.idNumber);
    if (!parsed.ok) throw invalid('idNumber', parsed.message);
    const hash = this.crypto.keyedHash(parsed.value.idNumber);
    const enterpriseId = caller.enterpriseId;
    return this.db.transaction().execute(async (trx) => {
      const existing = await trx.selectFrom('persons').select(['id', 'name']).where('id_number_hash', '=', hash).executeTakeFirst();
      if (existing) {
        // one person across enterprises: link to the record as it is (its facts belong to the person, who keeps them)
        if (existing.name !== input.name) throw conflict('该身份证号已登记，但姓名不一致，请核对', [{ path: 'name', message: '姓名与已登记的身份证号不符' }]);
        await trx.insertInto('candidates').values({ enterprise_id: enterpriseId, person_id: existing.id }).onConflict((oc) => oc.doNothing()).execute();
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
    .select([...personColumns, 'c.created_at as recordedAt'])
    .where('c.enterprise_id', '=', enterpriseId)
    .orderBy('c.created_at', 'desc')
    .execute();
}
