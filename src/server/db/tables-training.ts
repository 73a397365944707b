import type { ColumnType, Generated } from 'kysely';
import type { Json, JsonNullable, RequiredTimestamp, Timestamp, TimestampNullable } from './column-types';

/** numeric columns come back as strings from both drivers */
type Numeric = ColumnType<string, number | string, number | string>;
type NumericNullable = ColumnType<string | null, number | string | null | undefined, number | string | null>;

export interface TrainingInstructorsTable {
  id: Generated<number>;
  org_unit_id: number;
  name: string;
  organisation: string;
  title: string | null;
  topics: Generated<string[]>;
  active: Generated<boolean>;
  created_by: number | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface TrainingClassesTable {
  id: Generated<number>;
  org_unit_id: number;
  trainer_account_id: number | null;
  provider_name: string | null;
  name: string;
  tier: 'basic' | 'enhanced' | 'advanced';
  format: 'in_person' | 'online' | 'site_visit' | 'seminar';
  venue: string | null;
  online_link: string | null;
  description: string | null;
  capacity: number;
  hours: Numeric;
  enrol_deadline: ColumnType<string | null, string | null | undefined, string | null>;
  waive_prerequisite: Generated<boolean>;
  pass_mark: Generated<number>;
  min_attendance_percent: Generated<number>;
  certificate_valid_months: number | null;
  quiz: JsonNullable<{ question: string; options: string[]; answer: number }[]>;
  status: Generated<'open' | 'cancelled'>;
  status_reason: string | null;
  created_by: number | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface TrainingClassInstructorsTable {
  class_id: number;
  instructor_id: number;
  topic: string | null;
}

export interface TrainingSessionsTable {
  id: Generated<number>;
  class_id: number;
  title: string;
  starts_at: RequiredTimestamp;
  ends_at: RequiredTimestamp;
  late_after_minutes: Generated<number>;
}

export interface TrainingEnrolmentsTable {
  id: Generated<number>;
  class_id: number;
  person_id: number;
  enterprise_id: number | null;
  status: 'enrolled' | 'waitlisted' | 'cancelled';
  enrolled_by: number | null;
  score: NumericNullable;
  makeup_score: NumericNullable;
  pre_quiz_score: number | null;
  cancel_reason: string | null;
  cancelled_at: TimestampNullable;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface TrainingAttendanceTable {
  id: Generated<number>;
  session_id: number;
  enrolment_id: number;
  status: 'present' | 'late' | 'absent';
  method: 'qr' | 'manual';
  signed_in_at: TimestampNullable;
  correction_reason: string | null;
  recorded_by: number | null;
  updated_at: Timestamp;
}

export interface TrainingSurveyResponsesTable {
  id: Generated<number>;
  class_id: number;
  enrolment_id: number;
  ratings: Json<Record<string, number>>;
  instructor_ratings: Json<Record<string, number>>;
  comment: string | null;
  post_quiz_score: number | null;
  submitted_at: Timestamp;
}

export interface TrainingTables {
  training_instructors: TrainingInstructorsTable;
  training_classes: TrainingClassesTable;
  training_class_instructors: TrainingClassInstructorsTable;
  training_sessions: TrainingSessionsTable;
  training_enrolments: TrainingEnrolmentsTable;
  training_attendance: TrainingAttendanceTable;
  training_survey_responses: TrainingSurveyResponsesTable;
}
