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
  title: '标题',
  bodyHtml: '正文',
  attachmentIds: '附件',
  mentionAccountIds: '提到的人',
  kind: '类型',
  level: '级别',
  description: '简介',
  industrySection: '行业门类',
  industry: '行业门类',
  readAccess: '阅读权限',
  postAccess: '发帖权限',
  moderation: '审核方式',
  organisationId: '组织',
  boardId: '版块',
  postId: '回复',
  message: '申请说明',
  days: '禁言天数',
  word: '敏感词',
  flag: '标记',
  decision: '处理决定',
  subscribed: '关注',
  liked: '点赞',
  sort: '排序',
};

export function fieldLabel(path: string): string {
  const last = path.split(/[./]/).filter(Boolean).pop() ?? path;
  return FIELD_LABELS[last] ?? ENTERPRISE_FIELD_LABELS[last] ?? last;
}
