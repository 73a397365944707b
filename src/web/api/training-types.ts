import type { AttendanceStatus, Completion, EnrolmentStatus, SurveyItem, TrainingFormat, TrainingTier } from '../../domain/training';

/** What the training pages read and send (src/server/modules/training/routes.ts). */

export interface TrainingClassSummary {
  id: number;
  name: string;
  tier: TrainingTier;
  format: TrainingFormat;
  orgUnitId: number;
  orgUnitName: string;
  providerName: string | null;
  trainerAccountId: number | null;
  venue: string | null;
  onlineLink: string | null;
  description: string | null;
  capacity: number;
  hours: number;
  enrolDeadline: string | null;
  waivePrerequisite: boolean;
  passMark: number;
  minAttendancePercent: number;
  certificateValidMonths: number | null;
  status: 'open' | 'cancelled';
  statusReason: string | null;
}

export interface TrainingClassListItem extends TrainingClassSummary {
  firstStart: string | null;
  lastEnd: string | null;
  enrolled: number;
  waitlisted: number;
  certified: number;
  /** the caller may enrol now (the server's enrolment rule); when not, `enrolRefusal` says why (null for roles that never enrol) */
  canEnrol: boolean;
  enrolRefusal: string | null;
}

export interface TrainingSession {
  id: number;
  title: string;
  startsAt: string;
  endsAt: string;
  lateAfterMinutes?: number;
}

export interface CertificateRef {
  id: number;
  serial: string;
  status: 'valid' | 'ended' | 'revoked';
  statusReason?: string | null;
  issuedAt?: string;
  expiresAt?: string | null;
}

export interface EnrolmentView {
  id: number;
  status: EnrolmentStatus;
  score: number | null;
  makeupScore: number | null;
  preQuizScore: number | null;
  createdAt: string;
  sessions: { id: number; title: string; startsAt: string; endsAt: string; attendance: AttendanceStatus | null; method: 'qr' | 'manual' | null; signedInAt: string | null; correctionReason: string | null }[];
  completion: Completion;
  certificate: CertificateRef | null;
  surveySubmittedAt: string | null;
}

export interface TrainingClassDetail extends TrainingClassSummary {
  sessions: TrainingSession[];
  instructors: { id: number; name: string; organisation: string; title: string | null; topic: string | null }[];
  enrolled: number;
  waitlisted: number;
  quiz: { question: string; options: string[] }[];
  canDeliver: boolean;
  canManage: boolean;
  /** the caller may read the effect-evaluation report (the server's rule) */
  canSeeSurveyReport: boolean;
  /** an enterprise may enrol its people now; `enrolRefusal` says why not (for an officer too) */
  canEnrolCandidates: boolean;
  canEnrol: boolean;
  enrolRefusal: string | null;
  mine: EnrolmentView | null;
}

export interface RosterAttendance {
  status: AttendanceStatus;
  method: 'qr' | 'manual' | null;
  signedInAt: string | null;
  correctionReason: string | null;
}

export interface RosterItem {
  id: number;
  name: string;
  phone: string | null;
  positionTitle: string | null;
  enterpriseName: string | null;
  status: EnrolmentStatus;
  enrolledAt: string;
  /** Waiting-list rank (policy 四): 0 规上企业在任首席质量官, 1 other filed officers, 2 others. */
  priority: 0 | 1 | 2;
  priorityLabel: string;
  /** Place on the waiting list in promotion order; null unless waitlisted. */
  waitlistPosition: number | null;
  cancelReason: string | null;
  score: number | null;
  makeupScore: number | null;
  attendance: Record<string, RosterAttendance | null>;
  completion: Completion;
  certificate: { id: number; serial: string; status: 'valid' | 'ended' | 'revoked' } | null;
  surveyDone: boolean;
}

export interface Roster {
  sessions: TrainingSession[];
  /** The waiting-list promotion rule, in Chinese, for the trainer. */
  waitlistRule: string;
  items: RosterItem[];
}

export interface SignInCode {
  /** sign-in opens 30 minutes before the start and closes at the end; a code exists only while it is open */
  state: 'not_started' | 'open' | 'ended';
  opensAt: string;
  token: string | null;
  url: string | null;
  svg: string | null;
  expiresAt: string | null;
  className: string;
  sessionTitle: string;
  startsAt: string;
  endsAt: string;
  signedIn: number;
  enrolled: number;
}

export interface SignInResult {
  classId: number;
  className: string;
  sessionTitle: string;
  status: 'present' | 'late' | 'absent';
  signedInAt: string;
  already: boolean;
}

export interface SurveyReport {
  classId: number;
  className: string;
  tier: TrainingTier;
  enrolled: number;
  responses: number;
  responseRate: number | null;
  overallMean: number | null;
  overallSatisfiedPercent: number | null;
  items: { key: SurveyItem; label: string; mean: number | null; satisfiedPercent: number | null; distribution: number[] }[];
  instructors: { id: number; name: string; organisation: string; topic: string | null; mean: number | null; count: number; overallMean: number | null }[];
  quiz: { questions: number; preMean: number | null; postMean: number | null; preCount: number; postCount: number } | null;
  comments: { text: string; submittedAt: string }[];
}

export interface Instructor {
  id: number;
  orgUnitId: number;
  orgUnitName: string;
  name: string;
  organisation: string;
  title: string | null;
  topics: string[];
  active: boolean;
  rating: number | null;
  ratingCount: number;
}

export interface MyTrainingItem {
  classId: number;
  className: string;
  tier: TrainingTier;
  tierLabel: string;
  format: TrainingFormat;
  formatLabel: string;
  orgUnitName: string;
  venue: string | null;
  onlineLink: string | null;
  hours: number;
  classStatus: 'open' | 'cancelled';
  hasQuiz: boolean;
  enrolment: EnrolmentView;
}

export interface TrainingOverview {
  year: number;
  tiers: { tier: TrainingTier; classes: number; enrolled: number; assessed: number; passed: number; passRate: number | null; certified: number }[];
  satisfaction: { unit: string; responses: number; mean: number | null }[];
  instructors: { id: number; name: string; organisation: string; mean: number; ratings: number }[];
  coverage: { orgUnitId: number; code: string; name: string; activeOfficers: number; trainedOfficers: number; percent: number | null }[];
}

/** One list page: the same shape as every paged answer (api/types.ts). */
export type { Page } from './types';
