/** Shapes of the training-plans API (plans, 合并至市级, curricula, materials), inferred from the contract (src/contract/training-plans.ts). */
import type { Answer, Body } from '../../contract/common';
import type {
  classFormatSchema,
  curriculumDetailSchema,
  curriculumModuleOutSchema,
  curriculumSummarySchema,
  curriculumVersionSchema,
  materialSchema,
  mergeRowSchema,
  overviewRowSchema,
  overviewSchema,
  planClassSchema,
  planCommentSchema,
  planDetailSchema,
  planInputSchema,
  planStatusSchema,
  planSummarySchema,
} from '../../contract/training-plans';
import type { TrainingTier } from '../../domain/training-delegation';

export type { TrainingTier };
export type PlanStatus = Answer<typeof planStatusSchema>;
export type ClassFormat = Answer<typeof classFormatSchema>;
export type PlanSummary = Answer<typeof planSummarySchema>;
export type PlannedClass = Answer<typeof planClassSchema>;
export type PlanComment = Answer<typeof planCommentSchema>;
export type PlanDetail = Answer<typeof planDetailSchema>;
export type PlanInput = Body<typeof planInputSchema>;
export type OverviewRow = Answer<typeof overviewRowSchema>;
export type OverviewStatus = OverviewRow['status'];
export type Overview = Answer<typeof overviewSchema>;
export type MergeRow = Answer<typeof mergeRowSchema>;
export type CurriculumModule = Answer<typeof curriculumModuleOutSchema>;
export type CurriculumSummary = Answer<typeof curriculumSummarySchema>;
export type CurriculumDetail = Answer<typeof curriculumDetailSchema>;
export type CurriculumVersion = Answer<typeof curriculumVersionSchema>;
export type Material = Answer<typeof materialSchema>;
