import type { FormRule } from 'antd';
import dayjs from 'dayjs';
import { EDUCATION_LEVELS, POSITION_LEVELS, SEGMENTS, type Education, type PositionLevel, type Segment } from '../../domain/eligibility';
import { EXIT_CAUSES, FILING_END_KINDS, FILING_STATUSES, TREATMENT_BENEFITS, TREATMENT_LEVELS } from '../../domain/filing-input';
import { parseIdNumber } from '../../domain/id-number';
import type { Filing, FilingEndKind, FilingStatus, RoundDecision } from '../api/filing-types';

/** Select options and display helpers for 聘任备案, built from the domain dictionaries (never copied here). */

const optionsOf = <T extends string>(dict: Record<T, string>) => (Object.entries(dict) as [T, string][]).map(([value, label]) => ({ value, label }));

export const EDUCATION_OPTIONS = optionsOf<Education>(EDUCATION_LEVELS);
export const POSITION_OPTIONS = optionsOf<PositionLevel>(POSITION_LEVELS);

/** What an enterprise or bureau may choose when ending an active filing (superseded/revoked are the system's). */
export const END_KIND_OPTIONS = (['dismissal', 'resignation', 'exit'] as const).map((value) => ({ value, label: FILING_END_KINDS[value] }));
export const EXIT_CAUSE_OPTIONS = optionsOf(EXIT_CAUSES);
export const TREATMENT_LEVEL_OPTIONS = optionsOf(TREATMENT_LEVELS);
export const TREATMENT_BENEFIT_OPTIONS = optionsOf(TREATMENT_BENEFITS);
export const exitCauseLabel = (v: string | null): string => (v ? (EXIT_CAUSES[v as keyof typeof EXIT_CAUSES] ?? v) : '—');
export const treatmentLevelLabel = (v: string | null): string => (v ? (TREATMENT_LEVELS[v as keyof typeof TREATMENT_LEVELS] ?? v) : '未填写');
export const treatmentBenefitLabel = (v: string): string => TREATMENT_BENEFITS[v as keyof typeof TREATMENT_BENEFITS] ?? v;
export type ManualEndKind = (typeof END_KIND_OPTIONS)[number]['value'];

/** A person's education and position level may be unrecorded (null): shown as —. */
export const educationLabel = (v: string | null): string => (v === null ? '—' : (EDUCATION_LEVELS[v as Education] ?? v));
export const positionLabel = (v: string | null): string => (v === null ? '—' : (POSITION_LEVELS[v as PositionLevel] ?? v));
export const segmentLabel = (v: string): string => SEGMENTS[v as Segment] ?? v;
export const genderLabel = (v: string): string => (v === 'male' ? '男' : v === 'female' ? '女' : v);
export const endKindLabel = (v: string | null): string => (v ? (FILING_END_KINDS[v as FilingEndKind] ?? v) : '—');

export const filingStatusLabel = (s: FilingStatus): string => FILING_STATUSES[s] ?? s;
export const FILING_STATUS_COLORS: Record<FilingStatus, string> = {
  draft: 'default',
  submitted: 'processing',
  returned: 'warning',
  active: 'success',
  rejected: 'error',
  withdrawn: 'default',
  ended: 'default',
};

export const FILING_STATUS_OPTIONS = (Object.keys(FILING_STATUSES) as FilingStatus[]).map((value) => ({ value, label: FILING_STATUSES[value] }));

export const DECISIONS: Record<RoundDecision, { label: string; color: string }> = {
  approved: { label: '予以备案', color: 'green' },
  returned: { label: '退回补正', color: 'orange' },
  rejected: { label: '不予备案', color: 'red' },
  withdrawn: { label: '企业撤回', color: 'gray' },
};

/** A filing still being handled (at most one per enterprise). */
export const isInProgress = (s: FilingStatus): boolean => s === 'draft' || s === 'submitted' || s === 'returned';
/** The enterprise may still change it. */
export const isEditable = (s: FilingStatus): boolean => s === 'draft' || s === 'returned';

export const today = (): string => dayjs().format('YYYY-MM-DD');

/** Waiting for review past its deadline (deadline before today). */
export const isOverdue = (f: Pick<Filing, 'status' | 'reviewDeadline'>): boolean =>
  f.status === 'submitted' && f.reviewDeadline !== null && f.reviewDeadline < today();

/**
 * The bureau's words on the filing's current state: the remarks of 退回补正, the reason of 不予备案 or the approval
 * remarks; null otherwise (after a resubmission the server still holds the previous round's remarks).
 */
export function currentRemarks(f: Pick<Filing, 'status' | 'decisionReason'>): string | null {
  if (!f.decisionReason) return null;
  if (f.status === 'returned') return `退回补正：${f.decisionReason}`;
  if (f.status === 'rejected') return `不予备案：${f.decisionReason}`;
  if (f.status === 'active') return `备案意见：${f.decisionReason}`;
  return null;
}

/** A `YYYY-MM-DD` date as it is, or a dash. */
export const dateText = (v: string | null | undefined): string => v ?? '—';

/**
 * Instant 居民身份证号 feedback from the domain validator (校验位错误，应为“X” …) while typing.
 * Empty input is left to the `required` rule.
 */
export const idNumberRule: FormRule = {
  validator: (_rule, value: string | undefined) => {
    if (!value) return Promise.resolve();
    const r = parseIdNumber(value);
    return r.ok ? Promise.resolve() : Promise.reject(new Error(r.message));
  },
};

/** Upper case, no spaces (the validator also accepts full-width digits). */
export const normalizeIdNumber = (value: string | undefined): string => (value ?? '').replace(/\s+/g, '').toUpperCase();
