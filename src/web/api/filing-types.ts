/** Shapes of the filing (聘任备案) and certificate API answers, inferred from the contract (src/contract/filings.ts, filing-register.ts, certificates.ts). */
import type { Answer } from '../../contract/common';
import type { certificateRowSchema, certificateVerificationSchema } from '../../contract/certificates';
import type {
  bulkReviewResultSchema,
  exitStatisticsSchema,
  overrideStatisticsSchema,
  rosterPageSchema,
  rosterRowSchema,
  treatmentStatisticsSchema,
} from '../../contract/filing-register';
import type { linkRequestSchema, personLinkSchema } from '../../contract/identity';
import type {
  candidateCorrectedSchema,
  candidateSchema,
  candidateSnapshotSchema,
  filingDetailSchema,
  filingEndKindSchema,
  filingRoundSchema,
  filingSchema,
  filingStatusSchema,
  invitationIssuedSchema,
  personSchema,
  roundDecisionSchema,
} from '../../contract/filings';

/** A person as the server shows them: the ID number only masked (first 4 and last 4). */
export type Person = Answer<typeof personSchema>;
/** `GET /api/candidates`: the enterprise's 拟任 pool. */
export type Candidate = Answer<typeof candidateSchema>;
export type FilingStatus = Answer<typeof filingStatusSchema>;
export type FilingEndKind = Answer<typeof filingEndKindSchema>;
export type RoundDecision = Answer<typeof roundDecisionSchema>;
export type Filing = Answer<typeof filingSchema>;
export type FilingRound = Answer<typeof filingRoundSchema>;
/** The enterprise's candidate data as the filing keeps it (drafted, then as submitted); `nameMismatch` only for bureaus. */
export type CandidateSnapshot = Answer<typeof candidateSnapshotSchema>;
export type FilingDetail = Answer<typeof filingDetailSchema>;
/** `GET /api/filings/statistics/overrides`: approvals by override per responsible bureau in a year. */
export type OverrideStatistics = Answer<typeof overrideStatisticsSchema>;
/** `GET /api/filings/statistics/exits`: officers who left office in a year, per bureau and exit cause. */
export type ExitStatistics = Answer<typeof exitStatisticsSchema>;
/** `GET /api/filings/statistics/treatment`: structured 待遇 of the officers in office, per bureau. */
export type TreatmentStatistics = Answer<typeof treatmentStatisticsSchema>;
/** `GET /api/public/verify/:serial`: what anyone may learn about a certificate (holder's name masked). */
export type CertificateVerification = Answer<typeof certificateVerificationSchema>;
/** `GET /api/officer-roster` rows. */
export type RosterRow = Answer<typeof rosterRowSchema>;
/** `GET /api/identity/link-requests` items. */
export type LinkRequest = Answer<typeof linkRequestSchema>;
/** `GET /api/identity/links` items. */
export type PersonLink = Answer<typeof personLinkSchema>;
/** `POST /api/filings/bulk-review`: each filing's outcome. */
export type BulkReviewResult = Answer<typeof bulkReviewResultSchema>;
/** `PUT /api/candidates/:id`: the candidate's new version. */
export type CandidateCorrected = Answer<typeof candidateCorrectedSchema>;
/** `POST /api/candidates/:id/invitations`: the one-time registration link. */
export type InvitationIssued = Answer<typeof invitationIssuedSchema>;
/** `GET /api/officer-roster`: a page of the roster and the year it counts. */
export type RosterPage = Answer<typeof rosterPageSchema>;
/** `GET /api/certificates` items (证书台账). */
export type CertificateRow = Answer<typeof certificateRowSchema>;
