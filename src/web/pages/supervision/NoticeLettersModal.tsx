import { DatePicker, Form, Input, Modal, Radio, Switch } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import type { QueuedJob } from '../../api/types';
import { FormError, useFormMutation } from '../../components/list/use-form-mutation';

export interface NoticeLettersForm {
  format: 'pdf' | 'xlsx';
  unreachedOnly: boolean;
  deadline?: Dayjs;
  contactName?: string;
  contactPhone?: string;
}

/**
 * Asks what to produce for the worklist: the 催办通知书 PDF (one page per enterprise) or the contact list in Excel.
 * `send` queues the job; `onQueued` gets its id.
 */
export function NoticeLettersModal({
  open,
  onCancel,
  send,
  onQueued,
}: {
  open: boolean;
  onCancel: () => void;
  send: (v: NoticeLettersForm) => Promise<QueuedJob>;
  onQueued: (jobId: number, format: NoticeLettersForm['format']) => void;
}) {
  const [form] = Form.useForm<NoticeLettersForm>();
  const generate = useFormMutation({ form, mutationFn: send, success: null, onDone: (res, v) => onQueued(res.jobId, v.format) });
  return (
    <Modal
      title="催办通知书与联系名单"
      open={open}
      onCancel={onCancel}
      okText="生成"
      confirmLoading={generate.isPending}
      onOk={() => void generate.submit()}
      destroyOnHidden
    >
      <FormError error={generate.error} />
      <Form
        form={form}
        layout="vertical"
        initialValues={{ format: 'pdf', unreachedOnly: true, deadline: dayjs().add(15, 'day') }}
        onFinish={(v) => generate.mutate(v)}
      >
        <Form.Item name="format" label="生成内容">
          <Radio.Group
            options={[
              { value: 'pdf', label: '催办通知书（PDF，每家企业一页，可打印邮寄）' },
              { value: 'xlsx', label: '联系名单（Excel）' },
            ]}
          />
        </Form.Item>
        <Form.Item name="unreachedOnly" label="仅限站内消息、短信、邮件都无法送达的企业" valuePropName="checked">
          <Switch />
        </Form.Item>
        <Form.Item name="deadline" label="办理期限" rules={[{ required: true, message: '请选择办理期限' }]}>
          <DatePicker style={{ width: '100%' }} disabledDate={(d) => d.isBefore(dayjs(), 'day')} />
        </Form.Item>
        <Form.Item name="contactName" label="联系人（默认为本人）">
          <Input maxLength={20} />
        </Form.Item>
        <Form.Item name="contactPhone" label="联系电话（默认为本人账户电话）">
          <Input maxLength={30} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
