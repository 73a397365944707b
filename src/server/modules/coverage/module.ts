import { MINUTE } from '../../jobs/handlers';
import type { ServerModule } from '../module';
import { COVERAGE_REBUILD, COVERAGE_REMIND, COVERAGE_WORKLIST_EXPORT, rebuildHandler, remindHandler, worklistExportHandler } from './jobs';
import { COVERAGE_NOTICE_LETTERS, noticeLettersHandler } from './notice-letters';
import { coverageRoutes } from './routes';

export const coverageModule: ServerModule = {
  name: 'coverage',
  routes: [coverageRoutes],
  jobs: [
    { kind: COVERAGE_REBUILD, label: '覆盖率汇总重建与核对', timeoutMs: 30 * MINUTE, handler: rebuildHandler },
    { kind: COVERAGE_WORKLIST_EXPORT, label: '工作清单导出', timeoutMs: 30 * MINUTE, handler: worklistExportHandler },
    { kind: COVERAGE_REMIND, label: '批量提醒企业', timeoutMs: 10 * MINUTE, handler: remindHandler },
    { kind: COVERAGE_NOTICE_LETTERS, label: '生成催办通知书或联系名单', timeoutMs: 30 * MINUTE, handler: noticeLettersHandler },
  ],
};
