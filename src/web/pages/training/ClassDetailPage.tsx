import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Input, Modal, Space, Tabs, Tag } from 'antd';
import { useState } from 'react';
import { useParams } from 'react-router';
import { api, errorMessage } from '../../api/client';
import type { TrainingClassDetail } from '../../api/training-types';
import { PageHeader } from '../../components/PageHeader';
import { RecordPending } from '../../components/FullPageSpin';
import { ClassOverview } from './ClassOverview';
import { FormatTag, TierTag } from './common';
import { RosterTab } from './RosterTab';
import { SurveyReportView } from './SurveyReportView';
import './training.css';

/** One class: particulars and sessions (with the sign-in screen), the roster and the effect-evaluation report. */
export default function ClassDetailPage() {
  const classId = Number(useParams().id);
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [cancelOpen, setCancelOpen] = useState(false);
  const [reason, setReason] = useState('');
  const detail = useQuery({ queryKey: ['training', 'class', classId], queryFn: () => api.get<TrainingClassDetail>(`/api/training/classes/${String(classId)}`) });
  const cancel = useMutation({
    mutationFn: () => api.post(`/api/training/classes/${String(classId)}/cancel`, { reason }),
    onSuccess: async () => {
      setCancelOpen(false);
      message.success('培训班已取消，已通知报名学员');
      await queryClient.invalidateQueries({ queryKey: ['training'] });
    },
    onError: (err) => message.error(errorMessage(err)),
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
      <Modal title="取消培训班" open={cancelOpen} onCancel={() => setCancelOpen(false)} onOk={() => cancel.mutate()} okText="确认取消" cancelText="返回" okButtonProps={{ danger: true }} confirmLoading={cancel.isPending}>
        <Input.TextArea rows={3} placeholder="请填写取消原因（将通知已报名学员）" value={reason} onChange={(ev) => setReason(ev.target.value)} maxLength={500} aria-label="取消原因" />
      </Modal>
    </div>
  );
}
