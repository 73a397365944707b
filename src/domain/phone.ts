/** Mainland mobile numbers (11 digits, 1[3-9]x) and landlines with area code (0xx-xxxxxxx[x], optional extension). */
const MOBILE = /^1[3-9]\d{9}$/;
const LANDLINE = /^0\d{2,3}-?\d{7,8}(-\d{1,6})?$/;

export function phoneProblem(value: string): string | null {
  const v = value.replace(/\s+/g, '');
  if (MOBILE.test(v) || LANDLINE.test(v)) return null;
  return '手机号码应为 11 位手机号或带区号的固定电话（如 025-83000000）';
}
