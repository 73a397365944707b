/** Shapes of the 考核 and quality-award API answers, inferred from the contract (src/contract/assessment.ts). */
import type { Answer } from '../../contract/common';
import type { assessmentResultSchema, assessmentRowSchema, assessmentSchemeSchema, assessmentSchemesSchema, awardSchemeSchema, indicatorResultSchema } from '../../contract/assessment';

/** `GET /api/assessment/schemes`: every version, and what the editor offers. */
export type AssessmentSchemes = Answer<typeof assessmentSchemesSchema>;
export type AssessmentScheme = Answer<typeof assessmentSchemeSchema>;
export type AssessmentResult = Answer<typeof assessmentResultSchema>;
export type AssessmentRow = Answer<typeof assessmentRowSchema>;
export type IndicatorResult = Answer<typeof indicatorResultSchema>;
export type AwardScheme = Answer<typeof awardSchemeSchema>;
