import type { Answer } from '../../../contract/common';
import type {
  officerIdentitySchema,
  officerInvitationSchema,
  officerMeSchema,
  officerRegistrationResultSchema,
  qualificationKindSchema,
  qualificationListSchema,
} from '../../../contract/filings';
import type { Education, PositionLevel } from '../../../domain/eligibility';

/** What the officer pages read and send (the routes in src/server/modules/filings/officer-routes.ts and qualification-routes.ts); answers inferred from the contract (src/contract/filings.ts). */

/** `GET /api/public/officer-invitations/:token` (the name masked: 陈*量) */
export type OfficerInvitation = Answer<typeof officerInvitationSchema>;
/** `POST /api/public/officer-registrations` → 201: always pending, linked only after the bureau confirms (or a verified real-name identity). */
export type OfficerRegistrationResult = Answer<typeof officerRegistrationResultSchema>;
/** `GET /api/officers/me/identity` */
export type OfficerIdentity = Answer<typeof officerIdentitySchema>;
/** `GET /api/officers/me` */
export type OfficerProfile = Answer<typeof officerMeSchema>;
/** The person with the whole ID number: only the person sees it, on their own profile. */
export type OfficerPerson = OfficerProfile['person'];
export type OfficerFiling = OfficerProfile['filings'][number];
export type OfficerCertificate = OfficerProfile['certificates'][number];

/** `PUT /api/officers/me` */
export interface OfficerProfileInput {
  phone?: string | null;
  education: Education;
  qualityYears: number;
  positionTitle: string;
  positionLevel: PositionLevel;
}

export type QualificationKind = Answer<typeof qualificationKindSchema>;
/** `GET /api/persons/:id/qualifications` */
export type QualificationList = Answer<typeof qualificationListSchema>;
export type Qualification = QualificationList['items'][number];

/** `POST /api/persons/:id/qualifications` */
export interface QualificationInput {
  kind: QualificationKind;
  name: string;
  issuer?: string;
  issuedOn?: string;
}
