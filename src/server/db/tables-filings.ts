import type { ColumnType, Generated } from 'kysely';
import type { DateColumn, DateColumnNullable, Json, JsonNullable, Timestamp, TimestampNullable } from './column-types';

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

export interface FilingTables {
  persons: PersonsTable;
  person_link_requests: PersonLinkRequestsTable;
  eligibility_rules: EligibilityRulesTable;
  filings: FilingsTable;
  filing_rounds: FilingRoundsTable;
  candidates: CandidatesTable;
  certificates: CertificatesTable;
}
