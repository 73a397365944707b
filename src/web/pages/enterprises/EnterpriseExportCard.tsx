import { DownloadOutlined } from '@ant-design/icons';
import { Button, Card, Space, Typography } from 'antd';
import type { Job } from '../../api/types';
import { jobDownloadHref } from '../../components/download';
import { JobProgress } from '../../components/JobProgress';

interface ExportResult {
  rows?: number;
  fileName?: string;
}

/** 导出企业名录: the export job's progress, then its download. */
export function EnterpriseExportCard({ jobId, onClose }: { jobId: number; onClose: () => void }) {
  const renderExportResult = (job: Job) => {
    const result = (job.result ?? {}) as ExportResult;
    return (
      <Space wrap>
        <Typography.Text>已导出 {result.rows ?? job.done} 家企业。</Typography.Text>
        <Button type="primary" icon={<DownloadOutlined />} href={jobDownloadHref(job.id)}>
          下载
        </Button>
      </Space>
    );
  };

  return (
    <Card
      size="small"
      className="block-card"
      title="导出企业名录"
      extra={
        <Button type="link" size="small" onClick={onClose}>
          关闭
        </Button>
      }
    >
      <JobProgress jobId={jobId} hideTitle renderResult={renderExportResult} />
    </Card>
  );
}
