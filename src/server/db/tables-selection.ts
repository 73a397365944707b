import type { ColumnType, Generated } from 'kysely';
import type { Timestamp, TimestampNullable } from './column-types';

/** Tables of 竞争聘用 (competitive selection, migration 0031). */

type DateNullable = ColumnType<string | null, string | null | undefined, string | null>;

export type SelectionStatus = 'open' | 'publicity' | 'concluded' | 'cancelled';

export interface SelectionCriterion {
  name: string;
  /** percent; the criteria of a selection add up to 100 */
  weight: number;
}

export interface CompetitiveSelectionsTable {
  id: Generated<number>;
  version: Generated<number>;
  enterprise_id: number;
  org_unit_id: number;
  title: string;
  criteria: ColumnType<SelectionCriterion[], string, string>;
  panel: ColumnType<string[], string[] | undefined, string[]>;
  status: Generated<SelectionStatus>;
  selected_person_id: number | null;
  result_note: string | null;
  publicity_start: DateNullable;
  publicity_end: DateNullable;
  published_at: TimestampNullable;
  concluded_at: TimestampNullable;
  cancel_reason: string | null;
  created_by: number;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface SelectionCandidatesTable {
  selection_id: number;
  enterprise_id: number;
  person_id: number;
  /** one score (0–100) per criterion, in the criteria's order; null until scored */
  scores: ColumnType<number[] | null, string | null | undefined, string | null>;
  /** weighted total (numeric, read as a string) */
  total: ColumnType<string | null, number | null | undefined, number | null>;
  added_at: Timestamp;
}

export interface SelectionObjectionsTable {
  id: Generated<number>;
  selection_id: number;
  body: string;
  contact: string | null;
  filed_at: Timestamp;
  answer: string | null;
  answered_by: number | null;
  answered_at: TimestampNullable;
}

export interface SelectionTables {
  competitive_selections: CompetitiveSelectionsTable;
  selection_candidates: SelectionCandidatesTable;
  selection_objections: SelectionObjectionsTable;
}
