import { Alert, Form, Input, Modal } from 'antd';
import { failedCriteria, isEvaluated, needsOverride } from '../../../domain/eligibility';
import { useEffect } from 'react';
import { api } from '../../api/client';
import { FormError, useFormMutation } from '../../components/list/use-form-mutation';
import type { FilingDetail } from '../../api/filing-types';
import { useIsMobile } from '../../components/use-is-mobile';

export type Decision = 'approve' | 'return' | 'reject';

interface DecisionConfig {
  title: string;
  okText: string;
  label: string;
  placeholder: string;
  required: boolean;
  danger: boolean;
  /** The body field the server expects. */
  field: 'remarks' | 'reason';
}

const CONFIG: Record<Decision, DecisionConfig> = {
  approve: {
    title: '予以备案',
    okText: '确认予以备案',
    label: '备案意见（选填）',
    placeholder: '可不填',
    required: false,
    danger: false,
    field: 'remarks',
  },
  return: {
    title: '退回补正',
    okText: '确认退回',
    label: '补正意见',
    placeholder: '写明需要补正的内容，如：授权书未加盖企业公章，请重新上传',
    required: true,
    danger: true,
    field: 'remarks',
  },
  reject: {
    title: '不予备案',
    okText: '确认不予备案',
    label: '不予备案理由',
    placeholder: '写明依据，如：拟任人员质量管理工作年限不足 5 年，不符合任职条件',
    required: true,
    danger: true,
    field: 'reason',
  },
};

/** The bureau's decision on a submitted filing, confirmed in this dialog: `POST /api/filings/:id/{approve|return|reject}`. */
export function DecisionModal({
  filing,
  decision,
  onClose,
  onDone,
}: {
  filing: FilingDetail;
  decision: Decision | null;
  onClose: () => void;
  onDone: (f: FilingDetail, decision: Decision) => void;
}) {
  const isMobile = useIsMobile();
  const [form] = Form.useForm<{ text?: string; overrideReason?: string }>();
  const config = decision ? CONFIG[decision] : null;

  const eligibility = filing.eligibility;
  const evaluated = isEvaluated(eligibility);
  const ineligible = evaluated && !eligibility.pass;
  // approving a filing that fails a binding rule takes a written override reason (the server insists too)
  const override = decision === 'approve' && evaluated && needsOverride(eligibility);
  const blocked = decision === 'approve' && !evaluated;

  const decide = useFormMutation({
    form,
    mutationFn: ({ text, overrideReason }: { text?: string; overrideReason?: string }) => {
      const value = text?.trim();
      const reason = overrideReason?.trim();
      const body: Record<string, string> = value && config ? { [config.field]: value } : {};
      if (override && reason) body.overrideReason = reason;
      return api.post<FilingDetail>(`/api/filings/${filing.id}/${decision ?? 'approve'}`, body);
    },
    // the caller says what happened (and closes the dialog)
    success: null,
    fieldMap: { remarks: 'text', reason: 'text' },
    onDone: (answer) => {
      if (decision) onDone(answer, decision);
    },
  });
  const { clearError } = decide;

  useEffect(() => {
    if (!decision) return;
    form.resetFields();
    clearError();
  }, [decision, form, clearError]);

  return (
    <Modal
      open={decision !== null}
      title={config ? `${config.title}：${filing.enterpriseName}` : ''}
      okText={config?.okText}
      okButtonProps={{ danger: (config?.danger ?? false) || override, disabled: blocked }}
      cancelText="取消"
      confirmLoading={decide.isPending}
      onOk={() => void decide.submit()}
      onCancel={onClose}
      destroyOnHidden
      mask={{ closable: false }}
      width={isMobile ? 'calc(100vw - 16px)' : 560}
    >
      <div className="form-alert decision-who">
        拟任首席质量官：<strong>{filing.personName}</strong>（{filing.idNumberMasked}），第 {filing.round} 轮。
      </div>
      {blocked ? (
        <Alert
          className="form-alert"
          type="error"
          showIcon
          title="尚未进行资格审查"
          description="该备案没有资格审查结果，不能予以备案。请关闭本窗口，点击“重新审查”后再作决定。"
        />
      ) : null}
      {override ? (
        <Alert
          className="form-alert"
          type="error"
          showIcon
          title="拟任人员不符合具有约束力的任职条件"
          description={`未达到：${failedCriteria(eligibility)
            .map((c) => `${c.label}（要求${c.required}，实际${c.actual}）`)
            .join('；')}。确需予以备案的，须填写破格理由；理由、任职条件第 ${String(filing.ruleVersion ?? '—')} 版和未达到的条件将记入备案和审计日志。`}
        />
      ) : null}
      {decision === 'approve' ? (
        <Alert
          className="form-alert"
          type={ineligible ? 'warning' : 'info'}
          showIcon
          title={ineligible ? '资格审查未通过，仍要予以备案？' : '予以备案后'}
          description={
            <ul className="plain-list">
              <li>生成带数字签名的备案证明，企业可下载，公众可扫码核验；</li>
              <li>该企业原在任首席质量官的备案（如有）自动结束；</li>
              <li>备案决定记入审计日志。</li>
            </ul>
          }
        />
      ) : decision === 'return' ? (
        <Alert className="form-alert" type="info" showIcon title="退回后企业可修改并重新提交，已填写的内容保留，再次提交进入下一轮审核。" />
      ) : decision === 'reject' ? (
        <Alert className="form-alert" type="warning" showIcon title="不予备案后本次备案结束，企业须重新新建备案。理由将告知企业。" />
      ) : null}
      <FormError error={decide.error} />
      <Form form={form} layout="vertical" onValuesChange={decide.clearError} requiredMark={false}>
        {override ? (
          <Form.Item
            label="破格理由"
            name="overrideReason"
            rules={[
              { required: true, whitespace: true, message: '请填写破格理由' },
              { min: 10, message: '破格理由至少 10 个字' },
            ]}
          >
            <Input.TextArea
              rows={4}
              maxLength={2000}
              showCount
              placeholder="写明破格予以备案的依据，如：拟任人员长期主持企业质量管理工作，实绩突出，经局务会研究同意"
            />
          </Form.Item>
        ) : null}
        <Form.Item
          label={config?.label}
          name="text"
          rules={
            config?.required
              ? [
                  { required: true, whitespace: true, message: `请填写${config.label}` },
                  { min: 2, message: '至少 2 个字' },
                ]
              : []
          }
        >
          <Input.TextArea rows={4} maxLength={1000} showCount placeholder={config?.placeholder} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
