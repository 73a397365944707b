import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Button, Col, DatePicker, Form, Input, InputNumber, Modal, Row, Select, Space, Switch, Tag, type TableColumnsType } from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { Link, useNavigate } from 'react-router';
import {
  TRAINING_FORMAT_LABELS,
  TRAINING_FORMATS,
  TRAINING_TIER_LABELS,
  TRAINING_TIERS,
  type TrainingFormat,
  type TrainingTier,
} from '../../../domain/training';
import { api } from '../../api/client';
import { queryKeys } from '../../api/query-keys';
import type { Created, Instructor, Page, TrainerOption, TrainingClassInput, TrainingClassListItem } from '../../api/training-types';
import { useMe } from '../../auth/session';
import { FilterBar } from '../../components/list/FilterBar';
import { ListTable } from '../../components/list/ListTable';
import { FormError, useFormMutation } from '../../components/list/use-form-mutation';
import { PageHeader } from '../../components/PageHeader';
import { useUrlFilters } from '../../components/url-filters';
import { classPeriod, FormatTag, TierTag } from './common';
import './training.css';
import { FilterSelect } from '../../components/FilterField';

interface Values {
  name: string;
  tier: TrainingTier;
  format: TrainingFormat;
  venue?: string;
  onlineLink?: string;
  description?: string;
  capacity: number;
  hours: number;
  passMark: number;
  minAttendancePercent: number;
  certificateValidMonths?: number | null;
  enrolDeadline?: Dayjs | null;
  waivePrerequisite: boolean;
  trainerAccountId?: number | null;
  instructorIds?: number[];
  sessions: { title: string; range: [Dayjs, Dayjs] }[];
}

/** Tiers a bureau at this level organises (a city may also run 基础 for counties merged into it). */
const tiersFor = (kind: string): TrainingTier[] => (kind === 'province' ? ['advanced'] : kind === 'city' ? ['basic', 'enhanced'] : ['basic']);

function CreateClassModal({ open, onClose }: { open: boolean; onClose: () => void }) {
  const me = useMe();
  const [form] = Form.useForm<Values>();
  const navigate = useNavigate();
  const instructors = useQuery({ queryKey: queryKeys.training.instructors, queryFn: () => api.get<Instructor[]>('/api/training/instructors'), enabled: open });
  const trainers = useQuery({ queryKey: queryKeys.training.trainers, queryFn: () => api.get<TrainerOption[]>('/api/training/trainers'), enabled: open });
  const format = Form.useWatch('format', form);
  const create = useFormMutation({
    form,
    mutationFn: (v: Values) =>
      api.post<Created>('/api/training/classes', {
        name: v.name,
        tier: v.tier,
        format: v.format,
        venue: v.venue?.trim() || null,
        onlineLink: v.onlineLink?.trim() || null,
        description: v.description?.trim() || null,
        capacity: v.capacity,
        hours: v.hours,
        passMark: v.passMark,
        minAttendancePercent: v.minAttendancePercent,
        certificateValidMonths: v.certificateValidMonths ?? null,
        enrolDeadline: v.enrolDeadline ? v.enrolDeadline.format('YYYY-MM-DD') : null,
        waivePrerequisite: v.waivePrerequisite,
        trainerAccountId: v.trainerAccountId ?? null,
        instructors: (v.instructorIds ?? []).map((instructorId) => ({ instructorId })),
        sessions: v.sessions.map((s) => ({ title: s.title, startsAt: s.range[0].toISOString(), endsAt: s.range[1].toISOString() })),
      } satisfies TrainingClassInput),
    // the new class's page opens instead
    success: null,
    invalidate: [queryKeys.training.all],
    onDone: (r) => {
      onClose();
      void navigate(`/training/classes/${String(r.id)}`);
    },
  });
  const tiers = tiersFor(me.orgUnit.kind);
  return (
    <Modal
      title="新建培训班"
      open={open}
      onCancel={() => {
        create.clearError();
        onClose();
      }}
      onOk={() => void create.submit()}
      okText="创建"
      cancelText="取消"
      confirmLoading={create.isPending}
      width={760}
      destroyOnHidden
    >
      <FormError error={create.error} />
      <Form<Values>
        form={form}
        layout="vertical"
        initialValues={{
          tier: tiers[0],
          format: 'in_person',
          capacity: 50,
          hours: 16,
          passMark: 60,
          minAttendancePercent: 80,
          waivePrerequisite: false,
          sessions: [{ title: '' }],
        }}
        onValuesChange={create.clearError}
      >
        <Form.Item name="name" label="培训班名称" rules={[{ required: true, message: '请填写培训班名称' }]}>
          <Input maxLength={100} />
        </Form.Item>
        <Row gutter={12}>
          <Col xs={24} sm={8}>
            <Form.Item name="tier" label="培训等级" rules={[{ required: true }]}>
              <Select options={tiers.map((t) => ({ value: t, label: TRAINING_TIER_LABELS[t] }))} />
            </Form.Item>
          </Col>
          <Col xs={24} sm={8}>
            <Form.Item name="format" label="培训形式" rules={[{ required: true }]}>
              <Select options={TRAINING_FORMATS.map((f) => ({ value: f, label: TRAINING_FORMAT_LABELS[f] }))} />
            </Form.Item>
          </Col>
          <Col xs={12} sm={4}>
            <Form.Item name="capacity" label="名额" rules={[{ required: true, message: '请填写名额' }]}>
              <InputNumber min={1} max={2000} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col xs={12} sm={4}>
            <Form.Item name="hours" label="学时" rules={[{ required: true, message: '请填写学时' }]}>
              <InputNumber min={0.5} max={200} step={0.5} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
        </Row>
        {format === 'online' ? (
          <Form.Item name="onlineLink" label="线上链接" rules={[{ required: true, message: '线上培训须填写线上链接' }]}>
            <Input placeholder="https://" />
          </Form.Item>
        ) : (
          <Form.Item name="venue" label="培训地点" rules={[{ required: true, message: '线下培训须填写培训地点' }]}>
            <Input maxLength={200} />
          </Form.Item>
        )}
        <Row gutter={12}>
          <Col xs={12} sm={6}>
            <Form.Item name="passMark" label="合格分数线">
              <InputNumber min={0} max={100} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col xs={12} sm={6}>
            <Form.Item name="minAttendancePercent" label="结业出勤率(%)">
              <InputNumber min={1} max={100} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col xs={12} sm={6}>
            <Form.Item name="certificateValidMonths" label="证书有效期(月)" tooltip="不填为长期有效">
              <InputNumber min={1} max={240} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col xs={12} sm={6}>
            <Form.Item name="enrolDeadline" label="报名截止日期">
              <DatePicker style={{ width: '100%' }} />
            </Form.Item>
          </Col>
        </Row>
        <Row gutter={12}>
          <Col xs={24} sm={12}>
            <Form.Item name="trainerAccountId" label="承办机构（可选）">
              <Select
                allowClear
                loading={trainers.isPending}
                options={(trainers.data ?? []).map((t) => ({ value: t.id, label: `${t.name}（${t.orgUnitName}）` }))}
              />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12}>
            <Form.Item name="instructorIds" label="讲师（本市及省级讲师库）">
              <Select
                mode="multiple"
                allowClear
                loading={instructors.isPending}
                optionFilterProp="label"
                options={(instructors.data ?? []).filter((i) => i.active).map((i) => ({ value: i.id, label: `${i.name}（${i.organisation}）` }))}
              />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item name="waivePrerequisite" label="免除前置证书要求" valuePropName="checked" tooltip="提升班要求基础合格证，高级班要求提升合格证">
          <Switch />
        </Form.Item>
        <Form.Item name="description" label="培训说明">
          <Input.TextArea rows={2} maxLength={2000} />
        </Form.Item>
        <Form.List name="sessions">
          {(fields, { add, remove }) => (
            <>
              {fields.map((field, i) => (
                <Space key={field.key} align="baseline" wrap>
                  <Form.Item name={[field.name, 'title']} rules={[{ required: true, message: '请填写课次名称' }]}>
                    <Input placeholder={`第 ${String(i + 1)} 课 名称`} style={{ width: 220 }} />
                  </Form.Item>
                  <Form.Item name={[field.name, 'range']} rules={[{ required: true, message: '请选择时间' }]}>
                    <DatePicker.RangePicker showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" />
                  </Form.Item>
                  {fields.length > 1 ? (
                    <Button type="text" danger icon={<MinusCircleOutlined />} aria-label="删除课次" onClick={() => remove(field.name)} />
                  ) : null}
                </Space>
              ))}
              <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({ title: '' })}>
                增加课次
              </Button>
            </>
          )}
        </Form.List>
      </Form>
    </Modal>
  );
}

/** 培训班: the bureau's classes in its region (a trainer: the classes it runs). */
export default function ClassesPage() {
  const me = useMe();
  const paging = useUrlFilters(['tier'] as const);
  const { filters, page, pageSize, update } = paging;
  const tier = filters.tier as TrainingTier | undefined;
  const [creating, setCreating] = useState(false);
  const query = { page, pageSize, tier };
  const list = useQuery({
    queryKey: queryKeys.trainingClasses.list(query),
    queryFn: ({ signal }) => api.get<Page<TrainingClassListItem>>('/api/training/classes', query, signal),
    placeholderData: keepPreviousData,
  });
  const canManage = me.permissions.includes('training:manage');
  // a training institution runs the classes it is given; it organises none
  const canDeliverOnly = me.permissions.includes('training:deliver') && !canManage;
  const columns: TableColumnsType<TrainingClassListItem> = [
    { title: '培训班', dataIndex: 'name', render: (_v, r) => <Link to={`/training/classes/${String(r.id)}`}>{r.name}</Link> },
    { title: '等级', dataIndex: 'tier', width: 80, render: (_v, r) => <TierTag tier={r.tier} /> },
    { title: '形式', dataIndex: 'format', width: 100, render: (_v, r) => <FormatTag format={r.format} />, responsive: ['md'] },
    { title: '时间', key: 'period', width: 190, render: (_v, r) => classPeriod(r.firstStart, r.lastEnd) },
    { title: '主办', dataIndex: 'orgUnitName', width: 100, responsive: ['lg'] },
    { title: '承办机构', dataIndex: 'providerName', width: 160, responsive: ['lg'], render: (v: string | null) => v ?? '—' },
    {
      title: '报名/名额',
      key: 'enrolled',
      width: 110,
      render: (_v, r) => `${String(r.enrolled)}/${String(r.capacity)}${r.waitlisted ? ` +${String(r.waitlisted)}` : ''}`,
    },
    { title: '已发证', dataIndex: 'certified', width: 80 },
    {
      title: '状态',
      dataIndex: 'status',
      width: 80,
      render: (v: string) => (v === 'cancelled' ? <Tag color="error">已取消</Tag> : <Tag color="blue">正常</Tag>),
    },
  ];
  return (
    <div className="page">
      <PageHeader
        title="培训班"
        description={canDeliverOnly ? '本机构承办的培训班：花名册、签到、考核与发证' : '辖区内的三级培训班：报名、签到、考核、效果评估与发证'}
        extra={
          canManage ? (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>
              新建培训班
            </Button>
          ) : null
        }
      />
      <FilterBar anyFilter={paging.anyFilter} onReset={paging.reset}>
        <FilterSelect<TrainingTier>
          label="等级"
          placeholder="全部等级"
          value={tier}
          onChange={(v) => update({ tier: v })}
          options={TRAINING_TIERS.map((t) => ({ value: t, label: TRAINING_TIER_LABELS[t] }))}
        />
      </FilterBar>
      <ListTable<TrainingClassListItem>
        rowKey="id"
        columns={columns}
        query={list}
        paging={paging}
        what="培训班"
        empty={paging.anyFilter ? '没有符合条件的培训班' : '还没有培训班'}
        totalText={(n) => `共 ${String(n)} 个`}
      />
      <CreateClassModal open={creating} onClose={() => setCreating(false)} />
    </div>
  );
}
