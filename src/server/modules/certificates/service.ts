import crypto from 'node:crypto';
import type { Kysely } from 'kysely';
import { SERIAL_ALPHABET } from '../../../domain/certificates';
import { canonicalJson } from '../../audit/audit-log';
import type { CryptoService } from '../../crypto/index';
import type { SignedData } from './pdf';
import type { CertificateKind, DB } from '../../db/types';
import { clock } from '../../clock';

const PREFIX: Record<CertificateKind, string> = { filing_proof: 'BA', training_certificate: 'PX', transcript: 'XS' };

/** JS-BA-2026-XXXXXXXX: kind, year and 8 random characters (about 40 bits: not guessable by enumeration). */
export function newSerial(kind: CertificateKind, year = clock.now().getFullYear()): string {
  let random = '';
  for (let i = 0; i < 8; i++) random += SERIAL_ALPHABET[crypto.randomInt(SERIAL_ALPHABET.length)] ?? '2';
  return `JS-${PREFIX[kind]}-${year}-${random}`;
}

export interface IssueInput {
  kind: CertificateKind;
  subjectType: string;
  subjectId: number;
  personId: number | null;
  orgUnitId: number;
  /** What the certificate says; signed as canonical JSON together with the serial and kind. */
  payload: Record<string, unknown>;
  expiresAt?: Date | null;
  /** The moment of issue (defaults to now); the payload's `issuedOn` is its date in China, the one every view shows. */
  issuedAt?: Date;
}

/** The text a certificate's signature covers: canonical JSON of the serial, the kind and the payload (UTF-8). */
export const signedPayloadOf = (serial: string, kind: CertificateKind, payload: Record<string, unknown>): string => canonicalJson({ serial, kind, ...payload });

/** The signed bytes and the signature of a certificate, as its PDF carries them for offline verification. */
export const signedDataOf = (row: {
  serial: string;
  kind: CertificateKind;
  payload: unknown;
  signature: string;
  signing_key_id: string;
  signature_algorithm: string;
}): SignedData => ({
  message: signedPayloadOf(row.serial, row.kind, row.payload as Record<string, unknown>),
  signature: row.signature,
  algorithm: row.signature_algorithm,
  keyId: row.signing_key_id,
});

/** How a certificate's signature algorithm is named on the documents. */
export const signatureLabel = (algorithm: string): string => (algorithm === 'sm2-sm3' ? 'SM2（SM3）' : algorithm === 'ed25519' ? 'Ed25519' : algorithm);

/**
 * Issues, ends and revokes certificates; every certificate is signed over its canonical payload with the active
 * profile (Ed25519, or SM2 over SM3 in the gm profile) and records the algorithm and key id.
 */
export class CertificateService {
  constructor(private readonly crypto: CryptoService) {}

  signedPayload(serial: string, kind: CertificateKind, payload: Record<string, unknown>): string {
    return signedPayloadOf(serial, kind, payload);
  }

  async issue(trx: Kysely<DB>, input: IssueInput): Promise<{ id: number; serial: string }> {
    const issuedAt = input.issuedAt ?? clock.now();
    const serial = newSerial(input.kind, new Date(issuedAt.getTime() + 8 * 3600_000).getUTCFullYear());
    const { signature, keyId, algorithm } = this.crypto.sign(this.signedPayload(serial, input.kind, input.payload));
    const row = await trx
      .insertInto('certificates')
      .values({
        serial,
        kind: input.kind,
        subject_type: input.subjectType,
        subject_id: input.subjectId,
        person_id: input.personId,
        org_unit_id: input.orgUnitId,
        payload: JSON.stringify(input.payload),
        signature,
        signature_algorithm: algorithm,
        signing_key_id: keyId,
        expires_at: input.expiresAt ?? null,
        issued_at: issuedAt,
      })
      .returning(['id', 'serial'])
      .executeTakeFirstOrThrow();
    return row;
  }

  /** Marks the valid certificates of a subject ended (its appointment ended) or revoked, with the reason. */
  async setStatus(trx: Kysely<DB>, subjectType: string, subjectId: number, status: 'ended' | 'revoked', reason: string): Promise<void> {
    await trx
      .updateTable('certificates')
      .set({ status, status_reason: reason, status_changed_at: clock.now() })
      .where('subject_type', '=', subjectType)
      .where('subject_id', '=', subjectId)
      .where('status', '=', 'valid')
      .execute();
  }

  verify(row: { serial: string; kind: CertificateKind; payload: unknown; signature: string; signing_key_id: string; signature_algorithm: string }): boolean {
    return this.crypto.verifySignature(
      this.signedPayload(row.serial, row.kind, row.payload as Record<string, unknown>),
      row.signature,
      row.signing_key_id,
      row.signature_algorithm,
    );
  }
}
