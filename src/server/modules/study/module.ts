import { MINUTE } from '../../jobs/handlers';
import type { ServerModule } from '../module';
import { remindBehindHandler, scheduleStudyReminders, STUDY_REMIND_BEHIND, STUDY_REMINDERS, studyRemindersHandler } from './jobs';
import { studyHoursRoutes } from './hours-routes';
import { learningRoutes } from './learning-routes';
import { coursePublishingRoutes } from './publishing-routes';

export const studyModule: ServerModule = {
  name: 'study',
  routes: [coursePublishingRoutes, learningRoutes, studyHoursRoutes],
  jobs: [
    { kind: STUDY_REMIND_BEHIND, label: '提醒学时进度落后人员', timeoutMs: 10 * MINUTE, handler: remindBehindHandler },
    { kind: STUDY_REMINDERS, label: '年度学时定期提醒', timeoutMs: 10 * MINUTE, handler: studyRemindersHandler },
  ],
  scheduled: [scheduleStudyReminders],
  auditActions: {
    'study.overview.export': '导出辖区学时进度',
    'study.course.create': '新建课程',
    'study.course.update': '修改课程',
    'study.course.publish': '发布课程',
    'study.course.withdraw': '撤回课程',
    'study.lesson.create': '添加课时',
    'study.lesson.media': '上传课时文件',
    'study.lesson.update': '修改课时',
    'study.lesson.reorder': '调整课时顺序',
    'study.lesson.delete': '删除课时',
    'study.lesson.complete': '完成课时（学时入账）',
    'study.transcript.issue': '开具学时证明',
    'study.remind_behind': '提醒学时进度落后人员',
    'study.claim.submit': '申报学时',
    'study.claim.approve': '通过学时申报',
    'study.claim.reject': '退回学时申报',
  },
};
