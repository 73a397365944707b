import { MINUTE } from '../../jobs/handlers';
import type { ServerModule } from '../module';
import { CALENDAR_REMINDER, calendarReminderHandler, scheduleCalendarReminder } from './calendar-reminder';
import { policyRoutes } from './routes';

export const policyModule: ServerModule = {
  name: 'policy',
  routes: [policyRoutes],
  jobs: [{ kind: CALENDAR_REMINDER, label: '提醒维护工作日历', timeoutMs: 10 * MINUTE, handler: calendarReminderHandler }],
  scheduled: [scheduleCalendarReminder],
  auditActions: {
    'study.online_rule.save': '设置计入线上自学的学时来源',
    'calendar.year.save': '维护工作日历',
    'award.scheme.adopt': '发布质量奖申报条件',
  },
};
