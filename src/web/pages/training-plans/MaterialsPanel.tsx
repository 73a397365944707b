import { DeleteOutlined, DownloadOutlined, UploadOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Button, Form, Input, Modal, Select, Space, Typography, Upload, type TableColumnsType, type UploadFile } from 'antd';
import { useState } from 'react';
import type { TrainingTier } from '../../../domain/training-delegation';
import { api } from '../../api/client';
import type { CurriculumDetail, CurriculumSummary, Material } from '../../api/training-plan-types';
import { useMe } from '../../auth/session';
import { useConfirmAction } from '../../components/confirm-action';
import { download } from '../../components/download';
import { formatDate } from '../../components/format';
import { FilterBar } from '../../components/list/FilterBar';
import { QueryTable } from '../../components/list/QueryTable';
import { FormError, useFormMutation } from '../../components/list/use-form-mutation';
import { useUrlFilters } from '../../components/url-filters';
import { useIsMobile } from '../../components/use-is-mobile';
import { CURRICULA_KEY, MATERIALS_KEY, TIER_OPTIONS, TierTag } from './dict';
import { FilterSelect } from '../../components/FilterField';
import { queryKeys } from '../../api/query-keys';

const size = (bytes: number) => (bytes >= 1048576 ? `${(bytes / 1048576).toFixed(1)} MB` : `${Math.max(1, Math.round(bytes / 1024))} KB`);

/** 培训资料: the files of the curricula the caller can read; the city or province bureau uploads its own. */
export function MaterialsPanel({ filter }: { filter?: { orgUnitId: number; tier: TrainingTier } }) {
  const me = useMe();
  const isMobile = useIsMobile();
  // on 课程与教材 the tier filter is in the address bar; a curriculum's own materials are of its tier alone
  const url = useUrlFilters(['tier'] as const);
  const tier = filter?.tier ?? TIER_OPTIONS.find((o) => o.value === url.filters.tier)?.value;
  const [uploading, setUploading] = useState(false);
  const ownTiers = me.abilities.curriculumTiers;
  const query = { tier, orgUnitId: filter?.orgUnitId };
  const list = useQuery({ queryKey: queryKeys.materials.list(query), queryFn: ({ signal }) => api.get<Material[]>('/api/training-materials', query, signal) });

  const { confirm } = useConfirmAction();
  const remove = (m: Material) =>
    confirm({
      title: '删除培训资料',
      content: `确认删除“${m.title}”？`,
      okText: '删除',
      danger: true,
      action: () => api.delete(`/api/training-materials/${m.id}`),
      success: '已删除',
      invalidate: [MATERIALS_KEY, CURRICULA_KEY],
    });

  const columns: TableColumnsType<Material> = [
    {
      title: '资料',
      key: 'title',
      render: (_v, m) => (
        <div className="cell-stack">
          <span>{m.title}</span>
          <Typography.Text type="secondary">
            {m.orgUnitName}
            {m.moduleTitle ? ` · ${m.moduleTitle}` : ''} · {m.fileType.toUpperCase()} · {size(m.sizeBytes)}
          </Typography.Text>
          {isMobile ? <TierTag tier={m.tier} /> : null}
          {m.description ? <Typography.Text type="secondary">{m.description}</Typography.Text> : null}
        </div>
      ),
    },
    ...(isMobile
      ? []
      : ([
          { title: '层级', dataIndex: 'tier', width: 100, render: (t: TrainingTier) => <TierTag tier={t} /> },
          { title: '上传', key: 'uploaded', width: 170, render: (_v, m) => `${formatDate(m.createdAt)} ${m.uploadedByName ?? ''}` },
        ] as TableColumnsType<Material>)),
    {
      title: '操作',
      key: 'actions',
      width: isMobile ? 90 : 150,
      render: (_v, m) => (
        <Space size={4} wrap>
          <Button size="small" icon={<DownloadOutlined />} onClick={() => download(`/api/training-materials/${m.id}/download`)}>
            {isMobile ? '' : '下载'}
          </Button>
          {m.canEdit ? <Button size="small" danger icon={<DeleteOutlined />} aria-label="删除" onClick={() => remove(m)} /> : null}
        </Space>
      ),
    },
  ];

  return (
    <>
      <FilterBar anyFilter={filter ? false : url.anyFilter} onReset={url.reset}>
        {filter ? null : (
          <FilterSelect<TrainingTier>
            label="培训层级"
            placeholder="全部层级"
            value={tier}
            options={TIER_OPTIONS}
            style={{ width: 130 }}
            onChange={(v) => url.update({ tier: v })}
          />
        )}
        {ownTiers.length ? (
          <Button type="primary" icon={<UploadOutlined />} onClick={() => setUploading(true)}>
            上传资料
          </Button>
        ) : null}
      </FilterBar>
      <QueryTable<Material>
        query={list}
        what="培训资料"
        empty={!filter && url.anyFilter ? '没有该层级的培训资料' : '暂无培训资料'}
        rowKey="id"
        size="small"
        columns={columns}
      />
      {uploading ? <UploadModal tiers={ownTiers} defaultTier={filter?.tier} onClose={() => setUploading(false)} /> : null}
    </>
  );
}

interface UploadValues {
  title: string;
  tier: TrainingTier;
  moduleId?: number;
  description?: string;
}

function UploadModal({ tiers, defaultTier, onClose }: { tiers: TrainingTier[]; defaultTier?: TrainingTier | undefined; onClose: () => void }) {
  const me = useMe();
  const [form] = Form.useForm<UploadValues>();
  const [files, setFiles] = useState<UploadFile[]>([]);
  const tier = (Form.useWatch('tier', form) ?? defaultTier ?? tiers[0]) as TrainingTier | undefined;
  const own = useQuery({
    queryKey: queryKeys.curricula.own(me.orgUnit.id),
    queryFn: () => api.get<CurriculumSummary[]>('/api/training-curricula', { orgUnitId: me.orgUnit.id }),
  });
  const curriculumId = own.data?.find((c) => c.tier === tier)?.id;
  const detail = useQuery({
    queryKey: queryKeys.curricula.detail(String(curriculumId)),
    queryFn: () => api.get<CurriculumDetail>(`/api/training-curricula/${curriculumId}`),
    enabled: curriculumId !== undefined,
  });

  const submit = useFormMutation({
    form,
    mutationFn: (values: UploadValues) => {
      const file = files[0]?.originFileObj;
      if (!file) throw new Error('请选择要上传的文件');
      const body = new FormData();
      body.append('title', values.title);
      body.append('tier', values.tier);
      if (values.moduleId) body.append('moduleId', String(values.moduleId));
      if (values.description) body.append('description', values.description);
      body.append('file', file, file.name);
      return api.upload<Material>('/api/training-materials', body);
    },
    success: '资料已上传',
    invalidate: [MATERIALS_KEY, CURRICULA_KEY],
    onDone: onClose,
  });

  return (
    <Modal open title="上传培训资料" okText="上传" confirmLoading={submit.isPending} onOk={() => void submit.submit()} onCancel={onClose} destroyOnHidden>
      <FormError error={submit.error} />
      <Form form={form} layout="vertical" initialValues={{ tier: defaultTier ?? tiers[0] }} onValuesChange={submit.clearError}>
        <Form.Item name="title" label="资料名称" rules={[{ required: true, whitespace: true, message: '请填写资料名称' }]}>
          <Input maxLength={100} />
        </Form.Item>
        <Form.Item name="tier" label="培训层级" rules={[{ required: true, message: '请选择培训层级' }]}>
          <Select options={TIER_OPTIONS.filter((o) => tiers.includes(o.value))} onChange={() => form.setFieldValue('moduleId', undefined)} />
        </Form.Item>
        <Form.Item name="moduleId" label="所属模块" extra={curriculumId === undefined ? '本单位尚未编制该层级课程体系，可先不选模块' : undefined}>
          <Select allowClear options={(detail.data?.modules ?? []).map((m) => ({ value: m.id, label: `${m.seq}. ${m.title}` }))} />
        </Form.Item>
        <Form.Item name="description" label="说明">
          <Input.TextArea rows={2} maxLength={1000} />
        </Form.Item>
        <Upload
          accept=".pdf,.doc,.docx,.xls,.xlsx,.ppt,.pptx"
          maxCount={1}
          fileList={files}
          beforeUpload={() => false}
          onChange={({ fileList }) => {
            setFiles(fileList.slice(-1));
            submit.clearError();
          }}
        >
          <Button icon={<UploadOutlined />}>选择文件（PDF、Word、Excel、PowerPoint，≤30 MB）</Button>
        </Upload>
      </Form>
    </Modal>
  );
}
