/** Shapes of the coverage API answers, inferred from the contract (src/contract/coverage.ts). */
import type { Answer } from '../../contract/common';
import type {
  coverageOverviewSchema,
  coverageRebuildResultSchema,
  coverageSegmentDefSchema,
  coverageSegmentSchema,
  coverageTargetSchema,
  coverageTrendSchema,
  overdueItemSchema,
  scorecardRowSchema,
  scorecardSchema,
  segmentCountSchema,
  studyBehindItemSchema,
  uncoveredItemSchema,
  worklistKindSchema,
  worklistPageSchema,
  worklistRemindResultSchema,
} from '../../contract/coverage';

export type SegmentCount = Answer<typeof segmentCountSchema>;
export type CoverageSegment = Answer<typeof coverageSegmentSchema>;
export type CoverageOverview = Answer<typeof coverageOverviewSchema>;
export type CoverageTrend = Answer<typeof coverageTrendSchema>;
export type CoverageSegmentDef = Answer<typeof coverageSegmentDefSchema>;
export type CoverageTarget = Answer<typeof coverageTargetSchema>;
export type WorklistKind = Answer<typeof worklistKindSchema>;
/** One page of a worklist; `kind` tells which items it holds. */
export type WorklistPage = Answer<typeof worklistPageSchema>;
export type UncoveredItem = Answer<typeof uncoveredItemSchema>;
export type OverdueItem = Answer<typeof overdueItemSchema>;
export type StudyBehindItem = Answer<typeof studyBehindItemSchema>;
export type ScorecardRow = Answer<typeof scorecardRowSchema>;
export type ScorecardPart = ScorecardRow['aboveScale'];
export type Scorecard = Answer<typeof scorecardSchema>;
/** The `result` of a `coverage.worklist.remind` job. */
export type WorklistRemindResult = Answer<typeof worklistRemindResultSchema>;
/** The `result` of a `coverage.rebuild` job. */
export type CoverageRebuildResult = Answer<typeof coverageRebuildResultSchema>;
