import { describe, expect, it } from 'vitest';
import { highlightSnippet, segmentForIndex, segmentQuery } from './chinese-text';

describe('Chinese text search', () => {
  it('indexes compounds with their parts, so 质量管理 is found in 全面质量管理体系', () => {
    const indexed = segmentForIndex('我们建立了全面质量管理体系。').split(' ');
    expect(indexed).toEqual(expect.arrayContaining(['全面', '质量', '管理', '体系', '管理体系']));
    const query = segmentQuery('质量管理');
    expect(query).not.toBeNull();
    for (const term of (query ?? '').split(' & ')) expect(indexed).toContain(term.replaceAll("'", ''));
  });
  it('drops punctuation and tsquery operators from queries', () => {
    expect(segmentQuery('！！&|()')).toBeNull();
    expect(segmentQuery("QC小组'; drop")).toBe("'qc' & '小组' & 'drop'");
  });
  it('highlights matches as segments, never HTML', () => {
    const parts = highlightSnippet('<b>x</b>开展质量攻关活动', '质量攻关');
    expect(
      parts
        .filter((p) => p.hit)
        .map((p) => p.text)
        .join(''),
    ).toContain('质量');
    expect(parts.map((p) => p.text).join('')).toBe('<b>x</b>开展质量攻关活动');
  });
});
