import { MINUTE } from '../../jobs/handlers';
import type { ServerModule } from '../module';
import { chaseHandler, scheduleTrainingPlanChase, TRAINING_PLAN_CHASE } from './chase';
import { trainingPlanRoutes } from './routes';

export const trainingPlansModule: ServerModule = {
  name: 'training-plans',
  routes: [trainingPlanRoutes],
  jobs: [{ kind: TRAINING_PLAN_CHASE, label: '催报年度培训计划', timeoutMs: 10 * MINUTE, handler: chaseHandler }],
  scheduled: [scheduleTrainingPlanChase],
  auditActions: {
    'training_plan.create': '编制培训计划',
    'training_plan.chase': '催报培训计划',
    'training_plan.update': '修改培训计划',
    'training_plan.delete': '删除培训计划草稿',
    'training_plan.submit': '报送培训计划',
    'training_plan.comment': '培训计划意见',
    'training_plan.acknowledge': '阅知培训计划',
    'training_plan.return': '退回培训计划',
    'training_plan.export': '导出培训计划',
    'county_training.merge': '设置合并至市级',
    'county_training.unmerge': '取消合并至市级',
    'training_curriculum.create': '编制课程体系',
    'training_curriculum.update': '修订课程体系',
    'training_material.upload': '上传培训资料',
    'training_material.update': '修改培训资料',
    'training_material.delete': '删除培训资料',
  },
};
