import { Form, Input, Modal, Select } from 'antd';
import { api } from '../../api/client';
import { queryKeys } from '../../api/query-keys';
import type { ExpertMemberDetail } from '../../api/supervision-types';
import { FormError, useFormMutation } from '../../components/list/use-form-mutation';
import { useIsMobile } from '../../components/use-is-mobile';
import { INDUSTRY_OPTIONS } from './dict';
import { FilingPicker } from './FilingPicker';

interface NominateValues {
  filingId: number;
  fields: string[];
  industrySection?: string;
  note?: string;
}

/** 推荐入专家库: a bureau nominates an officer, who then accepts or declines. */
export function ExpertNominateModal({ open, onClose, onDone }: { open: boolean; onClose: () => void; onDone: (m: ExpertMemberDetail) => void }) {
  const isMobile = useIsMobile();
  const [form] = Form.useForm<NominateValues>();
  const nominate = useFormMutation({
    form,
    mutationFn: (v: NominateValues) =>
      api.post<ExpertMemberDetail>('/api/expert-pool', {
        filingId: v.filingId,
        fields: v.fields.map((f) => f.trim()).filter(Boolean),
        industrySection: v.industrySection ?? null,
        note: v.note?.trim() ?? null,
      }),
    success: null,
    invalidate: [queryKeys.expertPool.all],
    onDone: (m) => {
      form.resetFields();
      onDone(m);
    },
  });
  return (
    <Modal
      open={open}
      title="推荐入专家库"
      okText="推荐"
      confirmLoading={nominate.isPending}
      onOk={() => void nominate.submit()}
      onCancel={onClose}
      destroyOnHidden
      mask={{ closable: false }}
      width={isMobile ? 'calc(100vw - 16px)' : 540}
    >
      <FormError error={nominate.error} />
      <Form<NominateValues> form={form} layout="vertical" onFinish={(v) => nominate.mutate(v)}>
        <Form.Item label="首席质量官" name="filingId" rules={[{ required: true, message: '请选择首席质量官' }]}>
          <FilingPicker />
        </Form.Item>
        <Form.Item
          label="专业领域"
          name="fields"
          rules={[{ required: true, type: 'array', min: 1, message: '请至少填写一个专业领域' }]}
          extra="输入后回车，可填多项，如：质量管理体系、六西格玛、质量奖评审"
        >
          <Select mode="tags" open={false} tokenSeparators={[',', '，', '、']} placeholder="输入专业领域后回车" />
        </Form.Item>
        <Form.Item label="行业门类" name="industrySection" extra="不填则取其所在企业的行业">
          <Select allowClear showSearch={{ optionFilterProp: 'label' }} options={INDUSTRY_OPTIONS} />
        </Form.Item>
        <Form.Item label="备注" name="note">
          <Input.TextArea rows={2} maxLength={500} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
