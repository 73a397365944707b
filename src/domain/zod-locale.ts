import { z } from 'zod';
import { ENTERPRISE_FIELD_LABELS } from './enterprise-input';

/** Zod's own messages in Simplified Chinese; imported once by the server and by the web app. */
z.config(z.locales.zhCN());

/** Chinese names of request fields, used to say which field is wrong. */
export const FIELD_LABELS: Record<string, string> = {
  username: '用户名',
  password: '密码',
  currentPassword: '当前密码',
  newPassword: '新密码',
  totp: '动态验证码',
  code: '代码',
  displayName: '姓名',
  phone: '手机号码',
  role: '角色',
  orgUnitId: '所属单位',
  parentId: '上级单位',
  name: '名称',
  page: '页码',
  pageSize: '每页条数',
  from: '开始时间',
  to: '结束时间',
  action: '操作',
  result: '结果',
  status: '状态',
  q: '关键词',
  siteTitle: '系统名称',
  loginNotice: '登录页提示',
  note: '修订依据',
  filingReviewWorkingDays: '备案审核期限',
  remarks: '意见',
  reason: '理由',
  passwordMinLength: '密码最小长度',
  passwordMinClasses: '密码字符类别数',
  passwordMaxAgeDays: '密码有效期',
  lockoutThreshold: '锁定阈值',
  lockoutMinutes: '锁定时长',
  sessionIdleMinutes: '空闲超时',
  sessionAbsoluteHours: '会话最长时间',
  // training plans, curricula, materials
  year: '年度',
  tier: '培训层级',
  title: '名称',
  topics: '主题',
  summary: '计划说明',
  budgetYuan: '预算（元）',
  classes: '计划班次',
  plannedMonth: '计划月份',
  format: '培训形式',
  places: '计划人数',
  hours: '学时',
  budgetNote: '经费说明',
  version: '版本',
  body: '意见',
  mergedIntoCity: '合并至市级',
  description: '说明',
  modules: '教学模块',
  objectives: '学习目标',
  moduleId: '所属模块',
  file: '文件',
};

export function fieldLabel(path: string): string {
  const last = path.split(/[./]/).filter(Boolean).pop() ?? path;
  return FIELD_LABELS[last] ?? ENTERPRISE_FIELD_LABELS[last] ?? last;
}
