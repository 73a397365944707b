import type { Kysely } from 'kysely';
import type { DB } from '../../db/types';
import { bureauName } from '../certificates/pdf';
import type { CertificateService } from '../certificates/service';

/** What a 备案证明 says: the signed payload every view of it (PDF, verification, filing record) reads. */
export interface FilingProofPayload {
  personName: string;
  idNumberMasked: string;
  enterpriseName: string;
  uscc: string;
  bureauName: string;
  appointmentDate: string | null;
  departmentsLed: string | null;
  reportsToGeneralManager: boolean;
  vetoRight: boolean;
  /** 备案日期: the day of the approval (China time) */
  filedOn: string;
  /** 签发日期: the proof is issued in the approving transaction, so the same day */
  issuedOn: string;
}

const chinaDate = (at: Date): string => new Date(at.getTime() + 8 * 3600_000).toISOString().slice(0, 10);

/**
 * Issues the 备案证明 of an approved filing from its record, inside the approving transaction: the names and
 * dates come from the filing as decided (`decided_at` is the 备案/签发 date and the certificate's issue time).
 * The approval route and the demo seed both issue through here, so a proof always matches its record.
 */
export async function issueFilingProof(trx: Kysely<DB>, certificates: CertificateService, filingId: number): Promise<{ id: number; serial: string }> {
  const f = await trx
    .selectFrom('filings as f')
    .innerJoin('enterprises as e', 'e.id', 'f.enterprise_id')
    .innerJoin('persons as p', 'p.id', 'f.person_id')
    .innerJoin('org_units as o', 'o.id', 'f.org_unit_id')
    .select([
      'f.person_id',
      'f.org_unit_id',
      'f.appointment_date',
      'f.departments_led',
      'f.reports_to_general_manager',
      'f.veto_right',
      'f.decided_at',
      'e.name as enterpriseName',
      'e.uscc',
      'p.name as personName',
      'p.id_number_masked',
      'o.name as unitName',
    ])
    .where('f.id', '=', filingId)
    .executeTakeFirstOrThrow();
  if (!f.decided_at) throw new Error(`filing ${String(filingId)} has no decision to prove`);
  const decidedOn = chinaDate(f.decided_at);
  const payload: FilingProofPayload = {
    personName: f.personName,
    idNumberMasked: f.id_number_masked,
    enterpriseName: f.enterpriseName,
    uscc: f.uscc,
    bureauName: bureauName(f.unitName),
    appointmentDate: f.appointment_date,
    departmentsLed: f.departments_led,
    reportsToGeneralManager: f.reports_to_general_manager,
    vetoRight: f.veto_right,
    filedOn: decidedOn,
    issuedOn: decidedOn,
  };
  return certificates.issue(trx, {
    kind: 'filing_proof',
    subjectType: 'filing',
    subjectId: filingId,
    personId: f.person_id,
    orgUnitId: f.org_unit_id,
    payload: { ...payload },
    issuedAt: f.decided_at,
  });
}

/** The filing record's view of its latest 备案证明: the particulars as signed, never recomputed from the filing. */
export async function proofOf(db: Kysely<DB>, filingId: number) {
  const cert = await db
    .selectFrom('certificates')
    .select(['serial', 'status', 'status_reason', 'payload'])
    .where('subject_type', '=', 'filing')
    .where('subject_id', '=', filingId)
    .where('kind', '=', 'filing_proof')
    .orderBy('id', 'desc')
    .executeTakeFirst();
  if (!cert) return null;
  const p = cert.payload as unknown as FilingProofPayload;
  return {
    serial: cert.serial,
    status: cert.status,
    statusReason: cert.status_reason,
    personName: p.personName,
    enterpriseName: p.enterpriseName,
    bureauName: p.bureauName,
    appointmentDate: p.appointmentDate,
    filedOn: p.filedOn,
    issuedOn: p.issuedOn ?? p.filedOn,
  };
}
