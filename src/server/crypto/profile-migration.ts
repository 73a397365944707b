import type { Kysely, Transaction } from 'kysely';
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

type Report = (p: MigrationProgress) => void;

/**
 * The one batch loop of the migration: counts what `step` still has to do, then reads rows after the last id in
 * pages of `batch` and applies each page in its own transaction (`apply` returns how many rows it changed), reporting
 * progress after each. Rows already in the target form are not `pending`, so a run started again continues.
 */
async function inBatches<R extends { id: number }>(
  db: Kysely<DB>,
  step: string,
  options: { batch: number; report: Report },
  pending: { count: () => Promise<number>; page: (afterId: number, limit: number) => Promise<R[]> },
  apply: (trx: Transaction<DB>, row: R) => Promise<number>,
): Promise<number> {
  const total = await pending.count();
  let done = 0;
  let changed = 0;
  let lastId = 0;
  for (;;) {
    const rows = await pending.page(lastId, options.batch);
    if (!rows.length) break;
    await db.transaction().execute(async (trx) => {
      for (const row of rows) changed += await apply(trx, row);
    });
    done += rows.length;
    lastId = rows[rows.length - 1]?.id ?? lastId;
    options.report({ step, done, total });
  }
  return changed;
}

export async function migrateCryptoProfile(
  db: Kysely<DB>,
  crypto: CryptoService,
  to: CryptoProfile,
  options: { batchSize?: number; onProgress?: Report } = {},
): Promise<MigrationResult> {
  const target = crypto.suite(to);
  const loop = { batch: options.batchSize ?? 200, report: options.onProgress ?? (() => undefined) };
  const result: MigrationResult = { reEncrypted: 0, reSigned: 0, badSignatures: [] };

  for (const table of ['persons', 'person_link_requests'] as const) {
    const pending = () => db.selectFrom(table).where('id_number_enc', 'not like', inTarget(target));
    result.reEncrypted += await inBatches(
      db,
      table,
      loop,
      {
        count: async () =>
          Number(
            (
              await pending()
                .select((eb) => eb.fn.countAll<number>().as('n'))
                .executeTakeFirstOrThrow()
            ).n,
          ),
        page: (afterId, limit) => pending().select(['id', 'id_number_enc']).where('id', '>', afterId).orderBy('id').limit(limit).execute(),
      },
      async (trx, row) => {
        const plain = crypto.decrypt(row.id_number_enc);
        const updated = await trx
          .updateTable(table)
          .set({ id_number_enc: target.encrypt(plain), id_number_hash: target.keyedHash(plain) })
          .where('id', '=', row.id)
          .where('id_number_enc', '=', row.id_number_enc)
          .executeTakeFirst();
        return Number(updated.numUpdatedRows);
      },
    );
  }

  const pendingTotp = () => db.selectFrom('accounts').where('totp_secret', 'is not', null).where('totp_secret', 'not like', inTarget(target));
  result.reEncrypted += await inBatches(
    db,
    'accounts.totp_secret',
    loop,
    {
      count: async () =>
        Number(
          (
            await pendingTotp()
              .select((eb) => eb.fn.countAll<number>().as('n'))
              .executeTakeFirstOrThrow()
          ).n,
        ),
      page: (afterId, limit) => pendingTotp().select(['id', 'totp_secret']).where('id', '>', afterId).orderBy('id').limit(limit).execute(),
    },
    async (trx, row) => {
      if (row.totp_secret === null) return 0;
      const updated = await trx
        .updateTable('accounts')
        .set({ totp_secret: target.encrypt(crypto.decrypt(row.totp_secret)) })
        .where('id', '=', row.id)
        .where('totp_secret', '=', row.totp_secret)
        .executeTakeFirst();
      return Number(updated.numUpdatedRows);
    },
  );

  const certificates = new CertificateService(crypto);
  const pendingCertificates = () =>
    db
      .selectFrom('certificates')
      .where((eb) => eb.or([eb('signing_key_id', '!=', target.signingKeyId), eb('signature_algorithm', '!=', target.signatureAlgorithm)]));
  result.reSigned += await inBatches(
    db,
    'certificates',
    loop,
    {
      count: async () =>
        Number(
          (
            await pendingCertificates()
              .select((eb) => eb.fn.countAll<number>().as('n'))
              .executeTakeFirstOrThrow()
          ).n,
        ),
      page: (afterId, limit) =>
        pendingCertificates()
          .select(['id', 'serial', 'kind', 'payload', 'signature', 'signing_key_id', 'signature_algorithm'])
          .where('id', '>', afterId)
          .orderBy('id')
          .limit(limit)
          .execute(),
    },
    async (trx, row) => {
      if (!certificates.verify(row)) {
        result.badSignatures.push(row.serial);
        return 0;
      }
      const signature = target.sign(certificates.signedPayload(row.serial, row.kind, row.payload as Record<string, unknown>));
      const updated = await trx
        .updateTable('certificates')
        .set({ signature, signature_algorithm: target.signatureAlgorithm, signing_key_id: target.signingKeyId })
        .where('id', '=', row.id)
        .where('signature', '=', row.signature)
        .executeTakeFirst();
      return Number(updated.numUpdatedRows);
    },
  );

  await db.transaction().execute((trx) =>
    recordAudit(
      trx,
      { accountId: null, username: 'crypto:migrate', role: null, ip: null },
      {
        action: 'crypto.profile_migrated',
        targetType: 'crypto_profile',
        targetId: to,
        details: { reEncrypted: result.reEncrypted, reSigned: result.reSigned, badSignatures: result.badSignatures.length },
      },
    ),
  );
  return result;
}
