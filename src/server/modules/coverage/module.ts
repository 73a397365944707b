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
  auditActions: {
    'coverage.target.set': '设置覆盖率目标',
    'coverage.target.delete': '删除覆盖率目标',
    'coverage.segment.create': '新增统计企业类别',
    'coverage.segment.delete': '删除统计企业类别',
    'coverage.rebuild': '重建覆盖率汇总',
    'coverage.worklist.export': '导出工作清单',
    'coverage.scorecard.export': '导出考核记分卡',
    'coverage.remind': '批量提醒企业',
    'coverage.notice_letters': '生成催办通知书或联系名单',
  },
};
