import { DownloadOutlined, QrcodeOutlined, UploadOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Descriptions, Input, Modal, Space, Switch, Table, Tag, Typography, Upload } from 'antd';
import { useEffect, useState } from 'react';
import { Link, useParams } from 'react-router';
import { REGISTRATION_STATUSES } from '../../../domain/community-cases';
import { api, errorMessage } from '../../api/client';
import type { Attendance, AttendanceRow, EventDetail, EventRegistered } from '../../api/community-case-types';
import { useConfirmAction } from '../../components/confirm-action';
import { download } from '../../components/download';
import { formatDateTimeShort } from '../../components/format';
import { RecordPending } from '../../components/FullPageSpin';
import { PageHeader } from '../../components/PageHeader';
import { EventFormModal } from './EventFormModal';
import { eventKindLabel, RegistrationTag } from './parts';
import { queryKeys } from '../../api/query-keys';

/** One event: details and registration for officers; QR screen, attendance, report and photos for the organiser. */
export default function EventDetailPage() {
  const id = Number(useParams().id);
  const detail = useQuery({ queryKey: queryKeys.communityEvent.detail(id), queryFn: () => api.get<EventDetail>(`/api/community/events/${id}`) });
  if (!detail.data) return <RecordPending query={detail} what="活动" />;
  const e = detail.data;
  return (
    <div className="page">
      <PageHeader
        title={e.title}
        back={{ title: '交流活动', to: '/community/events' }}
        description={
          <Space size={[4, 4]} wrap>
            <Tag color="blue">{eventKindLabel(e.kind)}</Tag>
            {e.status === 'cancelled' ? <Tag>已取消</Tag> : null}
            <RegistrationTag status={e.myStatus} checkedIn={e.myCheckedIn} />
          </Space>
        }
      />
      {e.status === 'cancelled' ? <Alert className="block-card" type="warning" showIcon title="活动已取消" description={e.cancelReason} /> : null}
      <Card size="small" className="block-card">
        <Descriptions
          size="small"
          column={{ xs: 1, md: 2 }}
          items={[
            { key: 'time', label: '时间', children: `${formatDateTimeShort(e.startsAt)} 至 ${formatDateTimeShort(e.endsAt)}` },
            { key: 'place', label: '地点', children: e.place },
            { key: 'organiser', label: '主办', children: e.organiserName },
            { key: 'seats', label: '名额', children: `已报名 ${e.registered}/${e.capacity}${e.waitlisted ? `，候补 ${e.waitlisted} 人` : ''}` },
            { key: 'credit', label: '学时', children: e.creditsStudy ? '签到后按省局规则计入年度学时' : '不计学时' },
          ]}
        />
        {e.description ? <Typography.Paragraph className="section-alert">{e.description}</Typography.Paragraph> : null}
        <Registration e={e} />
      </Card>
      {e.abilities.manage ? <Organiser e={e} /> : null}
      {e.reportText ? (
        <Card size="small" className="block-card" title={e.reportPublishedAt ? '活动报道' : '活动报道（未发布）'}>
          <Typography.Paragraph style={{ whiteSpace: 'pre-wrap' }}>{e.reportText}</Typography.Paragraph>
          <Photos e={e} />
        </Card>
      ) : e.photos.length > 0 ? (
        <Card size="small" className="block-card" title="活动照片">
          <Photos e={e} />
        </Card>
      ) : null}
    </div>
  );
}

function Registration({ e }: { e: EventDetail }) {
  const { message } = App.useApp();
  const qc = useQueryClient();
  const act = useMutation({
    mutationFn: (path: 'register' | 'unregister') => api.post<Partial<EventRegistered>>(`/api/community/events/${e.id}/${path}`),
    onSuccess: async (r, path) => {
      message.success(path === 'unregister' ? '已取消报名' : r.status === 'waitlisted' ? '名额已满，已进入候补名单' : '报名成功');
      await qc.invalidateQueries({ queryKey: queryKeys.communityEvent.detail(e.id) });
      await qc.invalidateQueries({ queryKey: queryKeys.communityEvents.all });
    },
    onError: (err) => message.error(errorMessage(err)),
  });
  if (!e.abilities.register && !e.abilities.cancelRegistration) {
    return e.myStatus === 'registered' && !e.myCheckedIn && e.status === 'open' ? (
      <Alert className="section-alert" type="info" showIcon title="活动现场请用手机扫描屏幕上的签到二维码" />
    ) : null;
  }
  return (
    <div className="case-actions section-alert">
      {e.abilities.register ? (
        <Button type="primary" loading={act.isPending} onClick={() => act.mutate('register')}>
          {e.registered >= e.capacity ? '报名候补' : '我要报名'}
        </Button>
      ) : null}
      {e.abilities.cancelRegistration ? (
        <Button loading={act.isPending} onClick={() => act.mutate('unregister')}>
          取消报名
        </Button>
      ) : null}
    </div>
  );
}

function Organiser({ e }: { e: EventDetail }) {
  const { message } = App.useApp();
  const { prompt } = useConfirmAction();
  const qc = useQueryClient();
  const [editing, setEditing] = useState(false);
  const attendance = useQuery({
    queryKey: queryKeys.communityEvent.attendance(e.id),
    queryFn: () => api.get<Attendance>(`/api/community/events/${e.id}/attendance`),
  });
  const [report, setReport] = useState(e.reportText ?? '');
  const [publish, setPublish] = useState(true);
  useEffect(() => setReport(e.reportText ?? ''), [e.reportText]);
  const started = new Date(e.startsAt).getTime() <= Date.now();
  const refresh = async () => {
    await qc.invalidateQueries({ queryKey: queryKeys.communityEvent.detail(e.id) });
    await qc.invalidateQueries({ queryKey: queryKeys.communityEvents.all });
  };
  const saveReport = useMutation({
    mutationFn: () => api.put(`/api/community/events/${e.id}/report`, { reportText: report, publish }),
    onSuccess: async () => {
      message.success(publish ? '活动报道已发布' : '活动报道已保存');
      await refresh();
    },
    onError: (err) => message.error(errorMessage(err)),
  });
  const checkedIn = attendance.data?.items.filter((r) => r.checkedInAt).length ?? 0;
  return (
    <>
      <Card size="small" className="block-card" title="组织管理">
        <div className="case-actions">
          {e.status === 'open' ? (
            <Link to={`/community/events/${e.id}/qr`}>
              <Button type="primary" icon={<QrcodeOutlined />}>
                签到二维码
              </Button>
            </Link>
          ) : null}
          <Button icon={<DownloadOutlined />} onClick={() => download(`/api/community/events/${e.id}/attendance.xlsx`)}>
            导出签到名单
          </Button>
          {e.status === 'open' ? <Button onClick={() => setEditing(true)}>修改活动</Button> : null}
          {e.status === 'open' ? (
            <Button
              danger
              onClick={() =>
                prompt({
                  title: '取消活动',
                  label: '取消原因',
                  placeholder: '将通知已报名人员',
                  required: '请填写取消原因',
                  min: 2,
                  maxLength: 300,
                  multiline: true,
                  okText: '取消活动',
                  danger: true,
                  action: (reason) => api.post(`/api/community/events/${e.id}/cancel`, { reason }),
                  success: '活动已取消',
                  invalidate: [queryKeys.communityEvent.detail(e.id), queryKeys.communityEvents.all],
                })
              }
            >
              取消活动
            </Button>
          ) : null}
        </div>
        <Typography.Paragraph className="section-alert" type="secondary">
          报名 {e.registered} 人，候补 {e.waitlisted} 人，已签到 {checkedIn} 人
        </Typography.Paragraph>
        <Table<AttendanceRow>
          rowKey="id"
          size="small"
          loading={attendance.isPending}
          dataSource={attendance.data?.items ?? []}
          pagination={{ pageSize: 20, hideOnSinglePage: true }}
          scroll={{ x: 560 }}
          columns={[
            { title: '姓名', dataIndex: 'name', width: 90 },
            { title: '企业', dataIndex: 'enterpriseName', render: (v: string | null) => v ?? '—' },
            { title: '状态', dataIndex: 'status', width: 80, render: (v: AttendanceRow['status']) => REGISTRATION_STATUSES[v] },
            { title: '签到时间', dataIndex: 'checkedInAt', width: 140, render: (v: string | null) => (v ? formatDateTimeShort(v) : '—') },
          ]}
        />
      </Card>
      {started && e.status === 'open' ? (
        <Card size="small" className="block-card" title="活动报道（图文）">
          <Input.TextArea
            rows={4}
            value={report}
            onChange={(ev) => setReport(ev.target.value)}
            maxLength={5000}
            placeholder="活动概况、交流内容与成果"
            aria-label="活动报道"
          />
          <div className="case-actions section-alert">
            <Space>
              <Switch checked={publish} onChange={setPublish} aria-label="发布" /> 发布
            </Space>
            <Button type="primary" loading={saveReport.isPending} onClick={() => saveReport.mutate()}>
              保存报道
            </Button>
            <Upload
              accept=".jpg,.jpeg,.png"
              showUploadList={false}
              customRequest={({ file, onSuccess, onError }) => {
                const form = new FormData();
                form.append('file', file);
                api.upload(`/api/community/events/${e.id}/photos`, form).then(
                  async (r) => {
                    onSuccess?.(r);
                    message.success('照片已上传');
                    await refresh();
                  },
                  (err: unknown) => {
                    message.error(errorMessage(err));
                    onError?.(err instanceof Error ? err : new Error(errorMessage(err)));
                  },
                );
              }}
            >
              <Button icon={<UploadOutlined />}>上传照片</Button>
            </Upload>
          </div>
        </Card>
      ) : null}
      <EventFormModal open={editing} onClose={() => setEditing(false)} event={e} />
    </>
  );
}

function Photos({ e }: { e: EventDetail }) {
  const [preview, setPreview] = useState<number | null>(null);
  if (e.photos.length === 0) return null;
  return (
    <>
      <div className="event-photos">
        {e.photos.map((p) => (
          <button
            key={p.id}
            type="button"
            className="link-button"
            onClick={() => setPreview(p.id)}
            aria-label="查看大图"
            style={{ padding: 0, border: 0, background: 'none' }}
          >
            <img src={`/api/community/event-photos/${p.id}`} alt={p.caption || '活动照片'} loading="lazy" />
          </button>
        ))}
      </div>
      <Modal open={preview !== null} footer={null} onCancel={() => setPreview(null)} width={800}>
        {preview !== null ? <img src={`/api/community/event-photos/${preview}`} alt="活动照片" style={{ width: '100%' }} /> : null}
      </Modal>
    </>
  );
}
