import type { Kysely } from 'kysely';
import { recordAudit } from '../audit/audit-log';
import type { DB } from '../db/types';
import type { CryptoService } from './index';
import type { CryptoProfile, Suite } from './suites';
import { CertificateService } from '../modules/certificates/service';

/**
 * Moves a database from one crypto profile to the other: re-encrypts every ciphertext and re-computes every
 * keyed hash with the target suite, and re-signs every certificate whose signature still verifies. Rows already
 * in the target form are skipped, so an interrupted run resumes where it stopped; each batch commits on its own
 * and an update only applies when the row is still as read (`where <column> = <old value>`).
 * The audit chain is append-only and is not rewritten: its rows verify with the algorithm they record
 * (`hash_alg`), and rows after the switch are keyed with the target profile.
 */

export interface MigrationProgress {
  step: string;
  done: number;
  total: number;
}

export interface MigrationResult {
  reEncrypted: number;
  reSigned: number;
  /** Certificates whose stored signature did not verify: left as they are and reported (never re-signed). */
  badSignatures: string[];
}

const inTarget = (target: Suite) => `v1.${target.cipher}.${target.dataKeyId}.%`;

export async function migrateCryptoProfile(
  db: Kysely<DB>,
  crypto: CryptoService,
  to: CryptoProfile,
  options: { batchSize?: number; onProgress?: (p: MigrationProgress) => void } = {},
): Promise<MigrationResult> {
  const target = crypto.suite(to);
  const batch = options.batchSize ?? 200;
  const report = options.onProgress ?? (() => undefined);
  const result: MigrationResult = { reEncrypted: 0, reSigned: 0, badSignatures: [] };

  for (const table of ['persons', 'person_link_requests'] as const) {
    const pending = () => db.selectFrom(table).where('id_number_enc', 'not like', inTarget(target));
    const total = Number((await pending().select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
    let done = 0;
    let lastId = 0;
    for (;;) {
      const rows = await pending().select(['id', 'id_number_enc']).where('id', '>', lastId).orderBy('id').limit(batch).execute();
      if (!rows.length) break;
      await db.transaction().execute(async (trx) => {
        for (const row of rows) {
          const plain = crypto.decrypt(row.id_number_enc);
          const updated = await trx
            .updateTable(table)
            .set({ id_number_enc: target.encrypt(plain), id_number_hash: target.keyedHash(plain) })
            .where('id', '=', row.id)
            .where('id_number_enc', '=', row.id_number_enc)
            .executeTakeFirst();
          result.reEncrypted += Number(updated.numUpdatedRows);
        }
      });
      done += rows.length;
      lastId = rows[rows.length - 1]?.id ?? lastId;
      report({ step: table, done, total });
    }
  }

  {
    const pending = () => db.selectFrom('accounts').where('totp_secret', 'is not', null).where('totp_secret', 'not like', inTarget(target));
    const total = Number((await pending().select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
    let done = 0;
    let lastId = 0;
    for (;;) {
      const rows = await pending().select(['id', 'totp_secret']).where('id', '>', lastId).orderBy('id').limit(batch).execute();
      if (!rows.length) break;
      await db.transaction().execute(async (trx) => {
        for (const row of rows) {
          if (row.totp_secret === null) continue;
          const updated = await trx
            .updateTable('accounts')
            .set({ totp_secret: target.encrypt(crypto.decrypt(row.totp_secret)) })
            .where('id', '=', row.id)
            .where('totp_secret', '=', row.totp_secret)
            .executeTakeFirst();
          result.reEncrypted += Number(updated.numUpdatedRows);
        }
      });
      done += rows.length;
      lastId = rows[rows.length - 1]?.id ?? lastId;
      report({ step: 'accounts.totp_secret', done, total });
    }
  }

  {
    const certificates = new CertificateService(crypto);
    const pending = () => db.selectFrom('certificates').where((eb) => eb.or([eb('signing_key_id', '!=', target.signingKeyId), eb('signature_algorithm', '!=', target.signatureAlgorithm)]));
    const total = Number((await pending().select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
    let done = 0;
    let lastId = 0;
    for (;;) {
      const rows = await pending().select(['id', 'serial', 'kind', 'payload', 'signature', 'signing_key_id', 'signature_algorithm']).where('id', '>', lastId).orderBy('id').limit(batch).execute();
      if (!rows.length) break;
      await db.transaction().execute(async (trx) => {
        for (const row of rows) {
          if (!certificates.verify(row)) {
            result.badSignatures.push(row.serial);
            continue;
          }
          const signature = target.sign(certificates.signedPayload(row.serial, row.kind, row.payload as Record<string, unknown>));
          const updated = await trx
            .updateTable('certificates')
            .set({ signature, signature_algorithm: target.signatureAlgorithm, signing_key_id: target.signingKeyId })
            .where('id', '=', row.id)
            .where('signature', '=', row.signature)
            .executeTakeFirst();
          result.reSigned += Number(updated.numUpdatedRows);
        }
      });
      done += rows.length;
      lastId = rows[rows.length - 1]?.id ?? lastId;
      report({ step: 'certificates', done, total });
    }
  }

  await db.transaction().execute((trx) =>
    recordAudit(trx, { accountId: null, username: 'crypto:migrate', role: null, ip: null }, {
      action: 'crypto.profile_migrated',
      targetType: 'crypto_profile',
      targetId: to,
      details: { reEncrypted: result.reEncrypted, reSigned: result.reSigned, badSignatures: result.badSignatures.length },
    }),
  );
  return result;
}
