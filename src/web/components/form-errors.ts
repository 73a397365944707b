import type { FormInstance } from 'antd';
import '../../domain/zod-locale';
import { ApiError } from '../api/client';

/**
 * Puts the server's `error.fields` onto the form fields they name (path → field name, after `fieldMap`).
 * Returns the message still to show elsewhere: null when every field error found its field.
 */
export function applyServerErrors(form: FormInstance, error: unknown, fieldNames: readonly string[], fieldMap: Record<string, string> = {}): string | null {
  if (!(error instanceof ApiError)) return error instanceof Error ? error.message : '操作失败，请稍后重试';
  if (error.fields.length === 0) return error.message;
  const byField = new Map<string, string[]>();
  const unplaced: string[] = [];
  for (const f of error.fields) {
    const path = f.path.replace(/^body\./, '');
    const name = fieldMap[path] ?? path;
    if (!fieldNames.includes(name)) {
      unplaced.push(f.message);
      continue;
    }
    // "用户名：至少 3 个字符" under the 用户名 field reads better without the label
    const prefix = f.label ? `${f.label}：` : null;
    const text = prefix && f.message.startsWith(prefix) ? f.message.slice(prefix.length) : f.message;
    byField.set(name, [...(byField.get(name) ?? []), text]);
  }
  form.setFields([...byField].map(([name, errors]) => ({ name, errors })));
  if (byField.size === 0) return error.message;
  return unplaced.length ? unplaced.join('；') : null;
}
