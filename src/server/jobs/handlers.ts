import { CHAIN_START, recordAudit, verifyAuditChunk, type ChainCursor } from '../audit/audit-log';
import { compareWithCheckpoint, latestCheckpoint } from '../audit/checkpoint';
import type { AppContext } from '../context';
import { ENTERPRISE_EXPORT, enterpriseExportHandler } from '../modules/enterprises/export-job';
import { ENTERPRISE_IMPORT, enterpriseImportHandler } from '../modules/enterprises/import-job';
import { COVERAGE_JOB_LABELS, COVERAGE_REBUILD, COVERAGE_REMIND, COVERAGE_WORKLIST_EXPORT, rebuildHandler, remindHandler, worklistExportHandler } from '../modules/coverage/jobs';
import { FILING_OVERDUE_REMINDER, overdueReminderHandler } from '../modules/filings/overdue-job';
import { TRAINING_CERTIFICATE_ISSUE, trainingIssueHandler } from '../modules/training/issue-job';
import { remindBehindHandler, STUDY_REMIND_BEHIND, STUDY_REMINDERS, studyRemindersHandler } from '../modules/study/jobs';
import { deliverHandler } from '../modules/notifications/deliver-job';
import { chaseHandler, TRAINING_PLAN_CHASE } from '../modules/training-plans/chase';
import { COVERAGE_NOTICE_LETTERS, noticeLettersHandler } from '../modules/coverage/notice-letters';
import { NOTICE_DELIVER } from '../modules/notifications/outbox';
import { FILES_CLEANUP_INCOMPLETE, incompleteUploadsHandler } from '../storage/incomplete-uploads';
import { CALENDAR_REMINDER, calendarReminderHandler } from '../modules/policy/calendar-reminder';
import type { JobRunner } from './runner';

/** The job kinds of the application. Each module adds its own here. */
export const JOB_KINDS = {
  auditVerify: 'audit.verify',
} as const;

export const JOB_KIND_LABELS: Record<string, string> = {
  'audit.verify': '审计日志完整性校验',
  [ENTERPRISE_IMPORT]: '企业名录导入',
  [ENTERPRISE_EXPORT]: '企业名录导出',
  [FILING_OVERDUE_REMINDER]: '逾期未审提醒',
  [TRAINING_CERTIFICATE_ISSUE]: '批量发放培训合格证',
  [STUDY_REMIND_BEHIND]: '提醒学时进度落后人员',
  [STUDY_REMINDERS]: '年度学时定期提醒',
  [NOTICE_DELIVER]: '发送通知（短信、电子邮件）',
  [TRAINING_PLAN_CHASE]: '催报年度培训计划',
  [COVERAGE_NOTICE_LETTERS]: '生成催办通知书或联系名单',
  [FILES_CLEANUP_INCOMPLETE]: '清理未完成的上传文件',
  [CALENDAR_REMINDER]: '提醒维护工作日历',
  ...COVERAGE_JOB_LABELS,
};

interface AuditVerifyCheckpoint extends ChainCursor {
  checked: number;
}

const MINUTE = 60_000;

/**
 * Each kind's time limit: past it the run is aborted and the job fails with a Chinese message. Generous
 * for the work each does at the largest expected size (a 100,000-row import stages and loads in minutes).
 */
export const JOB_TIME_LIMITS: Record<string, number> = {
  [ENTERPRISE_IMPORT]: 30 * MINUTE,
  [ENTERPRISE_EXPORT]: 30 * MINUTE,
  [FILING_OVERDUE_REMINDER]: 10 * MINUTE,
  [TRAINING_CERTIFICATE_ISSUE]: 30 * MINUTE,
  [STUDY_REMIND_BEHIND]: 10 * MINUTE,
  [STUDY_REMINDERS]: 10 * MINUTE,
  [COVERAGE_REBUILD]: 30 * MINUTE,
  [COVERAGE_WORKLIST_EXPORT]: 30 * MINUTE,
  [COVERAGE_REMIND]: 10 * MINUTE,
  [NOTICE_DELIVER]: 10 * MINUTE,
  [TRAINING_PLAN_CHASE]: 10 * MINUTE,
  [COVERAGE_NOTICE_LETTERS]: 30 * MINUTE,
  [JOB_KINDS.auditVerify]: 60 * MINUTE,
  [FILES_CLEANUP_INCOMPLETE]: 10 * MINUTE,
  [CALENDAR_REMINDER]: 10 * MINUTE,
};

export function registerJobHandlers(runner: JobRunner, ctx: AppContext): void {
  const limit = (kind: string) => ({ timeoutMs: JOB_TIME_LIMITS[kind] ?? 30 * MINUTE });
  runner.register(ENTERPRISE_IMPORT, enterpriseImportHandler(ctx), limit(ENTERPRISE_IMPORT));
  runner.register(ENTERPRISE_EXPORT, enterpriseExportHandler(ctx), limit(ENTERPRISE_EXPORT));
  runner.register(FILING_OVERDUE_REMINDER, overdueReminderHandler(ctx), limit(FILING_OVERDUE_REMINDER));
  runner.register(CALENDAR_REMINDER, calendarReminderHandler(ctx), limit(CALENDAR_REMINDER));
  runner.register(TRAINING_CERTIFICATE_ISSUE, trainingIssueHandler(ctx), limit(TRAINING_CERTIFICATE_ISSUE));
  runner.register(STUDY_REMIND_BEHIND, remindBehindHandler(ctx), limit(STUDY_REMIND_BEHIND));
  runner.register(STUDY_REMINDERS, studyRemindersHandler(ctx), limit(STUDY_REMINDERS));
  runner.register(COVERAGE_REBUILD, rebuildHandler(ctx), limit(COVERAGE_REBUILD));
  runner.register(COVERAGE_WORKLIST_EXPORT, worklistExportHandler(ctx), limit(COVERAGE_WORKLIST_EXPORT));
  runner.register(COVERAGE_REMIND, remindHandler(ctx), limit(COVERAGE_REMIND));
  runner.register(NOTICE_DELIVER, deliverHandler(ctx), limit(NOTICE_DELIVER));
  runner.register(TRAINING_PLAN_CHASE, chaseHandler(ctx), limit(TRAINING_PLAN_CHASE));
  runner.register(COVERAGE_NOTICE_LETTERS, noticeLettersHandler(ctx), limit(COVERAGE_NOTICE_LETTERS));
  runner.register(FILES_CLEANUP_INCOMPLETE, incompleteUploadsHandler(ctx), limit(FILES_CLEANUP_INCOMPLETE));
  runner.register(JOB_KINDS.auditVerify, async (job) => {
    let state: AuditVerifyCheckpoint = (job.checkpoint as AuditVerifyCheckpoint | null) ?? { ...CHAIN_START, checked: 0 };
    let outcome: { ok: boolean; checked: number; firstBad?: unknown } | undefined;
    while (!outcome) {
      await job.step(async (trx) => {
        const total = Number((await trx.selectFrom('audit_events').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
        const chunk = await verifyAuditChunk(trx, state, 2000);
        state = { ...chunk.cursor, checked: state.checked + chunk.checked };
        if (!chunk.firstBad && chunk.end) {
          // the chain is intact: its newest signed checkpoint (outside the database) must still match
          const { checkpoint } = latestCheckpoint(ctx.config.auditCheckpointDir, ctx.crypto);
          const anchored = checkpoint ? await compareWithCheckpoint(trx, checkpoint, state.checked) : undefined;
          if (anchored) chunk.firstBad = anchored;
        }
        if (chunk.firstBad || chunk.end) {
          outcome = { ok: !chunk.firstBad, checked: state.checked, ...(chunk.firstBad ? { firstBad: chunk.firstBad } : {}) };
          await recordAudit(
            trx,
            {
              accountId: job.job.owner_account_id,
              username: typeof job.params.requestedBy === 'string' ? job.params.requestedBy : null,
              role: typeof job.params.role === 'string' ? job.params.role : null,
              ip: typeof job.params.ip === 'string' ? job.params.ip : null,
            },
            { action: 'audit.verify', result: chunk.firstBad ? 'failure' : 'success', details: { checked: state.checked } },
          );
        }
        return { done: state.checked, total, checkpoint: state };
      });
    }
    return outcome;
  }, limit(JOB_KINDS.auditVerify));
}
