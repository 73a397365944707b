import { describe, expect, it } from 'vitest';
import { evaluateEligibility, isBinding, isEvaluated, needsOverride, POLICY_RULES, segmentOf, type Candidate } from './eligibility';

const good: Candidate = { education: 'bachelor', qualityYears: 8, position: 'deputyGeneralManager', reportsToGeneralManager: true };

describe('eligibility (policy §二)', () => {
  it('derives the segment from ownership and 规上', () => {
    expect(segmentOf({ ownership: 'state', aboveScale: false })).toBe('stateOwned');
    expect(segmentOf({ ownership: 'private', aboveScale: true })).toBe('aboveScale');
    expect(segmentOf({ ownership: 'foreign', aboveScale: false })).toBe('sme');
  });

  it('passes a qualified deputy GM at an SOE and lists the evidence', () => {
    const r = evaluateEligibility(POLICY_RULES, 'stateOwned', good);
    expect(r.pass).toBe(true);
    expect(r.criteria.map((c) => [c.label, c.required, c.actual, c.pass])).toEqual([
      ['学历', '大专及以上', '本科', true],
      ['质量管理工作年限', '5 年及以上', '8 年', true],
      ['职务层级', '副总经理及以上', '副总经理', true],
      ['直接向总经理负责', '是', '是', true],
    ]);
  });

  it('fails a department head at an SOE but not at a 规上 private enterprise', () => {
    const head = { ...good, position: 'manager' as const };
    const soe = evaluateEligibility(POLICY_RULES, 'stateOwned', head);
    expect(soe.pass).toBe(false);
    expect(soe.criteria.find((c) => c.key === 'position')?.pass).toBe(false);
    expect(evaluateEligibility(POLICY_RULES, 'aboveScale', head).pass).toBe(true);
  });

  it('fails 4 years and 高中 at a 规上 enterprise, naming each criterion', () => {
    const r = evaluateEligibility(POLICY_RULES, 'aboveScale', { ...good, education: 'secondary', qualityYears: 4 });
    expect(r.pass).toBe(false);
    expect(r.criteria.filter((c) => !c.pass).map((c) => c.key)).toEqual(['education', 'qualityYears']);
  });

  it('lets 小微 set their own conditions: advisory, not blocking', () => {
    const r = evaluateEligibility(POLICY_RULES, 'sme', { education: 'secondary', qualityYears: 2, position: null, reportsToGeneralManager: false });
    expect(r).toMatchObject({ pass: true, advisory: true });
    expect(r.criteria.every((c) => !c.pass)).toBe(true);
  });

  it('treats missing facts as failing', () => {
    const r = evaluateEligibility(POLICY_RULES, 'aboveScale', { education: null, qualityYears: null, position: null, reportsToGeneralManager: false });
    expect(r.pass).toBe(false);
    expect(r.criteria.map((c) => c.actual)).toEqual(['未填写', '未填写', '否']);
  });

  it('binds 国有 and 规上 by default: failing them needs an override, 中小微 never does', () => {
    const weak = { ...good, qualityYears: 2 };
    expect(needsOverride(evaluateEligibility(POLICY_RULES, 'stateOwned', weak))).toBe(true);
    expect(needsOverride(evaluateEligibility(POLICY_RULES, 'aboveScale', weak))).toBe(true);
    expect(needsOverride(evaluateEligibility(POLICY_RULES, 'sme', weak))).toBe(false);
    expect(needsOverride(evaluateEligibility(POLICY_RULES, 'stateOwned', good))).toBe(false);
    // binding is rule data: a version may release 规上 from it, and versions without the field get the default
    const released = { ...POLICY_RULES, aboveScale: { ...POLICY_RULES.aboveScale, binding: false } };
    expect(needsOverride(evaluateEligibility(released, 'aboveScale', weak))).toBe(false);
    const { binding: _dropped, ...legacy } = POLICY_RULES.stateOwned;
    expect(isBinding(legacy, 'stateOwned')).toBe(true);
    expect(isBinding({ ...POLICY_RULES.sme, binding: undefined }, 'sme')).toBe(false);
  });

  it('knows a result without criteria was never evaluated', () => {
    expect(isEvaluated(null)).toBe(false);
    expect(isEvaluated({ segment: 'aboveScale', pass: true, advisory: false, criteria: [] })).toBe(false);
    expect(isEvaluated(evaluateEligibility(POLICY_RULES, 'aboveScale', good))).toBe(true);
  });
});
