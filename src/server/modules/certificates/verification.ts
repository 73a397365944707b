import { CERTIFICATE_KINDS, CERTIFICATE_STATUSES, maskName } from '../../../domain/certificates';
import type { CryptoService } from '../../crypto/index';
import type { Database } from '../../db/database';
import type { CertificateKind } from '../../db/types';
import { notFound } from '../../errors';
import { CertificateService } from './service';

/**
 * Public verification of a certificate by its serial: what it certifies as signed (the holder's name masked), its
 * status and whether the signature holds; and the public keys for verifying offline.
 */
export class CertificateVerificationService {
  private readonly certificates: CertificateService;

  constructor(
    private readonly db: Database,
    private readonly crypto: CryptoService,
  ) {
    this.certificates = new CertificateService(crypto);
  }

  async verify(serial: string) {
    const cert = await this.db
      .selectFrom('certificates as c')
      .leftJoin('persons as p', 'p.id', 'c.person_id')
      .selectAll('c')
      .select('p.name as personName')
      .where('c.serial', '=', serial.toUpperCase())
      .executeTakeFirst();
    if (!cert) throw notFound('证书');
    const payload = cert.payload as Record<string, unknown>;
    const str = (k: string) => (typeof payload[k] === 'string' ? (payload[k] as string) : null);
    return {
      serial: cert.serial,
      kind: cert.kind,
      kindLabel: CERTIFICATE_KINDS[cert.kind as CertificateKind],
      status: cert.status,
      statusLabel: CERTIFICATE_STATUSES[cert.status],
      statusReason: cert.status_reason,
      statusChangedAt: cert.status_changed_at,
      holderName: maskName(str('personName') ?? cert.personName ?? ''),
      enterpriseName: str('enterpriseName'),
      bureauName: str('bureauName'),
      appointmentDate: str('appointmentDate'),
      className: str('className'),
      tierLabel: str('tierLabel'),
      expiresAt: cert.expires_at,
      issuedAt: cert.issued_at,
      issuedOn: str('issuedOn') ?? str('filedOn'),
      filedOn: str('filedOn'),
      expiresOn: str('expiresOn'),
      period: str('period'),
      year: typeof payload.year === 'number' ? payload.year : null,
      hours: typeof payload.hours === 'number' ? payload.hours : null,
      signatureValid: this.certificates.verify(cert),
    };
  }

  /** The active signing key first, then every other key certificates can still be verified with. */
  signingKeys() {
    const [active, ...others] = this.crypto.publicSigningKeys();
    if (!active) throw new Error('No signing key loaded');
    return { ...active, keys: [active, ...others] };
  }
}
