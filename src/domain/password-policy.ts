import { z } from 'zod';

/** The security administrator's policy; defaults follow 等保2.0 level three. */
export const securityPolicySchema = z.object({
  passwordMinLength: z.number().int().min(10, { error: '密码最小长度不得少于 10 位' }).max(64).meta({ title: '密码最小长度' }),
  passwordMinClasses: z.number().int().min(3, { error: '至少须包含 3 类字符' }).max(4).meta({ title: '密码字符类别数' }),
  passwordMaxAgeDays: z.number().int().min(0).max(365).meta({ title: '密码有效期' }),
  lockoutThreshold: z.number().int().min(3).max(10).meta({ title: '锁定阈值' }),
  lockoutMinutes: z
    .number()
    .int()
    .min(5)
    .max(24 * 60)
    .meta({ title: '锁定时长' }),
  sessionIdleMinutes: z.number().int().min(5).max(30, { error: '空闲超时不得超过 30 分钟' }).meta({ title: '空闲超时' }),
  sessionAbsoluteHours: z.number().int().min(1).max(12, { error: '会话最长不得超过 12 小时' }).meta({ title: '会话最长时间' }),
});
export type SecurityPolicy = z.infer<typeof securityPolicySchema>;

export const DEFAULT_SECURITY_POLICY: SecurityPolicy = {
  passwordMinLength: 10,
  passwordMinClasses: 3,
  passwordMaxAgeDays: 90,
  lockoutThreshold: 5,
  lockoutMinutes: 30,
  sessionIdleMinutes: 30,
  sessionAbsoluteHours: 12,
};

/** Returns the Chinese reasons a password fails the policy; empty when it passes. */
export function passwordProblems(password: string, username: string, policy: SecurityPolicy): string[] {
  const problems: string[] = [];
  if (password.length < policy.passwordMinLength) problems.push(`密码长度至少 ${policy.passwordMinLength} 位`);
  if (password.length > 128) problems.push('密码长度不得超过 128 位');
  const classes = [/[a-z]/, /[A-Z]/, /[0-9]/, /[^A-Za-z0-9]/].filter((re) => re.test(password)).length;
  if (classes < policy.passwordMinClasses) {
    problems.push(`密码须包含大写字母、小写字母、数字、特殊字符中的至少 ${policy.passwordMinClasses} 类`);
  }
  const lowered = password.toLowerCase();
  const user = username.trim().toLowerCase();
  if (user && (lowered.includes(user) || lowered.includes([...user].reverse().join('')))) {
    problems.push('密码不得包含用户名');
  }
  return problems;
}
