import type { ServerModule } from '../module';
import { selectionPublicRoutes } from './public-routes';
import { selectionRoutes } from './routes';

export const selectionsModule: ServerModule = {
  name: 'selections',
  routes: [selectionRoutes, selectionPublicRoutes],
  auditActions: {
    'selection.create': '发起竞争聘用',
    'selection.update': '修改竞争聘用',
    'selection.candidate.add': '添加竞争聘用候选人',
    'selection.candidate.remove': '移除竞争聘用候选人',
    'selection.score': '竞争聘用评分',
    'selection.publish': '发布竞争聘用公示',
    'selection.objection.file': '对竞争聘用公示提出异议',
    'selection.objection.answer': '答复竞争聘用异议',
    'selection.conclude': '完成竞争聘用',
    'selection.cancel': '取消竞争聘用',
  },
};
