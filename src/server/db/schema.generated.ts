/**
 * Generated from the migrated schema by `npm run db:codegen` (kysely-codegen): do not edit.
 * CI fails when it differs from what the migrations produce (db/schema-drift.test.ts).
 */
import type { ColumnType } from "kysely";

export type ArrayType<T> = ArrayTypeImpl<T> extends (infer U)[]
  ? U[]
  : ArrayTypeImpl<T>;

export type ArrayTypeImpl<T> = T extends ColumnType<infer S, infer I, infer U>
  ? ColumnType<S[], I[], U[]>
  : T[];

export type Generated<T> = T extends ColumnType<infer S, infer I, infer U>
  ? ColumnType<S, I | undefined, U>
  : ColumnType<T, T | undefined, T>;

export type Numeric = ColumnType<string, number | string, number | string>;

export type Timestamp = ColumnType<Date, Date | string, Date | string>;

export interface AccountIdentities {
  account_id: number;
  created_at: Generated<Timestamp>;
  id: Generated<number>;
  issuer: string;
  kind: string;
  last_login_at: Timestamp | null;
  subject: string;
}

export interface AccountResetRequests {
  account_id: number;
  decided_at: Timestamp | null;
  decided_by: number | null;
  id: Generated<number>;
  kind: string;
  reason: string | null;
  requested_at: Generated<Timestamp>;
  requested_by: number;
  status: Generated<string>;
}

export interface Accounts {
  contact_version: Generated<number>;
  created_at: Generated<Timestamp>;
  created_by: number | null;
  display_name: string;
  email: string | null;
  enterprise_id: number | null;
  failed_attempts: Generated<number>;
  id: Generated<number>;
  industry_scope: string[] | null;
  last_login_at: Timestamp | null;
  last_login_ip: string | null;
  locked_until: Timestamp | null;
  must_change_password: Generated<boolean>;
  org_unit_id: number;
  password_changed_at: Generated<Timestamp>;
  password_hash: string;
  phone: string | null;
  role: string;
  status: Generated<string>;
  totp_enabled: Generated<boolean>;
  totp_last_step: number | null;
  totp_secret: string | null;
  updated_at: Generated<Timestamp>;
  username: string;
}

export interface AssessmentSchemes {
  created_at: Generated<Timestamp>;
  created_by: number | null;
  grades: NonNullable<unknown>;
  id: Generated<number>;
  indicators: NonNullable<unknown>;
  note: string | null;
  version: number;
  year: number;
}

export interface AuditEvents {
  action: string;
  actor_account_id: number | null;
  actor_role: string | null;
  actor_username: string | null;
  details: Generated<NonNullable<unknown>>;
  hash: string;
  hash_alg: Generated<string>;
  hash_key_id: string | null;
  id: Generated<number>;
  ip: string | null;
  occurred_at: Timestamp;
  prev_hash: string;
  result: string;
  seq: number;
  target_id: string | null;
  target_type: string | null;
}

export interface AwardConditions {
  kind: string;
  params: Generated<NonNullable<unknown>>;
  position: number;
  scheme_id: number;
}

export interface AwardConditionSchemes {
  adopted_on: string;
  award_level: string;
  created_at: Generated<Timestamp>;
  created_by: number | null;
  id: Generated<number>;
  note: string | null;
  version: number;
}

export interface BlacklistNotices {
  ban_end: string;
  ban_start: string;
  enterprise_name: string;
  id: Generated<number>;
  notice_no: string;
  person_name_masked: string;
  published_at: Generated<Timestamp>;
  reason: string;
  sanction_id: number;
  uscc: string;
  withdrawn_at: Timestamp | null;
  withdrawn_reason: string | null;
}

export interface Candidates {
  created_at: Generated<Timestamp>;
  education: string | null;
  enterprise_id: number;
  id: Generated<number>;
  name: string;
  name_mismatch: Generated<boolean>;
  person_id: number;
  phone: string | null;
  position_level: string | null;
  position_title: string | null;
  quality_years: number | null;
  updated_at: Generated<Timestamp>;
  version: Generated<number>;
}

export interface CaseAttachments {
  bytes: number;
  case_id: number;
  created_at: Generated<Timestamp>;
  file_name: string;
  file_ref: string;
  id: Generated<number>;
}

export interface Cases {
  author_account_id: number | null;
  body_text: Generated<string>;
  created_at: Generated<Timestamp>;
  enterprise_id: number | null;
  featured: Generated<boolean>;
  id: Generated<number>;
  industry_division: string | null;
  industry_section: string;
  method_html: Generated<string>;
  org_unit_id: number;
  organisation_id: number | null;
  person_id: number;
  problem_html: Generated<string>;
  published_at: Timestamp | null;
  results_html: Generated<string>;
  review_remarks: string | null;
  reviewed_at: Timestamp | null;
  reviewed_by: number | null;
  search_vector: string | null;
  status: Generated<string>;
  submitted_at: Timestamp | null;
  summary: Generated<string>;
  title: string;
  tools: Generated<string[]>;
  updated_at: Generated<Timestamp>;
  version: Generated<number>;
}

export interface Certificates {
  expires_at: Timestamp | null;
  id: Generated<number>;
  issued_at: Generated<Timestamp>;
  kind: string;
  org_unit_id: number;
  payload: NonNullable<unknown>;
  person_id: number | null;
  serial: string;
  signature: string;
  signature_algorithm: string;
  signing_key_id: string;
  status: Generated<string>;
  status_changed_at: Timestamp | null;
  status_reason: string | null;
  subject_id: number;
  subject_type: string;
}

export interface CommunityBoards {
  created_at: Generated<Timestamp>;
  created_by: number | null;
  description: string | null;
  id: Generated<number>;
  moderation: Generated<string>;
  name: string;
  organisation_id: number | null;
  post_access: Generated<string>;
  read_access: Generated<string>;
  sort: Generated<number>;
  status: Generated<string>;
  updated_at: Generated<Timestamp>;
}

export interface CommunityEventPhotos {
  caption: Generated<string>;
  created_at: Generated<Timestamp>;
  created_by: number | null;
  event_id: number;
  file_ref: string;
  id: Generated<number>;
}

export interface CommunityEventRegistrations {
  account_id: number;
  cancelled_at: Timestamp | null;
  checked_in_at: Timestamp | null;
  event_id: number;
  id: Generated<number>;
  person_id: number;
  registered_at: Generated<Timestamp>;
  status: string;
}

export interface CommunityEvents {
  cancel_reason: string | null;
  capacity: number;
  created_at: Generated<Timestamp>;
  created_by: number | null;
  credits_study: Generated<boolean>;
  description: Generated<string>;
  ends_at: Timestamp;
  id: Generated<number>;
  kind: string;
  org_unit_id: number;
  organisation_id: number | null;
  place: string;
  report_published_at: Timestamp | null;
  report_text: string | null;
  starts_at: Timestamp;
  status: Generated<string>;
  title: string;
  updated_at: Generated<Timestamp>;
}

export interface CommunityFiles {
  bytes: number;
  created_at: Generated<Timestamp>;
  file_ref: string;
  id: Generated<number>;
  is_image: boolean;
  name: string;
  post_id: number | null;
  uploader_account_id: number;
}

export interface CommunityLikes {
  account_id: number;
  created_at: Generated<Timestamp>;
  post_id: number;
}

export interface CommunityMembers {
  account_id: number;
  ban_reason: string | null;
  banned_until: Timestamp | null;
  created_at: Generated<Timestamp>;
  decided_at: Timestamp | null;
  decided_by: number | null;
  id: Generated<number>;
  is_admin: Generated<boolean>;
  message: string | null;
  organisation_id: number;
  role: Generated<string>;
  status: string;
  updated_at: Generated<Timestamp>;
}

export interface CommunityOrganisations {
  created_at: Generated<Timestamp>;
  created_by: number | null;
  description: string | null;
  id: Generated<number>;
  industry_section: string | null;
  kind: string;
  level: string;
  name: string;
  org_unit_id: number;
  status: Generated<string>;
  updated_at: Generated<Timestamp>;
  version: Generated<number>;
}

export interface CommunityPostEdits {
  edited_at: Generated<Timestamp>;
  editor_account_id: number;
  id: Generated<number>;
  post_id: number;
  previous_body_html: string;
  previous_status: string;
  previous_title: string | null;
}

export interface CommunityPosts {
  author_account_id: number;
  author_industry: string | null;
  author_name: string;
  author_org: string | null;
  board_id: number;
  body_html: string;
  body_text: string;
  created_at: Generated<Timestamp>;
  edited_at: Timestamp | null;
  id: Generated<number>;
  is_opening: Generated<boolean>;
  like_count: Generated<number>;
  mentions: Generated<ArrayType<number>>;
  search: string;
  status: Generated<string>;
  status_reason: string | null;
  thread_id: number;
  updated_at: Generated<Timestamp>;
}

export interface CommunityReports {
  created_at: Generated<Timestamp>;
  decided_at: Timestamp | null;
  decided_by: number | null;
  id: Generated<number>;
  post_id: number;
  reason: string;
  reporter_account_id: number;
  status: Generated<string>;
}

export interface CommunitySensitiveWords {
  created_at: Generated<Timestamp>;
  created_by: number | null;
  id: Generated<number>;
  organisation_id: number | null;
  word: string;
}

export interface CommunitySubscriptions {
  account_id: number;
  created_at: Generated<Timestamp>;
  thread_id: number;
}

export interface CommunityThreads {
  accepted_post_id: number | null;
  author_account_id: number;
  board_id: number;
  created_at: Generated<Timestamp>;
  featured: Generated<boolean>;
  id: Generated<number>;
  kind: Generated<string>;
  last_posted_at: Generated<Timestamp>;
  locked: Generated<boolean>;
  pinned: Generated<boolean>;
  reply_count: Generated<number>;
  status: Generated<string>;
  title: string;
  updated_at: Generated<Timestamp>;
}

export interface CompetitiveSelections {
  cancel_reason: string | null;
  concluded_at: Timestamp | null;
  created_at: Generated<Timestamp>;
  created_by: number;
  criteria: NonNullable<unknown>;
  enterprise_id: number;
  id: Generated<number>;
  org_unit_id: number;
  panel: Generated<string[]>;
  publicity_end: string | null;
  publicity_start: string | null;
  published_at: Timestamp | null;
  result_note: string | null;
  selected_person_id: number | null;
  status: Generated<string>;
  title: string;
  updated_at: Generated<Timestamp>;
  version: Generated<number>;
}

export interface CountyTrainingSettings {
  merged_into_city: Generated<boolean>;
  note: string | null;
  org_unit_id: number;
  updated_at: Generated<Timestamp>;
  updated_by: number | null;
}

export interface Courses {
  created_at: Generated<Timestamp>;
  created_by: number | null;
  credit_hours: number;
  id: Generated<number>;
  level: string;
  org_unit_id: number;
  published_at: Timestamp | null;
  required: Generated<boolean>;
  search_vector: Generated<string>;
  status: Generated<string>;
  summary: Generated<string>;
  tags: Generated<string[]>;
  title: string;
  updated_at: Generated<Timestamp>;
  version: Generated<number>;
}

export interface CoverageCounts {
  above_scale_year: number;
  covered: Generated<number>;
  enterprises: Generated<number>;
  industry_division: string;
  industry_section: string;
  org_unit_id: number;
  ownership: string;
  scale: string;
}

export interface CoverageMonthly {
  above_scale_year: number;
  activated: Generated<number>;
  covered_delta: Generated<number>;
  enterprises_delta: Generated<number>;
  industry_section: string;
  month: string;
  org_unit_id: number;
  ownership: string;
  scale: string;
}

export interface CoverageSectionCounts {
  above_scale_year: number;
  covered: Generated<number>;
  enterprises: Generated<number>;
  industry_section: string;
  org_unit_id: number;
  ownership: string;
  scale: string;
}

export interface CoverageSegments {
  builtin: Generated<boolean>;
  code: string;
  created_at: Generated<Timestamp>;
  created_by: number | null;
  definition: NonNullable<unknown>;
  name: string;
  sort: Generated<number>;
  updated_at: Generated<Timestamp>;
}

export interface CoverageTargets {
  new_officers: number | null;
  note: string | null;
  segment_code: string;
  share: Numeric | null;
  updated_at: Generated<Timestamp>;
  updated_by: number | null;
  year: number;
}

export interface DutyRecords {
  confirmed_at: Timestamp | null;
  confirmed_by: number | null;
  created_at: Generated<Timestamp>;
  created_by: number;
  credited_minutes: number | null;
  description: string;
  enterprise_id: number;
  filing_id: number;
  id: Generated<number>;
  kind: string;
  occurred_on: string;
  org_unit_id: number;
  outcome: string | null;
  person_id: number;
  project_type: string | null;
  title: string;
  updated_at: Generated<Timestamp>;
}

export interface EligibilityRules {
  created_at: Generated<Timestamp>;
  created_by: number | null;
  note: string | null;
  rules: NonNullable<unknown>;
  version: number;
}

export interface EnterpriseChangeRequests {
  changes: NonNullable<unknown>;
  created_at: Generated<Timestamp>;
  enterprise_id: number;
  id: Generated<number>;
  reason: string;
  requested_by: number;
  review_reason: string | null;
  reviewed_at: Timestamp | null;
  reviewed_by: number | null;
  status: Generated<string>;
}

export interface EnterpriseChanges {
  actor_account_id: number | null;
  actor_username: string | null;
  changed_at: Generated<Timestamp>;
  changes: NonNullable<unknown>;
  enterprise_id: number;
  id: Generated<number>;
  kind: string;
}

export interface EnterpriseImportRows {
  data: NonNullable<unknown> | null;
  errors: Generated<string[]>;
  job_id: number;
  row_no: number;
}

export interface EnterpriseRegistrations {
  account_id: number;
  contact_person: string;
  contact_phone: string;
  created_at: Generated<Timestamp>;
  enterprise_id: number | null;
  id: Generated<number>;
  name: string;
  org_unit_id: number;
  proposal: Generated<NonNullable<unknown>>;
  reason: string | null;
  reviewed_at: Timestamp | null;
  reviewed_by: number | null;
  status: Generated<string>;
  uscc: string;
}

export interface Enterprises {
  above_scale: Generated<boolean>;
  above_scale_year: number | null;
  address: string | null;
  contact_email: string | null;
  contact_person: string | null;
  contact_phone: string | null;
  created_at: Generated<Timestamp>;
  created_by: number | null;
  flags_checked_at: Timestamp | null;
  flags_checked_by: number | null;
  flags_checked_unit_path: string | null;
  has_active_officer: Generated<boolean>;
  id: Generated<number>;
  industry_division: string;
  industry_section: string;
  legal_representative: string | null;
  name: string;
  org_unit_id: number;
  ownership: string;
  review_flags: Generated<string[]>;
  roster_status: Generated<string>;
  scale: string;
  source: string;
  status: Generated<string>;
  updated_at: Generated<Timestamp>;
  uscc: string;
  version: Generated<number>;
}

export interface ExpertDrawBatches {
  created_at: Generated<Timestamp>;
  drawn_by: number;
  excluded: NonNullable<unknown>;
  filters: NonNullable<unknown>;
  id: Generated<number>;
  org_unit_id: number;
  pool: NonNullable<unknown>;
  pool_hash: string;
  requested: number;
  seed: string;
  task_date: string;
  task_kind: string;
  task_title: string;
}

export interface ExpertDraws {
  batch_id: number | null;
  created_at: Generated<Timestamp>;
  drawn_by: number;
  id: Generated<number>;
  member_id: number;
  note: string | null;
  org_unit_id: number;
  position: number | null;
  refusal_reason: string | null;
  replaces_draw_id: number | null;
  status: Generated<string>;
  task_date: string;
  task_kind: string;
  task_title: string;
}

export interface ExpertPoolMembers {
  created_at: Generated<Timestamp>;
  fields: string[];
  id: Generated<number>;
  industry_section: string | null;
  nominated_by: number;
  note: string | null;
  org_unit_id: number;
  person_id: number;
  responded_at: Timestamp | null;
  status: Generated<string>;
  updated_at: Generated<Timestamp>;
}

export interface FileChunks {
  data: Uint8Array;
  file_key: string;
  seq: number;
}

export interface FilingRounds {
  decided_at: Timestamp | null;
  decided_by: number | null;
  decision: string | null;
  eligibility: NonNullable<unknown>;
  filing_id: number;
  id: Generated<number>;
  remarks: string | null;
  round: number;
  snapshot: NonNullable<unknown>;
  submitted_at: Generated<Timestamp>;
  submitted_by: number | null;
}

export interface Filings {
  appointment_date: string | null;
  attends_management_meetings: boolean | null;
  authorization_letter: string | null;
  candidate_snapshot: NonNullable<unknown> | null;
  created_at: Generated<Timestamp>;
  created_by: number | null;
  decided_at: Timestamp | null;
  decided_by: number | null;
  decision_reason: string | null;
  departments_led: string | null;
  eligibility: NonNullable<unknown> | null;
  end_kind: string | null;
  end_reason: string | null;
  ended_at: string | null;
  enterprise_id: number;
  exit_cause: string | null;
  id: Generated<number>;
  org_unit_id: number;
  override_by: number | null;
  override_criteria: NonNullable<unknown> | null;
  override_reason: string | null;
  override_rule_version: number | null;
  person_id: number;
  post_allowance_yuan: number | null;
  reports_to_general_manager: Generated<boolean>;
  review_deadline: string | null;
  round: Generated<number>;
  rule_version: number | null;
  selection_id: number | null;
  status: Generated<string>;
  submitted_at: Timestamp | null;
  treatment: string | null;
  treatment_benefits: Generated<string[]>;
  treatment_level: string | null;
  updated_at: Generated<Timestamp>;
  version: Generated<number>;
  veto_right: Generated<boolean>;
}

export interface Jobs {
  attempts: Generated<number>;
  cancel_requested: Generated<boolean>;
  checkpoint: NonNullable<unknown> | null;
  created_at: Generated<Timestamp>;
  error: string | null;
  finished_at: Timestamp | null;
  id: Generated<number>;
  kind: string;
  lease_until: Timestamp | null;
  locked_by: string | null;
  max_attempts: Generated<number>;
  org_unit_id: number | null;
  owner_account_id: number | null;
  params: Generated<NonNullable<unknown>>;
  progress_done: Generated<number>;
  progress_total: number | null;
  result: NonNullable<unknown> | null;
  result_file: string | null;
  run_after: Generated<Timestamp>;
  singleton_key: string | null;
  started_at: Timestamp | null;
  status: Generated<string>;
  updated_at: Generated<Timestamp>;
}

export interface KeyFingerprints {
  fingerprint: string;
  key_id: string;
  name: string;
  recorded_at: Generated<Timestamp>;
}

export interface LessonProgress {
  account_id: number | null;
  attempts: Generated<number>;
  best_score: number | null;
  completed_at: Timestamp | null;
  completed_year: number | null;
  course_id: number;
  credited_seconds: Generated<number>;
  lesson_id: number;
  person_id: number | null;
  status: Generated<string>;
  updated_at: Generated<Timestamp>;
}

export interface Lessons {
  course_id: number;
  created_at: Generated<Timestamp>;
  duration_seconds: number;
  id: Generated<number>;
  kind: string;
  media_key: string | null;
  page_count: number | null;
  quiz: NonNullable<unknown> | null;
  sort: number;
  title: string;
}

export interface NotificationDailyCounts {
  address: string;
  channel: string;
  day: string;
  sent: number;
}

export interface NotificationDeliveries {
  account_id: number | null;
  address: string | null;
  attempts: Generated<number>;
  body: string;
  channel: string;
  created_at: Generated<Timestamp>;
  day: string;
  enterprise_id: number | null;
  id: Generated<number>;
  job_id: number | null;
  kind: string;
  last_error: string | null;
  link: string | null;
  official: boolean;
  org_unit_id: number;
  person_id: number | null;
  recipient_name: string;
  sent_at: Timestamp | null;
  status: Generated<string>;
  title: string;
}

export interface Notifications {
  account_id: number;
  body: string;
  created_at: Generated<Timestamp>;
  id: Generated<number>;
  kind: string;
  link: string | null;
  read_at: Timestamp | null;
  title: string;
}

export interface OfficerInvitations {
  created_at: Generated<Timestamp>;
  created_by: number | null;
  enterprise_id: number;
  expires_at: Timestamp;
  id: Generated<number>;
  person_id: number;
  token_hash: string;
  used_at: Timestamp | null;
}

export interface OrgUnits {
  code: string;
  created_at: Generated<Timestamp>;
  depth: number;
  id: Generated<number>;
  kind: string;
  name: string;
  parent_id: number | null;
  path: string;
  sort: Generated<number>;
  source: string;
  updated_at: Generated<Timestamp>;
}

export interface PersonLinkRequests {
  account_id: number;
  created_at: Generated<Timestamp>;
  decided_at: Timestamp | null;
  decided_by: number | null;
  decision_note: string | null;
  id: Generated<number>;
  id_number_enc: string;
  id_number_hash: string;
  id_number_masked: string;
  invitation_id: number | null;
  name: string;
  org_unit_id: number;
  person_id: number | null;
  phone: string | null;
  source: string;
  status: Generated<string>;
}

export interface PersonQualifications {
  created_at: Generated<Timestamp>;
  created_by: number | null;
  enterprise_id: number | null;
  evidence: string | null;
  id: Generated<number>;
  issued_on: string | null;
  issuer: string | null;
  kind: string;
  name: string;
  person_id: number;
}

export interface Persons {
  account_id: number | null;
  account_link_basis: string | null;
  account_linked_at: Timestamp | null;
  account_linked_by: number | null;
  birth_date: string;
  created_at: Generated<Timestamp>;
  created_by: number | null;
  education: string | null;
  gender: string;
  id: Generated<number>;
  id_number_enc: string;
  id_number_hash: string;
  id_number_masked: string;
  name: string;
  phone: string | null;
  position_level: string | null;
  position_title: string | null;
  quality_years: number | null;
  updated_at: Generated<Timestamp>;
}

export interface QuizAttempts {
  account_id: number | null;
  answers: NonNullable<unknown>;
  created_at: Generated<Timestamp>;
  id: Generated<number>;
  lesson_id: number;
  passed: boolean;
  person_id: number | null;
  score: number;
}

export interface RateLimits {
  count: number;
  key: string;
  window_start: number;
}

export interface SanctionAppeals {
  created_at: Generated<Timestamp>;
  decided_at: Timestamp | null;
  decided_by: number | null;
  id: Generated<number>;
  reason: string;
  response: string | null;
  sanction_id: number;
  status: Generated<string>;
  submitted_by: number;
}

export interface Sanctions {
  ban_end: string | null;
  ban_start: string | null;
  created_at: Generated<Timestamp>;
  decided_at: Timestamp | null;
  decided_by: number | null;
  decision_reason: string | null;
  enterprise_id: number;
  filing_id: number | null;
  id: Generated<number>;
  incident_date: string;
  incident_description: string;
  incident_title: string;
  kind: string;
  org_unit_id: number;
  person_id: number;
  proposed_at: Generated<Timestamp>;
  proposed_by: number;
  reason: string;
  removal_reason: string | null;
  removed_at: Timestamp | null;
  removed_by: number | null;
  status: Generated<string>;
  updated_at: Generated<Timestamp>;
}

export interface SelectionCandidates {
  added_at: Generated<Timestamp>;
  enterprise_id: number;
  person_id: number;
  scores: NonNullable<unknown> | null;
  selection_id: number;
  total: Numeric | null;
}

export interface SelectionObjections {
  answer: string | null;
  answered_at: Timestamp | null;
  answered_by: number | null;
  body: string;
  contact: string | null;
  filed_at: Generated<Timestamp>;
  id: Generated<number>;
  selection_id: number;
}

export interface Sessions {
  account_id: number;
  created_at: Generated<Timestamp>;
  expires_at: Timestamp;
  id: Generated<number>;
  idp_issuer: string | null;
  idp_sid: string | null;
  idp_subject: string | null;
  ip: string | null;
  last_seen_at: Generated<Timestamp>;
  revoked_at: Timestamp | null;
  token_hash: string;
  user_agent: string | null;
}

export interface Settings {
  key: string;
  updated_at: Generated<Timestamp>;
  updated_by: number | null;
  value: NonNullable<unknown>;
  version: Generated<number>;
}

export interface StoredFiles {
  bytes: Generated<number>;
  chunk_bytes: number;
  complete: Generated<boolean>;
  created_at: Timestamp;
  key: string;
}

export interface StudyClaims {
  created_at: Generated<Timestamp>;
  decided_at: Timestamp | null;
  decided_by: number | null;
  decision_reason: string | null;
  evidence: string;
  id: Generated<number>;
  minutes: number;
  occurred_on: string;
  org_unit_id: number;
  person_id: number;
  source: string;
  status: Generated<string>;
  title: string;
}

export interface StudyLeases {
  account_id: number | null;
  person_id: number | null;
  session_id: number;
  taken_at: Generated<Timestamp>;
}

export interface StudyLedgerEntries {
  created_at: Generated<Timestamp>;
  id: Generated<number>;
  minutes: number;
  occurred_on: string;
  online: Generated<boolean>;
  person_id: number;
  source: string;
  source_ref: string;
  status: Generated<string>;
  status_reason: string | null;
  title: string;
  updated_at: Generated<Timestamp>;
  year: number;
}

export interface StudyOnlineRules {
  note: string | null;
  sources: string[];
  updated_at: Generated<Timestamp>;
  updated_by: number | null;
  version: Generated<number>;
  year: number;
}

export interface StudySessions {
  account_id: number;
  course_id: number;
  credited_before: number;
  credited_seconds: Generated<number>;
  duration_seconds: number;
  id: Generated<number>;
  kind: string;
  last_beat_at: Timestamp;
  last_position: Generated<number>;
  last_seq: Generated<number>;
  lesson_completed: boolean;
  lesson_id: number;
  opened_at: Generated<Timestamp>;
  person_id: number | null;
}

export interface SupervisionAttachments {
  created_at: Generated<Timestamp>;
  created_by: number;
  id: Generated<number>;
  name: string;
  ref: string;
  subject_id: number;
  subject_type: string;
}

export interface TrainingAttendance {
  correction_reason: string | null;
  enrolment_id: number;
  id: Generated<number>;
  method: string;
  recorded_by: number | null;
  session_id: number;
  signed_in_at: Timestamp | null;
  status: string;
  updated_at: Generated<Timestamp>;
}

export interface TrainingClasses {
  capacity: number;
  certificate_valid_months: number | null;
  created_at: Generated<Timestamp>;
  created_by: number | null;
  description: string | null;
  enrol_deadline: string | null;
  format: string;
  hours: Numeric;
  id: Generated<number>;
  min_attendance_percent: Generated<number>;
  name: string;
  online_link: string | null;
  org_unit_id: number;
  pass_mark: Generated<number>;
  provider_name: string | null;
  quiz: NonNullable<unknown> | null;
  status: Generated<string>;
  status_reason: string | null;
  tier: string;
  trainer_account_id: number | null;
  updated_at: Generated<Timestamp>;
  venue: string | null;
  waive_prerequisite: Generated<boolean>;
}

export interface TrainingClassInstructors {
  class_id: number;
  instructor_id: number;
  topic: string | null;
}

export interface TrainingCurricula {
  created_at: Generated<Timestamp>;
  created_by: number | null;
  description: string | null;
  id: Generated<number>;
  org_unit_id: number;
  tier: string;
  title: string;
  updated_at: Generated<Timestamp>;
  updated_by: number | null;
  version: Generated<number>;
}

export interface TrainingCurriculumModules {
  curriculum_id: number;
  hours: number;
  id: Generated<number>;
  objectives: string | null;
  seq: number;
  title: string;
  topics: Generated<string[]>;
}

export interface TrainingCurriculumVersions {
  created_at: Generated<Timestamp>;
  created_by: number | null;
  curriculum_id: number;
  snapshot: NonNullable<unknown>;
  version: number;
}

export interface TrainingEnrolments {
  cancel_reason: string | null;
  cancelled_at: Timestamp | null;
  class_id: number;
  created_at: Generated<Timestamp>;
  enrolled_by: number | null;
  enterprise_id: number | null;
  id: Generated<number>;
  makeup_score: Numeric | null;
  person_id: number;
  pre_quiz_score: number | null;
  score: Numeric | null;
  status: string;
  updated_at: Generated<Timestamp>;
}

export interface TrainingInstructors {
  active: Generated<boolean>;
  created_at: Generated<Timestamp>;
  created_by: number | null;
  id: Generated<number>;
  name: string;
  org_unit_id: number;
  organisation: string;
  title: string | null;
  topics: Generated<string[]>;
  updated_at: Generated<Timestamp>;
}

export interface TrainingMaterials {
  created_at: Generated<Timestamp>;
  description: string | null;
  file_key: string;
  file_name: string;
  file_type: string;
  id: Generated<number>;
  module_id: number | null;
  org_unit_id: number;
  size_bytes: number;
  tier: string;
  title: string;
  updated_at: Generated<Timestamp>;
  uploaded_by: number | null;
}

export interface TrainingPlanClasses {
  budget_note: string | null;
  budget_yuan: Generated<number>;
  format: string;
  hours: number;
  id: Generated<number>;
  places: number;
  plan_id: number;
  planned_month: number;
  seq: number;
  title: string;
}

export interface TrainingPlanComments {
  author_account_id: number;
  author_org_unit_id: number;
  body: string | null;
  created_at: Generated<Timestamp>;
  id: Generated<number>;
  kind: string;
  plan_id: number;
}

export interface TrainingPlans {
  budget_yuan: Generated<number>;
  created_at: Generated<Timestamp>;
  created_by: number | null;
  id: Generated<number>;
  org_unit_id: number;
  reviewed_at: Timestamp | null;
  reviewed_by: number | null;
  status: Generated<string>;
  submitted_at: Timestamp | null;
  submitted_by: number | null;
  summary: string | null;
  tier: string;
  title: string;
  topics: Generated<string[]>;
  updated_at: Generated<Timestamp>;
  updated_by: number | null;
  version: Generated<number>;
  year: number;
}

export interface TrainingSessions {
  class_id: number;
  ends_at: Timestamp;
  id: Generated<number>;
  late_after_minutes: Generated<number>;
  starts_at: Timestamp;
  title: string;
}

export interface TrainingSurveyResponses {
  class_id: number;
  comment: string | null;
  enrolment_id: number;
  id: Generated<number>;
  instructor_ratings: NonNullable<unknown>;
  post_quiz_score: number | null;
  ratings: NonNullable<unknown>;
  submitted_at: Generated<Timestamp>;
}

export interface WorkingCalendarDays {
  day: string;
  kind: string;
  name: string;
  year: number;
}

export interface WorkingCalendarYears {
  source: string;
  updated_at: Generated<Timestamp>;
  updated_by: number | null;
  version: Generated<number>;
  year: number;
}

export interface DB {
  account_identities: AccountIdentities;
  account_reset_requests: AccountResetRequests;
  accounts: Accounts;
  assessment_schemes: AssessmentSchemes;
  audit_events: AuditEvents;
  award_condition_schemes: AwardConditionSchemes;
  award_conditions: AwardConditions;
  blacklist_notices: BlacklistNotices;
  candidates: Candidates;
  case_attachments: CaseAttachments;
  cases: Cases;
  certificates: Certificates;
  community_boards: CommunityBoards;
  community_event_photos: CommunityEventPhotos;
  community_event_registrations: CommunityEventRegistrations;
  community_events: CommunityEvents;
  community_files: CommunityFiles;
  community_likes: CommunityLikes;
  community_members: CommunityMembers;
  community_organisations: CommunityOrganisations;
  community_post_edits: CommunityPostEdits;
  community_posts: CommunityPosts;
  community_reports: CommunityReports;
  community_sensitive_words: CommunitySensitiveWords;
  community_subscriptions: CommunitySubscriptions;
  community_threads: CommunityThreads;
  competitive_selections: CompetitiveSelections;
  county_training_settings: CountyTrainingSettings;
  courses: Courses;
  coverage_counts: CoverageCounts;
  coverage_monthly: CoverageMonthly;
  coverage_section_counts: CoverageSectionCounts;
  coverage_segments: CoverageSegments;
  coverage_targets: CoverageTargets;
  duty_records: DutyRecords;
  eligibility_rules: EligibilityRules;
  enterprise_change_requests: EnterpriseChangeRequests;
  enterprise_changes: EnterpriseChanges;
  enterprise_import_rows: EnterpriseImportRows;
  enterprise_registrations: EnterpriseRegistrations;
  enterprises: Enterprises;
  expert_draw_batches: ExpertDrawBatches;
  expert_draws: ExpertDraws;
  expert_pool_members: ExpertPoolMembers;
  file_chunks: FileChunks;
  filing_rounds: FilingRounds;
  filings: Filings;
  jobs: Jobs;
  key_fingerprints: KeyFingerprints;
  lesson_progress: LessonProgress;
  lessons: Lessons;
  notification_daily_counts: NotificationDailyCounts;
  notification_deliveries: NotificationDeliveries;
  notifications: Notifications;
  officer_invitations: OfficerInvitations;
  org_units: OrgUnits;
  person_link_requests: PersonLinkRequests;
  person_qualifications: PersonQualifications;
  persons: Persons;
  quiz_attempts: QuizAttempts;
  rate_limits: RateLimits;
  sanction_appeals: SanctionAppeals;
  sanctions: Sanctions;
  selection_candidates: SelectionCandidates;
  selection_objections: SelectionObjections;
  sessions: Sessions;
  settings: Settings;
  stored_files: StoredFiles;
  study_claims: StudyClaims;
  study_leases: StudyLeases;
  study_ledger_entries: StudyLedgerEntries;
  study_online_rules: StudyOnlineRules;
  study_sessions: StudySessions;
  supervision_attachments: SupervisionAttachments;
  training_attendance: TrainingAttendance;
  training_class_instructors: TrainingClassInstructors;
  training_classes: TrainingClasses;
  training_curricula: TrainingCurricula;
  training_curriculum_modules: TrainingCurriculumModules;
  training_curriculum_versions: TrainingCurriculumVersions;
  training_enrolments: TrainingEnrolments;
  training_instructors: TrainingInstructors;
  training_materials: TrainingMaterials;
  training_plan_classes: TrainingPlanClasses;
  training_plan_comments: TrainingPlanComments;
  training_plans: TrainingPlans;
  training_sessions: TrainingSessions;
  training_survey_responses: TrainingSurveyResponses;
  working_calendar_days: WorkingCalendarDays;
  working_calendar_years: WorkingCalendarYears;
}
