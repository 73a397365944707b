import { MINUTE } from '../../jobs/handlers';
import type { ServerModule } from '../module';
import { officerRoutes } from './officer-routes';
import { FILING_OVERDUE_REMINDER, overdueReminderHandler, scheduleOverdueReminder } from './overdue-job';
import { filingProofRoutes } from './proof-routes';
import { qualificationRoutes } from './qualification-routes';
import { filingRoutes } from './routes';
import { eligibilityRuleRoutes } from './rules-routes';

export const filingsModule: ServerModule = {
  name: 'filings',
  routes: [filingRoutes, filingProofRoutes, officerRoutes, eligibilityRuleRoutes, qualificationRoutes],
  jobs: [{ kind: FILING_OVERDUE_REMINDER, label: '逾期未审提醒', timeoutMs: 10 * MINUTE, handler: overdueReminderHandler }],
  scheduled: [scheduleOverdueReminder],
  auditActions: {
    'filing.create': '新建聘任备案',
    'filing.update': '修改聘任备案',
    'filing.submit': '提交聘任备案',
    'filing.withdraw': '撤回聘任备案',
    'filing.approve': '予以备案',
    'filing.approve_override': '破格予以备案（不符合具有约束力的任职条件）',
    'filing.reevaluate': '重新进行资格审查',
    'filing.return': '退回补正',
    'filing.reject': '不予备案',
    'filing.end': '结束聘任',
    'filing.letter': '上传授权书',
    'filing.export': '导出备案台账',
    'filing.bulk_approve': '批量予以备案',
    'filing.bulk_return': '批量退回补正',
    'filing.roster.export': '导出首席质量官名册',
    'officer.register': '首席质量官注册',
    'officer.invite': '邀请拟任人员注册',
    'eligibility_rules.publish': '发布任职条件',
    'person.update': '更新人员信息',
    'candidate.remove': '移出拟任人员',
    'candidate.record': '登记拟任人员（企业数据）',
    'candidate.update': '更正拟任人员（企业数据）',
    'person.qualification.add': '登记职称/资格证书',
    'person.qualification.evidence': '上传证书证明材料',
    'person.qualification.remove': '删除职称/资格证书',
  },
  // recorded by earlier versions only; the events in the log keep their labels
  retiredAuditActions: {
    'person.create': '登记拟任人员',
    'candidate.link': '关联已登记人员为拟任人员',
  },
};
