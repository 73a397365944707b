/** Shapes of the training-plans API (plans, 合并至市级, curricula, materials), as the server's zod schemas send them. */
import type { TrainingTier } from '../../domain/training-delegation';

export type { TrainingTier };
export type PlanStatus = 'draft' | 'submitted' | 'returned' | 'acknowledged';
export type ClassFormat = 'offline' | 'online' | 'blended';

export interface PlanSummary {
  id: number;
  orgUnitId: number;
  orgUnitName: string;
  orgUnitKind: string;
  year: number;
  tier: TrainingTier;
  title: string;
  status: PlanStatus;
  budgetYuan: number;
  classCount: number;
  places: number;
  hours: number;
  classBudgetYuan: number;
  submittedAt: string | null;
  updatedAt: string;
}

export interface PlannedClass {
  id: number;
  seq: number;
  tier: TrainingTier;
  title: string;
  plannedMonth: number;
  format: ClassFormat;
  places: number;
  hours: number;
  budgetYuan: number;
  budgetNote: string | null;
}

export interface PlanComment {
  id: number;
  kind: 'comment' | 'submitted' | 'returned' | 'acknowledged';
  body: string | null;
  authorName: string;
  authorUnitName: string;
  createdAt: string;
}

export interface PlanDetail extends PlanSummary {
  topics: string[];
  summary: string | null;
  version: number;
  reviewedAt: string | null;
  classes: PlannedClass[];
  comments: PlanComment[];
  reviewerUnitName: string | null;
  coveredCounties: { id: number; name: string }[];
  can: { edit: boolean; submit: boolean; review: boolean; comment: boolean; remove: boolean };
}

export interface PlanInput {
  year: number;
  tier: TrainingTier;
  title: string;
  topics: string[];
  summary: string | null;
  budgetYuan: number;
  classes: Omit<PlannedClass, 'id' | 'seq' | 'tier'>[];
}

export type OverviewStatus = 'missing' | PlanStatus | 'covered';

export interface OverviewRow {
  orgUnitId: number;
  orgUnitName: string;
  orgUnitKind: string;
  orgUnitCode: string;
  tier: TrainingTier;
  mergedIntoCity: boolean;
  status: OverviewStatus;
  planId: number | null;
  coveredBy: { orgUnitName: string; planId: number | null; status: string } | null;
}

export interface Overview {
  year: number;
  summary: { expected: number; filed: number; acknowledged: number; notFiled: number; covered: number };
  rows: OverviewRow[];
}

export interface MergeRow {
  orgUnitId: number;
  orgUnitName: string;
  orgUnitCode: string;
  cityName: string;
  mergedIntoCity: boolean;
  note: string | null;
  updatedAt: string | null;
  updatedByName: string | null;
}

export interface CurriculumModule {
  id: number;
  seq: number;
  title: string;
  hours: number;
  topics: string[];
  objectives: string | null;
}

export interface CurriculumSummary {
  id: number;
  orgUnitId: number;
  orgUnitName: string;
  orgUnitKind: string;
  tier: TrainingTier;
  title: string;
  version: number;
  moduleCount: number;
  totalHours: number;
  materialCount: number;
  updatedAt: string;
  updatedByName: string | null;
}

export interface CurriculumDetail extends CurriculumSummary {
  description: string | null;
  modules: CurriculumModule[];
  canEdit: boolean;
}

export interface CurriculumVersion {
  version: number;
  createdAt: string;
  createdByName: string | null;
  snapshot: Record<string, unknown>;
}

export interface Material {
  id: number;
  orgUnitId: number;
  orgUnitName: string;
  orgUnitKind: string;
  tier: TrainingTier;
  moduleId: number | null;
  moduleTitle: string | null;
  title: string;
  description: string | null;
  fileType: string;
  fileName: string;
  sizeBytes: number;
  uploadedByName: string | null;
  createdAt: string;
  canEdit: boolean;
}
