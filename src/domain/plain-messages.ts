import type { z } from 'zod';

/**
 * Zod's messages in plain Chinese: what is expected, in words a person uses, without type names or symbols.
 * The field's Chinese name is put in front by the caller (`describeIssue` / the server's error handler).
 */
type Issue = z.core.$ZodRawIssue;

const TYPE_WORDS: Record<string, string> = {
  string: '应为文字',
  number: '应为数字',
  int: '应为整数',
  bigint: '应为整数',
  boolean: '应选择“是”或“否”',
  array: '应为多项内容的列表',
  object: '内容格式不正确',
  date: '应为日期',
  file: '应上传文件',
};

const FORMAT_WORDS: Record<string, string> = {
  email: '应为有效的电子邮箱地址（如 name@example.com）',
  url: '应为以 http:// 或 https:// 开头的网址',
  date: '应为日期，格式如 2026-01-31',
  datetime: '应为日期和时间，格式如 2026-01-31 09:00',
  time: '应为时间，格式如 09:30',
};

const plainNumber = (n: number | bigint | Date): string => (n instanceof Date ? n.toISOString().slice(0, 10) : n.toString());

function tooSmall(issue: Extract<Issue, { code: 'too_small' }>): string {
  const min = Number(issue.minimum);
  switch (issue.origin) {
    case 'string':
      return min <= 1 ? '不能为空' : `至少 ${min} 个字`;
    case 'array':
    case 'set':
      return min <= 1 ? '至少选择或填写一项' : `至少 ${min} 项`;
    case 'file':
      return '文件为空';
    case 'date':
      return `不能早于 ${plainNumber(issue.minimum as unknown as Date)}`;
    default:
      return issue.inclusive ? `不能小于 ${plainNumber(issue.minimum as number)}` : `应大于 ${plainNumber(issue.minimum as number)}`;
  }
}

function tooBig(issue: Extract<Issue, { code: 'too_big' }>): string {
  const max = plainNumber(issue.maximum as number);
  switch (issue.origin) {
    case 'string':
      return `不能超过 ${max} 个字`;
    case 'array':
    case 'set':
      return `最多 ${max} 项`;
    case 'file':
      return `文件不能超过 ${Math.ceil(Number(issue.maximum) / 1024 / 1024)} MB`;
    case 'date':
      return `不能晚于 ${plainNumber(issue.maximum as unknown as Date)}`;
    default:
      return issue.inclusive ? `不能大于 ${max}` : `应小于 ${max}`;
  }
}

export function plainMessage(issue: Issue): string {
  switch (issue.code) {
    case 'invalid_type':
      if (issue.input === undefined) return '必填';
      if (issue.input === null) return '不能为空';
      return TYPE_WORDS[issue.expected] ?? '格式不正确';
    case 'invalid_value':
      return issue.values.length === 1 ? '取值不正确' : '请从给定的选项中选择';
    case 'too_small':
      return tooSmall(issue);
    case 'too_big':
      return tooBig(issue);
    case 'invalid_format':
      return FORMAT_WORDS[issue.format] ?? '格式不正确';
    case 'not_multiple_of':
      return `应为 ${plainNumber(issue.divisor as number)} 的整数倍`;
    case 'unrecognized_keys':
      return '包含系统无法识别的内容';
    default:
      return '格式不正确';
  }
}
