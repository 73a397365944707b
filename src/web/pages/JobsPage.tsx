import { ReloadOutlined } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Button, Card, Space, Tag, Typography } from 'antd';
import { useCallback } from 'react';
import { api } from '../api/client';
import type { Job } from '../api/types';
import { formatDateTime } from '../components/format';
import { isJobActive, JOB_STATUS_LABELS, JobProgress } from '../components/JobProgress';
import { JobResult } from '../components/JobResult';
import { QueryState } from '../components/list/QueryState';
import { PageHeader } from '../components/PageHeader';
import { queryKeys } from '../api/query-keys';

const STATUS_COLORS: Record<Job['status'], string> = { queued: 'default', running: 'processing', succeeded: 'success', failed: 'error', cancelled: 'warning' };

/** The caller's own background jobs (the last 50); running ones show live progress. */
export default function JobsPage() {
  const queryClient = useQueryClient();
  const jobs = useQuery({
    queryKey: queryKeys.jobs.all,
    queryFn: () => api.get<Job[]>('/api/jobs'),
    staleTime: 0,
    // while something runs, pick up jobs that finish or start elsewhere
    refetchInterval: (q) => (q.state.data?.some(isJobActive) ? 5000 : false),
  });
  const onFinished = useCallback(() => void queryClient.invalidateQueries({ queryKey: queryKeys.jobs.all }), [queryClient]);

  return (
    <div className="page">
      <PageHeader
        title="后台任务"
        description="由您发起的导入、导出、校验等耗时任务。任务在服务器上运行，关闭页面不影响执行。"
        extra={
          <Button icon={<ReloadOutlined />} onClick={() => void jobs.refetch()} loading={jobs.isFetching}>
            刷新
          </Button>
        }
      />
      <QueryState query={jobs} what="任务列表" empty="暂无后台任务">
        {(list) => (
          <div className="job-list">
            {list.map((job) => (
              <Card
                key={job.id}
                size="small"
                className="job-card"
                title={
                  <Space wrap size={8}>
                    <span>{job.kindLabel}</span>
                    <Typography.Text type="secondary" className="job-id">
                      #{job.id}
                    </Typography.Text>
                  </Space>
                }
                extra={<Typography.Text type="secondary">{formatDateTime(job.createdAt)}</Typography.Text>}
              >
                {isJobActive(job) || job.status === 'failed' || job.status === 'cancelled' ? (
                  <JobProgress jobId={job.id} initialJob={job} hideTitle onFinished={onFinished} renderResult={(j) => <JobResult job={j} />} />
                ) : (
                  <Space orientation="vertical" className="full-width">
                    <Space wrap>
                      <Tag color={STATUS_COLORS[job.status]}>{JOB_STATUS_LABELS[job.status]}</Tag>
                      <Typography.Text type="secondary">
                        已处理 {job.done}
                        {job.total !== null ? ` / ${job.total}` : ''} 条 · 结束于 {formatDateTime(job.finishedAt)}
                      </Typography.Text>
                    </Space>
                    <JobResult job={job} />
                  </Space>
                )}
              </Card>
            ))}
          </div>
        )}
      </QueryState>
    </div>
  );
}
