/** Chinese names of audit actions, shown on the audit page and in exports. */
export const AUDIT_ACTION_LABELS: Record<string, string> = {
  'auth.login': '登录',
  'auth.logout': '退出登录',
  'auth.lockout': '账户锁定',
  'account.create': '创建账户',
  'account.update': '修改账户',
  'account.disable': '停用账户',
  'account.enable': '启用账户',
  'account.unlock': '解除锁定',
  'account.password.change': '修改密码',
  'account.password.reset': '重置密码',
  'account.totp.setup': '生成动态验证码',
  'account.totp.enable': '绑定动态验证码',
  'account.totp.reset': '重置动态验证码',
  'org_unit.create': '新增单位',
  'org_unit.update': '修改单位',
  'settings.security_policy.update': '修改安全策略',
  'settings.system.update': '修改系统设置',
  'audit.export': '导出审计日志',
  'audit.verify': '校验审计日志',
  'job.cancel': '取消后台任务',
  'job.retry': '重试后台任务',
};

export const auditActionLabel = (action: string): string => AUDIT_ACTION_LABELS[action] ?? action;
