/** Shapes of the 竞争聘用 API, inferred from the contract (src/contract/selections.ts). */
import type { Answer } from '../../contract/common';
import type {
  publicSelectionListSchema,
  publicSelectionSchema,
  selectionCandidateSchema,
  selectionDetailSchema,
  selectionObjectionSchema,
  selectionSummarySchema,
} from '../../contract/selections';

/** `GET /api/selections` items. */
export type SelectionSummary = Answer<typeof selectionSummarySchema>;
export type SelectionCandidate = Answer<typeof selectionCandidateSchema>;
export type SelectionObjection = Answer<typeof selectionObjectionSchema>;
/** `GET /api/selections/:id`. */
export type SelectionDetail = Answer<typeof selectionDetailSchema>;
/** `GET /api/public/selections/:id`. */
export type PublicSelection = Answer<typeof publicSelectionSchema>;
/** `GET /api/public/selections`: the selections in their publicity period. */
export type PublicSelectionList = Answer<typeof publicSelectionListSchema>;
