/** Shapes of the enterprise API answers (src/server/modules/enterprises): records, registrations, change requests. */
import type { EnterpriseSource, EnterpriseStatus, Ownership, Scale } from '../../domain/enterprise';
import type { OrgUnitKind } from '../../domain/org-unit';

export interface ReviewFlagItem {
  code: string;
  label: string;
}

export interface Enterprise {
  id: number;
  uscc: string;
  name: string;
  orgUnitId: number;
  orgUnitCode: string;
  orgUnitName: string;
  address: string | null;
  legalRepresentative: string | null;
  contactPerson: string | null;
  contactPhone: string | null;
  industrySection: string;
  industryCode: string;
  scale: Scale;
  ownership: Ownership;
  aboveScale: boolean;
  aboveScaleYear: number | null;
  status: EnterpriseStatus;
  source: EnterpriseSource;
  rosterStatus: 'confirmed' | 'proposed' | 'refused';
  reviewFlags: ReviewFlagItem[];
  hasActiveOfficer: boolean;
  version: number;
  createdAt: string;
  updatedAt: string;
}

export type EnterpriseChangeKind = 'create' | 'update' | 'import' | 'registration' | 'change_request' | 'review';

export interface EnterpriseHistoryEntry {
  id: number;
  changedAt: string;
  actor: string | null;
  kind: EnterpriseChangeKind | string;
  /** DB column name → [before, after]. */
  changes: Record<string, unknown>;
}

/** What an enterprise proposes at registration and the bureau completes when it confirms a new record. */
export interface Classification {
  industryCode?: string;
  scale?: Scale;
  ownership?: Ownership;
  aboveScale?: boolean;
  aboveScaleYear?: number | null;
  address?: string;
}

export type ReviewStatus = 'pending' | 'confirmed' | 'refused';

export interface EnterpriseRegistration {
  id: number;
  uscc: string;
  name: string;
  contactPerson: string;
  contactPhone: string;
  status: ReviewStatus;
  reason: string | null;
  proposal: Classification;
  createdAt: string;
  reviewedAt: string | null;
  orgUnitName: string;
  username: string;
  rosterEnterpriseId: number | null;
  rosterName: string | null;
  rosterOrgUnitName: string | null;
  rosterHasAccount: boolean;
  samePending: number;
}

export interface EnterpriseChangeRequest {
  id: number;
  enterpriseId: number;
  enterpriseName: string;
  uscc: string;
  changes: { name?: string; orgUnitId?: number; industryCode?: string; scale?: string; ownership?: string; aboveScale?: boolean; aboveScaleYear?: number | null };
  targetOrgUnitName: string | null;
  reason: string;
  status: ReviewStatus;
  reviewReason: string | null;
  createdAt: string;
}

export interface MyEnterprise {
  enterprise: Enterprise | null;
  registration: { id: number; status: ReviewStatus; reason: string | null; createdAt: string; reviewedAt: string | null } | null;
}

/** `GET /api/public/org-units`: every unit of the province, flat. */
export interface PublicOrgUnit {
  id: number;
  code: string;
  name: string;
  kind: OrgUnitKind;
  parentId: number | null;
}
