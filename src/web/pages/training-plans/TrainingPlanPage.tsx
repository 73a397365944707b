import { ArrowLeftOutlined, CheckOutlined, DeleteOutlined, MinusCircleOutlined, PlusOutlined, RollbackOutlined, SaveOutlined, SendOutlined } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Col, Descriptions, Form, Input, InputNumber, Modal, Row, Select, Space, Spin, Table, Tag, Timeline, Typography, type TableColumnsType } from 'antd';
import { useEffect, useState } from 'react';
import { useNavigate, useParams, useSearchParams } from 'react-router';
import type { TrainingTier } from '../../../domain/training-delegation';
import { ApiError, api, errorMessage } from '../../api/client';
import type { PlanComment, PlanDetail, PlanInput, PlannedClass } from '../../api/training-plan-types';
import { useMe } from '../../auth/session';
import { applyServerErrors } from '../../components/form-errors';
import { formatDateTimeShort } from '../../components/format';
import { PageHeader } from '../../components/PageHeader';
import { NotFoundPage } from '../../components/ResultPages';
import { useIsMobile } from '../../components/use-is-mobile';
import { currentYear, FORMAT_LABELS, FORMAT_OPTIONS, PLANS_KEY, PlanStatusTag, TIER_OPTIONS, TierTag, yearOptions, yuan } from './dict';

const FIELDS = ['year', 'tier', 'title', 'topics', 'summary', 'budgetYuan', 'classes'];
const COMMENT_LABELS: Record<PlanComment['kind'], { text: string; color: string }> = {
  submitted: { text: '报送', color: 'blue' },
  comment: { text: '意见', color: 'gray' },
  returned: { text: '退回修改', color: 'orange' },
  acknowledged: { text: '阅知', color: 'green' },
};

const emptyClass = (tier: TrainingTier): PlanInput['classes'][number] => ({
  title: tier === 'basic' ? '首席质量官任职培训班' : tier === 'enhanced' ? '首席质量官继续教育提升班' : '首席质量官高级研修班',
  plannedMonth: 4,
  format: 'offline',
  places: 50,
  hours: 16,
  budgetYuan: 0,
  budgetNote: null,
});

/** One training plan: edited by its bureau while a draft or returned, read and reviewed by the bureaus above. */
export default function TrainingPlanPage() {
  const { id = 'new' } = useParams();
  const isNew = id === 'new';
  const valid = isNew || /^\d+$/.test(id);
  const plan = useQuery({ queryKey: [...PLANS_KEY, 'plan', id], queryFn: () => api.get<PlanDetail>(`/api/training-plans/${id}`), enabled: valid && !isNew });
  const notFound = plan.error instanceof ApiError && (plan.error.status === 404 || plan.error.status === 400);
  if (!valid || notFound) return <NotFoundPage />;
  if (isNew) return <PlanEditor plan={null} />;
  if (plan.isPending) {
    return (
      <div className="page-spin">
        <Spin />
      </div>
    );
  }
  if (plan.isError) {
    return (
      <div className="page">
        <Alert type="error" showIcon title="计划加载失败" description={errorMessage(plan.error)} />
      </div>
    );
  }
  return plan.data.can.edit ? <PlanEditor plan={plan.data} /> : <PlanView plan={plan.data} />;
}

function usePlanChanged() {
  const queryClient = useQueryClient();
  return (p: PlanDetail) => {
    queryClient.setQueryData([...PLANS_KEY, 'plan', String(p.id)], p);
    void queryClient.invalidateQueries({ queryKey: PLANS_KEY });
  };
}

function PlanEditor({ plan }: { plan: PlanDetail | null }) {
  const me = useMe();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const { message, modal } = App.useApp();
  const changed = usePlanChanged();
  const [form] = Form.useForm<PlanInput>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const tiers: TrainingTier[] = me.orgUnit.kind === 'province' ? ['advanced'] : me.orgUnit.kind === 'city' ? ['enhanced', 'basic'] : ['basic'];
  const tier = (Form.useWatch('tier', form) ?? plan?.tier ?? tiers[0] ?? 'basic') as TrainingTier;
  const classes = (Form.useWatch('classes', form) ?? []) as PlanInput['classes'];
  const classBudget = classes.reduce((n, c) => n + (Number(c.budgetYuan) || 0), 0);

  useEffect(() => {
    if (plan) {
      form.setFieldsValue({ ...plan, classes: plan.classes.map(({ title, plannedMonth, format, places, hours, budgetYuan, budgetNote }) => ({ title, plannedMonth, format, places, hours, budgetYuan, budgetNote })) });
    } else {
      const year = Number(params.get('year')) || currentYear();
      const t = tiers[0] ?? 'basic';
      form.setFieldsValue({ year, tier: t, title: `${year} 年度${me.orgUnit.name}首席质量官${TIER_OPTIONS.find((o) => o.value === t)?.label ?? ''}计划`, topics: [], budgetYuan: 0, classes: [emptyClass(t)] });
    }
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [plan?.id, plan?.version]);

  const save = async (): Promise<PlanDetail | null> => {
    setError(null);
    let values: PlanInput;
    try {
      values = await form.validateFields();
    } catch {
      return null;
    }
    const body = { ...values, summary: values.summary || null, classes: (values.classes ?? []).map((c) => ({ ...c, budgetNote: c.budgetNote || null })) };
    setBusy(true);
    try {
      const saved = plan
        ? await api.put<PlanDetail>(`/api/training-plans/${plan.id}`, { ...body, year: undefined, tier: undefined, version: plan.version })
        : await api.post<PlanDetail>('/api/training-plans', body);
      changed(saved);
      return saved;
    } catch (err) {
      setError(applyServerErrors(form, err, FIELDS));
      return null;
    } finally {
      setBusy(false);
    }
  };

  const onSave = async () => {
    const saved = await save();
    if (!saved) return;
    void message.success('计划已保存');
    if (!plan) void navigate(`/training-plans/${saved.id}`, { replace: true });
  };

  const onSubmit = () => {
    modal.confirm({
      title: '报送计划',
      content: `报送后由${plan?.reviewerUnitName ?? '上级市场监管部门'}审阅，审阅前不能修改。确认报送？`,
      okText: '确认报送',
      onOk: async () => {
        const saved = await save();
        if (!saved) return;
        try {
          changed(await api.post<PlanDetail>(`/api/training-plans/${saved.id}/submit`));
          void message.success('计划已报送');
        } catch (err) {
          setError(applyServerErrors(form, err, FIELDS));
        }
      },
    });
  };

  const onDelete = () => {
    if (!plan) return;
    modal.confirm({
      title: '删除草稿',
      content: '删除后不可恢复，确认删除？',
      okButtonProps: { danger: true },
      okText: '删除',
      onOk: async () => {
        try {
          await api.delete(`/api/training-plans/${plan.id}`);
          void message.success('草稿已删除');
          void navigate('/training-plans', { replace: true });
        } catch (err) {
          setError(errorMessage(err));
        }
      },
    });
  };

  return (
    <div className="page">
      <PageHeader
        title={plan ? '修改培训计划' : '编制培训计划'}
        description={plan ? <Space wrap>{plan.orgUnitName}<PlanStatusTag status={plan.status} /></Space> : `${me.orgUnit.name} · 计划保存为草稿，报送后由上一级市场监管部门审阅`}
        extra={
          <Button icon={<ArrowLeftOutlined />} onClick={() => void navigate('/training-plans')}>
            返回列表
          </Button>
        }
      />
      {plan?.status === 'returned' ? <Alert type="warning" showIcon style={{ marginBottom: 12 }} title="计划被退回修改" description={plan.comments.filter((c) => c.kind === 'returned').pop()?.body ?? ''} /> : null}
      {error ? <Alert type="error" showIcon style={{ marginBottom: 12 }} title={error} /> : null}
      <Form form={form} layout="vertical" disabled={busy}>
        <Row gutter={16}>
          <Col xs={24} sm={8}>
            <Form.Item name="year" label="年度" rules={[{ required: true, message: '请选择年度' }]}>
              <Select options={yearOptions()} disabled={!!plan} />
            </Form.Item>
          </Col>
          <Col xs={24} sm={8}>
            <Form.Item name="tier" label="培训层级" rules={[{ required: true, message: '请选择培训层级' }]}>
              <Select options={TIER_OPTIONS.filter((o) => tiers.includes(o.value) || o.value === plan?.tier)} disabled={!!plan} />
            </Form.Item>
          </Col>
          <Col xs={24} sm={8}>
            <Form.Item name="budgetYuan" label="专项经费预算（元）" rules={[{ required: true, message: '请填写专项经费预算' }]} extra={`各班次预算合计 ${yuan(classBudget)}`}>
              <InputNumber min={0} precision={0} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item name="title" label="计划名称" rules={[{ required: true, whitespace: true, message: '请填写计划名称' }]}>
          <Input maxLength={100} />
        </Form.Item>
        <Form.Item name="topics" label="培训主题" extra="输入后回车，可填多个">
          <Select mode="tags" tokenSeparators={['，', ',', '、']} open={false} />
        </Form.Item>
        <Form.Item name="summary" label="计划说明">
          <Input.TextArea rows={3} maxLength={4000} />
        </Form.Item>
        {tier === 'basic' && me.orgUnit.kind === 'city' ? (
          <Alert type="info" showIcon style={{ marginBottom: 12 }} title={`市级基础培训计划覆盖合并至市级的县（市、区）${plan?.coveredCounties.length ? `：${plan.coveredCounties.map((c) => c.name).join('、')}` : ''}`} />
        ) : null}
        <Typography.Title level={5}>计划班次</Typography.Title>
        <Form.List name="classes">
          {(fields, { add, remove }) => (
            <>
              {fields.map((field, index) => (
                <Card key={field.key} size="small" style={{ marginBottom: 12 }} title={`班次 ${index + 1}`} extra={<Button type="text" danger icon={<MinusCircleOutlined />} aria-label="删除班次" onClick={() => remove(field.name)} />}>
                  <Row gutter={12}>
                    <Col xs={24} md={12}>
                      <Form.Item name={[field.name, 'title']} label="班次名称" rules={[{ required: true, whitespace: true, message: '请填写班次名称' }]}>
                        <Input maxLength={100} />
                      </Form.Item>
                    </Col>
                    <Col xs={12} md={6}>
                      <Form.Item name={[field.name, 'plannedMonth']} label="计划月份" rules={[{ required: true, message: '请选择月份' }]}>
                        <Select options={Array.from({ length: 12 }, (_v, i) => ({ value: i + 1, label: `${i + 1} 月` }))} />
                      </Form.Item>
                    </Col>
                    <Col xs={12} md={6}>
                      <Form.Item name={[field.name, 'format']} label="培训形式" rules={[{ required: true, message: '请选择形式' }]}>
                        <Select options={FORMAT_OPTIONS} />
                      </Form.Item>
                    </Col>
                    <Col xs={8} md={4}>
                      <Form.Item name={[field.name, 'places']} label="计划人数" rules={[{ required: true, message: '必填' }]}>
                        <InputNumber min={1} precision={0} style={{ width: '100%' }} />
                      </Form.Item>
                    </Col>
                    <Col xs={8} md={4}>
                      <Form.Item name={[field.name, 'hours']} label="学时" rules={[{ required: true, message: '必填' }]}>
                        <InputNumber min={1} precision={0} style={{ width: '100%' }} />
                      </Form.Item>
                    </Col>
                    <Col xs={8} md={6}>
                      <Form.Item name={[field.name, 'budgetYuan']} label="预算（元）" rules={[{ required: true, message: '必填' }]}>
                        <InputNumber min={0} precision={0} style={{ width: '100%' }} />
                      </Form.Item>
                    </Col>
                    <Col xs={24} md={10}>
                      <Form.Item name={[field.name, 'budgetNote']} label="经费说明">
                        <Input maxLength={200} placeholder="如：师资、场地与资料费" />
                      </Form.Item>
                    </Col>
                  </Row>
                </Card>
              ))}
              <Button type="dashed" block icon={<PlusOutlined />} onClick={() => add(emptyClass(tier))} style={{ marginBottom: 16 }}>
                添加班次
              </Button>
            </>
          )}
        </Form.List>
      </Form>
      <Space wrap>
        <Button icon={<SaveOutlined />} loading={busy} onClick={() => void onSave()}>
          保存草稿
        </Button>
        {me.orgUnit.kind !== 'province' || plan ? (
          <Button type="primary" icon={<SendOutlined />} disabled={busy} onClick={onSubmit}>
            {me.orgUnit.kind === 'province' ? '备案' : '报送上级'}
          </Button>
        ) : null}
        {plan?.can.remove ? (
          <Button danger icon={<DeleteOutlined />} onClick={onDelete}>
            删除草稿
          </Button>
        ) : null}
      </Space>
      {plan && plan.comments.length > 0 ? <Comments plan={plan} /> : null}
    </div>
  );
}

function Comments({ plan }: { plan: PlanDetail }) {
  return (
    <Card size="small" title="报送与审阅记录" style={{ marginTop: 16 }}>
      <Timeline
        items={plan.comments.map((c) => ({
          color: COMMENT_LABELS[c.kind].color,
          content: (
            <div>
              <Space wrap size={4}>
                <Tag color={COMMENT_LABELS[c.kind].color}>{COMMENT_LABELS[c.kind].text}</Tag>
                <span>
                  {c.authorUnitName} · {c.authorName}
                </span>
                <Typography.Text type="secondary">{formatDateTimeShort(c.createdAt)}</Typography.Text>
              </Space>
              {c.body ? <div style={{ whiteSpace: 'pre-wrap', marginTop: 4 }}>{c.body}</div> : null}
            </div>
          ),
        }))}
      />
    </Card>
  );
}

type ReviewAction = 'comment' | 'acknowledge' | 'return';
const ACTIONS: Record<ReviewAction, { title: string; label: string; required: boolean; path: string; field: 'body' | 'remarks'; done: string }> = {
  comment: { title: '发表意见', label: '意见', required: true, path: 'comments', field: 'body', done: '意见已发送' },
  acknowledge: { title: '阅知', label: '审阅意见（选填）', required: false, path: 'acknowledge', field: 'remarks', done: '已阅知' },
  return: { title: '退回修改', label: '退回意见', required: true, path: 'return', field: 'remarks', done: '已退回修改' },
};

function PlanView({ plan }: { plan: PlanDetail }) {
  const navigate = useNavigate();
  const isMobile = useIsMobile();
  const { message } = App.useApp();
  const changed = usePlanChanged();
  const [action, setAction] = useState<ReviewAction | null>(null);
  const [text, setText] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const run = async () => {
    if (!action) return;
    const cfg = ACTIONS[action];
    setBusy(true);
    setError(null);
    try {
      changed(await api.post<PlanDetail>(`/api/training-plans/${plan.id}/${cfg.path}`, { [cfg.field]: text.trim() || undefined }));
      void message.success(cfg.done);
      setAction(null);
      setText('');
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  };

  const columns: TableColumnsType<PlannedClass> = [
    { title: '序号', dataIndex: 'seq', width: 60 },
    { title: '班次', dataIndex: 'title', render: (t: string, c) => (isMobile ? <div className="cell-stack"><span>{t}</span><Typography.Text type="secondary">{c.plannedMonth} 月 · {FORMAT_LABELS[c.format]} · {c.places} 人 · {c.hours} 学时 · {yuan(c.budgetYuan)}</Typography.Text></div> : t) },
    ...(isMobile
      ? []
      : ([
          { title: '计划月份', dataIndex: 'plannedMonth', width: 90, render: (m: number) => `${m} 月` },
          { title: '形式', dataIndex: 'format', width: 110, render: (f: PlannedClass['format']) => FORMAT_LABELS[f] },
          { title: '人数', dataIndex: 'places', width: 70 },
          { title: '学时', dataIndex: 'hours', width: 70 },
          { title: '预算', dataIndex: 'budgetYuan', width: 120, align: 'right', render: (n: number) => yuan(n) },
          { title: '经费说明', dataIndex: 'budgetNote', render: (n: string | null) => n ?? '—' },
        ] as TableColumnsType<PlannedClass>)),
  ];

  return (
    <div className="page">
      <PageHeader
        title={plan.title}
        description={
          <Space wrap>
            {plan.orgUnitName}
            <TierTag tier={plan.tier} />
            <PlanStatusTag status={plan.status} />
          </Space>
        }
        extra={
          <Space wrap>
            <Button icon={<ArrowLeftOutlined />} onClick={() => void navigate('/training-plans')}>
              返回列表
            </Button>
            {plan.can.review ? (
              <>
                <Button type="primary" icon={<CheckOutlined />} onClick={() => setAction('acknowledge')}>
                  阅知
                </Button>
                <Button danger icon={<RollbackOutlined />} onClick={() => setAction('return')}>
                  退回修改
                </Button>
              </>
            ) : null}
            {plan.can.comment ? <Button onClick={() => setAction('comment')}>发表意见</Button> : null}
          </Space>
        }
      />
      <Descriptions bordered size="small" column={{ xs: 1, sm: 2, md: 3 }} style={{ marginBottom: 16 }}>
        <Descriptions.Item label="年度">{plan.year}</Descriptions.Item>
        <Descriptions.Item label="审阅单位">{plan.reviewerUnitName ?? '—'}</Descriptions.Item>
        <Descriptions.Item label="报送时间">{formatDateTimeShort(plan.submittedAt)}</Descriptions.Item>
        <Descriptions.Item label="专项经费预算">{yuan(plan.budgetYuan)}</Descriptions.Item>
        <Descriptions.Item label="班次预算合计">{yuan(plan.classBudgetYuan)}</Descriptions.Item>
        <Descriptions.Item label="班次 / 人数 / 学时">
          {plan.classCount} / {plan.places} / {plan.hours}
        </Descriptions.Item>
        <Descriptions.Item label="培训主题" span={3}>
          {plan.topics.length ? plan.topics.map((t) => <Tag key={t}>{t}</Tag>) : '—'}
        </Descriptions.Item>
        {plan.coveredCounties.length ? (
          <Descriptions.Item label="覆盖合并县（市、区）" span={3}>
            {plan.coveredCounties.map((c) => c.name).join('、')}
          </Descriptions.Item>
        ) : null}
        <Descriptions.Item label="计划说明" span={3}>
          <span style={{ whiteSpace: 'pre-wrap' }}>{plan.summary ?? '—'}</span>
        </Descriptions.Item>
      </Descriptions>
      <Typography.Title level={5}>计划班次</Typography.Title>
      <Table<PlannedClass> rowKey="id" size="small" columns={columns} dataSource={plan.classes} pagination={false} />
      <Comments plan={plan} />
      <Modal
        open={action !== null}
        title={action ? ACTIONS[action].title : ''}
        okText="确定"
        confirmLoading={busy}
        okButtonProps={{ disabled: action ? ACTIONS[action].required && text.trim().length < 2 : true, danger: action === 'return' }}
        onOk={() => void run()}
        onCancel={() => {
          setAction(null);
          setError(null);
        }}
        destroyOnHidden
      >
        {error ? <Alert type="error" showIcon style={{ marginBottom: 12 }} title={error} /> : null}
        <Typography.Paragraph>{action ? ACTIONS[action].label : ''}</Typography.Paragraph>
        <Input.TextArea rows={4} maxLength={2000} value={text} onChange={(e) => setText(e.target.value)} aria-label={action ? ACTIONS[action].label : ''} />
      </Modal>
    </div>
  );
}
