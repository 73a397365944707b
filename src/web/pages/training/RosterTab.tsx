import { DownloadOutlined, SafetyCertificateOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Form, Space, Table, Typography } from 'antd';
import { useState } from 'react';
import { api, errorMessage } from '../../api/client';
import type { CertificatesIssued, QueuedJob, Roster, RosterItem, TrainingClassDetail } from '../../api/training-types';
import { download } from '../../components/download';
import { JobProgress } from '../../components/JobProgress';
import { LoadingSkeleton, QueryError } from '../../components/list/QueryState';
import { rosterColumns } from './roster-columns';
import { RosterDialog, type Dialog, type RosterDialogValues } from './RosterDialog';
import { ScoreImport } from './ScoreImport';
import { queryKeys } from '../../api/query-keys';

/** 花名册与考核: the trainees, their attendance, scores and certificates, for those who deliver the class. */
export function RosterTab({ c }: { c: TrainingClassDetail }) {
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const roster = useQuery({ queryKey: queryKeys.training.roster(c.id), queryFn: () => api.get<Roster>(`/api/training/classes/${String(c.id)}/roster`) });
  const [dialog, setDialog] = useState<Dialog>(null);
  const [jobId, setJobId] = useState<number | null>(null);
  const [form] = Form.useForm<RosterDialogValues>();
  const refresh = () => queryClient.invalidateQueries({ queryKey: queryKeys.training.all });
  const issue = useMutation({
    mutationFn: (id: number) => api.post(`/api/training/enrolments/${String(id)}/certificate`),
    onSuccess: async () => {
      message.success('合格证已发放');
      await refresh();
    },
    onError: (err) => message.error(errorMessage(err)),
  });
  const bulk = useMutation({
    mutationFn: () => api.post<QueuedJob>(`/api/training/classes/${String(c.id)}/certificates`),
    onSuccess: (r) => setJobId(r.jobId),
    onError: (err) => message.error(errorMessage(err)),
  });
  if (roster.isError) return <QueryError query={roster} what="花名册" />;
  if (roster.isPending) return <LoadingSkeleton rows={8} />;
  const open = (d: Dialog) => {
    form.resetFields();
    if (d?.kind === 'score') form.setFieldsValue({ score: d.item.score, makeupScore: d.item.makeupScore });
    if (d?.kind === 'attendance') form.setFieldsValue({ status: d.item.attendance[String(d.session.id)]?.status ?? 'present' });
    setDialog(d);
  };
  const deliver = c.canDeliver && c.status === 'open';
  const columns = rosterColumns({
    c,
    sessions: roster.data.sessions,
    deliver,
    open,
    isIssuing: (id) => issue.isPending && issue.variables === id,
    onIssue: (id) => issue.mutate(id),
  });
  return (
    <>
      <Space wrap style={{ marginBottom: 12 }}>
        <Button icon={<DownloadOutlined />} onClick={() => download(`/api/training/classes/${String(c.id)}/roster.xlsx`)}>
          导出花名册
        </Button>
        {deliver ? <ScoreImport c={c} onImported={refresh} /> : null}
        {deliver ? (
          <Button type="primary" icon={<SafetyCertificateOutlined />} loading={bulk.isPending} onClick={() => bulk.mutate()}>
            批量发放合格证
          </Button>
        ) : null}
        <Typography.Text type="secondary">
          结业条件：出勤率 ≥ {c.minAttendancePercent}%，考核 ≥ {c.passMark} 分（可补考）
        </Typography.Text>
      </Space>
      {roster.data.items.some((i) => i.status === 'waitlisted') ? (
        <Alert className="form-alert" type="info" showIcon title="候补规则" description={roster.data.waitlistRule} />
      ) : null}
      {jobId !== null ? (
        <Card size="small" style={{ marginBottom: 12 }}>
          <JobProgress
            jobId={jobId}
            onFinished={() => void refresh()}
            renderResult={(j) => `已发放 ${String((j.result as CertificatesIssued | null)?.issued ?? 0)} 份合格证`}
          />
        </Card>
      ) : null}
      <Table<RosterItem>
        rowKey="id"
        size="small"
        dataSource={roster.data.items}
        columns={columns}
        scroll={{ x: 'max-content' }}
        pagination={{ pageSize: 50, hideOnSinglePage: true }}
      />
      <RosterDialog c={c} dialog={dialog} form={form} onClose={() => setDialog(null)} />
    </>
  );
}
