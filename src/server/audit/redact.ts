/**
 * What never enters audit details: secrets, ID numbers, phone numbers and tokens. Two nets, so a caller that
 * names a field oddly is still caught: by field name (dropped) and by value pattern (masked where it occurs).
 */

/** Field names whose values are dropped whole. */
const SECRET_KEYS = /pass(word)?|secret|token|totp|id_?number|idcard|身份证|phone|mobile|tel(ephone)?$|手机|电话|invite|invitation|cookie|authorization/i;

/** Values masked wherever they occur inside a string. */
const VALUE_PATTERNS: readonly [RegExp, string][] = [
  // 18-character resident ID number (GB 11643), also inside longer text
  [/(?<![0-9A-Za-z])[1-9]\d{5}(?:18|19|20)\d{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])\d{3}[\dXx](?![0-9A-Za-z])/g, '[身份证号已隐去]'],
  // 11-digit mainland mobile number, optionally with +86
  [/(?<!\d)(?:\+?86[- ]?)?1[3-9]\d{9}(?!\d)/g, '[手机号已隐去]'],
  // long hex strings (hashes, keys, tokens) and base64url tokens of 32+ characters with mixed classes
  [/(?<![0-9A-Fa-f])[0-9A-Fa-f]{32,}(?![0-9A-Fa-f])/g, '[令牌已隐去]'],
  [/(?<![A-Za-z0-9_-])(?=[A-Za-z0-9_-]*\d)(?=[A-Za-z0-9_-]*[A-Za-z])[A-Za-z0-9_-]{32,}(?![A-Za-z0-9_-])/g, '[令牌已隐去]'],
];

export function redactText(text: string): string {
  let out = text;
  for (const [pattern, mask] of VALUE_PATTERNS) out = out.replace(pattern, mask);
  return out;
}

function redactValue(value: unknown): unknown {
  if (typeof value === 'string') return redactText(value);
  if (Array.isArray(value)) return value.map(redactValue);
  if (value && typeof value === 'object' && !(value instanceof Date)) return redact(value as Record<string, unknown>);
  return value;
}

/** Drops secret-looking fields and masks ID numbers, phone numbers and tokens in every remaining value. */
export function redact(details: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(details)) {
    if (SECRET_KEYS.test(key)) continue;
    // a USCC is 18 characters too and is the enterprise's public identity: kept as is
    out[key] = /uscc/i.test(key) && typeof value === 'string' ? value : redactValue(value);
  }
  return out;
}
