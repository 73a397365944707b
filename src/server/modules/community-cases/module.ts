import type { ServerModule } from '../module';
import { communityCaseRoutes } from './routes';
import { caseSource } from './search-source';

export const communityCasesModule: ServerModule = {
  name: 'community-cases',
  routes: [communityCaseRoutes],
  searchSources: [caseSource],
  auditActions: {
    'case.create': '新建经验案例',
    'case.update': '修改经验案例',
    'case.submit': '提交经验案例',
    'case.withdraw': '撤回经验案例',
    'case.return': '退回经验案例',
    'case.publish': '发布经验案例',
    'case.feature': '设为精选案例',
    'case.unfeature': '取消精选案例',
    'case.unpublish': '撤销发布经验案例',
    'case.attachment.add': '上传案例附件',
    'case.attachment.remove': '删除案例附件',
    'community.credit_rule.update': '修改交流分享学时规则',
    'community_event.create': '发布交流活动',
    'community_event.update': '修改交流活动',
    'community_event.cancel': '取消交流活动',
    'community_event.register': '报名交流活动',
    'community_event.unregister': '取消活动报名',
    'community_event.check_in': '活动签到',
    'community_event.attendance.export': '导出活动签到名单',
    'community_event.report.save': '保存活动报道',
    'community_event.report.publish': '发布活动报道',
    'community_event.photo.add': '上传活动照片',
    'community_event.photo.remove': '删除活动照片',
  },
};
