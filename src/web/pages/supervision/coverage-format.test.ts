import { describe, expect, it } from 'vitest';
import { coverageShare, coverageText, meetsTarget, NO_ENTERPRISES, partOfWhole, projectionText } from './coverage-format';

describe('coverage figures: 0/0 is 无企业, not 0%, and never graded', () => {
  const none = { enterprises: 0, covered: 0, share: 0 };
  const some = { enterprises: 17, covered: 8, share: 8 / 17 };
  it('shows 无企业 for no enterprises and the share otherwise', () => {
    expect(coverageShare(none)).toBe(NO_ENTERPRISES);
    expect(coverageText(none)).toBe('无企业');
    expect(coverageShare({ enterprises: 5, covered: 0, share: 0 })).toBe('0.0%');
    expect(coverageText(some)).toBe('47.1%（8/17）');
    expect(coverageText({ enterprises: 12345, covered: 1234, share: 1234 / 12345 })).toBe('10.0%（1,234/12,345）');
  });
  it('grades only units that have enterprises and a target', () => {
    expect(meetsTarget(none, 0.5)).toBeNull();
    expect(meetsTarget(some, null)).toBeNull();
    expect(meetsTarget(some, 0.5)).toBe(false);
    expect(meetsTarget(some, 0.4)).toBe(true);
    expect(projectionText(null, true, 0)).toBe('无企业，不评定');
    expect(projectionText('met', true, 3)).toBe('已达到目标');
  });
  it('a share of nothing is a dash', () => {
    expect(partOfWhole(0, 0)).toBe('—');
    expect(partOfWhole(3, 4)).toBe('3（75%）');
  });
});
