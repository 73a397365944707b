import { DownloadOutlined } from '@ant-design/icons';
import { Alert, Button } from 'antd';
import type { AuditVerifyResult, FileJobResult, Job } from '../api/types';
import { jobDownloadHref } from './download';
import type { EnterpriseImportResult } from '../api/enterprise-types';

const isVerifyResult = (value: unknown): value is AuditVerifyResult =>
  typeof value === 'object' && value !== null && typeof (value as { ok?: unknown }).ok === 'boolean';

const isImportSummary = (value: unknown): value is EnterpriseImportResult =>
  typeof value === 'object' && value !== null && typeof (value as { ok?: unknown }).ok === 'boolean';

function DownloadButton({ job, text }: { job: Job; text: string }) {
  if (!job.hasFile) return null;
  return (
    <Button size="small" type="primary" icon={<DownloadOutlined />} href={jobDownloadHref(job.id)}>
      {text}
    </Button>
  );
}

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
  if (job.kind === 'enterprise.export' && job.status === 'succeeded') {
    const rows = (job.result as FileJobResult | null)?.rows ?? job.done;
    return <Alert type="success" showIcon title={`已导出 ${rows} 家企业`} action={<DownloadButton job={job} text="下载" />} />;
  }
  if (job.kind === 'enterprise.import' && job.status === 'succeeded' && isImportSummary(job.result)) {
    const r = job.result;
    if (!r.ok) {
      return (
        <Alert
          type="error"
          showIcon
          title={`导入未执行：共 ${r.rows} 行，其中 ${r.badRows} 行有误，未导入任何数据`}
          action={<DownloadButton job={job} text="下载错误报告" />}
        />
      );
    }
    const skipped = r.skipped ? `；另有 ${r.skipped} 家校验后已由其他单位管辖，未导入` : '';
    return <Alert type="success" showIcon title={`导入完成：新增 ${r.inserted} 家，更新 ${r.updated} 家，未变化 ${r.unchanged} 家${skipped}`} />;
  }
  return null;
}
