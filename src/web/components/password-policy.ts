import { DEFAULT_SECURITY_POLICY, passwordProblems, type SecurityPolicy } from '../../domain/password-policy';
import type { SiteInfo } from '../api/types';

/**
 * The policy the browser checks against before sending: the defaults, with the minimum length and character
 * classes the server publishes on /api/site. The server applies the full current policy and has the last word.
 */
export function clientPolicy(site: SiteInfo | undefined): SecurityPolicy {
  if (!site) return DEFAULT_SECURITY_POLICY;
  return {
    ...DEFAULT_SECURITY_POLICY,
    passwordMinLength: Math.max(site.passwordMinLength, DEFAULT_SECURITY_POLICY.passwordMinLength),
    passwordMinClasses: Math.max(site.passwordMinClasses ?? DEFAULT_SECURITY_POLICY.passwordMinClasses, DEFAULT_SECURITY_POLICY.passwordMinClasses),
  };
}

export function policyHint(policy: SecurityPolicy): string {
  return `密码至少 ${policy.passwordMinLength} 位，须包含大写字母、小写字母、数字、特殊字符中的至少 ${policy.passwordMinClasses} 类，且不得包含用户名。`;
}

export { passwordProblems };
