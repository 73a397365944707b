import { DeleteOutlined, PlusOutlined, SyncOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Alert, App, Button, Card, Form, Input, InputNumber, Modal, Popconfirm, Select, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { api, errorMessage } from '../../api/client';
import type { CoverageRebuildResult, CoverageSegmentDef, CoverageTarget } from '../../api/coverage-types';
import { useConfirmAction } from '../../components/confirm-action';
import { JobProgress } from '../../components/JobProgress';
import { QueryState } from '../../components/list/QueryState';
import { FormError, useFormMutation } from '../../components/list/use-form-mutation';
import { OWNERSHIP_OPTIONS, ownershipLabel, SCALE_OPTIONS, scaleLabel, SECTION_OPTIONS } from '../../components/enterprise-dict';
import { PageHeader } from '../../components/PageHeader';
import { percent } from './coverage-format';
import './supervision.css';
import type { QueuedJob } from '../../api/types';
import { queryKeys } from '../../api/query-keys';

interface TargetForm {
  year: number;
  segmentCode: string;
  sharePercent: number | null;
  newOfficers: number | null;
  note: string | null;
}
interface SegmentForm {
  code: string;
  name: string;
  aboveScale?: 'true' | 'false';
  scales?: string[];
  ownerships?: string[];
  sections?: string[];
}

const definitionText = (d: CoverageSegmentDef['definition']) =>
  [
    d.aboveScale === undefined ? null : d.aboveScale ? '规上' : '非规上',
    d.scales ? `规模：${d.scales.map(scaleLabel).join('、')}` : null,
    d.ownerships ? `经济类型：${d.ownerships.map(ownershipLabel).join('、')}` : null,
    d.sections ? `行业门类：${d.sections.join('、')}` : null,
  ]
    .filter(Boolean)
    .join('；') || '全部企业';

/** 目标设置 (province): the targets per year and segment, the segments themselves, and the summaries' rebuild. */
export default function TargetsPage() {
  const { message } = App.useApp();
  const targets = useQuery({ queryKey: queryKeys.coverage.targets, queryFn: () => api.get<CoverageTarget[]>('/api/coverage/targets') });
  const segments = useQuery({ queryKey: queryKeys.coverage.segments, queryFn: () => api.get<CoverageSegmentDef[]>('/api/coverage/segments') });
  const [targetOpen, setTargetOpen] = useState(false);
  const [segmentOpen, setSegmentOpen] = useState(false);
  const [rebuildJob, setRebuildJob] = useState<number | null>(null);
  const [targetForm] = Form.useForm<TargetForm>();
  const [segmentForm] = Form.useForm<SegmentForm>();
  const segmentName = (code: string) => segments.data?.find((s) => s.code === code)?.name ?? code;

  const saveTarget = useFormMutation({
    form: targetForm,
    mutationFn: (v: TargetForm) =>
      api.put(`/api/coverage/targets/${v.year}/${v.segmentCode}`, {
        share: v.sharePercent === null || v.sharePercent === undefined ? null : v.sharePercent / 100,
        newOfficers: v.newOfficers ?? null,
        note: v.note || null,
      }),
    success: '目标已保存',
    invalidate: [queryKeys.coverage.all],
    fieldMap: { share: 'sharePercent' },
    onDone: () => setTargetOpen(false),
  });
  const saveSegment = useFormMutation({
    form: segmentForm,
    mutationFn: (v: SegmentForm) =>
      api.post('/api/coverage/segments', {
        code: v.code,
        name: v.name,
        definition: {
          ...(v.aboveScale ? { aboveScale: v.aboveScale === 'true' } : {}),
          ...(v.scales?.length ? { scales: v.scales } : {}),
          ...(v.ownerships?.length ? { ownerships: v.ownerships } : {}),
          ...(v.sections?.length ? { sections: v.sections } : {}),
        },
      }),
    success: '企业类别已新增',
    invalidate: [queryKeys.coverage.all],
    onDone: () => setSegmentOpen(false),
  });
  const { run } = useConfirmAction();
  const remove = (path: string, success: string) => run({ action: () => api.delete(path), success, invalidate: [queryKeys.coverage.all] });

  return (
    <div className="coverage-page">
      <PageHeader
        title="目标设置"
        description="按年度和企业类别设定覆盖率目标与年度新增人数；已按《江苏省企业首席质量官制度》预置 2021、2023、2025 年目标。"
        extra={
          <Button
            icon={<SyncOutlined />}
            onClick={() =>
              void api
                .post<QueuedJob>('/api/coverage/rebuild')
                .then((r) => setRebuildJob(r.jobId))
                .catch((err: unknown) => void message.error(errorMessage(err)))
            }
          >
            重建并核对汇总
          </Button>
        }
      />
      {rebuildJob ? (
        <Card size="small" className="filter-card" title="重建覆盖率汇总">
          <JobProgress
            jobId={rebuildJob}
            hideTitle
            renderResult={(job) => {
              const r = (job.result ?? {}) as Partial<CoverageRebuildResult>;
              return r.reconciliation?.ok ? (
                <Alert type="success" showIcon title="汇总已重建，与按企业重新计数一致" />
              ) : (
                <Alert type="error" showIcon title={`核对发现 ${r.reconciliation?.mismatches ?? '?'} 处不一致`} />
              );
            }}
          />
        </Card>
      ) : null}
      <Card
        size="small"
        title="年度目标"
        className="filter-card"
        extra={
          <Button
            type="primary"
            icon={<PlusOutlined />}
            onClick={() => {
              targetForm.setFieldsValue({ year: new Date().getFullYear(), segmentCode: 'aboveScale', sharePercent: null, newOfficers: null, note: null });
              saveTarget.clearError();
              setTargetOpen(true);
            }}
          >
            设置目标
          </Button>
        }
      >
        <QueryState query={targets} what="年度目标">
          {(data) => (
            <Table<CoverageTarget>
              size="small"
              rowKey={(r) => `${r.year}:${r.segmentCode}`}
              loading={targets.isFetching}
              dataSource={data}
              pagination={false}
              scroll={{ x: 520 }}
              columns={[
                { title: '年度', dataIndex: 'year' },
                { title: '企业类别', dataIndex: 'segmentCode', render: (v: string) => segmentName(v) },
                { title: '目标覆盖率', dataIndex: 'share', render: (v: number | null) => (v === null ? '—' : percent(v, 0)) },
                { title: '年度新增人数', dataIndex: 'newOfficers', render: (v: number | null) => v ?? '—' },
                { title: '依据', dataIndex: 'note', responsive: ['md'] },
                {
                  title: '操作',
                  key: 'op',
                  render: (_, r) => (
                    <Popconfirm
                      title="删除该目标？"
                      okText="删除"
                      okButtonProps={{ danger: true }}
                      onConfirm={() => remove(`/api/coverage/targets/${r.year}/${r.segmentCode}`, '目标已删除')}
                    >
                      <Button size="small" danger icon={<DeleteOutlined />} aria-label="删除目标" />
                    </Popconfirm>
                  ),
                },
              ]}
            />
          )}
        </QueryState>
      </Card>
      <Card
        size="small"
        title="企业类别"
        extra={
          <Button
            icon={<PlusOutlined />}
            onClick={() => {
              segmentForm.resetFields();
              saveSegment.clearError();
              setSegmentOpen(true);
            }}
          >
            新增类别
          </Button>
        }
      >
        <QueryState query={segments} what="企业类别">
          {(data) => (
            <Table<CoverageSegmentDef>
              size="small"
              rowKey="code"
              loading={segments.isFetching}
              dataSource={data}
              pagination={false}
              columns={[
                {
                  title: '名称',
                  dataIndex: 'name',
                  render: (v: string, r) => (
                    <Space>
                      {v}
                      {r.builtin ? <Tag>政策规定</Tag> : null}
                    </Space>
                  ),
                },
                { title: '条件', key: 'def', render: (_, r) => <Typography.Text>{definitionText(r.definition)}</Typography.Text> },
                {
                  title: '操作',
                  key: 'op',
                  render: (_, r) =>
                    r.builtin ? null : (
                      <Popconfirm
                        title="删除该类别及其目标？"
                        okText="删除"
                        okButtonProps={{ danger: true }}
                        onConfirm={() => remove(`/api/coverage/segments/${r.code}`, '企业类别已删除')}
                      >
                        <Button size="small" danger icon={<DeleteOutlined />} aria-label="删除类别" />
                      </Popconfirm>
                    ),
                },
              ]}
            />
          )}
        </QueryState>
      </Card>
      <Modal
        title="设置目标"
        open={targetOpen}
        onCancel={() => setTargetOpen(false)}
        onOk={() => void saveTarget.submit()}
        confirmLoading={saveTarget.isPending}
        okText="保存"
      >
        <FormError error={saveTarget.error} />
        <Form form={targetForm} layout="vertical" onFinish={(v) => saveTarget.mutate(v)}>
          <Form.Item name="year" label="年度" rules={[{ required: true, message: '请填写年度' }]}>
            <InputNumber min={2000} max={2100} style={{ width: '100%' }} />
          </Form.Item>
          <Form.Item name="segmentCode" label="企业类别" rules={[{ required: true, message: '请选择企业类别' }]}>
            <Select options={(segments.data ?? []).map((s) => ({ value: s.code, label: s.name }))} />
          </Form.Item>
          <Form.Item name="sharePercent" label="目标覆盖率（%）">
            <InputNumber min={0} max={100} style={{ width: '100%' }} />
          </Form.Item>
          <Form.Item name="newOfficers" label="年度新增首席质量官人数">
            <InputNumber min={0} max={1000000} style={{ width: '100%' }} />
          </Form.Item>
          <Form.Item name="note" label="依据">
            <Input maxLength={200} />
          </Form.Item>
        </Form>
      </Modal>
      <Modal
        title="新增企业类别"
        open={segmentOpen}
        onCancel={() => setSegmentOpen(false)}
        onOk={() => void saveSegment.submit()}
        confirmLoading={saveSegment.isPending}
        okText="保存"
      >
        <FormError error={saveSegment.error} />
        <Form form={segmentForm} layout="vertical" onFinish={(v) => saveSegment.mutate(v)}>
          <Form.Item
            name="code"
            label="类别代码"
            rules={[{ required: true, pattern: /^[a-zA-Z][a-zA-Z0-9_]{1,39}$/, message: '字母开头的 2–40 位字母、数字或下划线' }]}
          >
            <Input placeholder="如 stateOwned" />
          </Form.Item>
          <Form.Item name="name" label="名称" rules={[{ required: true, min: 2, message: '请填写名称（至少 2 个字）' }]}>
            <Input maxLength={40} placeholder="如 国有企业" />
          </Form.Item>
          <Form.Item name="aboveScale" label="规上企业">
            <Select
              allowClear
              options={[
                { value: 'true', label: '仅规上企业' },
                { value: 'false', label: '仅非规上企业' },
              ]}
              placeholder="不限"
            />
          </Form.Item>
          <Form.Item name="scales" label="企业规模">
            <Select mode="multiple" allowClear options={SCALE_OPTIONS} placeholder="不限" />
          </Form.Item>
          <Form.Item name="ownerships" label="经济类型">
            <Select mode="multiple" allowClear options={OWNERSHIP_OPTIONS} placeholder="不限" />
          </Form.Item>
          <Form.Item name="sections" label="行业门类">
            <Select mode="multiple" allowClear options={SECTION_OPTIONS} placeholder="不限" />
          </Form.Item>
        </Form>
      </Modal>
    </div>
  );
}
