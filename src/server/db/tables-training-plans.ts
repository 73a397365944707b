import type { Generated } from 'kysely';
import type { TrainingTier } from '../../domain/training-delegation';
import type { Json, Timestamp, TimestampNullable } from './column-types';

export type TrainingPlanStatus = 'draft' | 'submitted' | 'returned' | 'acknowledged';

export interface CountyTrainingSettingsTable {
  org_unit_id: number;
  merged_into_city: Generated<boolean>;
  note: string | null;
  updated_by: number | null;
  updated_at: Timestamp;
}

export interface TrainingPlansTable {
  id: Generated<number>;
  org_unit_id: number;
  tier: TrainingTier;
  year: number;
  title: string;
  topics: Generated<string[]>;
  summary: string | null;
  budget_yuan: Generated<number>;
  status: Generated<TrainingPlanStatus>;
  version: Generated<number>;
  submitted_at: TimestampNullable;
  submitted_by: number | null;
  reviewed_at: TimestampNullable;
  reviewed_by: number | null;
  created_by: number | null;
  updated_by: number | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface TrainingPlanClassesTable {
  id: Generated<number>;
  plan_id: number;
  seq: number;
  title: string;
  planned_month: number;
  format: 'offline' | 'online' | 'blended';
  places: number;
  hours: number;
  budget_yuan: Generated<number>;
  budget_note: string | null;
}

export interface TrainingPlanCommentsTable {
  id: Generated<number>;
  plan_id: number;
  kind: 'comment' | 'submitted' | 'returned' | 'acknowledged';
  body: string | null;
  author_account_id: number;
  author_org_unit_id: number;
  created_at: Timestamp;
}

export interface TrainingCurriculaTable {
  id: Generated<number>;
  org_unit_id: number;
  tier: TrainingTier;
  title: string;
  description: string | null;
  version: Generated<number>;
  created_by: number | null;
  updated_by: number | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface TrainingCurriculumModulesTable {
  id: Generated<number>;
  curriculum_id: number;
  seq: number;
  title: string;
  hours: number;
  topics: Generated<string[]>;
  objectives: string | null;
}

export interface TrainingCurriculumVersionsTable {
  curriculum_id: number;
  version: number;
  snapshot: Json<Record<string, unknown>>;
  created_by: number | null;
  created_at: Timestamp;
}

export interface TrainingMaterialsTable {
  id: Generated<number>;
  org_unit_id: number;
  tier: TrainingTier;
  module_id: number | null;
  title: string;
  description: string | null;
  file_key: string;
  file_type: string;
  file_name: string;
  size_bytes: number;
  uploaded_by: number | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

/** The tables of the training-plans module (migration 0012), merged into DB in types.ts. */
export interface TrainingPlanTables {
  county_training_settings: CountyTrainingSettingsTable;
  training_plans: TrainingPlansTable;
  training_plan_classes: TrainingPlanClassesTable;
  training_plan_comments: TrainingPlanCommentsTable;
  training_curricula: TrainingCurriculaTable;
  training_curriculum_modules: TrainingCurriculumModulesTable;
  training_curriculum_versions: TrainingCurriculumVersionsTable;
  training_materials: TrainingMaterialsTable;
}
