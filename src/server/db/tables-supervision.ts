import type { ColumnType, Generated } from 'kysely';
import type { Timestamp, TimestampNullable } from './column-types';

/** Tables of the supervision area (migration 0015_duty_blacklist). */

/** Policy §三.1–三.5 (migration 0030). */
export type DutyKind = 'laws' | 'management_meeting' | 'veto' | 'quality_management' | 'government_work';
/** The items of §三.4. */
export type DutyProjectType = 'strategy' | 'inspection' | 'system' | 'reward' | 'methods' | 'tackling' | 'comparison' | 'innovation' | 'talent' | 'culture';

export interface DutyRecordsTable {
  id: Generated<number>;
  filing_id: number;
  person_id: number;
  enterprise_id: number;
  org_unit_id: number;
  kind: DutyKind;
  project_type: DutyProjectType | null;
  /** YYYY-MM-DD */
  occurred_on: string;
  title: string;
  description: string;
  outcome: string | null;
  credited_minutes: number | null;
  confirmed_by: number | null;
  confirmed_at: TimestampNullable;
  created_by: number;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface SupervisionAttachmentsTable {
  id: Generated<number>;
  subject_type: 'duty_record' | 'sanction';
  subject_id: number;
  /** `<file key>#<type>` as storeEvidence returns it */
  ref: string;
  name: string;
  created_by: number;
  created_at: Timestamp;
}

export type ExpertStatus = 'nominated' | 'active' | 'declined' | 'withdrawn';

export interface ExpertPoolMembersTable {
  id: Generated<number>;
  person_id: number;
  org_unit_id: number;
  fields: string[];
  industry_section: string | null;
  note: string | null;
  status: Generated<ExpertStatus>;
  nominated_by: number;
  responded_at: TimestampNullable;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface ExpertDrawsTable {
  id: Generated<number>;
  member_id: number;
  org_unit_id: number;
  task_kind: 'diagnosis' | 'review';
  task_title: string;
  task_date: string;
  note: string | null;
  drawn_by: number;
  created_at: Timestamp;
  /** A random draw's batch (migration 0031) and this member's place in its seeded order. */
  batch_id: number | null;
  position: number | null;
  status: Generated<'assigned' | 'refused'>;
  refusal_reason: string | null;
  replaces_draw_id: number | null;
}

export interface ExpertDrawBatchesTable {
  id: Generated<number>;
  org_unit_id: number;
  task_kind: 'diagnosis' | 'review';
  task_title: string;
  task_date: string;
  requested: number;
  filters: ColumnType<Record<string, unknown>, string, string>;
  seed: string;
  /** The eligible members, ascending ids, as the seeded shuffle took them. */
  pool: ColumnType<number[], string, string>;
  excluded: ColumnType<{ memberId: number; reason: string }[], string, string>;
  pool_hash: string;
  drawn_by: number;
  created_at: Timestamp;
}

export type SanctionKind = 'warning' | 'blacklist';
export type SanctionStatus = 'proposed' | 'rejected' | 'in_force' | 'removed';

export interface SanctionsTable {
  id: Generated<number>;
  kind: SanctionKind;
  person_id: number;
  enterprise_id: number;
  filing_id: number | null;
  org_unit_id: number;
  incident_title: string;
  incident_date: string;
  incident_description: string;
  reason: string;
  ban_start: string | null;
  ban_end: string | null;
  status: Generated<SanctionStatus>;
  proposed_by: number;
  proposed_at: Timestamp;
  decision_reason: string | null;
  decided_by: number | null;
  decided_at: TimestampNullable;
  removal_reason: string | null;
  removed_by: number | null;
  removed_at: TimestampNullable;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface SanctionAppealsTable {
  id: Generated<number>;
  sanction_id: number;
  submitted_by: number;
  reason: string;
  status: Generated<'pending' | 'upheld' | 'dismissed'>;
  response: string | null;
  decided_by: number | null;
  decided_at: TimestampNullable;
  created_at: Timestamp;
}

export interface BlacklistNoticesTable {
  id: Generated<number>;
  sanction_id: number;
  notice_no: string;
  person_name_masked: string;
  enterprise_name: string;
  uscc: string;
  reason: string;
  ban_start: string;
  ban_end: string;
  published_at: Timestamp;
  withdrawn_at: TimestampNullable;
  withdrawn_reason: string | null;
}

export interface SupervisionTables {
  duty_records: DutyRecordsTable;
  supervision_attachments: SupervisionAttachmentsTable;
  expert_pool_members: ExpertPoolMembersTable;
  expert_draws: ExpertDrawsTable;
  expert_draw_batches: ExpertDrawBatchesTable;
  sanctions: SanctionsTable;
  sanction_appeals: SanctionAppealsTable;
  blacklist_notices: BlacklistNoticesTable;
}
