import { Alert, DatePicker, Form, Input, Modal, Radio } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useEffect } from 'react';
import { api } from '../../api/client';
import type { Filing, FilingDetail } from '../../api/filing-types';
import { END_KIND_OPTIONS, EXIT_CAUSE_OPTIONS, type ManualEndKind } from '../../components/filing-dict';
import { FormError, useFormMutation } from '../../components/list/use-form-mutation';
import { useIsMobile } from '../../components/use-is-mobile';

interface Values {
  kind: ManualEndKind;
  cause?: string;
  reason: string;
  date: Dayjs;
}

/** 解聘 / 辞任 / 退出 of an active filing: `POST /api/filings/:id/end` {kind, cause, reason, date}. */
export function EndFilingModal({ filing, onClose, onEnded }: { filing: Filing | null; onClose: () => void; onEnded: (f: FilingDetail) => void }) {
  const isMobile = useIsMobile();
  const [form] = Form.useForm<Values>();
  const end = useFormMutation({
    form,
    mutationFn: (v: Values) =>
      api.post<FilingDetail>(`/api/filings/${filing?.id ?? 0}/end`, {
        kind: v.kind,
        cause: v.cause,
        reason: v.reason.trim(),
        date: v.date.format('YYYY-MM-DD'),
      }),
    // the caller says what happened (and closes the dialog)
    success: null,
    onDone: onEnded,
  });
  const { clearError } = end;

  useEffect(() => {
    if (!filing) return;
    form.resetFields();
    clearError();
  }, [filing, form, clearError]);

  return (
    <Modal
      open={filing !== null}
      title={filing ? `结束聘任：${filing.personName}` : ''}
      okText="确认结束聘任"
      okButtonProps={{ danger: true }}
      confirmLoading={end.isPending}
      onOk={() => void end.submit()}
      onCancel={onClose}
      destroyOnHidden
      mask={{ closable: false }}
      width={isMobile ? 'calc(100vw - 16px)' : 520}
    >
      <Alert
        className="form-alert"
        type="warning"
        showIcon
        title="结束后备案证明即失效"
        description="公开核验将显示“已失效”及结束原因。企业须在规定时间内聘任新的首席质量官并重新备案。"
      />
      <FormError error={end.error} />
      <Form<Values> form={form} layout="vertical" onValuesChange={end.clearError} initialValues={{ kind: 'dismissal', date: dayjs() }}>
        <Form.Item label="结束方式" name="kind" rules={[{ required: true, message: '请选择结束方式' }]}>
          <Radio.Group optionType="button" buttonStyle="solid" options={END_KIND_OPTIONS} />
        </Form.Item>
        <Form.Item label="退出原因" name="cause" rules={[{ required: true, message: '请选择退出原因' }]} extra="用于退出机制统计（苏质委办〔2020〕9号 六、七）">
          <Radio.Group options={EXIT_CAUSE_OPTIONS} />
        </Form.Item>
        <Form.Item
          label="结束日期"
          name="date"
          rules={[{ required: true, message: '请选择结束日期' }]}
          extra={filing?.appointmentDate ? `不早于聘任日期 ${filing.appointmentDate}` : undefined}
        >
          <DatePicker
            className="full-width"
            inputReadOnly={isMobile}
            disabledDate={(d) => (filing?.appointmentDate ? d.isBefore(dayjs(filing.appointmentDate), 'day') : false)}
          />
        </Form.Item>
        <Form.Item
          label="原因"
          name="reason"
          rules={[
            { required: true, whitespace: true, message: '请填写原因' },
            { min: 2, message: '原因至少 2 个字' },
          ]}
        >
          <Input.TextArea rows={3} maxLength={500} showCount placeholder="如：因工作调动，经董事会决定解聘" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
