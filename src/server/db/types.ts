import type { EnterprisesTable, EnterpriseTables } from './tables-enterprises';
import type { FilingTables } from './tables-filings';
import type { CoverageTables } from './tables-coverage';
import type { CommunityCaseTables } from './tables-community-cases';
import type { Generated, Insertable, Selectable, Updateable } from 'kysely';
import type { TrainingTables } from './tables-training';
import type { TrainingPlanTables } from './tables-training-plans';
import type { StudyTables } from './tables-study';
import type { SupervisionTables } from './tables-supervision';
import type { SelectionTables } from './tables-selection';
import type { CommunityTables } from './tables-community';
import type { FileTables } from './tables-files';
import type { OpsTables } from './tables-ops';
import type { PolicyTables } from './tables-policy';
import type { DateColumn, DateColumnNullable, Json, JsonNullable, JsonWithDefault, RequiredTimestamp, Timestamp, TimestampNullable } from './column-types';

export type {
  EnterprisesTable,
  EnterpriseChangesTable,
  EnterpriseImportRowsTable,
  EnterpriseRegistrationsTable,
  EnterpriseChangeSet,
  EnterpriseChangeRequestsTable,
} from './tables-enterprises';
export type {
  PersonsTable,
  PersonLinkRequestsTable,
  EligibilityRulesTable,
  FilingStatus,
  ExitCause,
  TreatmentLevel,
  FilingsTable,
  FilingRoundsTable,
  CandidatesTable,
  CertificateKind,
  CertificatesTable,
} from './tables-filings';

export interface OrgUnitsTable {
  id: Generated<number>;
  code: string;
  name: string;
  kind: 'province' | 'city' | 'county' | 'zone';
  parent_id: number | null;
  path: string;
  depth: number;
  source: 'gbt2260' | 'admin';
  sort: Generated<number>;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface AccountsTable {
  id: Generated<number>;
  username: string;
  display_name: string;
  role: string;
  org_unit_id: number;
  phone: string | null;
  /** Where official notices are e-mailed (migration 0028). */
  email: string | null;
  /** Bumped by every write of phone or email; the contact page's optimistic lock (migration 0036). */
  contact_version: Generated<number>;
  password_hash: string;
  password_changed_at: Timestamp;
  must_change_password: Generated<boolean>;
  totp_secret: string | null;
  totp_enabled: Generated<boolean>;
  totp_last_step: number | null;
  failed_attempts: Generated<number>;
  locked_until: TimestampNullable;
  status: Generated<'active' | 'disabled'>;
  last_login_at: TimestampNullable;
  last_login_ip: string | null;
  created_by: number | null;
  created_at: Timestamp;
  updated_at: Timestamp;
  enterprise_id: number | null;
  industry_scope: string[] | null;
}

export interface SessionsTable {
  id: Generated<number>;
  token_hash: string;
  account_id: number;
  created_at: Timestamp;
  last_seen_at: Timestamp;
  expires_at: RequiredTimestamp;
  revoked_at: TimestampNullable;
  ip: string | null;
  user_agent: string | null;
  /** Set when the session was opened through the identity provider (back-channel logout ends it). */
  idp_issuer: string | null;
  idp_subject: string | null;
  idp_sid: string | null;
}

export interface AccountIdentitiesTable {
  id: Generated<number>;
  account_id: number;
  issuer: string;
  subject: string;
  kind: 'person' | 'enterprise';
  created_at: Timestamp;
  last_login_at: TimestampNullable;
}

export interface SettingsTable {
  key: string;
  value: Json<NonNullable<unknown>>;
  updated_at: Timestamp;
  updated_by: number | null;
  version: Generated<number>;
}

export interface AuditEventsTable {
  id: Generated<number>;
  seq: number;
  occurred_at: RequiredTimestamp;
  actor_account_id: number | null;
  actor_username: string | null;
  actor_role: string | null;
  ip: string | null;
  action: string;
  target_type: string | null;
  target_id: string | null;
  result: 'success' | 'failure';
  details: JsonWithDefault<Record<string, unknown>>;
  prev_hash: string;
  hash: string;
  /** `sha256` (rows before migration 0025) or `hmac-sha256` (keyed with the audit-chain key). */
  hash_alg: Generated<'sha256' | 'hmac-sha256' | 'hmac-sm3'>;
  /** The id of the hash key the chain MAC was derived from (migration 0038; null before, and for `sha256` rows). */
  hash_key_id: Generated<string | null>;
}

/** Fixed-window counters shared by every node (migration 0025). */
export interface RateLimitsTable {
  key: string;
  window_start: number;
  count: number;
}

/** A password or TOTP reset waiting for the security administrator (migration 0025). */
export interface AccountResetRequestsTable {
  id: Generated<number>;
  account_id: number;
  kind: 'password' | 'totp';
  status: Generated<'pending' | 'approved' | 'rejected'>;
  requested_by: number;
  requested_at: Generated<Date>;
  decided_by: number | null;
  decided_at: Date | null;
  reason: string | null;
}

export type JobStatus = 'queued' | 'running' | 'succeeded' | 'failed' | 'cancelled';

export interface JobsTable {
  id: Generated<number>;
  kind: string;
  params: JsonWithDefault<Record<string, unknown>>;
  status: Generated<JobStatus>;
  progress_done: Generated<number>;
  progress_total: number | null;
  checkpoint: JsonNullable<NonNullable<unknown>>;
  result: JsonNullable<NonNullable<unknown>>;
  error: string | null;
  attempts: Generated<number>;
  max_attempts: Generated<number>;
  run_after: Timestamp;
  cancel_requested: Generated<boolean>;
  locked_by: string | null;
  lease_until: TimestampNullable;
  owner_account_id: number | null;
  org_unit_id: number | null;
  created_at: Timestamp;
  updated_at: Timestamp;
  started_at: TimestampNullable;
  finished_at: TimestampNullable;
  result_file: string | null;
  /** Kind and period of a scheduled job; unique, so it is queued once whatever the number of nodes. */
  singleton_key: string | null;
}

export interface NotificationsTable {
  id: Generated<number>;
  account_id: number;
  kind: string;
  title: string;
  body: string;
  link: string | null;
  read_at: TimestampNullable;
  created_at: Timestamp;
}

/** One notice to one recipient through one channel (migration 0028). */
export interface NotificationDeliveriesTable {
  id: Generated<number>;
  kind: string;
  title: string;
  body: string;
  link: string | null;
  official: boolean;
  channel: 'in_app' | 'sms' | 'email';
  account_id: number | null;
  enterprise_id: number | null;
  person_id: number | null;
  org_unit_id: number;
  recipient_name: string;
  /** The phone number or e-mail address sent to; null for in-app. Never copied into audit details. */
  address: string | null;
  status: Generated<'pending' | 'sent' | 'failed' | 'capped'>;
  attempts: Generated<number>;
  last_error: string | null;
  job_id: number | null;
  day: DateColumn;
  created_at: Timestamp;
  sent_at: TimestampNullable;
}

export interface NotificationDailyCountsTable {
  day: DateColumn;
  channel: 'sms' | 'email';
  address: string;
  sent: number;
}

export interface PersonQualificationsTable {
  id: Generated<number>;
  person_id: number;
  kind: 'title' | 'qualification';
  name: string;
  issuer: string | null;
  issued_on: DateColumnNullable;
  evidence: string | null;
  /** null: the person's own entry; set: the entry of that enterprise about its candidate. */
  enterprise_id: number | null;
  created_by: number | null;
  created_at: Timestamp;
}

export interface OfficerInvitationsTable {
  id: Generated<number>;
  token_hash: string;
  person_id: number;
  enterprise_id: number;
  expires_at: RequiredTimestamp;
  used_at: TimestampNullable;
  created_by: number | null;
  created_at: Timestamp;
}

export interface StudyLedgerEntriesTable {
  id: Generated<number>;
  person_id: number;
  year: number;
  source: 'self_study' | 'training' | 'offline' | 'community' | 'government_work';
  source_ref: string;
  minutes: number;
  title: string;
  occurred_on: string;
  status: Generated<'credited' | 'revoked'>;
  status_reason: string | null;
  /** counts as online self-study (set by a trigger from `study_online_rules`, migration 0030) */
  online: Generated<boolean>;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface DB
  extends
    EnterpriseTables,
    FilingTables,
    SelectionTables,
    FileTables,
    TrainingTables,
    TrainingPlanTables,
    StudyTables,
    CoverageTables,
    SupervisionTables,
    CommunityCaseTables,
    CommunityTables,
    OpsTables,
    PolicyTables {
  study_ledger_entries: StudyLedgerEntriesTable;
  officer_invitations: OfficerInvitationsTable;
  person_qualifications: PersonQualificationsTable;
  notifications: NotificationsTable;
  notification_deliveries: NotificationDeliveriesTable;
  notification_daily_counts: NotificationDailyCountsTable;
  org_units: OrgUnitsTable;
  accounts: AccountsTable;
  sessions: SessionsTable;
  account_identities: AccountIdentitiesTable;
  settings: SettingsTable;
  audit_events: AuditEventsTable;
  jobs: JobsTable;
  rate_limits: RateLimitsTable;
  account_reset_requests: AccountResetRequestsTable;
}

export type OrgUnitRow = Selectable<OrgUnitsTable>;
export type AccountRow = Selectable<AccountsTable>;
export type NewAccount = Insertable<AccountsTable>;
export type AccountUpdate = Updateable<AccountsTable>;
export type JobRow = Selectable<JobsTable>;
export type AuditEventRow = Selectable<AuditEventsTable>;
export type EnterpriseRow = Selectable<EnterprisesTable>;
