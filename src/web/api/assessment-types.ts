/** Shapes of the 考核 and quality-award API answers, inferred from the contract (src/contract/assessment.ts). */
import type { Answer } from '../../contract/common';
import type {
  assessmentResultSchema,
  assessmentRowSchema,
  assessmentSchemeSchema,
  assessmentSchemesSchema,
  awardSchemeAdoptedSchema,
  awardSchemeSchema,
  awardSchemesSchema,
  indicatorResultSchema,
  schemeSavedSchema,
} from '../../contract/assessment';

/** `GET /api/assessment/schemes`: every version, and what the editor offers. */
export type AssessmentSchemes = Answer<typeof assessmentSchemesSchema>;
export type AssessmentScheme = Answer<typeof assessmentSchemeSchema>;
export type AssessmentResult = Answer<typeof assessmentResultSchema>;
export type AssessmentRow = Answer<typeof assessmentRowSchema>;
export type IndicatorResult = Answer<typeof indicatorResultSchema>;
export type AwardScheme = Answer<typeof awardSchemeSchema>;
/** `PUT /api/assessment/schemes/:year`: the saved scheme's year and version. */
export type SchemeSaved = Answer<typeof schemeSavedSchema>;
/** `GET /api/award-schemes`. */
export type AwardSchemes = Answer<typeof awardSchemesSchema>;
/** `POST /api/award-schemes/:level`: the version adopted. */
export type AwardSchemeAdopted = Answer<typeof awardSchemeAdoptedSchema>;
