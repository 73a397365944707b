/**
 * 居民身份证号 per GB 11643-1999: 6-digit region code, 8-digit birth date, 3-digit sequence (odd: male),
 * check character (ISO 7064 MOD 11-2). The 15-digit first-generation numbers are refused: they carry no
 * check digit and every holder has had an 18-digit number since 2013.
 */

const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECK = '10X98765432';
const PROVINCES = new Set([
  '11',
  '12',
  '13',
  '14',
  '15',
  '21',
  '22',
  '23',
  '31',
  '32',
  '33',
  '34',
  '35',
  '36',
  '37',
  '41',
  '42',
  '43',
  '44',
  '45',
  '46',
  '50',
  '51',
  '52',
  '53',
  '54',
  '61',
  '62',
  '63',
  '64',
  '65',
  '71',
  '81',
  '82',
  '83',
]);

export interface IdNumberInfo {
  idNumber: string;
  regionCode: string;
  birthDate: string; // YYYY-MM-DD
  gender: 'male' | 'female';
}

export type IdNumberResult = { ok: true; value: IdNumberInfo } | { ok: false; message: string };

export function idNumberCheckCharacter(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * (WEIGHTS[i] ?? 0);
  return CHECK[sum % 11] ?? '';
}

export function parseIdNumber(input: string, today = new Date()): IdNumberResult {
  const id = input
    .trim()
    .replace(/[\uFF10-\uFF19\uFF38\uFF58]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0))
    .toUpperCase();
  if (/^\d{15}$/.test(id)) return { ok: false, message: '不支持 15 位旧身份证号，请填写 18 位居民身份证号' };
  if (id.length !== 18) return { ok: false, message: `居民身份证号应为 18 位，当前为 ${id.length} 位` };
  if (!/^\d{17}[\dX]$/.test(id)) return { ok: false, message: '居民身份证号前 17 位应为数字，最后一位为数字或 X' };
  if (!PROVINCES.has(id.slice(0, 2))) return { ok: false, message: `居民身份证号前 6 位地址码“${id.slice(0, 6)}”无效` };
  const y = Number(id.slice(6, 10));
  const m = Number(id.slice(10, 12));
  const d = Number(id.slice(12, 14));
  const birth = new Date(Date.UTC(y, m - 1, d));
  if (birth.getUTCFullYear() !== y || birth.getUTCMonth() !== m - 1 || birth.getUTCDate() !== d) {
    return { ok: false, message: `居民身份证号中的出生日期“${id.slice(6, 14)}”不是有效日期` };
  }
  if (birth.getTime() > today.getTime()) return { ok: false, message: '居民身份证号中的出生日期晚于今天' };
  const expected = idNumberCheckCharacter(id.slice(0, 17));
  if (id[17] !== expected) return { ok: false, message: `居民身份证号校验位错误，应为“${expected}”` };
  return {
    ok: true,
    value: {
      idNumber: id,
      regionCode: id.slice(0, 6),
      birthDate: `${id.slice(6, 10)}-${id.slice(10, 12)}-${id.slice(12, 14)}`,
      gender: Number(id[16]) % 2 === 1 ? 'male' : 'female',
    },
  };
}

/** Shown everywhere except to the person and to roles that need it: first 4 and last 4 (e.g. 3205**********123X). */
export function maskIdNumber(id: string): string {
  return id.length === 18 ? `${id.slice(0, 4)}${'*'.repeat(10)}${id.slice(14)}` : '*'.repeat(id.length);
}
