import { useQuery } from '@tanstack/react-query';
import {
  Alert,
  Button,
  Card,
  Col,
  Collapse,
  Descriptions,
  Empty,
  Form,
  Input,
  InputNumber,
  Modal,
  Row,
  Select,
  Switch,
  Table,
  Tag,
  Typography,
  type TableColumnsType,
} from 'antd';
import { useState } from 'react';
import { SEGMENTS, type EligibilityRules, type Segment, type SegmentRule } from '../../../domain/eligibility';
import { api } from '../../api/client';
import type { EligibilityRulesAnswer, EligibilityRulesVersion } from '../../api/types';
import { useSession } from '../../auth/session';
import { EDUCATION_OPTIONS, educationLabel, POSITION_OPTIONS, positionLabel } from '../../components/filing-dict';
import { formatDateTime } from '../../components/format';
import { QueryState } from '../../components/list/QueryState';
import { FormError, useFormMutation } from '../../components/list/use-form-mutation';
import { PageHeader } from '../../components/PageHeader';
import { useIsMobile } from '../../components/use-is-mobile';
import './eligibility.css';
import { queryKeys } from '../../api/query-keys';

const RULES_KEY = queryKeys.eligibilityRules;
const SEGMENT_KEYS = Object.keys(SEGMENTS) as Segment[];
const NEW_VERSION_EFFECT = '发布后提交的备案按新版本审查；此前已审查的备案仍保留当时所依据的版本。';

/** Text of each criterion, as the eligibility check phrases it (src/domain/eligibility.ts). */
const show = {
  education: (r: SegmentRule) => `${educationLabel(r.minEducation)}及以上`,
  years: (r: SegmentRule) => `${r.minQualityYears} 年及以上`,
  position: (r: SegmentRule) => (r.minPosition ? `${positionLabel(r.minPosition)}及以上` : '不限'),
  yesNo: (v: boolean) => (v ? '是' : '否'),
};

interface SegmentRow {
  segment: Segment;
  rule: SegmentRule;
}

const COLUMNS: TableColumnsType<SegmentRow> = [
  { title: '企业类型', key: 'segment', render: (_v, r) => <strong>{SEGMENTS[r.segment]}</strong> },
  { title: '学历', key: 'education', render: (_v, r) => show.education(r.rule) },
  { title: '质量管理工作年限', key: 'years', render: (_v, r) => show.years(r.rule) },
  { title: '职务层级', key: 'position', render: (_v, r) => show.position(r.rule) },
  { title: '直接向总经理负责', key: 'gm', render: (_v, r) => show.yesNo(r.rule.reportsToGeneralManager) },
  {
    title: '可自定条件',
    key: 'self',
    render: (_v, r) => (r.rule.selfDefined ? <Tag color="blue">是（条件仅作参考）</Tag> : '否'),
  },
];

/** One version's rules: a table on desktop, one card per enterprise type on phones. */
function RulesView({ rules }: { rules: EligibilityRules }) {
  const isMobile = useIsMobile();
  const rows: SegmentRow[] = SEGMENT_KEYS.map((segment) => ({ segment, rule: rules[segment] }));
  if (isMobile) {
    return (
      <div className="rules-cards">
        {rows.map(({ segment, rule }) => (
          <Descriptions
            key={segment}
            size="small"
            bordered
            column={1}
            styles={{ label: { width: 150 } }}
            title={SEGMENTS[segment]}
            items={[
              { key: 'education', label: '学历', children: show.education(rule) },
              { key: 'years', label: '质量管理工作年限', children: show.years(rule) },
              { key: 'position', label: '职务层级', children: show.position(rule) },
              { key: 'gm', label: '直接向总经理负责', children: show.yesNo(rule.reportsToGeneralManager) },
              { key: 'self', label: '可自定条件', children: rule.selfDefined ? '是（条件仅作参考）' : '否' },
            ]}
          />
        ))}
      </div>
    );
  }
  return <Table<SegmentRow> rowKey="segment" size="middle" columns={COLUMNS} dataSource={rows} pagination={false} scroll={{ x: 'max-content' }} bordered />;
}

const versionMeta = (v: EligibilityRulesVersion) => (
  <Typography.Paragraph className="rules-meta">
    <Typography.Text type="secondary">发布时间：</Typography.Text>
    {formatDateTime(v.createdAt)}
    <br />
    <Typography.Text type="secondary">修订依据：</Typography.Text>
    {v.note ?? '—'}
  </Typography.Paragraph>
);

/** 任职条件: the rules every 聘任备案 is checked against, their versions, and (province) publishing a new one. */
export default function EligibilityRulesPage() {
  const { hasPermission } = useSession();
  const canEdit = hasPermission('targets:manage');
  const [editing, setEditing] = useState(false);
  const rules = useQuery({ queryKey: RULES_KEY, queryFn: () => api.get<EligibilityRulesAnswer>('/api/eligibility-rules') });
  const canPublish = canEdit && rules.data !== undefined;

  return (
    <div className="page">
      <PageHeader
        title="任职条件"
        description="首席质量官任职条件按企业类型区分。提交聘任备案时，系统按现行版本自动审查拟任人员。"
        extra={
          canPublish ? (
            <Button type="primary" onClick={() => setEditing(true)}>
              发布新版本
            </Button>
          ) : null
        }
      />
      <QueryState query={rules} what="任职条件" rows={8}>
        {({ current, history }) => (
          <>
            <Card size="small" className="block-card" title={<span>现行版本 第 {current.version} 版</span>}>
              <RulesView rules={current.rules} />
              {versionMeta(current)}
              <Typography.Paragraph type="secondary" className="rules-footnote">
                {NEW_VERSION_EFFECT}
              </Typography.Paragraph>
            </Card>
            <Typography.Title level={5} className="rules-history-title">
              历史版本
            </Typography.Title>
            {history.length === 0 ? (
              <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="没有更早的版本" />
            ) : (
              <Collapse
                items={history.map((v) => ({
                  key: v.version,
                  label: (
                    <span>
                      第 {v.version} 版 <Typography.Text type="secondary">· {formatDateTime(v.createdAt)}</Typography.Text>
                    </span>
                  ),
                  children: (
                    <>
                      <RulesView rules={v.rules} />
                      {versionMeta(v)}
                    </>
                  ),
                }))}
              />
            )}
            {canEdit && editing ? <PublishModal current={current} onClose={() => setEditing(false)} /> : null}
          </>
        )}
      </QueryState>
    </div>
  );
}

const NO_POSITION = 'none';
type PositionChoice = NonNullable<SegmentRule['minPosition']> | typeof NO_POSITION;
type SegmentFormValues = Omit<SegmentRule, 'minPosition'> & { minPosition: PositionChoice };
interface FormValues {
  rules: Record<Segment, SegmentFormValues>;
  note: string;
}

const toForm = (rules: EligibilityRules): FormValues['rules'] =>
  Object.fromEntries(SEGMENT_KEYS.map((s) => [s, { ...rules[s], minPosition: rules[s].minPosition ?? NO_POSITION }])) as FormValues['rules'];
const fromForm = (values: FormValues['rules']): EligibilityRules =>
  Object.fromEntries(
    SEGMENT_KEYS.map((s) => [s, { ...values[s], minPosition: values[s].minPosition === NO_POSITION ? null : values[s].minPosition }]),
  ) as EligibilityRules;

const POSITION_CHOICES = [{ value: NO_POSITION, label: '不限' }, ...POSITION_OPTIONS];

/** 发布新版本: all three segments prefilled with the current rules, and the 修订依据 the audit log keeps. */
function PublishModal({ current, onClose }: { current: EligibilityRulesVersion; onClose: () => void }) {
  const [form] = Form.useForm<FormValues>();
  // a refused rule comes back as rules.<segment>.<field>: useFormMutation puts it under that segment's field
  const publish = useFormMutation({
    form,
    mutationFn: (values: FormValues) => api.post<EligibilityRulesVersion>('/api/eligibility-rules', { rules: fromForm(values.rules), note: values.note }),
    success: (created) => `已发布第 ${created.version} 版任职条件`,
    invalidate: [RULES_KEY],
    onDone: onClose,
  });

  return (
    <Modal
      open
      title={`发布新版本（第 ${current.version + 1} 版）`}
      width={960}
      okText="发布"
      cancelText="取消"
      confirmLoading={publish.isPending}
      onOk={() => void publish.submit()}
      onCancel={onClose}
    >
      <Alert type="info" showIcon className="form-alert" title={NEW_VERSION_EFFECT} />
      <FormError error={publish.error} />
      <Form<FormValues>
        form={form}
        layout="vertical"
        initialValues={{ rules: toForm(current.rules), note: '' }}
        onFinish={(values) => publish.mutate(values)}
        onValuesChange={publish.clearError}
      >
        <Row gutter={[12, 12]}>
          {SEGMENT_KEYS.map((s) => (
            <Col key={s} xs={24} md={8}>
              <Card size="small" title={SEGMENTS[s]} className="rules-form-card">
                <Form.Item label="学历（最低）" name={['rules', s, 'minEducation']} rules={[{ required: true, message: '请选择学历' }]}>
                  <Select options={EDUCATION_OPTIONS} />
                </Form.Item>
                <Form.Item label="质量管理工作年限（最少）" name={['rules', s, 'minQualityYears']} rules={[{ required: true, message: '请填写年限' }]}>
                  <InputNumber min={0} max={40} precision={0} suffix="年" className="full-width" inputMode="numeric" />
                </Form.Item>
                <Form.Item label="职务层级（最低）" name={['rules', s, 'minPosition']}>
                  <Select options={POSITION_CHOICES} />
                </Form.Item>
                <Form.Item label="须直接向总经理负责" name={['rules', s, 'reportsToGeneralManager']} valuePropName="checked" className="rules-switch">
                  <Switch checkedChildren="是" unCheckedChildren="否" />
                </Form.Item>
                <Form.Item
                  label="企业可自定条件"
                  name={['rules', s, 'selfDefined']}
                  valuePropName="checked"
                  extra="是：条件仅作参考，不符合也可备案"
                  className="rules-switch"
                >
                  <Switch checkedChildren="是" unCheckedChildren="否" />
                </Form.Item>
              </Card>
            </Col>
          ))}
        </Row>
        <Form.Item
          label="修订依据"
          name="note"
          className="rules-note"
          rules={[
            { required: true, whitespace: true, message: '请说明修订依据' },
            { min: 2, message: '请说明修订依据' },
            { max: 500, message: '不超过 500 字' },
          ]}
        >
          <Input.TextArea rows={3} maxLength={500} showCount placeholder="如：依据省局某年某号文件，调整国有企业职务层级要求" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
