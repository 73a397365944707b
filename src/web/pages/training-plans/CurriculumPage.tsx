import { EditOutlined, MinusCircleOutlined, PlusOutlined, SaveOutlined } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Button, Card, Col, Collapse, Form, Input, InputNumber, Row, Select, Space, Table, Tag, Typography, type TableColumnsType } from 'antd';
import { useState } from 'react';
import { useNavigate, useParams } from 'react-router';
import { curriculumTiers, type TrainingTier } from '../../../domain/training-delegation';
import { ApiError, api } from '../../api/client';
import type { CurriculumDetail, CurriculumModule, CurriculumVersion } from '../../api/training-plan-types';
import { useMe } from '../../auth/session';
import { formatDateTimeShort } from '../../components/format';
import { RecordPending } from '../../components/FullPageSpin';
import { FormError, useFormMutation } from '../../components/list/use-form-mutation';
import { PageHeader } from '../../components/PageHeader';
import { NotFoundPage } from '../../components/ResultPages';
import { useIsMobile } from '../../components/use-is-mobile';
import { CURRICULA_KEY, TIER_OPTIONS, TierTag } from './dict';
import { MaterialsPanel } from './MaterialsPanel';
import { queryKeys } from '../../api/query-keys';

interface FormValues {
  tier: TrainingTier;
  title: string;
  description?: string | null;
  modules: { id?: number; title: string; hours: number; topics: string[]; objectives?: string | null }[];
}

/** One curriculum: its modules (hours, topics, objectives), revisions and materials; edited by its own bureau. */
export default function CurriculumPage() {
  const { id = 'new' } = useParams();
  const isNew = id === 'new';
  const valid = isNew || /^\d+$/.test(id);
  const [editing, setEditing] = useState(false);
  const curriculum = useQuery({
    queryKey: queryKeys.curricula.detail(id),
    queryFn: () => api.get<CurriculumDetail>(`/api/training-curricula/${id}`),
    enabled: valid && !isNew,
  });
  const notFound = curriculum.error instanceof ApiError && (curriculum.error.status === 404 || curriculum.error.status === 400);
  if (!valid || notFound) return <NotFoundPage />;
  if (isNew) return <CurriculumEditor curriculum={null} onDone={() => undefined} />;
  if (!curriculum.data) return <RecordPending query={curriculum} what="课程体系" />;
  return editing ? (
    <CurriculumEditor curriculum={curriculum.data} onDone={() => setEditing(false)} />
  ) : (
    <CurriculumView curriculum={curriculum.data} onEdit={() => setEditing(true)} />
  );
}

function CurriculumView({ curriculum, onEdit }: { curriculum: CurriculumDetail; onEdit: () => void }) {
  const isMobile = useIsMobile();
  const versions = useQuery({
    queryKey: queryKeys.curricula.versions(String(curriculum.id)),
    queryFn: () => api.get<CurriculumVersion[]>(`/api/training-curricula/${curriculum.id}/versions`),
  });
  const columns: TableColumnsType<CurriculumModule> = [
    { title: '序号', dataIndex: 'seq', width: 60 },
    {
      title: '模块',
      key: 'title',
      render: (_v, m) => (
        <div className="cell-stack">
          <span>{m.title}</span>
          {m.topics.length ? (
            <span>
              {m.topics.map((t) => (
                <Tag key={t}>{t}</Tag>
              ))}
            </span>
          ) : null}
          {m.objectives ? <Typography.Text type="secondary">学习目标：{m.objectives}</Typography.Text> : null}
        </div>
      ),
    },
    { title: '学时', dataIndex: 'hours', width: isMobile ? 60 : 80 },
  ];
  return (
    <div className="page">
      <PageHeader
        title={curriculum.title}
        back={{ title: '课程与教材', to: '/training-curricula' }}
        description={
          <Space wrap>
            {curriculum.orgUnitName}
            <TierTag tier={curriculum.tier} />第 {curriculum.version} 版 · {curriculum.totalHours} 学时 · {formatDateTimeShort(curriculum.updatedAt)}{' '}
            {curriculum.updatedByName ?? ''}
          </Space>
        }
        extra={
          <Space wrap>
            {curriculum.canEdit ? (
              <Button type="primary" icon={<EditOutlined />} onClick={onEdit}>
                修订
              </Button>
            ) : null}
          </Space>
        }
      />
      {curriculum.description ? <Typography.Paragraph style={{ whiteSpace: 'pre-wrap' }}>{curriculum.description}</Typography.Paragraph> : null}
      <Table<CurriculumModule> rowKey="id" size="small" columns={columns} dataSource={curriculum.modules} pagination={false} style={{ marginBottom: 16 }} />
      <Typography.Title level={5}>培训资料</Typography.Title>
      <MaterialsPanel filter={{ orgUnitId: curriculum.orgUnitId, tier: curriculum.tier }} />
      <Collapse
        style={{ marginTop: 16 }}
        items={[
          {
            key: 'versions',
            label: `修订记录（${versions.data?.length ?? 0}）`,
            children: (versions.data ?? []).map((v) => (
              <div key={v.version}>
                第 {v.version} 版 · {formatDateTimeShort(v.createdAt)} · {v.createdByName ?? '—'} · {String(v.snapshot.title ?? '')}（
                {Array.isArray(v.snapshot.modules) ? v.snapshot.modules.length : 0} 个模块）
              </div>
            )),
          },
        ]}
      />
    </div>
  );
}

function CurriculumEditor({ curriculum, onDone }: { curriculum: CurriculumDetail | null; onDone: () => void }) {
  const me = useMe();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<FormValues>();
  const tiers = curriculumTiers(me.orgUnit.kind);

  const save = useFormMutation({
    form,
    mutationFn: (values: FormValues) => {
      const body = {
        title: values.title,
        description: values.description || null,
        modules: values.modules.map((m) => ({ ...m, objectives: m.objectives || null, topics: m.topics ?? [] })),
      };
      return curriculum
        ? api.put<CurriculumDetail>(`/api/training-curricula/${curriculum.id}`, { ...body, version: curriculum.version })
        : api.post<CurriculumDetail>('/api/training-curricula', { ...body, tier: values.tier });
    },
    success: (saved) => (curriculum ? `已保存为第 ${saved.version} 版` : '课程体系已创建'),
    invalidate: [CURRICULA_KEY],
    onDone: (saved) => {
      queryClient.setQueryData(queryKeys.curricula.detail(String(saved.id)), saved);
      if (curriculum) onDone();
      else void navigate(`/training-curricula/${saved.id}`, { replace: true });
    },
  });
  const busy = save.isPending;

  return (
    <div className="page">
      <PageHeader
        title={curriculum ? `修订：${curriculum.title}` : '编制课程体系'}
        back={{ title: '课程与教材', to: '/training-curricula' }}
        description={`${me.orgUnit.name} · 每次保存版本号加一并保留修订记录`}
      />
      <FormError error={save.error} />
      <Form<FormValues>
        form={form}
        layout="vertical"
        disabled={busy}
        onValuesChange={save.clearError}
        initialValues={
          curriculum
            ? { ...curriculum, description: curriculum.description ?? '' }
            : { tier: tiers[0], title: '', modules: [{ title: '', hours: 4, topics: [] }] }
        }
      >
        <Row gutter={16}>
          <Col xs={24} sm={8}>
            <Form.Item name="tier" label="培训层级" rules={[{ required: true, message: '请选择培训层级' }]}>
              <Select options={TIER_OPTIONS.filter((o) => tiers.includes(o.value) || o.value === curriculum?.tier)} disabled={!!curriculum} />
            </Form.Item>
          </Col>
          <Col xs={24} sm={16}>
            <Form.Item name="title" label="课程体系名称" rules={[{ required: true, whitespace: true, message: '请填写课程体系名称' }]}>
              <Input maxLength={100} />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item name="description" label="说明">
          <Input.TextArea rows={2} maxLength={4000} />
        </Form.Item>
        <Typography.Title level={5}>教学模块</Typography.Title>
        <Form.List name="modules">
          {(fields, { add, remove }) => (
            <>
              {fields.map((field, index) => (
                <Card
                  key={field.key}
                  size="small"
                  title={`模块 ${index + 1}`}
                  style={{ marginBottom: 12 }}
                  extra={<Button type="text" danger icon={<MinusCircleOutlined />} aria-label="删除模块" onClick={() => remove(field.name)} />}
                >
                  <Form.Item name={[field.name, 'id']} hidden>
                    <Input />
                  </Form.Item>
                  <Row gutter={12}>
                    <Col xs={16} md={18}>
                      <Form.Item name={[field.name, 'title']} label="模块名称" rules={[{ required: true, whitespace: true, message: '请填写模块名称' }]}>
                        <Input maxLength={100} />
                      </Form.Item>
                    </Col>
                    <Col xs={8} md={6}>
                      <Form.Item name={[field.name, 'hours']} label="学时" rules={[{ required: true, message: '必填' }]}>
                        <InputNumber min={1} max={200} precision={0} style={{ width: '100%' }} />
                      </Form.Item>
                    </Col>
                  </Row>
                  <Form.Item name={[field.name, 'topics']} label="主题">
                    <Select mode="tags" open={false} tokenSeparators={['，', ',', '、']} />
                  </Form.Item>
                  <Form.Item name={[field.name, 'objectives']} label="学习目标">
                    <Input.TextArea rows={2} maxLength={2000} />
                  </Form.Item>
                </Card>
              ))}
              <Button type="dashed" block icon={<PlusOutlined />} onClick={() => add({ title: '', hours: 4, topics: [] })} style={{ marginBottom: 16 }}>
                添加模块
              </Button>
            </>
          )}
        </Form.List>
      </Form>
      <Space wrap>
        <Button type="primary" icon={<SaveOutlined />} loading={busy} onClick={() => void save.submit()}>
          保存
        </Button>
        <Button onClick={() => (curriculum ? onDone() : void navigate('/training-curricula'))}>取消</Button>
      </Space>
    </div>
  );
}
