import { describe, expect, it } from 'vitest';
import { INDUSTRY_DIVISIONS, INDUSTRY_SECTIONS } from './enterprise';
import { parseUscc, usccCheckCharacter } from './uscc';

describe('统一社会信用代码 (GB 32100-2015)', () => {
  it.each([
    ['91350100M000100Y43', '企业', '350100'], // the standard's own example
    ['914403001922038216', '企业', '440300'], // 华为技术有限公司
    ['9144030071526726XG', '企业', '440300'], // 深圳市腾讯计算机系统有限公司
  ])('accepts %s', (code, type, region) => {
    const r = parseUscc(code);
    expect(r).toMatchObject({ ok: true, value: { uscc: code, type, regionCode: region, inJiangsu: false } });
  });

  it('normalises lower case and full-width input', () => {
    expect(parseUscc(' 9144030071526726xg ')).toMatchObject({ ok: true, value: { uscc: '9144030071526726XG' } });
    expect(parseUscc('９１４４０３００１９２２０３８２１６')).toMatchObject({ ok: true });
  });

  it('computes check characters for Jiangsu codes', () => {
    const first17 = '91320583MA1MXXXX0'.replace(/X/g, '1');
    const code = first17 + usccCheckCharacter(first17);
    expect(parseUscc(code)).toMatchObject({ ok: true, value: { regionCode: '320583', inJiangsu: true } });
  });

  it.each([
    ['9144030019220382', '应为 18 位，当前为 16 位'],
    ['91440300192203821I', '非法字符“I”'],
    ['91440300192203821O', '非法字符“O”'],
    ['914403001922038217', '校验位错误，应为“6”'],
    ['B14403001922038216', '第 1 位登记管理部门代码“B”无效'],
    ['94440300192203821X', '第 2 位机构类别代码“4”'],
    ['919903001922038216', '行政区划码“990300”无效'],
  ])('refuses %s: %s', (code, message) => {
    const r = parseUscc(code);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.message).toContain(message);
  });
});

describe('GB/T 4754-2017', () => {
  it('has the 20 sections and 97 divisions', () => {
    expect(INDUSTRY_SECTIONS.map((s) => s.code).join('')).toBe('ABCDEFGHIJKLMNOPQRST');
    expect(INDUSTRY_DIVISIONS.size).toBe(97);
    expect(INDUSTRY_DIVISIONS.get('36')).toEqual({ code: '36', name: '汽车制造业', section: 'C' });
    expect(INDUSTRY_DIVISIONS.get('97')?.section).toBe('T');
  });
});
