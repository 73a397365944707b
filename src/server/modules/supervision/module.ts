import type { ServerModule } from '../module';
import { supervisionPublicRoutes } from './public-routes';
import { dutyRecordRoutes } from './duty-record-routes';
import { expertRoutes } from './expert-routes';
import { sanctionRoutes } from './sanction-routes';

export const supervisionModule: ServerModule = {
  name: 'supervision',
  routes: [dutyRecordRoutes, expertRoutes, sanctionRoutes, supervisionPublicRoutes],
  auditActions: {
    'duty_record.create': '登记履职记录',
    'duty_record.delete': '删除履职记录',
    'duty_record.attachment': '上传履职证明材料',
    'duty_record.confirm': '确认政府质量工作学时',
    'duty_record.export': '导出履职记录',
    'expert.nominate': '推荐入专家库',
    'expert.accept': '接受专家库推荐',
    'expert.decline': '谢绝专家库推荐',
    'expert.withdraw': '移出专家库',
    'expert.draw': '抽取专家',
    'expert.draw.random': '随机抽取专家',
    'expert.draw.refuse': '专家谢绝抽取并递补',
    'sanction.propose': '提出警示/黑名单建议',
    'sanction.evidence': '上传警示/黑名单证据',
    'sanction.approve': '决定警示/列入黑名单',
    'sanction.reject': '不予采纳警示/黑名单建议',
    'sanction.remove': '移除警示/黑名单',
    'sanction.appeal': '提出申诉',
    'sanction.appeal.decide': '处理申诉',
  },
};
