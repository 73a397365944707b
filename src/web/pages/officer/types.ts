import type { CERTIFICATE_KINDS, CERTIFICATE_STATUSES } from '../../../domain/certificates';
import type { Education, PositionLevel } from '../../../domain/eligibility';
import type { FILING_END_KINDS } from '../../../domain/filing-input';

/** What the officer pages read and send (the routes in src/server/modules/filings/officer-routes.ts and qualification-routes.ts). */

/** `GET /api/public/officer-invitations/:token` */
export interface OfficerInvitation {
  enterpriseName: string;
  /** Masked (陈*量). */
  personName: string;
  expiresAt: string;
}

/** `POST /api/public/officer-registrations` → 201 */
export interface OfficerRegistrationResult {
  /** Always pending: the identity is linked only after the bureau confirms it (or a verified real-name identity). */
  identityStatus: 'pending';
}

/** `GET /api/officers/me/identity` */
export interface OfficerIdentity {
  status: 'linked' | 'pending' | 'refused' | 'none';
  request: { name: string; idNumberMasked: string; createdAt: string; decisionNote: string | null } | null;
}

export interface OfficerPerson {
  id: number;
  name: string;
  /** The whole number: only the person sees it, on their own profile. */
  idNumber: string;
  idNumberMasked: string;
  gender: 'male' | 'female' | null;
  birthDate: string | null;
  phone: string | null;
  education: Education | null;
  qualityYears: number | null;
  positionTitle: string | null;
  positionLevel: PositionLevel | null;
}

export interface OfficerFiling {
  id: number;
  enterpriseName: string;
  orgUnitName: string;
  status: 'active' | 'ended';
  appointmentDate: string | null;
  endKind: keyof typeof FILING_END_KINDS | null;
  endedAt: string | null;
}

export interface OfficerCertificate {
  serial: string;
  kind: keyof typeof CERTIFICATE_KINDS;
  status: keyof typeof CERTIFICATE_STATUSES;
  statusReason: string | null;
  issuedAt: string;
}

/** `GET /api/officers/me` */
export interface OfficerProfile {
  person: OfficerPerson;
  filings: OfficerFiling[];
  certificates: OfficerCertificate[];
}

/** `PUT /api/officers/me` */
export interface OfficerProfileInput {
  phone?: string | null;
  education: Education;
  qualityYears: number;
  positionTitle: string;
  positionLevel: PositionLevel;
}

export type QualificationKind = 'title' | 'qualification';

export interface Qualification {
  id: number;
  kind: QualificationKind;
  name: string;
  issuer: string | null;
  issuedOn: string | null;
  hasEvidence: boolean;
  createdAt: string;
}

/** `GET /api/persons/:id/qualifications` */
export interface QualificationList {
  items: Qualification[];
  canManage: boolean;
}

/** `POST /api/persons/:id/qualifications` */
export interface QualificationInput {
  kind: QualificationKind;
  name: string;
  issuer?: string;
  issuedOn?: string;
}
