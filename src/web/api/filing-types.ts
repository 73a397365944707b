/** Shapes of the filing (聘任备案) and certificate API answers (src/server/modules/filings). */
import type { Criterion, Education, EligibilityResult, PositionLevel } from '../../domain/eligibility';
import type { FILING_END_KINDS, FILING_STATUSES } from '../../domain/filing-input';

/** A person as the server shows them: the ID number only masked (first 4 and last 4). */
export interface Person {
  id: number;
  name: string;
  idNumberMasked: string;
  gender: 'male' | 'female';
  birthDate: string;
  phone: string | null;
  education: Education;
  qualityYears: number;
  positionTitle: string;
  positionLevel: PositionLevel;
}

/** `GET /api/candidates`: the enterprise's 拟任 pool. */
export interface Candidate extends Person {
  recordedAt: string;
  version: number;
}

export type FilingStatus = keyof typeof FILING_STATUSES;
export type FilingEndKind = keyof typeof FILING_END_KINDS;
export type RoundDecision = 'approved' | 'returned' | 'rejected' | 'withdrawn';

export interface Filing {
  id: number;
  version: number;
  enterpriseId: number;
  enterpriseName: string;
  uscc: string;
  /** Null for the enterprise, which is given its own `candidateId` instead (issue 16 item 1). */
  personId: number | null;
  candidateId: number | null;
  personName: string;
  idNumberMasked: string;
  orgUnitId: number;
  orgUnitName: string;
  status: FilingStatus;
  /** Dates are `YYYY-MM-DD`. */
  appointmentDate: string | null;
  departmentsLed: string | null;
  reportsToGeneralManager: boolean;
  vetoRight: boolean;
  treatment: string | null;
  /** 待遇 (policy 四) as structured fields; null when the filing predates them. */
  treatmentLevel: string | null;
  attendsManagementMeetings: boolean | null;
  postAllowanceYuan: number | null;
  treatmentBenefits: string[];
  /** The competitive selection (竞争聘用) the appointment came out of. */
  selectionId: number | null;
  hasAuthorizationLetter: boolean;
  /** The serial of the latest 备案证明 (once approved), checked publicly at `/verify/<serial>`; null before. */
  proofSerial: string | null;
  eligibility: EligibilityResult | null;
  ruleVersion: number | null;
  /** How many times it has been submitted (第 N 轮). */
  round: number;
  reviewDeadline: string | null;
  submittedAt: string | null;
  decidedAt: string | null;
  /** The bureau's last remarks: approval remarks, 退回补正 remarks or the reason for 不予备案. */
  decisionReason: string | null;
  /** Approved although a binding eligibility rule failed: the reviewer's written reason, the rule version, the failed criteria. */
  overrideReason: string | null;
  overrideRuleVersion: number | null;
  overrideCriteria: Criterion[] | null;
  endKind: FilingEndKind | null;
  /** 退出原因 (`EXIT_CAUSES`). */
  exitCause: string | null;
  endReason: string | null;
  endedAt: string | null;
  createdAt: string;
  updatedAt: string;
  /** The caller takes the bureau's decisions on this filing (computed by the server with the review routes' rule; false for a county merged into its city). */
  canReview: boolean;
}

export interface FilingRound {
  round: number;
  submittedAt: string;
  decision: RoundDecision | null;
  remarks: string | null;
  decidedAt: string | null;
  eligibility: EligibilityResult | null;
}

/** The enterprise's candidate data as the filing keeps it (drafted, then as submitted); `nameMismatch` only for bureaus. */
export interface CandidateSnapshot {
  name: string;
  nameMismatch: boolean;
  qualifications: { id: number; kind: string; name: string; issuer: string | null; issuedOn: string | null; hasEvidence: boolean }[];
}

export interface FilingDetail extends Filing {
  /** `id` is null for the enterprise (see `personId`). */
  person: Omit<Person, 'id'> & { id: number | null };
  candidate: CandidateSnapshot | null;
  rounds: FilingRound[];
  /** The latest 备案证明 as signed: the record shows its dates from here, as the PDF and /verify do. */
  proof: {
    serial: string;
    status: string;
    statusReason: string | null;
    personName: string;
    enterpriseName: string;
    bureauName: string;
    appointmentDate: string | null;
    filedOn: string;
    issuedOn: string;
  } | null;
}

/** `GET /api/filings/statistics/overrides`: approvals by override per responsible bureau in a year. */
export interface OverrideStatistics {
  year: number;
  items: { orgUnitId: number; orgUnitName: string; approved: number; overrides: number }[];
  total: { approved: number; overrides: number };
}

/** `GET /api/filings/statistics/exits`: officers who left office in a year, per bureau and exit cause. */
export interface ExitStatistics {
  year: number;
  items: { orgUnitId: number; orgUnitName: string; total: number; byCause: Record<string, number> }[];
  total: { total: number; byCause: Record<string, number>; byKind: Record<string, number> };
}

/** `GET /api/filings/statistics/treatment`: structured 待遇 of the officers in office, per bureau. */
export interface TreatmentStatistics {
  items: {
    orgUnitId: number;
    orgUnitName: string;
    active: number;
    recorded: number;
    seniorDeputy: number;
    aboveScale: number;
    aboveScaleSeniorDeputy: number;
    attendsMeetings: number;
    reportsToGeneralManager: number;
    vetoRight: number;
    withAllowance: number;
    averageAllowanceYuan: number | null;
  }[];
}

/** `GET /api/public/verify/:serial`: what anyone may learn about a certificate (holder's name masked). */
export interface CertificateVerification {
  serial: string;
  kind: string;
  kindLabel: string;
  status: 'valid' | 'ended' | 'revoked';
  statusLabel: string;
  statusReason: string | null;
  statusChangedAt: string | null;
  holderName: string;
  enterpriseName: string | null;
  bureauName: string | null;
  appointmentDate: string | null;
  /** 培训合格证 only */
  className: string | null;
  tierLabel: string | null;
  expiresAt: string | null;
  issuedAt: string;
  /** The dates as signed (YYYY-MM-DD), the ones the PDF prints */
  issuedOn: string | null;
  filedOn: string | null;
  expiresOn: string | null;
  period: string | null;
  /** 学时证明 */
  year: number | null;
  hours: number | null;
  signatureValid: boolean;
}
