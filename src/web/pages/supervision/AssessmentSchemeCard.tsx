import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Button, Card, Descriptions, Form, Input, InputNumber, Modal, Select, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { DEFAULT_SCHEME, type Grade, type Indicator, type IndicatorKind } from '../../../domain/assessment';
import { api, ApiError } from '../../api/client';
import type { AssessmentScheme, AssessmentSchemes, SchemeSaved } from '../../api/assessment-types';
import { QueryState } from '../../components/list/QueryState';
import { FormError, useFormMutation } from '../../components/list/use-form-mutation';
import { queryKeys } from '../../api/query-keys';

type Meta = AssessmentSchemes;
type Scheme = AssessmentScheme;
interface Values {
  indicators: Indicator[];
  grades: Grade[];
  note?: string;
}

function paramsText(i: Indicator, meta: Meta | undefined) {
  switch (i.kind) {
    case 'coverage':
      return `企业类别：${meta?.segments.find((s) => s.code === i.segment)?.name ?? i.segment ?? ''}`;
    case 'new_officers':
      return `全省年度新增 ${String(i.provinceTarget ?? 5000)} 名，按规上企业数分解`;
    case 'reviews_on_time':
      return i.workingDays ? `审核期限 ${String(i.workingDays)} 个工作日` : '';
    case 'duty_records':
      return `人均 ${String(i.perOfficer ?? 1)} 条满分；${(i.dutyKinds ?? []).map((k) => meta?.dutyKinds.find((d) => d.kind === k)?.clause ?? k).join('、')}`;
    case 'sanctions':
      return `每次警示扣 ${String(i.warningPoints ?? 0)} 分，每次列入黑名单扣 ${String(i.blacklistPoints ?? 0)} 分`;
    default:
      return '';
  }
}

/**
 * 考核方案 (policy 八): the year's indicators, weights and grade thresholds, versioned. The province saves a new version
 * of the current or a later year (weights must sum to 100; a stale version is refused); past years are closed.
 */
export function AssessmentSchemeCard() {
  const [form] = Form.useForm<Values>();
  const meta = useQuery({ queryKey: queryKeys.assessment.schemes, queryFn: ({ signal }) => api.get<Meta>('/api/assessment/schemes', undefined, signal) });
  const [year, setYear] = useState<number | null>(null);
  const shownYear = year ?? meta.data?.currentYear ?? new Date().getFullYear();
  const scheme = useQuery({
    queryKey: queryKeys.assessment.scheme(shownYear),
    queryFn: ({ signal }) => api.get<Scheme>(`/api/assessment/schemes/${String(shownYear)}`, undefined, signal),
  });
  const [open, setOpen] = useState(false);
  const editing = Form.useWatch('indicators', form) ?? [];
  const sum = Math.round(editing.reduce((n, i) => n + (Number(i.weight) || 0), 0) * 100) / 100;
  // the version this year's own scheme is at (0: none yet; a carried-forward scheme of an earlier year is not this year's)
  const loadedVersion = scheme.data && scheme.data.year === shownYear ? scheme.data.version : 0;
  const editable = Boolean(meta.data?.canEdit) && shownYear >= (meta.data?.currentYear ?? shownYear);

  const save = useFormMutation({
    form,
    mutationFn: (v: Values) =>
      api.put<SchemeSaved>(`/api/assessment/schemes/${String(shownYear)}`, {
        indicators: v.indicators,
        grades: v.grades,
        note: v.note?.trim() || null,
        version: loadedVersion,
      }),
    success: (r) => `已保存 ${String(shownYear)} 年度考核方案第 ${String(r.version)} 版`,
    invalidate: [queryKeys.assessment.all],
    onDone: () => setOpen(false),
    // the lists themselves show no error of their own: their errors, and their rows', go above the form (all of them
    // when none found a field)
    fieldMap: { indicators: '', grades: '' },
    formError: (e, rest) => (e instanceof ApiError && e.fields.length > 0 && rest === e.message ? e.fields.map((f) => f.message).join('；') : rest),
  });
  const start = () => {
    const base = scheme.data && scheme.data.version > 0 ? scheme.data : DEFAULT_SCHEME;
    form.setFieldsValue({ indicators: base.indicators, grades: base.grades, note: '' });
    save.clearError();
    setOpen(true);
  };

  const years = [
    ...new Set([...(meta.data?.versions.map((v) => v.year) ?? []), meta.data?.currentYear ?? shownYear, (meta.data?.currentYear ?? shownYear) + 1]),
  ].sort((a, b) => b - a);
  return (
    <Card
      className="section-card"
      title="考核方案（指标、权重与等次，按年度分版本）"
      extra={
        <Space>
          <Select<number>
            aria-label="方案年度"
            value={shownYear}
            onChange={setYear}
            options={years.map((y) => ({ value: y, label: `${String(y)} 年度` }))}
            style={{ width: 120 }}
          />
          {editable ? (
            <Button type="primary" onClick={start}>
              保存新版本
            </Button>
          ) : null}
        </Space>
      }
    >
      <QueryState query={scheme} what="考核方案">
        {(data) => (
          <>
            <Descriptions
              size="small"
              column={2}
              items={[
                {
                  key: 'v',
                  label: '适用版本',
                  children:
                    data.version === 0
                      ? '默认方案（省局尚未设置）'
                      : `${String(data.year)} 年度第 ${String(data.version)} 版${data.year === shownYear ? '' : '（沿用）'}`,
                },
                { key: 'g', label: '等次', children: data.grades.map((g) => <Tag key={g.label}>{`${g.label} ≥ ${String(g.min)}`}</Tag>) },
              ]}
            />
            <Table<Indicator>
              size="small"
              rowKey={(r) => `${r.kind}-${r.segment ?? ''}`}
              pagination={false}
              dataSource={data.indicators}
              columns={[
                {
                  title: '指标',
                  dataIndex: 'kind',
                  render: (k: IndicatorKind) => {
                    const m = meta.data?.kinds.find((x) => x.kind === k);
                    return m ? `${m.label}（政策${m.clause}）` : k;
                  },
                },
                { title: '参数', key: 'params', render: (_, r) => paramsText(r, meta.data) },
                { title: '权重', dataIndex: 'weight', width: 80 },
              ]}
            />
            {!editable && meta.data?.canEdit ? <Typography.Text type="secondary">往年方案已封存：往年考核结果按当年方案复现。</Typography.Text> : null}
          </>
        )}
      </QueryState>
      <Modal
        open={open}
        width={860}
        title={`${String(shownYear)} 年度考核方案（新版本）`}
        okText="保存"
        confirmLoading={save.isPending}
        onOk={() => void save.submit()}
        onCancel={() => setOpen(false)}
        forceRender
      >
        <FormError error={save.error} />
        <Form<Values> form={form} layout="vertical" onFinish={(v) => save.mutate(v)}>
          <Typography.Paragraph>
            权重合计：<Typography.Text type={sum === 100 ? 'success' : 'danger'}>{sum}</Typography.Text>（应为 100）
          </Typography.Paragraph>
          <Form.List name="indicators">
            {(fields, { add, remove }) => (
              <>
                {fields.map((f) => {
                  const kind = editing[f.name]?.kind;
                  return (
                    <Space key={f.key} align="baseline" wrap>
                      <Form.Item name={[f.name, 'kind']} rules={[{ required: true, message: '请选择指标' }]}>
                        <Select aria-label="指标" style={{ width: 260 }} options={meta.data?.kinds.map((k) => ({ value: k.kind, label: k.label }))} />
                      </Form.Item>
                      <Form.Item name={[f.name, 'weight']} rules={[{ required: true, message: '请填写权重' }]}>
                        <InputNumber aria-label="权重" min={0} max={100} prefix="权重" style={{ width: 130 }} />
                      </Form.Item>
                      {kind === 'coverage' ? (
                        <Form.Item name={[f.name, 'segment']} rules={[{ required: true, message: '请选择企业类别' }]}>
                          <Select aria-label="企业类别" style={{ width: 140 }} options={meta.data?.segments.map((s) => ({ value: s.code, label: s.name }))} />
                        </Form.Item>
                      ) : null}
                      {kind === 'new_officers' ? (
                        <Form.Item name={[f.name, 'provinceTarget']} initialValue={5000}>
                          <InputNumber aria-label="全省年度新增目标" min={1} precision={0} prefix="全省" suffix="名" style={{ width: 180 }} />
                        </Form.Item>
                      ) : null}
                      {kind === 'reviews_on_time' ? (
                        <Form.Item name={[f.name, 'workingDays']} initialValue={20}>
                          <InputNumber aria-label="审核期限" min={5} max={60} precision={0} suffix="个工作日" style={{ width: 160 }} />
                        </Form.Item>
                      ) : null}
                      {kind === 'duty_records' ? (
                        <>
                          <Form.Item name={[f.name, 'perOfficer']} initialValue={2}>
                            <InputNumber aria-label="人均履职记录目标" min={0.1} max={100} prefix="人均" suffix="条" style={{ width: 160 }} />
                          </Form.Item>
                          <Form.Item name={[f.name, 'dutyKinds']} initialValue={meta.data?.dutyKinds.map((d) => d.kind)}>
                            <Select
                              aria-label="计入的职责类别"
                              mode="multiple"
                              style={{ minWidth: 220 }}
                              options={meta.data?.dutyKinds.map((d) => ({ value: d.kind, label: d.clause }))}
                            />
                          </Form.Item>
                        </>
                      ) : null}
                      {kind === 'sanctions' ? (
                        <>
                          <Form.Item name={[f.name, 'warningPoints']} initialValue={2.5}>
                            <InputNumber aria-label="每次警示扣分" min={0} max={100} prefix="警示扣" style={{ width: 150 }} />
                          </Form.Item>
                          <Form.Item name={[f.name, 'blacklistPoints']} initialValue={5}>
                            <InputNumber aria-label="每次列入黑名单扣分" min={0} max={100} prefix="黑名单扣" style={{ width: 160 }} />
                          </Form.Item>
                        </>
                      ) : null}
                      <Button aria-label="删除指标" icon={<DeleteOutlined />} onClick={() => remove(f.name)} />
                    </Space>
                  );
                })}
                <Button icon={<PlusOutlined />} onClick={() => add({ kind: 'training', weight: 0 })}>
                  添加指标
                </Button>
              </>
            )}
          </Form.List>
          <Typography.Title level={5}>等次（从高到低，最低等次分数线为 0）</Typography.Title>
          <Form.List name="grades">
            {(fields, { add, remove }) => (
              <>
                {fields.map((f) => (
                  <div key={f.key}>
                    <Space align="baseline">
                      <Form.Item name={[f.name, 'label']} rules={[{ required: true, message: '请填写等次名称' }]}>
                        <Input aria-label="等次名称" maxLength={10} style={{ width: 120 }} />
                      </Form.Item>
                      <Form.Item name={[f.name, 'min']} rules={[{ required: true, message: '请填写分数线' }]}>
                        <InputNumber aria-label="分数线" min={0} max={100} prefix="≥" style={{ width: 120 }} />
                      </Form.Item>
                      <Button aria-label="删除等次" icon={<DeleteOutlined />} onClick={() => remove(f.name)} />
                    </Space>
                  </div>
                ))}
                <Button icon={<PlusOutlined />} onClick={() => add({ label: '', min: 0 })}>
                  添加等次
                </Button>
              </>
            )}
          </Form.List>
          <Form.Item label="说明" name="note" style={{ marginTop: 16 }}>
            <Input maxLength={200} />
          </Form.Item>
        </Form>
      </Modal>
    </Card>
  );
}
