/**
 * 统一社会信用代码 per GB 32100-2015: 18 characters from an alphabet without I, O, Z, S, V;
 * 1 registration authority, 2 organisation type, 3–8 region (GB/T 2260), 9–17 organisation code, 18 check character.
 */

export const USCC_ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];

/** Registration authorities (position 1) and the organisation types (position 2) each may issue. */
export const USCC_AUTHORITIES: Record<string, { name: string; types: Record<string, string> }> = {
  '1': { name: '机构编制', types: { '1': '机关', '2': '事业单位', '3': '中央编办直接管理机构编制的群众团体', '9': '其他' } },
  '2': { name: '外交', types: { '1': '外国常驻新闻机构', '9': '其他' } },
  '3': { name: '司法行政', types: { '1': '律师执业机构', '2': '公证处', '3': '基层法律服务所', '4': '司法鉴定机构', '5': '仲裁委员会', '9': '其他' } },
  '4': { name: '文化', types: { '1': '外国在华文化中心', '9': '其他' } },
  '5': { name: '民政', types: { '1': '社会团体', '2': '民办非企业单位', '3': '基金会', '9': '其他' } },
  '6': { name: '旅游', types: { '1': '外国旅游部门常驻代表机构', '2': '港澳台地区旅游部门常驻内地（大陆）代表机构', '9': '其他' } },
  '7': { name: '宗教', types: { '1': '宗教活动场所', '2': '宗教院校', '9': '其他' } },
  '8': { name: '工会', types: { '1': '基层工会', '9': '其他' } },
  '9': { name: '市场监管（工商）', types: { '1': '企业', '2': '个体工商户', '3': '农民专业合作社' } },
  A: { name: '中央军委改革和编制办公室', types: { '1': '军队事业单位', '9': '其他' } },
  N: { name: '农业农村', types: { '1': '组级集体经济组织', '2': '村级集体经济组织', '3': '乡镇级集体经济组织', '9': '其他' } },
  Y: { name: '其他', types: { '1': '其他' } },
};

/** Province-level prefixes of GB/T 2260 (and 10, used by national-level registration). */
const PROVINCE_PREFIXES = new Set([
  '10',
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
]);

export function usccCheckCharacter(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += USCC_ALPHABET.indexOf(first17[i] ?? '0') * (WEIGHTS[i] ?? 0);
  const r = 31 - (sum % 31);
  return USCC_ALPHABET[r === 31 ? 0 : r] ?? '0';
}

export interface UsccInfo {
  uscc: string;
  authority: string;
  type: string;
  regionCode: string;
  /** True when the region part is a Jiangsu code (32xxxx). */
  inJiangsu: boolean;
}

export type UsccResult = { ok: true; value: UsccInfo } | { ok: false; message: string };

/** Normalises (trim, full-width to half-width, upper case) and validates; the message says exactly what is wrong. */
export function parseUscc(input: string): UsccResult {
  const uscc = input
    .trim()
    .replace(/[\uFF01-\uFF5E]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0))
    .toUpperCase();
  if (uscc.length !== 18) return { ok: false, message: `统一社会信用代码应为 18 位，当前为 ${uscc.length} 位` };
  const bad = [...uscc].filter((c) => !USCC_ALPHABET.includes(c));
  if (bad.length) {
    return { ok: false, message: `统一社会信用代码含非法字符“${[...new Set(bad)].join('')}”（不使用 I、O、Z、S、V）` };
  }
  const authority = USCC_AUTHORITIES[uscc[0] ?? ''];
  if (!authority) return { ok: false, message: `统一社会信用代码第 1 位登记管理部门代码“${uscc[0] ?? ''}”无效` };
  const type = authority.types[uscc[1] ?? ''];
  if (!type) return { ok: false, message: `统一社会信用代码第 2 位机构类别代码“${uscc[1] ?? ''}”对${authority.name}登记无效` };
  const regionCode = uscc.slice(2, 8);
  if (!/^\d{6}$/.test(regionCode) || !PROVINCE_PREFIXES.has(regionCode.slice(0, 2))) {
    return { ok: false, message: `统一社会信用代码第 3–8 位行政区划码“${regionCode}”无效` };
  }
  const expected = usccCheckCharacter(uscc.slice(0, 17));
  if (uscc[17] !== expected) return { ok: false, message: `统一社会信用代码校验位错误，应为“${expected}”` };
  return { ok: true, value: { uscc, authority: authority.name, type, regionCode, inJiangsu: regionCode.startsWith('32') } };
}

/** A valid USCC (an enterprise, 91…) for a region code and a serial number: deterministic, for demo and test data. */
export function makeUscc(regionCode: string, serial: number): string {
  let n = serial;
  let org = '';
  for (let i = 0; i < 9; i++) {
    org = (USCC_ALPHABET[n % 31] ?? '0') + org;
    n = Math.floor(n / 31);
  }
  const first17 = `91${regionCode}${org}`;
  return first17 + usccCheckCharacter(first17);
}
