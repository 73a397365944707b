import type { FormRule } from 'antd';
import {
  ENTERPRISE_SOURCES,
  ENTERPRISE_STATUSES,
  INDUSTRY_DIVISIONS,
  INDUSTRY_SECTIONS,
  OWNERSHIPS,
  reviewFlagsFor,
  REVIEW_FLAGS,
  SCALES,
  type EnterpriseStatus,
  type Ownership,
  type ReviewFlag,
  type Scale,
} from '../../domain/enterprise';
import { ENTERPRISE_FIELD_LABELS } from '../../domain/enterprise-input';
import type { OrgUnitKind } from '../../domain/org-unit';
import { phoneProblem } from '../../domain/phone';
import { parseUscc } from '../../domain/uscc';

/** Select options and display helpers built from the domain dictionaries (never copied here). */

const optionsOf = <T extends string>(dict: Record<T, string>) => (Object.entries(dict) as [T, string][]).map(([value, label]) => ({ value, label }));

export const SCALE_OPTIONS = optionsOf<Scale>(SCALES);
export const OWNERSHIP_OPTIONS = optionsOf<Ownership>(OWNERSHIPS);
export const STATUS_OPTIONS = optionsOf<EnterpriseStatus>(ENTERPRISE_STATUSES);

export const SECTION_OPTIONS = INDUSTRY_SECTIONS.map((s) => ({ value: s.code, label: `${s.code} ${s.name}` }));

/** 大类 options, all of them or those of one 门类. */
export function divisionOptions(section?: string) {
  const sections = section ? INDUSTRY_SECTIONS.filter((s) => s.code === section) : INDUSTRY_SECTIONS;
  return sections.flatMap((s) => s.divisions.map((d) => ({ value: d.code, label: `${d.code} ${d.name}` })));
}

/** Cascader 门类 → 大类. */
export const INDUSTRY_CASCADER_OPTIONS = INDUSTRY_SECTIONS.map((s) => ({
  value: s.code,
  label: `${s.code} ${s.name}`,
  children: s.divisions.map((d) => ({ value: d.code, label: `${d.code} ${d.name}` })),
}));

/** The Cascader value of a 大类 code: [门类, 大类]. */
export const industryPath = (code: string | null | undefined): string[] | undefined => {
  const d = code ? INDUSTRY_DIVISIONS.get(code) : undefined;
  return d ? [d.section, d.code] : undefined;
};

export const sectionName = (code: string): string => INDUSTRY_SECTIONS.find((s) => s.code === code)?.name ?? code;
export const divisionName = (code: string): string => INDUSTRY_DIVISIONS.get(code)?.name ?? code;
/** "C 制造业" */
export const sectionText = (code: string): string => `${code} ${sectionName(code)}`;
/** "36 汽车制造业" */
export const divisionText = (code: string): string => `${code} ${divisionName(code)}`;

export const scaleLabel = (v: string): string => SCALES[v as Scale] ?? v;
export const ownershipLabel = (v: string): string => OWNERSHIPS[v as Ownership] ?? v;
export const statusLabel = (v: string): string => ENTERPRISE_STATUSES[v as EnterpriseStatus] ?? v;
export const sourceLabel = (v: string): string => ENTERPRISE_SOURCES[v as keyof typeof ENTERPRISE_SOURCES] ?? v;
export const STATUS_COLORS: Record<string, string> = { operating: 'success', deregistered: 'default', revoked: 'error' };

/** Enterprises belong to a city, county or zone (not to the province). */
export const ENTERPRISE_UNIT_KINDS: readonly OrgUnitKind[] = ['city', 'county', 'zone'];

export const ROSTER_STATUS_LABELS: Record<string, string> = { confirmed: '已确认', proposed: '待确认', refused: '已退回' };

export const fieldLabel = (field: string): string => ENTERPRISE_FIELD_LABELS[field] ?? field;

/**
 * Instant USCC feedback: the exact Chinese reason from the domain validator (校验位错误，应为“X” …) while typing.
 * Empty input is left to the `required` rule.
 */
export const usccRule: FormRule = {
  validator: (_rule, value: string | undefined) => {
    if (!value) return Promise.resolve();
    const r = parseUscc(value);
    return r.ok ? Promise.resolve() : Promise.reject(new Error(r.message));
  },
};

/** Upper case while typing (the validator also accepts full-width characters and lower case). */
export const normalizeUscc = (value: string | undefined): string => (value ?? '').replace(/\s+/g, '').toUpperCase();

/**
 * Review flags the record will earn with this unit (same rule as the server), to warn before saving.
 * Null when the USCC is not valid yet or no unit is chosen.
 */
export function previewReviewFlags(uscc: string | undefined, unitPath: string | undefined): string[] | null {
  if (!uscc || !unitPath) return null;
  const r = parseUscc(uscc);
  if (!r.ok) return null;
  return reviewFlagsFor(r.value.regionCode, unitPath).map((f: ReviewFlag) => REVIEW_FLAGS[f]);
}

/** Optional phone numbers: 11-digit mobile or landline with area code. */
export const phoneRule: FormRule = {
  validator: (_rule, value: string | undefined) => {
    const v = value?.trim();
    const problem = v ? phoneProblem(v) : null;
    return problem ? Promise.reject(new Error(problem)) : Promise.resolve();
  },
};
