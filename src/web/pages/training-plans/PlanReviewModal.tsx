import { Alert, App, Input, Modal, Typography } from 'antd';
import { useState } from 'react';
import { api, errorMessage } from '../../api/client';
import type { PlanDetail } from '../../api/training-plan-types';
import { usePlanChanged } from './use-plan-changed';

export type ReviewAction = 'comment' | 'acknowledge' | 'return';
const ACTIONS: Record<ReviewAction, { title: string; label: string; required: boolean; path: string; field: 'body' | 'remarks'; done: string }> = {
  comment: { title: '发表意见', label: '意见', required: true, path: 'comments', field: 'body', done: '意见已发送' },
  acknowledge: { title: '阅知', label: '审阅意见（选填）', required: false, path: 'acknowledge', field: 'remarks', done: '已阅知' },
  return: { title: '退回修改', label: '退回意见', required: true, path: 'return', field: 'remarks', done: '已退回修改' },
};

/** The reviewing bureau's 发表意见, 阅知 or 退回修改 of a plan: the text, then the call. */
export function PlanReviewModal({ plan, action, onClose }: { plan: PlanDetail; action: ReviewAction | null; onClose: () => void }) {
  const { message } = App.useApp();
  const changed = usePlanChanged();
  const [text, setText] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const run = async () => {
    if (!action) return;
    const cfg = ACTIONS[action];
    setBusy(true);
    setError(null);
    try {
      changed(await api.post<PlanDetail>(`/api/training-plans/${plan.id}/${cfg.path}`, { [cfg.field]: text.trim() || undefined }));
      void message.success(cfg.done);
      onClose();
      setText('');
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal
      open={action !== null}
      title={action ? ACTIONS[action].title : ''}
      okText="确定"
      confirmLoading={busy}
      okButtonProps={{ disabled: action ? ACTIONS[action].required && text.trim().length < 2 : true, danger: action === 'return' }}
      onOk={() => void run()}
      onCancel={() => {
        onClose();
        setError(null);
      }}
      destroyOnHidden
    >
      {error ? <Alert type="error" showIcon style={{ marginBottom: 12 }} title={error} /> : null}
      <Typography.Paragraph>{action ? ACTIONS[action].label : ''}</Typography.Paragraph>
      <Input.TextArea rows={4} maxLength={2000} value={text} onChange={(e) => setText(e.target.value)} aria-label={action ? ACTIONS[action].label : ''} />
    </Modal>
  );
}
