import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, DatePicker, Form, Input, InputNumber, Modal, Select, Switch } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useEffect, useState } from 'react';
import { useNavigate } from 'react-router';
import { EVENT_KINDS, type EventKind } from '../../../domain/community-cases';
import { api } from '../../api/client';
import type { EventDetail, EventInput } from '../../api/community-case-types';
import { applyServerErrors } from '../../components/form-errors';
import type { Created } from '../../api/types';
import { queryKeys } from '../../api/query-keys';

export interface EventHosts {
  ownUnit: boolean;
  ownUnitName: string | null;
  organisations: { id: number; name: string }[];
}

/** In whose name the caller may publish: its bureau and the 联盟/之家 it runs (computed by the server). */
export const useEventHosts = () => useQuery({ queryKey: queryKeys.communityEvent.hosts, queryFn: () => api.get<EventHosts>('/api/community/events/hosts') });

interface Values {
  /** 0: the caller's bureau; else an organisation's id */
  host: number;
  kind: EventKind;
  title: string;
  description?: string;
  place: string;
  range: [Dayjs, Dayjs];
  capacity: number;
  creditsStudy: boolean;
}
const FIELDS = ['host', 'kind', 'title', 'description', 'place', 'range', 'capacity', 'creditsStudy'] as const;

/**
 * Publish a new event or change one. A new event is held by the caller's bureau or by a 联盟/之家 it runs
 * (`organisationId` fixes the host, as on an organisation's page); the host of a published event stays.
 */
export function EventFormModal({ open, onClose, event, organisationId }: { open: boolean; onClose: () => void; event?: EventDetail; organisationId?: number }) {
  const hosts = useEventHosts();
  const hostOptions = [
    ...(hosts.data?.ownUnit ? [{ value: 0, label: hosts.data.ownUnitName ?? '本局' }] : []),
    ...(hosts.data?.organisations ?? []).map((o) => ({ value: o.id, label: o.name })),
  ];
  const defaultHost = hostOptions[0]?.value;
  const [form] = Form.useForm<Values>();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const navigate = useNavigate();
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    if (!open) return;
    form.resetFields();
    setError(null);
    if (!event) form.setFieldsValue({ host: organisationId ?? defaultHost });
    if (event) {
      form.setFieldsValue({
        kind: event.kind,
        title: event.title,
        description: event.description,
        place: event.place,
        range: [dayjs(event.startsAt), dayjs(event.endsAt)],
        capacity: event.capacity,
        creditsStudy: event.creditsStudy,
      });
    }
  }, [open, event, form, organisationId, defaultHost]);

  const submit = async () => {
    let v: Values;
    try {
      v = await form.validateFields();
    } catch {
      return;
    }
    const body: EventInput = {
      kind: v.kind,
      title: v.title,
      description: v.description ?? '',
      place: v.place,
      startsAt: v.range[0].toISOString(),
      endsAt: v.range[1].toISOString(),
      capacity: v.capacity,
      creditsStudy: v.creditsStudy,
    };
    if (!event && v.host) body.organisationId = v.host;
    setSaving(true);
    try {
      if (event) {
        await api.put(`/api/community/events/${event.id}`, body);
        message.success('活动已修改');
      } else {
        const { id } = await api.post<Created>('/api/community/events', body);
        message.success('活动已发布');
        await navigate(`/community/events/${id}`);
      }
      await qc.invalidateQueries({ queryKey: queryKeys.communityEvents.all });
      await qc.invalidateQueries({ queryKey: queryKeys.communityEvent.all });
      onClose();
    } catch (e) {
      setError(applyServerErrors(form, e, FIELDS, { startsAt: 'range', endsAt: 'range', organisationId: 'host' }));
    } finally {
      setSaving(false);
    }
  };

  return (
    <Modal
      open={open}
      title={event ? '修改活动' : '发布活动'}
      okText={event ? '保存' : '发布'}
      confirmLoading={saving}
      onOk={() => void submit()}
      onCancel={onClose}
      destroyOnHidden
    >
      <Form form={form} layout="vertical" initialValues={{ kind: 'exchange', capacity: 50, creditsStudy: true }}>
        {event ? null : (
          <Form.Item name="host" label="主办" rules={[{ required: true, message: '请选择主办单位或组织' }]} extra="联盟、之家主办的活动仅其成员可见、可报名">
            <Select options={hostOptions} disabled={organisationId !== undefined} placeholder="请选择" />
          </Form.Item>
        )}
        <Form.Item name="kind" label="活动类型" rules={[{ required: true }]}>
          <Select options={Object.entries(EVENT_KINDS).map(([value, label]) => ({ value, label }))} />
        </Form.Item>
        <Form.Item
          name="title"
          label="活动名称"
          rules={[
            { required: true, message: '请填写活动名称' },
            { min: 4, message: '活动名称至少 4 个字' },
          ]}
        >
          <Input maxLength={80} />
        </Form.Item>
        <Form.Item name="range" label="活动时间" rules={[{ required: true, message: '请选择活动时间' }]}>
          <DatePicker.RangePicker showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item name="place" label="活动地点" rules={[{ required: true, message: '请填写活动地点' }]}>
          <Input maxLength={120} />
        </Form.Item>
        <Form.Item name="capacity" label="名额" rules={[{ required: true, message: '请填写名额' }]}>
          <InputNumber min={1} max={5000} precision={0} style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item name="description" label="活动简介">
          <Input.TextArea rows={3} maxLength={3000} />
        </Form.Item>
        <Form.Item name="creditsStudy" label="签到后计入年度学时" valuePropName="checked">
          <Switch />
        </Form.Item>
        {error ? <Alert type="error" showIcon title={error} /> : null}
      </Form>
    </Modal>
  );
}
