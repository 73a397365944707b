import { DEFAULT_SECURITY_POLICY, passwordProblems, type SecurityPolicy } from '../../domain/password-policy';
import type { SiteInfo } from '../api/types';

/**
 * The policy the browser checks against before sending: the defaults, with the minimum length the server
 * publishes on /api/site. The server applies the full current policy and has the last word.
 */
export function clientPolicy(site: SiteInfo | undefined): SecurityPolicy {
  return site ? { ...DEFAULT_SECURITY_POLICY, passwordMinLength: Math.max(site.passwordMinLength, DEFAULT_SECURITY_POLICY.passwordMinLength) } : DEFAULT_SECURITY_POLICY;
}

export function policyHint(policy: SecurityPolicy): string {
  return `密码至少 ${policy.passwordMinLength} 位，须包含大写字母、小写字母、数字、特殊字符中的至少 ${policy.passwordMinClasses} 类，且不得包含用户名。`;
}

export { passwordProblems };
