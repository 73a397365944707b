import type { ColumnType, Generated } from 'kysely';
import type { Json, Timestamp } from './column-types';

/** A coverage segment: a filter over enterprise fields (see src/domain/coverage.ts SegmentDefinition). */
export interface CoverageSegmentsTable {
  code: string;
  name: string;
  definition: Json<Record<string, unknown>>;
  builtin: Generated<boolean>;
  sort: Generated<number>;
  created_by: number | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface CoverageTargetsTable {
  year: number;
  segment_code: string;
  /** numeric(5,4): returned as a string */
  share: ColumnType<string | null, number | string | null, number | string | null>;
  new_officers: number | null;
  note: string | null;
  updated_by: number | null;
  updated_at: Timestamp;
}

/** Kept by triggers on enterprises: each enterprise counted at its unit and every ancestor. */
export interface CoverageCountsTable {
  org_unit_id: number;
  industry_division: string;
  industry_section: string;
  /** 0 when not 规上, else the year the 规上 flag holds for */
  above_scale_year: number;
  scale: string;
  ownership: string;
  enterprises: Generated<number>;
  covered: Generated<number>;
}

/** coverage_counts summed over the divisions of each section. */
export interface CoverageSectionCountsTable {
  org_unit_id: number;
  industry_section: string;
  above_scale_year: number;
  scale: string;
  ownership: string;
  enterprises: Generated<number>;
  covered: Generated<number>;
}

export interface CoverageMonthlyTable {
  org_unit_id: number;
  /** first day of the month, 'YYYY-MM-DD' */
  month: ColumnType<string, string, string>;
  industry_section: string;
  above_scale_year: number;
  scale: string;
  ownership: string;
  enterprises_delta: Generated<number>;
  covered_delta: Generated<number>;
  activated: Generated<number>;
}

export interface CoverageTables {
  coverage_segments: CoverageSegmentsTable;
  coverage_targets: CoverageTargetsTable;
  coverage_counts: CoverageCountsTable;
  coverage_monthly: CoverageMonthlyTable;
  coverage_section_counts: CoverageSectionCountsTable;
}
