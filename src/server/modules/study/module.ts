import { MINUTE } from '../../jobs/handlers';
import type { ServerModule } from '../module';
import { remindBehindHandler, scheduleStudyReminders, STUDY_REMIND_BEHIND, STUDY_REMINDERS, studyRemindersHandler } from './jobs';
import { studyRoutes } from './routes';

export const studyModule: ServerModule = {
  name: 'study',
  routes: [studyRoutes],
  jobs: [
    { kind: STUDY_REMIND_BEHIND, label: '提醒学时进度落后人员', timeoutMs: 10 * MINUTE, handler: remindBehindHandler },
    { kind: STUDY_REMINDERS, label: '年度学时定期提醒', timeoutMs: 10 * MINUTE, handler: studyRemindersHandler },
  ],
  scheduled: [scheduleStudyReminders],
};
