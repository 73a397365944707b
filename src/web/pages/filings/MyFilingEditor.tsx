import { useQueryClient } from '@tanstack/react-query';
import { Alert, App, Card, Form, Space, Steps, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useNavigate, useSearchParams } from 'react-router';
import { api } from '../../api/client';
import type { Candidate, FilingDetail } from '../../api/filing-types';
import { applyServerErrors } from '../../components/form-errors';
import { formatDateTimeShort } from '../../components/format';
import { PageHeader } from '../../components/PageHeader';
import { useIsMobile } from '../../components/use-is-mobile';
import { AppointmentStep } from './AppointmentStep';
import { CandidateFormModal } from './CandidateFormModal';
import { EligibilityStep } from './EligibilityStep';
import { FilingStatusTag, RoundsTimeline } from './FilingParts';
import { LetterAndSubmitStep } from './LetterAndSubmitStep';
import { MY_FILING_FORM_FIELDS, toMyFilingBody, toMyFilingFormValues, type MyFilingFormValues } from './my-filing-form';
import { CANDIDATES_KEY, useFilingChanged } from './queries';
import { useMyFilingActions } from './use-my-filing-actions';

const STEPS = ['聘任信息', '资格审查', '授权书与提交'] as const;

/** A new, draft or returned filing of the enterprise in three steps; the step stands in the address bar (`?step=`). */
export function MyFilingEditor({ filing, candidates }: { filing: FilingDetail | null; candidates: Candidate[] }) {
  const isMobile = useIsMobile();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const { message } = App.useApp();
  const changed = useFilingChanged();
  const { submit, withdraw } = useMyFilingActions(filing);
  const [params, setParams] = useSearchParams();
  const [form] = Form.useForm<MyFilingFormValues>();
  const [saving, setSaving] = useState(false);
  const [formError, setFormError] = useState<string | null>(null);
  const [recording, setRecording] = useState(false);

  const requested = Number(params.get('step') ?? 0);
  const step = filing ? (requested >= 0 && requested <= 2 ? requested : 0) : 0;
  const goTo = (s: number) => setParams(s ? { step: String(s) } : {}, { replace: true });
  const presetCandidate = Number(params.get('candidateId')) || undefined;

  useEffect(() => {
    if (filing) form.setFieldsValue(toMyFilingFormValues(filing));
  }, [filing, form]);

  const save = async (v: MyFilingFormValues) => {
    setSaving(true);
    setFormError(null);
    const body = toMyFilingBody(v);
    try {
      const saved = filing
        ? await api.put<FilingDetail>(`/api/filings/${filing.id}`, { ...body, version: filing.version })
        : await api.post<FilingDetail>('/api/filings', body);
      changed(saved);
      if (filing) goTo(1);
      else void navigate(`/my-filings/${saved.id}?step=1`, { replace: true });
    } catch (err) {
      setFormError(applyServerErrors(form, err, MY_FILING_FORM_FIELDS));
    } finally {
      setSaving(false);
    }
  };

  const returned = filing?.status === 'returned';
  const title = !filing ? '新建备案' : returned ? '修改备案（退回补正）' : '备案草稿';

  return (
    <div className="page">
      <PageHeader
        title={title}
        description={
          filing ? (
            <Space wrap size={[8, 4]}>
              <FilingStatusTag filing={filing} />
              <span>{filing.round ? `已提交 ${filing.round} 轮，本次提交为第 ${filing.round + 1} 轮` : '尚未提交'}</span>
            </Space>
          ) : (
            '选择拟任人员，填写聘任信息。保存后即进行资格审查。'
          )
        }
        back={{ title: '聘任备案', to: '/my-filings' }}
      />
      {returned ? (
        <Alert
          className="form-alert"
          type="warning"
          showIcon
          title={`主管局退回补正（第 ${filing.round} 轮）`}
          description={
            <>
              <div className="remarks-text">补正意见：{filing.decisionReason ?? '未说明'}</div>
              <Typography.Text type="secondary">{formatDateTimeShort(filing.decidedAt)}。原填写内容已保留，请按意见修改后重新提交。</Typography.Text>
            </>
          }
        />
      ) : null}
      <Card size="small" className="block-card">
        <Steps
          className="filing-steps"
          size="small"
          current={step}
          onChange={filing ? goTo : undefined}
          orientation="horizontal"
          titlePlacement={isMobile ? 'vertical' : 'horizontal'}
          responsive={false}
          items={STEPS.map((t) => ({ title: t, disabled: !filing }))}
        />
      </Card>

      {step === 0 ? (
        <AppointmentStep
          form={form}
          filing={filing}
          candidates={candidates}
          presetCandidate={presetCandidate}
          saving={saving}
          formError={formError}
          onSave={(v) => void save(v)}
          onEdit={() => setFormError(null)}
          onRecord={() => setRecording(true)}
          onWithdraw={withdraw}
        />
      ) : null}

      {step === 1 && filing ? <EligibilityStep filing={filing} onBack={() => goTo(0)} onNext={() => goTo(2)} /> : null}

      {step === 2 && filing ? <LetterAndSubmitStep filing={filing} onBack={() => goTo(1)} onSubmit={submit} onWithdraw={withdraw} /> : null}

      {filing && filing.rounds.length ? (
        <Card size="small" className="block-card" title="审核记录">
          <RoundsTimeline filing={filing} rounds={filing.rounds} />
        </Card>
      ) : null}

      <CandidateFormModal
        open={recording}
        onClose={() => setRecording(false)}
        onSaved={(answer, name) => {
          setRecording(false);
          void queryClient.invalidateQueries({ queryKey: CANDIDATES_KEY });
          form.setFieldValue('candidateId', answer.id);
          message.success(`已登记拟任人员：${name}`);
        }}
      />
    </div>
  );
}
