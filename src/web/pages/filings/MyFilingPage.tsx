import { ArrowLeftOutlined, DownloadOutlined, SendOutlined, StopOutlined, UploadOutlined, UserAddOutlined } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Checkbox, Col, DatePicker, Form, Input, InputNumber, Radio, Row, Select, Space, Spin, Steps, Typography, Upload, type UploadProps } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useEffect, useMemo, useState } from 'react';
import { useNavigate, useParams, useSearchParams } from 'react-router';
import { api, ApiError, errorMessage } from '../../api/client';
import type { Candidate, FilingDetail } from '../../api/filing-types';
import { download } from '../../components/download';
import { educationLabel, isEditable, positionLabel, TREATMENT_BENEFIT_OPTIONS, TREATMENT_LEVEL_OPTIONS } from '../../components/filing-dict';
import { applyServerErrors } from '../../components/form-errors';
import { formatDateTimeShort } from '../../components/format';
import { PageHeader } from '../../components/PageHeader';
import { NotFoundPage } from '../../components/ResultPages';
import { useIsMobile } from '../../components/use-is-mobile';
import { CandidateFormModal } from './CandidateFormModal';
import { EligibilityView } from './EligibilityView';
import { EndFilingModal } from './EndFilingModal';
import { FilingDetailView } from './FilingDetailView';
import { AppointmentDescriptions, FilingStatusTag, LetterLink, PersonDescriptions, proofHref, ProofSerialLink, RoundsTimeline } from './FilingParts';
import { CANDIDATES_KEY, fetchFiling, filingKey, useFilingChanged } from './queries';
import './filings.css';

const LETTER_MAX_BYTES = 10 * 1048576;
const LETTER_EXTENSIONS = /\.(pdf|jpe?g|png)$/i;

/**
 * One filing of the enterprise: `/my-filings/new` and, while a draft or returned, `/my-filings/:id` are the
 * three steps (聘任信息 → 资格审查 → 授权书与提交); in any other state the filing as the bureau sees it.
 */
export default function MyFilingPage() {
  const { id } = useParams();
  const isNew = id === undefined;
  const valid = isNew || /^\d+$/.test(id);
  const candidates = useQuery({ queryKey: CANDIDATES_KEY, queryFn: () => api.get<Candidate[]>('/api/candidates') });
  const filing = useQuery({ queryKey: filingKey(Number(id)), queryFn: () => fetchFiling(Number(id)), enabled: valid && !isNew });

  const notFound = filing.error instanceof ApiError && (filing.error.status === 404 || filing.error.status === 400);
  if (!valid || notFound) return <NotFoundPage />;
  if (candidates.isPending || (!isNew && filing.isPending)) {
    return (
      <div className="page-spin">
        <Spin />
      </div>
    );
  }
  const error = candidates.error ?? filing.error;
  if (error) {
    return (
      <div className="page">
        <Alert type="error" showIcon title="备案加载失败" description={errorMessage(error)} />
      </div>
    );
  }
  const f = filing.data ?? null;
  if (f && !isEditable(f.status)) return <ReadOnlyFiling filing={f} />;
  return <FilingEditor filing={f} candidates={candidates.data ?? []} />;
}

function BackButton() {
  const navigate = useNavigate();
  return (
    <Button icon={<ArrowLeftOutlined />} onClick={() => void navigate('/my-filings')}>
      返回聘任备案
    </Button>
  );
}

/** A filing the enterprise can no longer change: what happened, with 撤回 while waiting and the proof once filed. */
function ReadOnlyFiling({ filing: f }: { filing: FilingDetail }) {
  const { message, modal } = App.useApp();
  const changed = useFilingChanged();
  const [ending, setEnding] = useState(false);

  const withdraw = () =>
    modal.confirm({
      title: '撤回这份备案？',
      content: '撤回后主管局不再审核。如需备案，须重新新建并提交。',
      okText: '撤回',
      okButtonProps: { danger: true },
      cancelText: '取消',
      onOk: async () => {
        try {
          changed(await api.post<FilingDetail>(`/api/filings/${f.id}/withdraw`));
          message.success('备案已撤回');
        } catch (error) {
          message.error(errorMessage(error));
        }
      },
    });

  return (
    <div className="page">
      <PageHeader
        title={`${f.personName} · 聘任备案`}
        description={
          <Space wrap size={[8, 4]}>
            <FilingStatusTag filing={f} />
            {f.round ? <span>第 {f.round} 轮</span> : null}
          </Space>
        }
        extra={
          <Space wrap>
            <BackButton />
            {f.status === 'submitted' ? <Button onClick={withdraw}>撤回</Button> : null}
            {f.status === 'active' || f.status === 'ended' ? (
              <Button type={f.status === 'active' ? 'primary' : 'default'} icon={<DownloadOutlined />} onClick={() => download(proofHref(f.id))}>
                {f.status === 'ended' ? '下载备案证明（已失效）' : '下载备案证明'}
              </Button>
            ) : null}
            <ProofSerialLink filing={f} />
            {f.status === 'active' ? (
              <Button danger icon={<StopOutlined />} onClick={() => setEnding(true)}>
                解聘/辞任/退出
              </Button>
            ) : null}
          </Space>
        }
      />
      <FilingDetailView filing={f} audience="enterprise" />
      <EndFilingModal
        filing={ending ? f : null}
        onClose={() => setEnding(false)}
        onEnded={(answer) => {
          setEnding(false);
          changed(answer);
          message.success('聘任已结束，备案证明已失效');
        }}
      />
    </div>
  );
}

interface FormValues {
  /** The enterprise's candidate id (never a person id). */
  candidateId: number;
  appointmentDate: Dayjs;
  departmentsLed?: string;
  reportsToGeneralManager: boolean;
  vetoRight: boolean;
  treatment?: string;
  treatmentLevel?: string;
  attendsManagementMeetings?: boolean;
  postAllowanceYuan?: number | null;
  treatmentBenefits?: string[];
}

const FORM_FIELDS = ['candidateId', 'appointmentDate', 'departmentsLed', 'reportsToGeneralManager', 'vetoRight', 'treatment', 'treatmentLevel', 'attendsManagementMeetings', 'postAllowanceYuan', 'treatmentBenefits'] as const;
const STEPS = ['聘任信息', '资格审查', '授权书与提交'] as const;

const optional = (v: string | undefined): string | null => v?.trim() || null;

function FilingEditor({ filing, candidates }: { filing: FilingDetail | null; candidates: Candidate[] }) {
  const isMobile = useIsMobile();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const { message, modal } = App.useApp();
  const changed = useFilingChanged();
  const [params, setParams] = useSearchParams();
  const [form] = Form.useForm<FormValues>();
  const [saving, setSaving] = useState(false);
  const [formError, setFormError] = useState<string | null>(null);
  const [recording, setRecording] = useState(false);
  const [uploading, setUploading] = useState(false);

  const requested = Number(params.get('step') ?? 0);
  const step = filing ? (requested >= 0 && requested <= 2 ? requested : 0) : 0;
  const goTo = (s: number) => setParams(s ? { step: String(s) } : {}, { replace: true });
  const presetCandidate = Number(params.get('candidateId')) || undefined;

  const candidateOptions = useMemo(
    () =>
      candidates.map((c) => ({
        value: c.id,
        label: `${c.name}（${c.idNumberMasked}）`,
        title: `${c.name}：${educationLabel(c.education)}，质量管理 ${c.qualityYears} 年，${c.positionTitle}`,
      })),
    [candidates],
  );

  useEffect(() => {
    if (filing) {
      form.setFieldsValue({
        candidateId: filing.candidateId ?? undefined,
        appointmentDate: filing.appointmentDate ? dayjs(filing.appointmentDate) : undefined,
        departmentsLed: filing.departmentsLed ?? '',
        reportsToGeneralManager: filing.reportsToGeneralManager,
        vetoRight: filing.vetoRight,
        treatment: filing.treatment ?? '',
        treatmentLevel: filing.treatmentLevel ?? undefined,
        attendsManagementMeetings: filing.attendsManagementMeetings ?? undefined,
        postAllowanceYuan: filing.postAllowanceYuan,
        treatmentBenefits: filing.treatmentBenefits,
      });
    }
  }, [filing, form]);

  const candidateId = Form.useWatch('candidateId', form);
  const chosen = candidates.find((c) => c.id === candidateId);

  const save = async (v: FormValues) => {
    setSaving(true);
    setFormError(null);
    const body = {
      candidateId: v.candidateId,
      appointmentDate: v.appointmentDate.format('YYYY-MM-DD'),
      departmentsLed: optional(v.departmentsLed),
      reportsToGeneralManager: v.reportsToGeneralManager,
      vetoRight: v.vetoRight,
      treatment: optional(v.treatment),
      treatmentLevel: v.treatmentLevel ?? null,
      attendsManagementMeetings: v.attendsManagementMeetings ?? null,
      postAllowanceYuan: v.postAllowanceYuan ?? null,
      treatmentBenefits: v.treatmentBenefits ?? [],
    };
    try {
      const saved = filing ? await api.put<FilingDetail>(`/api/filings/${filing.id}`, { ...body, version: filing.version }) : await api.post<FilingDetail>('/api/filings', body);
      changed(saved);
      if (filing) goTo(1);
      else void navigate(`/my-filings/${saved.id}?step=1`, { replace: true });
    } catch (err) {
      setFormError(applyServerErrors(form, err, FORM_FIELDS));
    } finally {
      setSaving(false);
    }
  };

  const upload: UploadProps['customRequest'] = ({ file, onSuccess, onError }) => {
    if (!filing) return;
    const data = new FormData();
    data.append('file', file as Blob);
    setUploading(true);
    api
      .upload<FilingDetail>(`/api/filings/${filing.id}/authorization-letter`, data)
      .then((saved) => {
        changed(saved);
        message.success('授权书已上传');
        onSuccess?.(saved);
      })
      .catch((err: unknown) => {
        message.error(errorMessage(err));
        onError?.(err instanceof Error ? err : new Error(errorMessage(err)));
      })
      .finally(() => setUploading(false));
  };

  const checkLetter: UploadProps['beforeUpload'] = (file) => {
    if (!LETTER_EXTENSIONS.test(file.name)) {
      message.error('授权书应为 PDF、JPG 或 PNG 文件');
      return Upload.LIST_IGNORE;
    }
    if (file.size > LETTER_MAX_BYTES) {
      message.error('授权书文件不能超过 10 MB');
      return Upload.LIST_IGNORE;
    }
    return true;
  };

  const submit = () => {
    if (!filing) return;
    const e = filing.eligibility;
    const warnings = [
      filing.hasAuthorizationLetter ? null : '尚未上传授权书，主管局可能退回补正。',
      e && !e.pass ? '资格审查未通过，主管局可能退回或不予备案。' : null,
    ].filter((w): w is string => w !== null);
    modal.confirm({
      title: filing.round ? `重新提交，进入第 ${filing.round + 1} 轮审核？` : '提交主管局审核？',
      content: (
        <div>
          <p>
            提交后由{filing.orgUnitName}市场监督管理局审核，审核期间不能修改，可在审核前撤回。
          </p>
          {warnings.length ? (
            <Alert type="warning" showIcon title="请注意" description={<ul className="plain-list">{warnings.map((w) => <li key={w}>{w}</li>)}</ul>} />
          ) : null}
        </div>
      ),
      okText: '提交',
      cancelText: '再看看',
      onOk: async () => {
        try {
          const submitted = await api.post<FilingDetail>(`/api/filings/${filing.id}/submit`);
          changed(submitted);
          message.success(`已提交第 ${submitted.round} 轮审核，审核期限 ${submitted.reviewDeadline ?? '—'}`);
          void navigate('/my-filings');
        } catch (error) {
          message.error(errorMessage(error));
        }
      },
    });
  };

  const withdraw = () => {
    if (!filing) return;
    const draft = filing.status === 'draft';
    modal.confirm({
      title: draft ? '放弃这份备案草稿？' : '撤回这份备案？',
      content: draft ? '放弃后草稿不能再修改提交。' : '撤回后本次备案结束，不能再修改提交。如需备案，须重新新建。',
      okText: draft ? '放弃草稿' : '撤回',
      okButtonProps: { danger: true },
      cancelText: '取消',
      onOk: async () => {
        try {
          changed(await api.post<FilingDetail>(`/api/filings/${filing.id}/withdraw`));
          message.success(draft ? '草稿已放弃' : '备案已撤回');
          void navigate('/my-filings');
        } catch (error) {
          message.error(errorMessage(error));
        }
      },
    });
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
        extra={<BackButton />}
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
        <Card size="small" className="block-card" title="聘任信息">
          {formError ? <Alert className="form-alert" type="error" showIcon title={formError} /> : null}
          {candidates.length === 0 ? (
            <Alert
              className="form-alert"
              type="info"
              showIcon
              title="请先登记拟任人员"
              action={
                <Button size="small" type="primary" onClick={() => setRecording(true)}>
                  登记
                </Button>
              }
            />
          ) : null}
          <Form<FormValues>
            form={form}
            layout="vertical"
            onFinish={(v) => void save(v)}
            onValuesChange={() => setFormError(null)}
            scrollToFirstError
            initialValues={{ candidateId: presetCandidate, reportsToGeneralManager: true, vetoRight: true }}
          >
            <Row gutter={16}>
              <Col xs={24} md={12}>
                <Form.Item
                  label="拟任人员"
                  name="candidateId"
                  rules={[{ required: true, message: '请选择拟任人员' }]}
                  extra={
                    chosen ? (
                      `${educationLabel(chosen.education)} · 质量管理 ${chosen.qualityYears} 年 · ${chosen.positionTitle}（${positionLabel(chosen.positionLevel)}）`
                    ) : (
                      <Button type="link" size="small" className="inline-link" icon={<UserAddOutlined />} onClick={() => setRecording(true)}>
                        登记新的拟任人员
                      </Button>
                    )
                  }
                >
                  <Select options={candidateOptions} placeholder="从已登记的拟任人员中选择" showSearch={{ optionFilterProp: 'label' }} />
                </Form.Item>
              </Col>
              <Col xs={24} md={12}>
                <Form.Item label="聘任日期" name="appointmentDate" rules={[{ required: true, message: '请选择聘任日期' }]} extra="以企业聘任文件为准">
                  <DatePicker className="full-width" inputReadOnly={isMobile} placeholder="选择日期" />
                </Form.Item>
              </Col>
              <Col xs={24} md={12}>
                <Form.Item label="分管部门" name="departmentsLed">
                  <Input maxLength={200} placeholder="如：质量管理部、检验检测中心" />
                </Form.Item>
              </Col>
              <Col xs={24} md={12}>
                <Form.Item label="岗位待遇层级" name="treatmentLevel" extra="政策建议规上企业首席质量官享受企业高层副职（含）以上领导岗位待遇">
                  <Select options={TREATMENT_LEVEL_OPTIONS} placeholder="请选择" />
                </Form.Item>
              </Col>
              <Col xs={24} md={12}>
                <Form.Item label="参加总经理例会、参与经营管理决策" name="attendsManagementMeetings" extra="苏质委办〔2020〕9号 三.2">
                  <Radio.Group options={[{ value: true, label: '是' }, { value: false, label: '否' }]} />
                </Form.Item>
              </Col>
              <Col xs={24} md={12}>
                <Form.Item label="岗位津贴（元/月）" name="postAllowanceYuan">
                  <InputNumber className="full-width" min={0} max={1000000} precision={0} placeholder="无则不填" />
                </Form.Item>
              </Col>
              <Col xs={24} md={12}>
                <Form.Item label="工作、生活待遇" name="treatmentBenefits">
                  <Checkbox.Group options={TREATMENT_BENEFIT_OPTIONS} />
                </Form.Item>
              </Col>
              <Col xs={24} md={12}>
                <Form.Item label="其他待遇说明" name="treatment">
                  <Input maxLength={200} placeholder="如：年度体检、带薪休假等" />
                </Form.Item>
              </Col>
              <Col xs={24} md={12}>
                <Form.Item
                  label="直接向总经理负责"
                  name="reportsToGeneralManager"
                  rules={[{ required: true, message: '请选择' }]}
                  extra="政策要求首席质量官直接向企业总经理（主要负责人）负责"
                >
                  <Radio.Group
                    optionType="button"
                    buttonStyle="solid"
                    options={[
                      { value: true, label: '是' },
                      { value: false, label: '否' },
                    ]}
                  />
                </Form.Item>
              </Col>
              <Col xs={24} md={12}>
                <Form.Item label="质量安全一票否决权" name="vetoRight" rules={[{ required: true, message: '请选择' }]} extra="对影响产品质量安全的决策有一票否决权">
                  <Radio.Group
                    optionType="button"
                    buttonStyle="solid"
                    options={[
                      { value: true, label: '有' },
                      { value: false, label: '无' },
                    ]}
                  />
                </Form.Item>
              </Col>
            </Row>
            <Space wrap>
              <Button type="primary" htmlType="submit" loading={saving}>
                保存，下一步：资格审查
              </Button>
              {filing ? <Button onClick={withdraw}>{filing.status === 'draft' ? '放弃草稿' : '撤回备案'}</Button> : null}
            </Space>
          </Form>
        </Card>
      ) : null}

      {step === 1 && filing ? (
        <>
          <Card size="small" className="block-card" title="资格审查结果">
            <Typography.Paragraph type="secondary" className="card-lead">
              根据本企业类别和拟任人员登记信息自动审查，每次保存和提交时按现行任职条件重新审查。
            </Typography.Paragraph>
            <EligibilityView result={filing.eligibility} ruleVersion={filing.ruleVersion} audience="enterprise" />
          </Card>
          <Card size="small" className="block-card" title="拟任人员">
            <PersonDescriptions person={filing.person} />
            {filing.eligibility && !filing.eligibility.pass ? (
              <Typography.Paragraph type="secondary" className="card-footnote">
                学历、年限、职务以拟任人员登记信息为准。可返回上一步改选其他拟任人员或修改聘任事项。
              </Typography.Paragraph>
            ) : null}
          </Card>
          <Space wrap className="step-actions">
            <Button onClick={() => goTo(0)}>上一步：修改聘任信息</Button>
            <Button type="primary" onClick={() => goTo(2)}>
              下一步：上传授权书
            </Button>
          </Space>
        </>
      ) : null}

      {step === 2 && filing ? (
        <>
          <Card size="small" className="block-card" title="授权书">
            <Typography.Paragraph type="secondary" className="card-lead">
              企业法定代表人签署并加盖公章的首席质量官授权书，PDF、JPG 或 PNG 格式，不超过 10 MB。重新上传将替换原文件。
            </Typography.Paragraph>
            <Space wrap size={[16, 8]} align="center">
              <Upload accept=".pdf,.jpg,.jpeg,.png" maxCount={1} showUploadList={false} beforeUpload={checkLetter} customRequest={upload}>
                <Button icon={<UploadOutlined />} loading={uploading} type={filing.hasAuthorizationLetter ? 'default' : 'primary'}>
                  {filing.hasAuthorizationLetter ? '重新上传' : '上传授权书'}
                </Button>
              </Upload>
              <span>
                {filing.hasAuthorizationLetter ? <Typography.Text type="success">已上传 · </Typography.Text> : null}
                <LetterLink filing={filing} />
              </span>
            </Space>
          </Card>
          <Card size="small" className="block-card" title="核对后提交">
            <Row gutter={16}>
              <Col xs={24} lg={10}>
                <AppointmentDescriptions filing={filing} />
              </Col>
              <Col xs={24} lg={14}>
                <div className="submit-summary">
                  <Typography.Text>
                    拟任人员：<strong>{filing.personName}</strong>（<span className="mono">{filing.idNumberMasked}</span>）
                  </Typography.Text>
                  <Typography.Text>
                    资格审查：
                    {filing.eligibility?.advisory ? (
                      <Typography.Text type="warning">小微企业可自定条件</Typography.Text>
                    ) : filing.eligibility?.pass ? (
                      <Typography.Text type="success">符合</Typography.Text>
                    ) : (
                      <Typography.Text type="danger">不符合</Typography.Text>
                    )}
                  </Typography.Text>
                  <Typography.Text>审核机关：{filing.orgUnitName}市场监督管理局</Typography.Text>
                </div>
              </Col>
            </Row>
          </Card>
          <Space wrap className="step-actions">
            <Button onClick={() => goTo(1)}>上一步</Button>
            <Button type="primary" icon={<SendOutlined />} onClick={submit}>
              {filing.round ? `重新提交（第 ${filing.round + 1} 轮）` : '提交审核'}
            </Button>
            <Button onClick={withdraw}>{filing.status === 'draft' ? '放弃草稿' : '撤回备案'}</Button>
          </Space>
        </>
      ) : null}

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
