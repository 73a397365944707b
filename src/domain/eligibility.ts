import { z } from 'zod';
import { dictKeys } from './enterprise';
/**
 * CQO eligibility (policy §二) as data plus one pure evaluator: the province edits the rules (versioned in
 * `eligibility_rules`); every filing is checked against the version in force and keeps the evidence.
 */

export const EDUCATION_LEVELS = { secondary: '高中及以下', college: '大专', bachelor: '本科', master: '硕士', doctor: '博士' } as const;
export type Education = keyof typeof EDUCATION_LEVELS;
const EDUCATION_ORDER: Education[] = ['secondary', 'college', 'bachelor', 'master', 'doctor'];

export const POSITION_LEVELS = { staff: '一般管理人员', manager: '部门负责人', deputyGeneralManager: '副总经理', generalManager: '总经理及以上' } as const;
export type PositionLevel = keyof typeof POSITION_LEVELS;
const POSITION_ORDER: PositionLevel[] = ['staff', 'manager', 'deputyGeneralManager', 'generalManager'];

export const SEGMENTS = { stateOwned: '国有企业', aboveScale: '规上企业', sme: '中小微企业' } as const;
export type Segment = keyof typeof SEGMENTS;

export interface SegmentRule {
  minEducation: Education;
  minQualityYears: number;
  minPosition: PositionLevel | null;
  /** Must report directly to the general manager (policy §二). */
  reportsToGeneralManager: boolean;
  /** Small and micro enterprises may set their own conditions: the criteria are shown, but advisory. */
  selfDefined: boolean;
  /**
   * Binding: a filing that fails a criterion can be approved only with a written override reason. Versions
   * published before the field existed carry none; `isBinding` then applies the policy's default.
   */
  binding?: boolean;
}

export type EligibilityRules = Record<Segment, SegmentRule>;

/** The policy's own conditions: ≥5 years, 大专 or higher, reporting to the GM; at SOEs a deputy GM or higher. */
export const POLICY_RULES: EligibilityRules = {
  stateOwned: {
    minEducation: 'college',
    minQualityYears: 5,
    minPosition: 'deputyGeneralManager',
    reportsToGeneralManager: true,
    selfDefined: false,
    binding: true,
  },
  aboveScale: { minEducation: 'college', minQualityYears: 5, minPosition: null, reportsToGeneralManager: true, selfDefined: false, binding: true },
  sme: { minEducation: 'college', minQualityYears: 5, minPosition: null, reportsToGeneralManager: true, selfDefined: true, binding: false },
};

/** The policy's default where a rule version says nothing: 国有 and 规上 bind, 中小微 (self-defined) does not. */
export function isBinding(rule: SegmentRule, segment: Segment): boolean {
  return rule.binding ?? (segment !== 'sme' && !rule.selfDefined);
}

export function segmentOf(enterprise: { ownership: string; aboveScale: boolean }): Segment {
  if (enterprise.ownership === 'state') return 'stateOwned';
  return enterprise.aboveScale ? 'aboveScale' : 'sme';
}

export interface Candidate {
  education: Education | null;
  qualityYears: number | null;
  position: PositionLevel | null;
  reportsToGeneralManager: boolean;
}

export interface Criterion {
  key: 'education' | 'qualityYears' | 'position' | 'reportsToGeneralManager';
  label: string;
  required: string;
  actual: string;
  pass: boolean;
}

export interface EligibilityResult {
  segment: Segment;
  /** All criteria met, or the enterprise may set its own conditions. */
  pass: boolean;
  advisory: boolean;
  /** The segment's rule is binding: failing it needs an override reason to approve (absent in results stored before). */
  binding?: boolean;
  criteria: Criterion[];
}

/** A stored result that holds no evaluated criteria (never checked, or seeded without a check). */
export function isEvaluated(result: EligibilityResult | null | undefined): result is EligibilityResult {
  return !!result && Array.isArray(result.criteria) && result.criteria.length > 0;
}

/** The criteria a result failed. */
export const failedCriteria = (result: EligibilityResult): Criterion[] => result.criteria.filter((c) => !c.pass);

/** Approval needs a written override reason: the result fails a criterion of a binding rule. */
export function needsOverride(result: EligibilityResult): boolean {
  return (result.binding ?? result.segment !== 'sme') && failedCriteria(result).length > 0;
}

const atLeast = <T>(order: T[], actual: T | null, min: T) => actual !== null && order.indexOf(actual) >= order.indexOf(min);

export function evaluateEligibility(rules: EligibilityRules, segment: Segment, c: Candidate): EligibilityResult {
  const rule = rules[segment];
  const criteria: Criterion[] = [
    {
      key: 'education',
      label: '学历',
      required: `${EDUCATION_LEVELS[rule.minEducation]}及以上`,
      actual: c.education ? EDUCATION_LEVELS[c.education] : '未填写',
      pass: atLeast(EDUCATION_ORDER, c.education, rule.minEducation),
    },
    {
      key: 'qualityYears',
      label: '质量管理工作年限',
      required: `${rule.minQualityYears} 年及以上`,
      actual: c.qualityYears === null ? '未填写' : `${c.qualityYears} 年`,
      pass: c.qualityYears !== null && c.qualityYears >= rule.minQualityYears,
    },
  ];
  if (rule.minPosition) {
    criteria.push({
      key: 'position',
      label: '职务层级',
      required: `${POSITION_LEVELS[rule.minPosition]}及以上`,
      actual: c.position ? POSITION_LEVELS[c.position] : '未填写',
      pass: atLeast(POSITION_ORDER, c.position, rule.minPosition),
    });
  }
  if (rule.reportsToGeneralManager) {
    criteria.push({
      key: 'reportsToGeneralManager',
      label: '直接向总经理负责',
      required: '是',
      actual: c.reportsToGeneralManager ? '是' : '否',
      pass: c.reportsToGeneralManager,
    });
  }
  const allPass = criteria.every((x) => x.pass);
  return { segment, pass: allPass || rule.selfDefined, advisory: rule.selfDefined && !allPass, binding: isBinding(rule, segment), criteria };
}

const segmentRuleSchema = z.object({
  minEducation: z.enum(dictKeys(EDUCATION_LEVELS)).meta({ title: '最低学历' }),
  minQualityYears: z.number().int().min(0, { error: '年限不能为负' }).max(40).meta({ title: '最低质量工作年限' }),
  minPosition: z.enum(dictKeys(POSITION_LEVELS)).nullable().meta({ title: '最低职务层级' }),
  reportsToGeneralManager: z.boolean().meta({ title: '直接向总经理报告' }),
  selfDefined: z.boolean().meta({ title: '自定义条件' }),
  binding: z.boolean().optional().meta({ title: '是否强制' }),
});

/** The province's edit of the rules: all three segments, each complete. */
export const eligibilityRulesSchema = z.object({
  stateOwned: segmentRuleSchema.meta({ title: '国有企业' }),
  aboveScale: segmentRuleSchema.meta({ title: '规上企业' }),
  sme: segmentRuleSchema.meta({ title: '中小企业' }),
});
