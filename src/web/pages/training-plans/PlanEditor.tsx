import { DeleteOutlined, SaveOutlined, SendOutlined } from '@ant-design/icons';
import { Alert, App, Button, Col, Form, Input, InputNumber, Row, Select, Space, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useNavigate, useSearchParams } from 'react-router';
import type { TrainingTier } from '../../../domain/training-delegation';
import { api } from '../../api/client';
import type { PlanDetail, PlanInput } from '../../api/training-plan-types';
import { useMe } from '../../auth/session';
import { useConfirmAction } from '../../components/confirm-action';
import { applyServerErrors } from '../../components/form-errors';
import { PageHeader } from '../../components/PageHeader';
import { currentYear, PLANS_KEY, PlanStatusTag, TIER_OPTIONS, yearOptions, yuan } from './dict';
import { emptyPlanClass, PlanClassesFields } from './PlanClassesFields';
import { PlanComments } from './PlanComments';
import { usePlanChanged } from './use-plan-changed';

const FIELDS = ['year', 'tier', 'title', 'topics', 'summary', 'budgetYuan', 'classes'];

/** A new plan, or the bureau's own draft or returned plan: 保存草稿, 报送上级 (备案 for the province), 删除草稿. */
export function PlanEditor({ plan }: { plan: PlanDetail | null }) {
  const me = useMe();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const { message } = App.useApp();
  const { confirm } = useConfirmAction();
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
      form.setFieldsValue({
        ...plan,
        classes: plan.classes.map(({ title, plannedMonth, format, places, hours, budgetYuan, budgetNote }) => ({
          title,
          plannedMonth,
          format,
          places,
          hours,
          budgetYuan,
          budgetNote,
        })),
      });
    } else {
      const year = Number(params.get('year')) || currentYear();
      const t = tiers[0] ?? 'basic';
      form.setFieldsValue({
        year,
        tier: t,
        title: `${year} 年度${me.orgUnit.name}首席质量官${TIER_OPTIONS.find((o) => o.value === t)?.label ?? ''}计划`,
        topics: [],
        budgetYuan: 0,
        classes: [emptyPlanClass(t)],
      });
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

  const onSubmit = () =>
    confirm({
      title: '报送计划',
      content: `报送后由${plan?.reviewerUnitName ?? '上级市场监管部门'}审阅，审阅前不能修改。确认报送？`,
      okText: '确认报送',
      // saved first; what the form or the server refuses is shown on the form's fields (null: nothing sent)
      action: async (): Promise<PlanDetail | null> => {
        const saved = await save();
        if (!saved) return null;
        try {
          return await api.post<PlanDetail>(`/api/training-plans/${saved.id}/submit`);
        } catch (err) {
          setError(applyServerErrors(form, err, FIELDS));
          return null;
        }
      },
      onDone: (submitted) => {
        if (submitted) changed(submitted);
      },
      success: (submitted) => (submitted ? '计划已报送' : null),
    });

  const onDelete = () => {
    if (!plan) return;
    confirm({
      title: '删除草稿',
      content: '删除后不可恢复，确认删除？',
      okText: '删除',
      danger: true,
      action: () => api.delete(`/api/training-plans/${plan.id}`),
      onDone: () => navigate('/training-plans', { replace: true }),
      success: '草稿已删除',
      invalidate: [PLANS_KEY],
    });
  };

  return (
    <div className="page">
      <PageHeader
        title={plan ? '修改培训计划' : '编制培训计划'}
        back={{ title: '培训计划', to: '/training-plans' }}
        description={
          plan ? (
            <Space wrap>
              {plan.orgUnitName}
              <PlanStatusTag status={plan.status} />
            </Space>
          ) : (
            `${me.orgUnit.name} · 计划保存为草稿，报送后由上一级市场监管部门审阅`
          )
        }
      />
      {plan?.status === 'returned' ? (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 12 }}
          title="计划被退回修改"
          description={plan.comments.filter((c) => c.kind === 'returned').pop()?.body ?? ''}
        />
      ) : null}
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
            <Form.Item
              name="budgetYuan"
              label="专项经费预算（元）"
              rules={[{ required: true, message: '请填写专项经费预算' }]}
              extra={`各班次预算合计 ${yuan(classBudget)}`}
            >
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
          <Alert
            type="info"
            showIcon
            style={{ marginBottom: 12 }}
            title={`市级基础培训计划覆盖合并至市级的县（市、区）${plan?.coveredCounties.length ? `：${plan.coveredCounties.map((c) => c.name).join('、')}` : ''}`}
          />
        ) : null}
        <Typography.Title level={5}>计划班次</Typography.Title>
        <PlanClassesFields tier={tier} />
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
      {plan && plan.comments.length > 0 ? <PlanComments plan={plan} /> : null}
    </div>
  );
}
