import { Alert } from 'antd';
import type { AuditVerifyResult, Job } from '../api/types';

const isVerifyResult = (value: unknown): value is AuditVerifyResult =>
  typeof value === 'object' && value !== null && typeof (value as { ok?: unknown }).ok === 'boolean';

/** The outcome of a finished job in words, for the job kinds that have a result worth reading. */
export function JobResult({ job }: { job: Job }) {
  if (job.kind === 'audit.verify' && isVerifyResult(job.result)) {
    const result = job.result;
    if (result.ok) {
      return <Alert type="success" showIcon title="审计日志完整" description={`共校验 ${result.checked} 条记录，哈希链完整，未发现篡改、删除或插入。`} />;
    }
    const where = result.firstBad ? `第 ${result.firstBad.seq} 条：${result.firstBad.reason}` : '发现异常记录';
    return (
      <Alert
        type="error"
        showIcon
        title="审计日志完整性校验未通过"
        description={`${where}。此前已校验 ${result.checked} 条记录正常。请立即报告安全管理员并保全现场。`}
      />
    );
  }
  return null;
}
