import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Progress, Space, Tag, Typography } from 'antd';
import { useEffect, useRef, type ReactNode } from 'react';
import { api, errorMessage } from '../api/client';
import type { Job, JobStatus } from '../api/types';
import { formatDateTime } from './format';
import { queryKeys } from '../api/query-keys';

export const JOB_STATUS_LABELS: Record<JobStatus, string> = {
  queued: '排队中',
  running: '进行中',
  succeeded: '已完成',
  failed: '失败',
  cancelled: '已取消',
};

const STATUS_COLORS: Record<JobStatus, string> = {
  queued: 'default',
  running: 'processing',
  succeeded: 'success',
  failed: 'error',
  cancelled: 'warning',
};

const TERMINAL: ReadonlySet<JobStatus> = new Set(['succeeded', 'failed', 'cancelled']);
export const isJobActive = (job: Pick<Job, 'status'>): boolean => !TERMINAL.has(job.status);

export const jobKey = queryKeys.job;

export interface JobProgressProps {
  jobId: number;
  /** A job already known (e.g. from the job list): shown at once, and not fetched again if finished. */
  initialJob?: Job;
  /** What to show once the job has succeeded (its result). */
  renderResult?: (job: Job) => ReactNode;
  /** Called once when the job reaches a final state while this component watches it. */
  onFinished?: (job: Job) => void;
  /** Hide the title line (kind, number, status tag) when the surrounding card already says it. */
  hideTitle?: boolean;
  /** false: no 重试 after a failure (e.g. an import, where the user fixes the file and uploads it again). */
  allowRetry?: boolean;
}

/** Polls `GET /api/jobs/:id` every second until the job ends, with cancel (while it runs) and retry (after it failed). */
export function JobProgress({ jobId, initialJob, renderResult, onFinished, hideTitle = false, allowRetry = true }: JobProgressProps) {
  const queryClient = useQueryClient();
  const { message } = App.useApp();
  const query = useQuery({
    queryKey: jobKey(jobId),
    queryFn: () => api.get<Job>(`/api/jobs/${jobId}`),
    ...(initialJob ? { initialData: initialJob } : {}),
    staleTime: 0,
    refetchInterval: (q) => {
      if (q.state.status === 'error') return false;
      const status = q.state.data?.status;
      return status && TERMINAL.has(status) ? false : 1000;
    },
    refetchIntervalInBackground: true,
  });
  const job = query.data;

  const action = useMutation({
    mutationFn: (kind: 'cancel' | 'retry') => api.post<Job>(`/api/jobs/${jobId}/${kind}`),
    onSuccess: (updated, kind) => {
      queryClient.setQueryData(jobKey(jobId), updated);
      void queryClient.invalidateQueries({ queryKey: queryKeys.jobs.all });
      message.success(kind === 'cancel' ? '已请求取消任务' : '任务已重新开始，将从中断处继续');
    },
    onError: (error) => message.error(errorMessage(error)),
  });

  // Tell the parent once when the job we watched reaches its end.
  const reported = useRef<JobStatus | null>(initialJob && TERMINAL.has(initialJob.status) ? initialJob.status : null);
  useEffect(() => {
    if (!job || !TERMINAL.has(job.status)) {
      reported.current = null;
      return;
    }
    if (reported.current === job.status) return;
    reported.current = job.status;
    onFinished?.(job);
  }, [job, onFinished]);

  if (!job) {
    if (query.isError) return <Alert type="error" showIcon title="无法获取任务进度" description={errorMessage(query.error)} />;
    return <Progress percent={0} status="active" aria-label="任务进度" />;
  }

  const active = isJobActive(job);
  const percent = job.total ? Math.min(100, Math.floor((job.done / job.total) * 100)) : job.status === 'succeeded' ? 100 : 0;
  const progressStatus = job.status === 'succeeded' ? 'success' : job.status === 'failed' ? 'exception' : job.status === 'running' ? 'active' : 'normal';
  const counts = job.total !== null ? `${job.done} / ${job.total}` : `${job.done}`;

  return (
    <div className="job-progress" aria-live="polite">
      {hideTitle ? null : (
        <Space wrap size={8} className="job-progress-title">
          <Typography.Text strong>{job.kindLabel}</Typography.Text>
          <Typography.Text type="secondary">#{job.id}</Typography.Text>
          <Tag color={STATUS_COLORS[job.status]}>{JOB_STATUS_LABELS[job.status]}</Tag>
        </Space>
      )}
      <Progress percent={percent} status={progressStatus} format={() => counts} aria-label={`任务进度 ${counts}`} />
      <Space wrap size={[12, 4]} className="job-progress-meta">
        {hideTitle ? <Tag color={STATUS_COLORS[job.status]}>{JOB_STATUS_LABELS[job.status]}</Tag> : null}
        <Typography.Text type="secondary">已处理 {counts} 条</Typography.Text>
        {job.cancelRequested && active ? <Typography.Text type="warning">正在取消…</Typography.Text> : null}
        {job.attempts > 1 ? <Typography.Text type="secondary">第 {job.attempts} 次执行</Typography.Text> : null}
        {job.finishedAt ? <Typography.Text type="secondary">结束于 {formatDateTime(job.finishedAt)}</Typography.Text> : null}
      </Space>
      {job.status === 'failed' && job.error ? (
        <Alert className="job-progress-alert" type="error" showIcon title="任务执行失败" description={job.error} />
      ) : null}
      {job.status === 'succeeded' && renderResult ? <div className="job-progress-result">{renderResult(job)}</div> : null}
      <Space wrap className="job-progress-actions">
        {active ? (
          <Button
            danger
            size="small"
            loading={action.isPending && action.variables === 'cancel'}
            disabled={job.cancelRequested}
            onClick={() => action.mutate('cancel')}
          >
            取消
          </Button>
        ) : null}
        {allowRetry && (job.status === 'failed' || job.status === 'cancelled') ? (
          <Button size="small" type="primary" loading={action.isPending && action.variables === 'retry'} onClick={() => action.mutate('retry')}>
            重试
          </Button>
        ) : null}
      </Space>
    </div>
  );
}
