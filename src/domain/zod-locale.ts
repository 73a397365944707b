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
  // self-study
  title: '名称',
  summary: '简介',
  level: '层级',
  required: '必修',
  creditHours: '学时',
  tags: '标签',
  kind: '类型',
  readingMinutes: '阅读时长',
  quiz: '测验',
  passScore: '及格分',
  questions: '题目',
  text: '题目内容',
  options: '选项',
  answer: '正确答案',
  answers: '答案',
  seq: '心跳序号',
  position: '播放位置',
  visible: '页面可见',
  active: '学习状态',
  year: '年度',
  minutesPerHour: '每学时分钟数',
  annualTargetHours: '年度目标学时',
  targetHoursByYear: '分年度目标',
  reminders: '提醒',
  month: '月',
  day: '日',
  belowHours: '提醒阈值',
  source: '类别',
  occurredOn: '学习日期',
  minutes: '时长',
};

export function fieldLabel(path: string): string {
  const last = path.split(/[./]/).filter(Boolean).pop() ?? path;
  return FIELD_LABELS[last] ?? ENTERPRISE_FIELD_LABELS[last] ?? last;
}
