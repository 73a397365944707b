import { Form, Input, Modal } from 'antd';
import { api } from '../../api/client';
import type { PlanDetail } from '../../api/training-plan-types';
import { FormError, useFormMutation } from '../../components/list/use-form-mutation';
import { usePlanChanged } from './use-plan-changed';

export type ReviewAction = 'comment' | 'acknowledge' | 'return';
const ACTIONS: Record<ReviewAction, { title: string; label: string; required: boolean; path: string; field: 'body' | 'remarks'; done: string }> = {
  comment: { title: '发表意见', label: '意见', required: true, path: 'comments', field: 'body', done: '意见已发送' },
  acknowledge: { title: '阅知', label: '审阅意见（选填）', required: false, path: 'acknowledge', field: 'remarks', done: '已阅知' },
  return: { title: '退回修改', label: '退回意见', required: true, path: 'return', field: 'remarks', done: '已退回修改' },
};

/** The reviewing bureau's 发表意见, 阅知 or 退回修改 of a plan: the text, then the call. */
export function PlanReviewModal({ plan, action, onClose }: { plan: PlanDetail; action: ReviewAction | null; onClose: () => void }) {
  const changed = usePlanChanged();
  const [form] = Form.useForm<{ text?: string }>();
  const cfg = action ? ACTIONS[action] : null;
  const run = useFormMutation({
    form,
    mutationFn: (v: { text?: string }) =>
      api.post<PlanDetail>(`/api/training-plans/${plan.id}/${cfg?.path ?? ''}`, { [cfg?.field ?? 'body']: v.text?.trim() || undefined }),
    success: cfg?.done ?? null,
    // the server's field (body or remarks) is the form's one text
    fieldMap: { body: 'text', remarks: 'text' },
    onDone: (saved) => {
      changed(saved);
      onClose();
    },
  });

  return (
    <Modal
      open={action !== null}
      title={action ? ACTIONS[action].title : ''}
      okText="确定"
      confirmLoading={run.isPending}
      okButtonProps={{ danger: action === 'return' }}
      onOk={() => void run.submit()}
      onCancel={() => {
        onClose();
        run.clearError();
      }}
      destroyOnHidden
    >
      <FormError error={run.error} />
      <Form form={form} layout="vertical" onValuesChange={run.clearError}>
        <Form.Item
          name="text"
          label={cfg?.label}
          rules={cfg?.required ? [{ required: true, whitespace: true, min: 2, message: `请填写${cfg.label}（至少 2 个字）` }] : []}
        >
          <Input.TextArea rows={4} maxLength={2000} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
