/**
 * Text that a spreadsheet would run as a formula (starts with = + - @, or a tab or carriage return that some
 * programs skip before one) gets a leading apostrophe, so it shows as text (CSV/formula injection, OWASP).
 * The one place every writer of user data passes its cells through.
 */
const FORMULA_START = /^[=+\-@\t\r]/;
export function safeCellValue<V>(value: V): V | string {
  return typeof value === 'string' && FORMULA_START.test(value) ? `'${value}` : value;
}

/** `safeCellValue` over every value of a row object (for writers that add rows by key). */
export function safeRow<R extends Record<string, unknown>>(row: R): R {
  return Object.fromEntries(Object.entries(row).map(([k, v]) => [k, safeCellValue(v)])) as R;
}

/** Undoes `safeCellValue` on import, so an exported file re-imports to the same text. */
const NEUTRALISED = /^'[=+\-@\t\r]/;
export const unneutralise = (text: string): string => (NEUTRALISED.test(text) ? text.slice(1) : text);
