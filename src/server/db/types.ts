import type { CoverageTables } from './tables-coverage';
import type { CommunityCaseTables } from './tables-community-cases';
import type { ColumnType, Generated, Insertable, Selectable, Updateable } from 'kysely';
import type { TrainingTables } from './tables-training';
import type { TrainingPlanTables } from './tables-training-plans';
import type { StudyTables } from './tables-study';
import type { SupervisionTables } from './tables-supervision';
import type { SelectionTables } from './tables-selection';
import type { CommunityTables } from './tables-community';
import type { FileTables } from './tables-files';
import type { OpsTables } from './tables-ops';
import type { PolicyTables } from './tables-policy';
import type { Json, JsonNullable, JsonWithDefault, RequiredTimestamp, Timestamp, TimestampNullable } from './column-types';

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

type DateColumn = ColumnType<string, string, string>;
type DateColumnNullable = ColumnType<string | null, string | null | undefined, string | null>;

export interface PersonsTable {
  id: Generated<number>;
  name: string;
  id_number_enc: string;
  id_number_hash: string;
  id_number_masked: string;
  gender: 'male' | 'female';
  birth_date: DateColumn;
  phone: string | null;
  education: 'secondary' | 'college' | 'bachelor' | 'master' | 'doctor' | null;
  quality_years: number | null;
  position_title: string | null;
  position_level: 'staff' | 'manager' | 'deputyGeneralManager' | 'generalManager' | null;
  account_id: number | null;
  /** How the account link was proven: migrated from before identity checks, confirmed by a bureau, or a verified identity. */
  account_link_basis: 'migrated' | 'bureau' | 'verified_identity' | null;
  account_linked_at: TimestampNullable;
  account_linked_by: number | null;
  created_by: number | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

/** An account's request to be linked to the person of an ID number; only a bureau or a verified identity decides it. */
export interface PersonLinkRequestsTable {
  id: Generated<number>;
  account_id: number;
  person_id: number | null;
  invitation_id: number | null;
  name: string;
  id_number_enc: string;
  id_number_hash: string;
  id_number_masked: string;
  phone: string | null;
  org_unit_id: number;
  source: 'self' | 'invitation';
  status: Generated<'pending' | 'confirmed' | 'refused' | 'revoked'>;
  decided_by: number | null;
  decided_at: TimestampNullable;
  decision_note: string | null;
  created_at: Timestamp;
}

export interface EligibilityRulesTable {
  version: number;
  rules: Json<Record<string, unknown>>;
  note: string | null;
  created_by: number | null;
  created_at: Timestamp;
}

export type FilingStatus = 'draft' | 'submitted' | 'returned' | 'active' | 'rejected' | 'withdrawn' | 'ended';

export type ExitCause = 'assessment_failed' | 'accident' | 'voluntary' | 'transfer' | 'other';
export type TreatmentLevel = 'senior_deputy_or_above' | 'middle_manager' | 'other';

export interface FilingsTable {
  id: Generated<number>;
  version: Generated<number>;
  enterprise_id: number;
  person_id: number;
  org_unit_id: number;
  status: Generated<FilingStatus>;
  appointment_date: DateColumnNullable;
  departments_led: string | null;
  reports_to_general_manager: Generated<boolean>;
  veto_right: Generated<boolean>;
  treatment: string | null;
  authorization_letter: string | null;
  eligibility: JsonNullable<Record<string, unknown>>;
  rule_version: number | null;
  round: Generated<number>;
  review_deadline: DateColumnNullable;
  submitted_at: TimestampNullable;
  decided_at: TimestampNullable;
  decided_by: number | null;
  decision_reason: string | null;
  /** Approved although a binding eligibility rule failed: the reviewer's reason, the rule version, the failed criteria. */
  override_reason: string | null;
  override_rule_version: number | null;
  override_criteria: ColumnType<unknown[] | null, string | null | undefined, string | null>;
  override_by: number | null;
  end_kind: 'dismissal' | 'resignation' | 'exit' | 'superseded' | 'revoked' | 'blacklisted' | null;
  /** Why the officer left (退出机制): required when the filing ends by dismissal, resignation, exit or blacklisting. */
  exit_cause: ExitCause | null;
  /** The competitive selection (竞争聘用) this appointment came out of. */
  selection_id: number | null;
  /** 待遇 (policy 四) as structured fields; `treatment` stays as a free-text note. */
  treatment_level: TreatmentLevel | null;
  attends_management_meetings: boolean | null;
  post_allowance_yuan: number | null;
  treatment_benefits: ColumnType<string[], string[] | undefined, string[]>;
  end_reason: string | null;
  ended_at: DateColumnNullable;
  /** The enterprise's candidate data as drafted / submitted (what the bureau reviewed and eligibility used). */
  candidate_snapshot: JsonNullable<Record<string, unknown>>;
  created_by: number | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface FilingRoundsTable {
  id: Generated<number>;
  filing_id: number;
  round: number;
  submitted_at: Timestamp;
  submitted_by: number | null;
  snapshot: Json<Record<string, unknown>>;
  eligibility: Json<Record<string, unknown>>;
  decision: 'approved' | 'returned' | 'rejected' | 'withdrawn' | null;
  remarks: string | null;
  decided_by: number | null;
  decided_at: TimestampNullable;
}

/** A candidate of one enterprise: the name it typed and its own data about the person (never shared with another enterprise). */
export interface CandidatesTable {
  /** Opaque random id the enterprise addresses its candidate by (migration 0033); never the sequential persons.id. */
  id: Generated<number>;
  enterprise_id: number;
  person_id: number;
  name: string;
  phone: string | null;
  education: PersonsTable['education'];
  quality_years: number | null;
  position_title: string | null;
  position_level: PersonsTable['position_level'];
  /** The name typed differs from the person on file: a flag for the bureau, never told to the enterprise. */
  name_mismatch: Generated<boolean>;
  created_at: Timestamp;
  version: Generated<number>;
  updated_at: Timestamp;
}

export type CertificateKind = 'filing_proof' | 'training_certificate' | 'transcript';

export interface CertificatesTable {
  id: Generated<number>;
  serial: string;
  kind: CertificateKind;
  subject_type: string;
  subject_id: number;
  person_id: number | null;
  org_unit_id: number;
  payload: Json<Record<string, unknown>>;
  signature: string;
  signature_algorithm: string;
  signing_key_id: string;
  status: Generated<'valid' | 'ended' | 'revoked'>;
  status_reason: string | null;
  status_changed_at: TimestampNullable;
  issued_at: Timestamp;
  expires_at: TimestampNullable;
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

export interface DB extends SelectionTables, FileTables, TrainingTables, TrainingPlanTables, StudyTables, CoverageTables, SupervisionTables, CommunityCaseTables, CommunityTables, OpsTables, PolicyTables {
  study_ledger_entries: StudyLedgerEntriesTable;
  officer_invitations: OfficerInvitationsTable;
  person_qualifications: PersonQualificationsTable;
  notifications: NotificationsTable;
  notification_deliveries: NotificationDeliveriesTable;
  notification_daily_counts: NotificationDailyCountsTable;
  certificates: CertificatesTable;
  candidates: CandidatesTable;
  persons: PersonsTable;
  person_link_requests: PersonLinkRequestsTable;
  eligibility_rules: EligibilityRulesTable;
  filings: FilingsTable;
  filing_rounds: FilingRoundsTable;
  enterprise_change_requests: EnterpriseChangeRequestsTable;
  enterprises: EnterprisesTable;
  enterprise_changes: EnterpriseChangesTable;
  enterprise_import_rows: EnterpriseImportRowsTable;
  enterprise_registrations: EnterpriseRegistrationsTable;
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
