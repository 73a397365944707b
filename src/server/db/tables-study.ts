import type { ColumnType, Generated } from 'kysely';
import type { CourseLevel, LessonKind, Quiz } from '../../domain/study-time';
import type { Json, JsonNullable, RequiredTimestamp, TimestampNullable } from './column-types';

export interface CoursesTable {
  id: Generated<number>;
  version: Generated<number>;
  title: string;
  summary: Generated<string>;
  org_unit_id: number;
  level: CourseLevel;
  required: Generated<boolean>;
  credit_hours: number;
  tags: Generated<string[]>;
  status: Generated<'draft' | 'published' | 'withdrawn'>;
  search_vector: Generated<string>;
  published_at: TimestampNullable;
  created_by: number | null;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
}

export interface LessonsTable {
  id: Generated<number>;
  course_id: number;
  sort: number;
  title: string;
  kind: LessonKind;
  duration_seconds: number;
  media_key: string | null;
  page_count: number | null;
  quiz: JsonNullable<Quiz>;
  created_at: Generated<Date>;
}

export interface StudySessionsTable {
  id: Generated<number>;
  account_id: number;
  /** Null while the account's identity is not linked (migration 0033); set when the bureau confirms the link. */
  person_id: number | null;
  lesson_id: number;
  course_id: number;
  kind: LessonKind;
  duration_seconds: number;
  lesson_completed: boolean;
  credited_before: number;
  credited_seconds: Generated<number>;
  last_seq: Generated<number>;
  last_position: Generated<number>;
  last_beat_at: RequiredTimestamp;
  opened_at: Generated<Date>;
}

/** One learner per row: a linked person, or (person_id null) an account whose identity is not linked yet. */
export interface StudyLeasesTable {
  person_id: number | null;
  account_id: number | null;
  session_id: number;
  taken_at: Generated<Date>;
}

export interface LessonProgressTable {
  person_id: number | null;
  account_id: number | null;
  lesson_id: number;
  course_id: number;
  status: Generated<'in_progress' | 'completed'>;
  best_score: number | null;
  attempts: Generated<number>;
  credited_seconds: Generated<number>;
  completed_at: TimestampNullable;
  completed_year: number | null;
  updated_at: Generated<Date>;
}

export interface QuizAttemptsTable {
  id: Generated<number>;
  person_id: number | null;
  account_id: number | null;
  lesson_id: number;
  answers: Json<number[][]>;
  score: number;
  passed: boolean;
  created_at: Generated<Date>;
}

export interface StudyClaimsTable {
  id: Generated<number>;
  person_id: number;
  org_unit_id: number;
  source: 'offline' | 'government_work';
  title: string;
  occurred_on: ColumnType<string, string, string>;
  minutes: number;
  evidence: string;
  status: Generated<'pending' | 'approved' | 'rejected'>;
  decision_reason: string | null;
  decided_by: number | null;
  decided_at: TimestampNullable;
  created_at: Generated<Date>;
}

/** The self-study tables, merged into DB in types.ts. */
export interface StudyTables {
  courses: CoursesTable;
  lessons: LessonsTable;
  study_sessions: StudySessionsTable;
  study_leases: StudyLeasesTable;
  lesson_progress: LessonProgressTable;
  quiz_attempts: QuizAttemptsTable;
  study_claims: StudyClaimsTable;
}
