import type { FormInstance } from 'antd';
import '../../domain/zod-locale';
import { ApiError } from '../api/client';

/** A form field's name: `'note'`, or antd's NamePath for a nested or list field (`['rules', 2, 'minYears']`). */
export type FieldName = string | readonly (string | number)[];

/** The dotted form of a field name, as the server writes its error paths (`rules.2.minYears`). */
const dotted = (name: FieldName): string => (typeof name === 'string' ? name : name.join('.'));

/** The names of every field the form has registered (nested and list fields as antd NamePath arrays). */
export const registeredFieldNames = (form: Pick<FormInstance, 'getFieldsError'>): FieldName[] => form.getFieldsError().map((f) => f.name);

/**
 * Puts the server's `error.fields` onto the form fields they name: the path (`rules.2.minYears`, after `fieldMap`) is
 * matched with the fields' names written with dots, and the error is set on the field's own NamePath, so a nested or
 * list field (`['rules', 2, 'minYears']`) gets its message too. A `fieldMap` target of `''` sends the error above the
 * form (a list-level error of a `Form.List` that shows none). Returns the message still to show elsewhere: null when
 * every field error found its field.
 */
export function applyServerErrors(
  form: Pick<FormInstance, 'setFields'>,
  error: unknown,
  fieldNames: readonly FieldName[],
  fieldMap: Readonly<Record<string, FieldName>> = {},
): string | null {
  if (!(error instanceof ApiError)) return error instanceof Error ? error.message : '操作失败，请稍后重试';
  if (error.fields.length === 0) return error.message;
  const byDotted = new Map(fieldNames.map((name) => [dotted(name), name]));
  const byField = new Map<string, { name: FieldName; errors: string[] }>();
  const unplaced: string[] = [];
  for (const f of error.fields) {
    const path = f.path.replace(/^body\./, '');
    const key = dotted(fieldMap[path] ?? path);
    const name = key === '' ? undefined : byDotted.get(key);
    if (name === undefined) {
      unplaced.push(f.message);
      continue;
    }
    // "用户名：至少 3 个字符" under the 用户名 field reads better without the label
    const prefix = f.label ? `${f.label}：` : null;
    const text = prefix && f.message.startsWith(prefix) ? f.message.slice(prefix.length) : f.message;
    const placed = byField.get(key) ?? { name, errors: [] };
    placed.errors.push(text);
    byField.set(key, placed);
  }
  form.setFields([...byField.values()].map(({ name, errors }) => ({ name: typeof name === 'string' ? name : [...name], errors })));
  if (byField.size === 0) return error.message;
  return unplaced.length ? unplaced.join('；') : null;
}
