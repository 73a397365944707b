/** Shapes of the supervision API (duty records, expert pool, warnings and blacklist, public notices, award eligibility). */
import type { AwardConditionKey } from '../../domain/award-eligibility';

import type { DUTY_PROJECT_TYPES, DutyKindKey } from '../../domain/supervision';

export type DutyKind = DutyKindKey;
export type DutyProjectType = keyof typeof DUTY_PROJECT_TYPES;

export interface Attachment {
  id: number;
  name: string;
  createdAt: string;
}

export interface DutyRecord {
  id: number;
  filingId: number;
  personId: number | null;
  personName: string;
  enterpriseId: number;
  enterpriseName: string;
  orgUnitName: string;
  kind: DutyKind;
  projectType: DutyProjectType | null;
  occurredOn: string;
  title: string;
  description: string;
  outcome: string | null;
  creditedMinutes: number | null;
  confirmedAt: string | null;
  createdByRole: string;
  createdAt: string;
  attachmentCount: number;
}

export interface DutyRecordDetail extends DutyRecord {
  attachments: Attachment[];
  canEdit: boolean;
}

export type ExpertStatus = 'nominated' | 'active' | 'declined' | 'withdrawn';

export interface ExpertDraw {
  id: number;
  taskKind: 'diagnosis' | 'review';
  taskTitle: string;
  taskDate: string;
  note: string | null;
  orgUnitName: string;
  createdAt: string;
}

export interface ExpertMember {
  id: number;
  personId: number;
  personName: string;
  positionTitle: string | null;
  orgUnitName: string;
  enterpriseName: string | null;
  fields: string[];
  industrySection: string | null;
  note: string | null;
  status: ExpertStatus;
  respondedAt: string | null;
  createdAt: string;
  drawCount: number;
}

export interface ExpertMemberDetail extends ExpertMember {
  draws: ExpertDraw[];
}

export type SanctionKind = 'warning' | 'blacklist';
export type SanctionStatus = 'proposed' | 'rejected' | 'in_force' | 'removed';

export interface Sanction {
  id: number;
  kind: SanctionKind;
  status: SanctionStatus;
  personId: number;
  personName: string;
  idNumberMasked: string;
  enterpriseId: number;
  enterpriseName: string;
  uscc: string;
  filingId: number | null;
  orgUnitName: string;
  incidentTitle: string;
  incidentDate: string;
  incidentDescription: string;
  reason: string;
  banStart: string | null;
  banEnd: string | null;
  proposedAt: string;
  proposedByName: string;
  proposedByUnit: string;
  decisionReason: string | null;
  decidedAt: string | null;
  removalReason: string | null;
  removedAt: string | null;
  noticeNo: string | null;
}

export interface SanctionAppeal {
  id: number;
  reason: string;
  status: 'pending' | 'upheld' | 'dismissed';
  response: string | null;
  createdAt: string;
  decidedAt: string | null;
}

export interface SanctionDetail extends Sanction {
  appeals: SanctionAppeal[];
  attachments: Attachment[];
  canAppeal: boolean;
}

export interface BlacklistNotice {
  noticeNo: string;
  personNameMasked: string;
  enterpriseName: string;
  uscc: string;
  reason: string;
  banStart: string;
  banEnd: string;
  publishedAt: string;
  status: 'in_force' | 'pending' | 'expired' | 'removed';
  statusLabel: string;
  withdrawnAt: string | null;
  withdrawnReason: string | null;
}

export interface AwardEligibilityAnswer {
  uscc: string;
  enterpriseName: string;
  checkedOn: string;
  scheme: { level: 'province' | 'city' | 'county'; levelLabel: string; version: number; adoptedOn: string; note: string | null };
  eligible: boolean;
  conditions: { key: AwardConditionKey; label: string; pass: boolean; reason: string }[];
}
