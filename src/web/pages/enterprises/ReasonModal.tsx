import { Form, Input, Modal } from 'antd';
import { useEffect, type ReactNode } from 'react';
import { FormError, useFormMutation } from '../../components/list/use-form-mutation';
import { useIsMobile } from '../../components/use-is-mobile';

export interface ReasonRequest {
  title: string;
  description?: ReactNode;
  okText: string;
  label: string;
  placeholder?: string;
  /** Sends the reason; a rejection is shown in the dialog, which stays open. */
  submit: (reason: string) => Promise<unknown>;
}

/** Asks for a reason (2–500 characters) before 退回 and the like. */
export function ReasonModal({ request, onClose }: { request: ReasonRequest | null; onClose: () => void }) {
  const isMobile = useIsMobile();
  const [form] = Form.useForm<{ reason: string }>();
  const send = useFormMutation({
    form,
    mutationFn: ({ reason }: { reason: string }) => (request ? request.submit(reason.trim()) : Promise.resolve()),
    // the request's own `submit` says what happened
    success: null,
    onDone: onClose,
  });
  const { clearError } = send;

  useEffect(() => {
    if (!request) return;
    form.resetFields();
    clearError();
  }, [request, form, clearError]);

  return (
    <Modal
      open={request !== null}
      title={request?.title}
      okText={request?.okText}
      okButtonProps={{ danger: true }}
      confirmLoading={send.isPending}
      onOk={() => void send.submit()}
      onCancel={onClose}
      destroyOnHidden
      mask={{ closable: false }}
      width={isMobile ? 'calc(100vw - 16px)' : 520}
    >
      {request?.description ? <div className="form-alert">{request.description}</div> : null}
      <FormError error={send.error} />
      <Form form={form} layout="vertical" onValuesChange={send.clearError} requiredMark={false}>
        <Form.Item
          label={request?.label}
          name="reason"
          rules={[
            { required: true, whitespace: true, message: '请填写理由' },
            { min: 2, message: '理由至少 2 个字' },
            { max: 500, message: '理由不超过 500 个字' },
          ]}
        >
          <Input.TextArea rows={4} maxLength={500} showCount placeholder={request?.placeholder} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
