import { MINUTE } from '../../jobs/handlers';
import type { ServerModule } from '../module';
import { TRAINING_CERTIFICATE_ISSUE, trainingIssueHandler } from './issue-job';
import { trainingRoutes } from './routes';

export const trainingModule: ServerModule = {
  name: 'training',
  routes: [trainingRoutes],
  jobs: [{ kind: TRAINING_CERTIFICATE_ISSUE, label: '批量发放培训合格证', timeoutMs: 30 * MINUTE, handler: trainingIssueHandler }],
  auditActions: {
    'training.instructor.create': '新增讲师',
    'training.instructor.update': '修改讲师信息',
    'training.class.create': '新建培训班',
    'training.class.cancel': '取消培训班',
    'training.enrol': '培训报名',
    'training.enrolment.cancel': '取消培训报名',
    'training.enrolment.promote': '候补转正',
    'training.sign_in': '培训扫码签到',
    'training.attendance.correct': '更正培训考勤',
    'training.scores.save': '录入培训考核成绩',
    'training.scores.import': '导入培训考核成绩',
    'training.certificate.issue': '发放培训合格证',
    'training.certificate.revoke': '撤销培训合格证',
    'training.certificate.reissue': '换发培训合格证',
    'training.quiz.pre': '提交课前测验',
    'training.survey.submit': '提交培训效果评估',
    'training.roster.export': '导出培训班花名册',
    'training.scores.template': '下载成绩导入模板（含已录成绩）',
  },
};
