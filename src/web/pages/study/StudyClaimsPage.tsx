import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Input, Modal, Segmented, Space, Table, Tag } from 'antd';
import { useState } from 'react';
import { api, errorMessage } from '../../api/client';
import type { StudyClaim } from '../../api/study-types';
import { PageHeader } from '../../components/PageHeader';
import { CLAIM_SOURCE_LABELS, CLAIM_STATUS } from './ClaimForm';

/** 学时审核 for bureaus: officers' claims of offline learning and government quality work, with their evidence. */
export default function StudyClaimsPage() {
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [status, setStatus] = useState<StudyClaim['status']>('pending');
  const [rejecting, setRejecting] = useState<StudyClaim | null>(null);
  const [reason, setReason] = useState('');
  const list = useQuery({ queryKey: ['study-claims', status], queryFn: () => api.get<StudyClaim[]>('/api/study/claims', { status }) });
  const decide = useMutation({
    mutationFn: ({ id, action, why }: { id: number; action: 'approve' | 'reject'; why?: string }) => api.post(`/api/study/claims/${id}/${action}`, action === 'reject' ? { reason: why } : undefined),
    onSuccess: () => {
      void message.success('已处理');
      setRejecting(null);
      setReason('');
      void queryClient.invalidateQueries({ queryKey: ['study-claims'] });
    },
    onError: (e) => void message.error(errorMessage(e)),
  });
  return (
    <div className="page">
      <PageHeader title="学时审核" description="首席质量官申报的线下学习和政府质量工作学时；通过后计入其年度学时账户。" />
      <Segmented
        style={{ marginBottom: 12 }}
        value={status}
        onChange={(v) => setStatus(v)}
        options={(['pending', 'approved', 'rejected'] as const).map((s) => ({ value: s, label: CLAIM_STATUS[s][1] }))}
      />
      {list.isError ? <Alert type="error" showIcon title={errorMessage(list.error)} /> : null}
      <Table
        rowKey="id"
        loading={list.isPending}
        dataSource={list.data ?? []}
        scroll={{ x: 800 }}
        columns={[
          { title: '姓名', dataIndex: 'personName', width: 90 },
          { title: '类别', dataIndex: 'source', width: 110, render: (s: StudyClaim['source']) => CLAIM_SOURCE_LABELS[s] },
          { title: '学习内容', dataIndex: 'title' },
          { title: '日期', dataIndex: 'occurredOn', width: 110 },
          { title: '分钟', dataIndex: 'minutes', width: 70 },
          { title: '状态', dataIndex: 'status', width: 90, render: (s: StudyClaim['status']) => <Tag color={CLAIM_STATUS[s][0]}>{CLAIM_STATUS[s][1]}</Tag> },
          {
            title: '操作',
            key: 'actions',
            width: 220,
            render: (_v, c) => (
              <Space>
                <a href={`/api/study/claims/${c.id}/evidence`} target="_blank" rel="noreferrer">
                  证明材料
                </a>
                {c.status === 'pending' ? (
                  <>
                    <Button size="small" type="primary" onClick={() => decide.mutate({ id: c.id, action: 'approve' })}>
                      通过
                    </Button>
                    <Button size="small" onClick={() => setRejecting(c)}>
                      退回
                    </Button>
                  </>
                ) : null}
              </Space>
            ),
          },
        ]}
      />
      <Modal open={rejecting !== null} title="退回学时申报" onCancel={() => setRejecting(null)} okText="退回" onOk={() => rejecting && decide.mutate({ id: rejecting.id, action: 'reject', why: reason })} confirmLoading={decide.isPending}>
        <Input.TextArea rows={3} value={reason} onChange={(e) => setReason(e.target.value)} placeholder="请填写理由（至少 2 个字）" aria-label="理由" />
      </Modal>
    </div>
  );
}
