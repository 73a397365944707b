import { Alert, Form, Input, Modal } from 'antd';
import { useEffect, useState } from 'react';
import { api, errorMessage } from '../../api/client';
import type { FilingDetail } from '../../api/types';
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
  const [form] = Form.useForm<{ text?: string }>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const config = decision ? CONFIG[decision] : null;

  useEffect(() => {
    if (!decision) return;
    form.resetFields();
    setError(null);
  }, [decision, form]);

  const finish = async ({ text }: { text?: string }) => {
    if (!decision || !config) return;
    const value = text?.trim();
    setBusy(true);
    setError(null);
    try {
      const answer = await api.post<FilingDetail>(`/api/filings/${filing.id}/${decision}`, value ? { [config.field]: value } : {});
      onDone(answer, decision);
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  };

  const eligibility = filing.eligibility;
  const ineligible = eligibility !== null && !eligibility.pass;

  return (
    <Modal
      open={decision !== null}
      title={config ? `${config.title}：${filing.enterpriseName}` : ''}
      okText={config?.okText}
      okButtonProps={{ danger: config?.danger ?? false }}
      cancelText="取消"
      confirmLoading={busy}
      onOk={() => form.submit()}
      onCancel={onClose}
      destroyOnHidden
      mask={{ closable: false }}
      width={isMobile ? 'calc(100vw - 16px)' : 560}
    >
      <div className="form-alert decision-who">
        拟任首席质量官：<strong>{filing.personName}</strong>（{filing.idNumberMasked}），第 {filing.round} 轮。
      </div>
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
      {error ? <Alert className="form-alert" type="error" showIcon title={error} /> : null}
      <Form form={form} layout="vertical" onFinish={(v) => void finish(v)} requiredMark={false}>
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
