import { DatePicker, Form, Input, Modal, Radio, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { api } from '../../api/client';
import { queryKeys } from '../../api/query-keys';
import type { SanctionDetail, SanctionKind } from '../../api/supervision-types';
import { FormError, useFormMutation } from '../../components/list/use-form-mutation';
import { useIsMobile } from '../../components/use-is-mobile';
import { SANCTION_KIND_OPTIONS } from './dict';
import { FilingPicker } from './FilingPicker';

interface ProposalValues {
  kind: SanctionKind;
  filingId: number;
  incidentTitle: string;
  incidentDate: Dayjs;
  incidentDescription: string;
  reason: string;
  ban?: [Dayjs, Dayjs];
}

/** 提出警示或黑名单建议 (a county or city bureau): the accident, the reason and, for the blacklist, the ban. */
export function SanctionProposalModal({ open, onClose, onCreated }: { open: boolean; onClose: () => void; onCreated: (s: SanctionDetail) => void }) {
  const isMobile = useIsMobile();
  const [form] = Form.useForm<ProposalValues>();
  const kind = Form.useWatch('kind', form);
  const propose = useFormMutation({
    form,
    mutationFn: (v: ProposalValues) =>
      api.post<SanctionDetail>('/api/sanctions', {
        kind: v.kind,
        filingId: v.filingId,
        incidentTitle: v.incidentTitle.trim(),
        incidentDate: v.incidentDate.format('YYYY-MM-DD'),
        incidentDescription: v.incidentDescription.trim(),
        reason: v.reason.trim(),
        banStart: v.kind === 'blacklist' ? v.ban?.[0].format('YYYY-MM-DD') : null,
        banEnd: v.kind === 'blacklist' ? v.ban?.[1].format('YYYY-MM-DD') : null,
      }),
    success: null,
    invalidate: [queryKeys.sanctions.all],
    fieldMap: { banStart: 'ban', banEnd: 'ban' },
    onDone: (created) => {
      form.resetFields();
      onCreated(created);
    },
  });
  return (
    <Modal
      open={open}
      title="提出警示或黑名单建议"
      okText="提交省局决定"
      confirmLoading={propose.isPending}
      onOk={() => void propose.submit()}
      onCancel={onClose}
      destroyOnHidden
      mask={{ closable: false }}
      width={isMobile ? 'calc(100vw - 16px)' : 600}
    >
      <FormError error={propose.error} />
      <Form<ProposalValues>
        form={form}
        layout="vertical"
        onFinish={(v) => propose.mutate(v)}
        initialValues={{ kind: 'warning', ban: [dayjs(), dayjs().add(3, 'year').subtract(1, 'day')] }}
      >
        <Form.Item label="类别" name="kind" rules={[{ required: true }]}>
          <Radio.Group optionType="button" buttonStyle="solid" options={SANCTION_KIND_OPTIONS} />
        </Form.Item>
        <Form.Item label="首席质量官" name="filingId" rules={[{ required: true, message: '请选择首席质量官' }]}>
          <FilingPicker />
        </Form.Item>
        <Form.Item
          label="质量安全事故"
          name="incidentTitle"
          rules={[
            { required: true, whitespace: true, message: '请填写事故名称' },
            { min: 2, message: '至少 2 个字' },
          ]}
        >
          <Input maxLength={100} />
        </Form.Item>
        <Form.Item label="事故日期" name="incidentDate" rules={[{ required: true, message: '请选择事故日期' }]}>
          <DatePicker className="full-width" inputReadOnly={isMobile} disabledDate={(d) => d.isAfter(dayjs(), 'day')} />
        </Form.Item>
        <Form.Item
          label="事故经过"
          name="incidentDescription"
          rules={[
            { required: true, whitespace: true, message: '请填写事故经过' },
            { min: 5, message: '至少 5 个字' },
          ]}
        >
          <Input.TextArea rows={3} maxLength={2000} showCount />
        </Form.Item>
        <Form.Item
          label="处理理由"
          name="reason"
          rules={[
            { required: true, whitespace: true, message: '请填写处理理由' },
            { min: 5, message: '至少 5 个字' },
          ]}
          extra={kind === 'blacklist' ? '理由将随黑名单公告公开，请勿填写身份证号、电话等个人信息。' : undefined}
        >
          <Input.TextArea rows={3} maxLength={1000} showCount />
        </Form.Item>
        {kind === 'blacklist' ? (
          <Form.Item
            label="禁入期"
            name="ban"
            rules={[{ required: true, message: '请选择禁入期' }]}
            extra="省局决定后，当事人在任的备案即结束；禁入期内任何企业不得为其办理备案。"
          >
            <DatePicker.RangePicker className="full-width" inputReadOnly={isMobile} />
          </Form.Item>
        ) : null}
        <Typography.Text type="secondary">提交后可在详情中上传事故调查报告等证据材料。</Typography.Text>
      </Form>
    </Modal>
  );
}
