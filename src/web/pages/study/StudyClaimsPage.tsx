import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Form, Input, Modal, Segmented, Space, Tag } from 'antd';
import { useState } from 'react';
import { api, errorMessage } from '../../api/client';
import type { StudyClaim } from '../../api/study-types';
import { QueryTable } from '../../components/list/QueryTable';
import { FormError, useFormMutation } from '../../components/list/use-form-mutation';
import { PageHeader } from '../../components/PageHeader';
import { useUrlFilters } from '../../components/url-filters';
import { CLAIM_SOURCE_LABELS, CLAIM_STATUS } from './ClaimForm';
import { queryKeys } from '../../api/query-keys';

const STATUSES = ['pending', 'approved', 'rejected'] as const;

/** 学时审核 for bureaus: officers' claims of offline learning and government quality work, with their evidence. */
export default function StudyClaimsPage() {
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const url = useUrlFilters(['status'] as const);
  const status = STATUSES.find((s) => s === url.filters.status) ?? 'pending';
  const [rejecting, setRejecting] = useState<StudyClaim | null>(null);
  const [form] = Form.useForm<{ reason: string }>();
  const list = useQuery({ queryKey: queryKeys.study.claimsByStatus(status), queryFn: () => api.get<StudyClaim[]>('/api/study/claims', { status }) });
  const approve = useMutation({
    mutationFn: (id: number) => api.post(`/api/study/claims/${id}/approve`),
    onSuccess: () => {
      void message.success('已通过');
      void queryClient.invalidateQueries({ queryKey: queryKeys.study.claims });
    },
    onError: (e) => void message.error(errorMessage(e)),
  });
  const reject = useFormMutation({
    form,
    mutationFn: (v: { reason: string }) => api.post(`/api/study/claims/${rejecting?.id ?? 0}/reject`, { reason: v.reason.trim() }),
    success: '已退回',
    invalidate: [queryKeys.study.claims],
    onDone: () => setRejecting(null),
  });
  return (
    <div className="page">
      <PageHeader title="学时审核" description="首席质量官申报的线下学习和政府质量工作学时；通过后计入其年度学时账户。" />
      <Segmented
        style={{ marginBottom: 12 }}
        value={status}
        onChange={(v) => url.update({ status: v === 'pending' ? undefined : v })}
        options={STATUSES.map((s) => ({ value: s, label: CLAIM_STATUS[s][1] }))}
      />
      <QueryTable<StudyClaim>
        query={list}
        what="学时申报"
        empty={status === 'pending' ? '没有待审核的学时申报' : status === 'approved' ? '没有已通过的学时申报' : '没有未通过的学时申报'}
        rowKey="id"
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
                    <Button size="small" type="primary" loading={approve.isPending && approve.variables === c.id} onClick={() => approve.mutate(c.id)}>
                      通过
                    </Button>
                    <Button
                      size="small"
                      onClick={() => {
                        form.resetFields();
                        setRejecting(c);
                      }}
                    >
                      退回
                    </Button>
                  </>
                ) : null}
              </Space>
            ),
          },
        ]}
      />
      <Modal
        open={rejecting !== null}
        title={rejecting ? `退回学时申报：${rejecting.personName}` : '退回学时申报'}
        onCancel={() => {
          reject.clearError();
          setRejecting(null);
        }}
        okText="退回"
        onOk={() => void reject.submit()}
        confirmLoading={reject.isPending}
        destroyOnHidden
      >
        <FormError error={reject.error} />
        <Form form={form} layout="vertical" onValuesChange={reject.clearError}>
          <Form.Item name="reason" label="理由" rules={[{ required: true, whitespace: true, min: 2, message: '请填写理由（至少 2 个字）' }]}>
            <Input.TextArea rows={3} maxLength={500} />
          </Form.Item>
        </Form>
      </Modal>
    </div>
  );
}
