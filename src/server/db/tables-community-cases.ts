import type { ColumnType, Generated } from 'kysely';
import type { CaseStatus, EventKind, RegistrationStatus } from '../../domain/community-cases';
import type { RequiredTimestamp, Timestamp, TimestampNullable } from './column-types';

export interface CasesTable {
  id: Generated<number>;
  version: Generated<number>;
  person_id: number;
  /** the officer's account; null for cases entered without one (demo data) */
  author_account_id: number | null;
  enterprise_id: number | null;
  org_unit_id: number;
  /** 联盟/之家 (community module); no foreign key until both modules meet */
  organisation_id: number | null;
  title: string;
  summary: Generated<string>;
  problem_html: Generated<string>;
  method_html: Generated<string>;
  results_html: Generated<string>;
  /** plain text of the case, for snippets */
  body_text: Generated<string>;
  tools: Generated<string[]>;
  industry_section: string;
  industry_division: string | null;
  status: Generated<CaseStatus>;
  featured: Generated<boolean>;
  review_remarks: string | null;
  submitted_at: TimestampNullable;
  reviewed_at: TimestampNullable;
  reviewed_by: number | null;
  published_at: TimestampNullable;
  /** written with raw SQL only */
  search_vector: ColumnType<string | null, never, never>;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface CaseAttachmentsTable {
  id: Generated<number>;
  case_id: number;
  file_ref: string;
  file_name: string;
  bytes: number;
  created_at: Timestamp;
}

export interface CommunityEventsTable {
  id: Generated<number>;
  org_unit_id: number;
  organisation_id: number | null;
  kind: EventKind;
  title: string;
  description: Generated<string>;
  place: string;
  starts_at: RequiredTimestamp;
  ends_at: RequiredTimestamp;
  capacity: number;
  credits_study: Generated<boolean>;
  status: Generated<'open' | 'cancelled'>;
  cancel_reason: string | null;
  report_text: string | null;
  report_published_at: TimestampNullable;
  created_by: number | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface CommunityEventRegistrationsTable {
  id: Generated<number>;
  event_id: number;
  person_id: number;
  account_id: number;
  status: RegistrationStatus;
  registered_at: Timestamp;
  cancelled_at: TimestampNullable;
  checked_in_at: TimestampNullable;
}

export interface CommunityEventPhotosTable {
  id: Generated<number>;
  event_id: number;
  file_ref: string;
  caption: Generated<string>;
  created_by: number | null;
  created_at: Timestamp;
}

export interface CommunityCaseTables {
  cases: CasesTable;
  case_attachments: CaseAttachmentsTable;
  community_events: CommunityEventsTable;
  community_event_registrations: CommunityEventRegistrationsTable;
  community_event_photos: CommunityEventPhotosTable;
}
