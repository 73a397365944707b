import { Alert, Form, Input, Modal } from 'antd';
import { useEffect, useState, type ReactNode } from 'react';
import { errorMessage } from '../../api/client';
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
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    if (!request) return;
    form.resetFields();
    setError(null);
  }, [request, form]);

  const finish = async ({ reason }: { reason: string }) => {
    if (!request) return;
    setBusy(true);
    setError(null);
    try {
      await request.submit(reason.trim());
      onClose();
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal
      open={request !== null}
      title={request?.title}
      okText={request?.okText}
      okButtonProps={{ danger: true }}
      confirmLoading={busy}
      onOk={() => form.submit()}
      onCancel={onClose}
      destroyOnHidden
      mask={{ closable: false }}
      width={isMobile ? 'calc(100vw - 16px)' : 520}
    >
      {request?.description ? <div className="form-alert">{request.description}</div> : null}
      {error ? <Alert className="form-alert" type="error" showIcon title={error} /> : null}
      <Form form={form} layout="vertical" onFinish={(v) => void finish(v)} requiredMark={false}>
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
