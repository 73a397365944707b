import type { CaseStatus, CommunityCreditRule, EventKind, RegistrationStatus } from '../../domain/community-cases';

/** One list page: the same shape as every paged answer (api/types.ts). */
export type { Page } from './types';

export interface CaseHit {
  id: number;
  title: string;
  summary: string;
  tools: string[];
  industrySection: string;
  industryDivision: string | null;
  featured: boolean;
  authorName: string;
  enterpriseName: string | null;
  publishedAt: string | null;
  rank: number;
  snippet: { text: string; hit: boolean }[];
}

export interface CaseListItem {
  id: number;
  title: string;
  status: CaseStatus;
  featured: boolean;
  tools: string[];
  industrySection: string;
  authorName: string;
  enterpriseName: string | null;
  orgUnitName: string;
  reviewRemarks: string | null;
  submittedAt: string | null;
  publishedAt: string | null;
  updatedAt: string;
}

export interface CaseDetail extends CaseListItem {
  version: number;
  summary: string;
  problem: string;
  method: string;
  results: string;
  industryDivision: string | null;
  organisationId: number | null;
  attachments: { id: number; fileName: string; bytes: number }[];
  abilities: { edit: boolean; submit: boolean; withdraw: boolean; review: boolean };
}

export interface CaseInput {
  title: string;
  summary: string;
  problem: string;
  method: string;
  results: string;
  tools: string[];
  industrySection: string;
  industryDivision: string | null;
}

export type { CommunityCreditRule };

export interface CommunityCredits {
  year: number;
  totalMinutes: number;
  capMinutes: number;
  lines: { sourceRef: string; title: string; minutes: number; status: 'credited' | 'revoked'; statusReason: string | null; occurredOn: string }[];
}

export interface EventItem {
  id: number;
  kind: EventKind;
  title: string;
  place: string;
  startsAt: string;
  endsAt: string;
  capacity: number;
  registered: number;
  waitlisted: number;
  status: 'open' | 'cancelled';
  organiserName: string;
  /** the 联盟/之家 holding it; null for a bureau's event */
  organisationId: number | null;
  myStatus: RegistrationStatus | null;
  myCheckedIn: boolean;
  hasReport: boolean;
}

export interface EventDetail extends EventItem {
  description: string;
  creditsStudy: boolean;
  cancelReason: string | null;
  reportText: string | null;
  reportPublishedAt: string | null;
  photos: { id: number; caption: string }[];
  abilities: { register: boolean; cancelRegistration: boolean; manage: boolean };
}

export interface EventInput {
  kind: EventKind;
  title: string;
  description: string;
  place: string;
  startsAt: string;
  endsAt: string;
  capacity: number;
  creditsStudy: boolean;
  /** on creation only: the 联盟/之家 holding the event */
  organisationId?: number;
}

export interface AttendanceRow {
  id: number;
  name: string;
  enterpriseName: string | null;
  status: RegistrationStatus;
  registeredAt: string;
  checkedInAt: string | null;
}

export interface CheckInToken {
  token: string;
  path: string;
  expiresAt: string;
  stepSeconds: number;
}

export interface CheckInResult {
  eventId: number;
  title: string;
  alreadyCheckedIn: boolean;
  creditedMinutes: number;
}
