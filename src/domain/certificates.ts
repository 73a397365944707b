/** Certificate kinds and statuses, and the masking of a holder's name on public pages. */
export const CERTIFICATE_KINDS = { filing_proof: '首席质量官聘任备案证明', training_certificate: '首席质量官培训合格证', transcript: '学时证明' } as const;
export const CERTIFICATE_STATUSES = { valid: '有效', ended: '已失效（聘任已结束）', revoked: '已撤销' } as const;

/** 陈质量 → 陈*量, 王伟 → 王*; public pages never show a whole name. */
export function maskName(name: string): string {
  const chars = [...name];
  if (chars.length <= 1) return '*';
  if (chars.length === 2) return `${chars[0] ?? ''}*`;
  return `${chars[0] ?? ''}${'*'.repeat(chars.length - 2)}${chars[chars.length - 1] ?? ''}`;
}

/** Serial alphabet without look-alikes (no 0/O, 1/I/L). */
export const SERIAL_ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ';
