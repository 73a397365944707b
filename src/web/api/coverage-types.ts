/** Types of the coverage API (src/server/modules/coverage). */
export interface SegmentCount {
  enterprises: number;
  covered: number;
  share: number;
}

export interface CoverageSegment extends SegmentCount {
  code: string;
  name: string;
  /** 「分母：企业名录中…在营的规上企业（N 家）」 */
  denominatorNote: string;
  target: { year: number; share: number } | null;
  netPerMonth: number;
  /** 'YYYY-MM', 'met', or null (not at the current pace) */
  projection: string | null;
}

export interface CoverageOverview {
  unit: { id: number; name: string; kind: 'province' | 'city' | 'county' | 'zone'; code: string; parentId: number | null };
  breadcrumbs: { id: number; name: string; kind: string }[];
  year: number;
  segments: CoverageSegment[];
  children: { id: number; name: string; kind: string; code: string; segments: Record<string, SegmentCount> }[];
  sections: { section: string; name: string; segments: Record<string, SegmentCount> }[];
}

export interface CoverageTrend {
  unit: { id: number; name: string };
  months: string[];
  series: {
    code: string;
    name: string;
    target: { year: number; share: number } | null;
    points: { month: string; enterprises: number; covered: number; share: number; activated: number }[];
  }[];
  newOfficers: { year: number; provinceTarget: number | null; target: number | null; actual: number; targetNote: string | null; basis: string | null } | null;
}

export interface CoverageSegmentDef {
  code: string;
  name: string;
  builtin: boolean;
  definition: { aboveScale?: boolean; scales?: string[]; ownerships?: string[]; sections?: string[] };
}

export interface CoverageTarget {
  year: number;
  segmentCode: string;
  share: number | null;
  newOfficers: number | null;
  note: string | null;
}

export type WorklistKind = 'uncovered' | 'overdue' | 'studyBehind';

export interface WorklistPage<T> {
  kind: WorklistKind;
  title: string;
  items: T[];
  total: number;
  page: number;
  pageSize: number;
  expectedMinutes: number | null;
  minutesPerHour: number;
}

export interface UncoveredItem {
  id: number;
  uscc: string;
  name: string;
  org_unit_name: string;
  industry_division: string;
  scale: string;
  ownership: string;
  above_scale: boolean;
  above_scale_year: number | null;
  contact_person: string | null;
  contact_phone: string | null;
}

export interface OverdueItem {
  id: number;
  enterprise_id: number;
  enterprise_name: string;
  uscc: string;
  org_unit_name: string;
  person_name: string;
  round: number;
  submitted_at: string | null;
  review_deadline: string | null;
  days_overdue: number;
}

export interface StudyBehindItem {
  filing_id: number;
  person_id: number;
  person_name: string;
  enterprise_id: number;
  enterprise_name: string;
  org_unit_name: string;
  minutes: number;
}

export interface ScorecardPart extends SegmentCount {
  target: number | null;
  met: boolean | null;
}

export interface ScorecardRow {
  orgUnitId: number;
  name: string;
  aboveScale: ScorecardPart;
  sme: ScorecardPart;
  newOfficers: number;
  officers: number;
  trained: number;
  trainingShare: number;
  averageStudyHours: number;
  studyTargetMet: number;
  studyShare: number;
  decided: number;
  decidedOnTime: number;
  onTimeShare: number;
}

export interface Scorecard {
  unit: { id: number; name: string };
  year: number;
  rows: ScorecardRow[];
}
