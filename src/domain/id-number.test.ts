import { describe, expect, it } from 'vitest';
import { idNumberCheckCharacter, maskIdNumber, parseIdNumber } from './id-number';

const today = new Date('2026-11-28T00:00:00Z');

describe('居民身份证号 (GB 11643-1999)', () => {
  it.each([
    ['11010519491231002X', '1949-12-31', 'female'], // the standard's own example, check character X
    ['440524188001010014', '1880-01-01', 'male'],
    ['11010519491231002x', '1949-12-31', 'female'], // lower-case x is normalised
  ])('accepts %s', (id, birthDate, gender) => {
    expect(parseIdNumber(id, today)).toMatchObject({ ok: true, value: { birthDate, gender } });
  });

  it('normalises full-width digits', () => {
    expect(parseIdNumber('１１０１０５１９４９１２３１００２Ｘ', today)).toMatchObject({ ok: true, value: { idNumber: '11010519491231002X' } });
  });

  it.each([
    ['110105491231002', '不支持 15 位旧身份证号'],
    ['1101051949123100', '应为 18 位，当前为 16 位'],
    ['110105194912310021', '校验位错误，应为“X”'],
    ['32058319900230001X', '出生日期“19900230”不是有效日期'], // 2月30日
    ['320583190002290010', '出生日期“19000229”不是有效日期'], // 1900 is not a leap year
    ['99010519491231002X', '地址码“990105”无效'],
    ['1101051949123100AX', '前 17 位应为数字'],
  ])('refuses %s: %s', (id, message) => {
    const r = parseIdNumber(id, today);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.message).toContain(message);
  });

  it('refuses a birth date in the future', () => {
    const first17 = '32058320271231001';
    const r = parseIdNumber(first17 + idNumberCheckCharacter(first17), today);
    expect(r).toMatchObject({ ok: false, message: expect.stringContaining('晚于今天') as unknown });
  });

  it('accepts 29 February of a leap year', () => {
    const first17 = '32058320000229002';
    expect(parseIdNumber(first17 + idNumberCheckCharacter(first17), today)).toMatchObject({ ok: true, value: { birthDate: '2000-02-29', gender: 'female' } });
  });

  it('masks all but the first four and last four characters', () => {
    expect(maskIdNumber('32058319850615123X')).toBe('3205**********123X');
  });
});
