import { useQuery } from '@tanstack/react-query';
import { Button, Form, Input, Modal, Space, Tabs, Tag } from 'antd';
import { useState } from 'react';
import { useParams } from 'react-router';
import { api } from '../../api/client';
import type { TrainingClassDetail } from '../../api/training-types';
import { FormError, useFormMutation } from '../../components/list/use-form-mutation';
import { PageHeader } from '../../components/PageHeader';
import { RecordPending } from '../../components/FullPageSpin';
import { ClassOverview } from './ClassOverview';
import { FormatTag, TierTag } from './common';
import { RosterTab } from './RosterTab';
import { SurveyReportView } from './SurveyReportView';
import './training.css';
import { queryKeys } from '../../api/query-keys';

/** One class: particulars and sessions (with the sign-in screen), the roster and the effect-evaluation report. */
export default function ClassDetailPage() {
  const classId = Number(useParams().id);
  const [cancelOpen, setCancelOpen] = useState(false);
  const [form] = Form.useForm<{ reason: string }>();
  const detail = useQuery({
    queryKey: queryKeys.training.class(classId),
    queryFn: () => api.get<TrainingClassDetail>(`/api/training/classes/${String(classId)}`),
  });
  const cancel = useFormMutation({
    form,
    mutationFn: (v: { reason: string }) => api.post(`/api/training/classes/${String(classId)}/cancel`, { reason: v.reason.trim() }),
    success: '培训班已取消，已通知报名学员',
    invalidate: [queryKeys.training.all],
    onDone: () => setCancelOpen(false),
  });
  if (!detail.data) return <RecordPending query={detail} what="培训班" />;
  const c = detail.data;
  return (
    <div className="page">
      <PageHeader
        title={c.name}
        back={{ title: '培训班', to: '/training/classes' }}
        description={
          <Space size={4} wrap>
            <TierTag tier={c.tier} />
            <FormatTag format={c.format} />
            {c.status === 'cancelled' ? <Tag color="error">已取消：{c.statusReason}</Tag> : null}
          </Space>
        }
        extra={
          c.canManage && c.status === 'open' ? (
            <Button danger onClick={() => setCancelOpen(true)}>
              取消培训班
            </Button>
          ) : null
        }
      />
      <Tabs
        items={[
          {
            key: 'info',
            label: '概况与签到',
            children: <ClassOverview c={c} />,
          },
          ...(c.canDeliver ? [{ key: 'roster', label: '花名册与考核', children: <RosterTab c={c} /> }] : []),
          ...(c.canSeeSurveyReport ? [{ key: 'survey', label: '效果评估', children: <SurveyReportView classId={c.id} /> }] : []),
        ]}
      />
      <Modal
        title="取消培训班"
        open={cancelOpen}
        onCancel={() => {
          cancel.clearError();
          setCancelOpen(false);
        }}
        onOk={() => void cancel.submit()}
        okText="确认取消"
        cancelText="返回"
        okButtonProps={{ danger: true }}
        confirmLoading={cancel.isPending}
        destroyOnHidden
      >
        <FormError error={cancel.error} />
        <Form form={form} layout="vertical" onValuesChange={cancel.clearError}>
          <Form.Item
            name="reason"
            label="取消原因（将通知已报名学员）"
            rules={[{ required: true, whitespace: true, min: 2, message: '请填写取消原因（至少 2 个字）' }]}
          >
            <Input.TextArea rows={3} maxLength={500} />
          </Form.Item>
        </Form>
      </Modal>
    </div>
  );
}
