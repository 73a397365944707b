import type { Generated } from 'kysely';
import type { Json, JsonNullable, JsonWithDefault, Timestamp, TimestampNullable } from './column-types';

export interface EnterprisesTable {
  id: Generated<number>;
  uscc: string;
  name: string;
  org_unit_id: number;
  address: string | null;
  legal_representative: string | null;
  contact_person: string | null;
  contact_phone: string | null;
  contact_email: string | null;
  industry_section: string;
  industry_division: string;
  scale: 'large' | 'medium' | 'small' | 'micro';
  ownership: 'state' | 'collective' | 'private' | 'hmt' | 'foreign' | 'other';
  above_scale: Generated<boolean>;
  above_scale_year: number | null;
  status: Generated<'operating' | 'deregistered' | 'revoked'>;
  source: 'imported' | 'registered' | 'entered';
  roster_status: Generated<'confirmed' | 'proposed' | 'refused'>;
  review_flags: Generated<string[]>;
  has_active_officer: Generated<boolean>;
  flags_checked_unit_path: string | null;
  flags_checked_by: number | null;
  flags_checked_at: TimestampNullable;
  version: Generated<number>;
  created_by: number | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface EnterpriseChangesTable {
  id: Generated<number>;
  enterprise_id: number;
  changed_at: Timestamp;
  actor_account_id: number | null;
  actor_username: string | null;
  kind: string;
  changes: Json<Record<string, unknown>>;
}

export interface EnterpriseImportRowsTable {
  job_id: number;
  row_no: number;
  data: JsonNullable<Record<string, unknown>>;
  errors: Generated<string[]>;
}

export interface EnterpriseRegistrationsTable {
  id: Generated<number>;
  uscc: string;
  name: string;
  contact_person: string;
  contact_phone: string;
  org_unit_id: number;
  account_id: number;
  enterprise_id: number | null;
  status: Generated<'pending' | 'confirmed' | 'refused'>;
  reason: string | null;
  reviewed_by: number | null;
  reviewed_at: TimestampNullable;
  created_at: Timestamp;
  proposal: JsonWithDefault<Record<string, unknown>>;
}

/** What an enterprise asks its bureau to confirm: name, responsible unit, or its classification. */
export interface EnterpriseChangeSet {
  name?: string;
  orgUnitId?: number;
  industryCode?: string;
  scale?: EnterprisesTable['scale'];
  ownership?: EnterprisesTable['ownership'];
  aboveScale?: boolean;
  aboveScaleYear?: number | null;
}

export interface EnterpriseChangeRequestsTable {
  id: Generated<number>;
  enterprise_id: number;
  requested_by: number;
  changes: Json<EnterpriseChangeSet>;
  reason: string;
  status: Generated<'pending' | 'confirmed' | 'refused'>;
  review_reason: string | null;
  reviewed_by: number | null;
  reviewed_at: TimestampNullable;
  created_at: Timestamp;
}

export interface EnterpriseTables {
  enterprises: EnterprisesTable;
  enterprise_changes: EnterpriseChangesTable;
  enterprise_import_rows: EnterpriseImportRowsTable;
  enterprise_registrations: EnterpriseRegistrationsTable;
  enterprise_change_requests: EnterpriseChangeRequestsTable;
}
