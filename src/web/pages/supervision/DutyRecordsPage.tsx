import { DownloadOutlined, PaperClipOutlined, PlusOutlined, UploadOutlined } from '@ant-design/icons';
import { keepPreviousData, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  App,
  Button,
  DatePicker,
  Descriptions,
  Drawer,
  Form,
  Input,
  InputNumber,
  Modal,
  Select,
  Space,
  Tag,
  Typography,
  Upload,
  type TableColumnsType,
  type UploadProps,
} from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { api, errorMessage, withQuery, type QueryParams } from '../../api/client';
import { queryKeys } from '../../api/query-keys';
import type { Page } from '../../api/types';
import type { DutyKind, DutyProjectType, DutyRecord, DutyRecordDetail } from '../../api/supervision-types';
import { useSession } from '../../auth/session';
import { useConfirmAction } from '../../components/confirm-action';
import { download } from '../../components/download';
import { formatDateTimeShort } from '../../components/format';
import { FilterBar } from '../../components/list/FilterBar';
import { ListTable } from '../../components/list/ListTable';
import { QueryState } from '../../components/list/QueryState';
import { FormError, useFormMutation } from '../../components/list/use-form-mutation';
import { PageHeader } from '../../components/PageHeader';
import { DateRangeFilter, UrlKeyword, useUrlFilters } from '../../components/url-filters';
import { useIsMobile } from '../../components/use-is-mobile';
import { DUTY_KIND_COLORS, DUTY_KIND_OPTIONS, DUTY_PROJECT_OPTIONS, dutyKindLabel } from './dict';
import './supervision.css';
import { FilterSelect } from '../../components/FilterField';

const KEY = queryKeys.dutyRecords.all;
const FILTER_KEYS = ['kind', 'projectType', 'from', 'to', 'q'] as const;

/**
 * 履职记录: bureaus list, filter and export the records of their region (and confirm government quality work);
 * the enterprise and the officer record and keep their own. One page, three menu entries (see nav.tsx).
 */
export default function DutyRecordsPage() {
  const isMobile = useIsMobile();
  const { hasPermission } = useSession();
  const isBureau = hasPermission('supervision:read');
  const canConfirm = hasPermission('supervision:manage');
  const paging = useUrlFilters(FILTER_KEYS);
  const { filters, page, pageSize, update } = paging;
  const kind = filters.kind as DutyKind | undefined;
  const [openId, setOpenId] = useState<number | null>(null);
  const [creating, setCreating] = useState(false);

  const filter: QueryParams = filters;
  const query = { ...filters, page, pageSize };
  const list = useQuery({
    queryKey: queryKeys.dutyRecords.list(query),
    queryFn: ({ signal }) => api.get<Page<DutyRecord>>('/api/duty-records', query, signal),
    placeholderData: keepPreviousData,
  });

  const columns: TableColumnsType<DutyRecord> = [
    { title: '日期', dataIndex: 'occurredOn', render: (v: string) => <span className="nowrap">{v}</span> },
    {
      title: '事项',
      key: 'title',
      render: (_v, r) => (
        <div className="supervision-cell">
          <Typography.Link onClick={() => setOpenId(r.id)}>{r.title}</Typography.Link>
          <span>
            <Tag color={DUTY_KIND_COLORS[r.kind]}>{dutyKindLabel(r.kind, r.projectType)}</Tag>
            {r.attachmentCount ? (
              <span className="supervision-muted">
                <PaperClipOutlined /> {r.attachmentCount}
              </span>
            ) : null}
          </span>
          {isMobile && isBureau ? (
            <span className="supervision-muted">
              {r.enterpriseName} · {r.personName}
            </span>
          ) : null}
        </div>
      ),
    },
    ...(isBureau && !isMobile
      ? ([
          { title: '首席质量官', dataIndex: 'personName', render: (v: string) => <span className="nowrap">{v}</span> },
          { title: '企业', dataIndex: 'enterpriseName' },
          { title: '主管单位', dataIndex: 'orgUnitName', render: (v: string) => <span className="nowrap">{v}</span> },
        ] as TableColumnsType<DutyRecord>)
      : []),
    ...(isMobile
      ? []
      : ([
          { title: '登记人', dataIndex: 'createdByRole', render: (v: string) => (v === 'officer' ? '本人' : '企业') },
          {
            title: '学时确认',
            key: 'credit',
            render: (_v, r) =>
              r.kind !== 'government_work' ? '—' : r.confirmedAt ? <Tag color="success">已确认 {r.creditedMinutes ?? 0} 分钟</Tag> : <Tag>待确认</Tag>,
          },
        ] as TableColumnsType<DutyRecord>)),
  ];

  return (
    <div className="page">
      <PageHeader
        title="履职记录"
        description={
          isBureau
            ? '管辖范围内首席质量官行使一票否决、主持质量会议、开展质量项目和参与政府质量工作的记录。'
            : '记录首席质量官行使质量安全一票否决、质量会议、质量攻关/比对/创新项目和参与政府质量工作的情况。'
        }
        extra={
          <Space wrap>
            {isBureau ? (
              <Button icon={<DownloadOutlined />} onClick={() => download(withQuery('/api/duty-records/export', filter))}>
                导出 Excel
              </Button>
            ) : (
              <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>
                登记履职记录
              </Button>
            )}
          </Space>
        }
      />
      <FilterBar anyFilter={paging.anyFilter} onReset={paging.reset}>
        <FilterSelect<DutyKind>
          label="职责类别"
          placeholder="全部职责类别（三.1–三.5）"
          value={kind}
          options={DUTY_KIND_OPTIONS}
          onChange={(v) => update({ kind: v, projectType: v === 'quality_management' ? filters.projectType : undefined })}
        />
        {kind === 'quality_management' ? (
          <FilterSelect<DutyProjectType>
            label="三.4 事项"
            placeholder="全部三.4 事项"
            value={filters.projectType as DutyProjectType | undefined}
            options={DUTY_PROJECT_OPTIONS}
            onChange={(v) => update({ projectType: v })}
          />
        ) : null}
        <DateRangeFilter from={filters.from} to={filters.to} isMobile={isMobile} onChange={(from, to) => update({ from, to })} />
        <UrlKeyword value={filters.q} placeholder="事项、企业或姓名" onApply={(q) => update({ q })} />
      </FilterBar>
      <ListTable<DutyRecord>
        rowKey="id"
        columns={columns}
        query={list}
        paging={paging}
        what="履职记录"
        empty={paging.anyFilter ? '没有符合条件的履职记录' : '暂无履职记录'}
      />
      <DutyRecordDrawer id={openId} onClose={() => setOpenId(null)} canConfirm={canConfirm} />
      <DutyRecordModal
        open={creating}
        onClose={() => setCreating(false)}
        onCreated={(r) => {
          setCreating(false);
          setOpenId(r.id);
        }}
      />
    </div>
  );
}

interface FormValues {
  kind: DutyKind;
  projectType?: DutyProjectType;
  occurredOn: Dayjs;
  title: string;
  description: string;
  outcome?: string;
}

function DutyRecordModal({ open, onClose, onCreated }: { open: boolean; onClose: () => void; onCreated: (r: DutyRecordDetail) => void }) {
  const isMobile = useIsMobile();
  const [form] = Form.useForm<FormValues>();
  const kind = Form.useWatch('kind', form);
  const create = useFormMutation({
    form,
    mutationFn: (v: FormValues) =>
      api.post<DutyRecordDetail>('/api/duty-records', {
        kind: v.kind,
        projectType: v.kind === 'quality_management' ? v.projectType : null,
        occurredOn: v.occurredOn.format('YYYY-MM-DD'),
        title: v.title.trim(),
        description: v.description.trim(),
        outcome: v.outcome?.trim() ?? null,
      }),
    success: '履职记录已登记',
    invalidate: [KEY],
    onDone: (created) => {
      form.resetFields();
      onCreated(created);
    },
  });
  return (
    <Modal
      open={open}
      title="登记履职记录"
      okText="保存"
      confirmLoading={create.isPending}
      onOk={() => void create.submit()}
      onCancel={onClose}
      destroyOnHidden
      mask={{ closable: false }}
      width={isMobile ? 'calc(100vw - 16px)' : 560}
    >
      <FormError error={create.error} />
      <Form<FormValues> form={form} layout="vertical" onFinish={(v) => create.mutate(v)} initialValues={{ kind: 'veto', occurredOn: dayjs() }}>
        <Form.Item
          label="职责类别"
          name="kind"
          rules={[{ required: true, message: '请选择职责类别' }]}
          extra="按《关于深化企业首席质量官制度的意见》三 所列五项职责"
        >
          <Select options={DUTY_KIND_OPTIONS} />
        </Form.Item>
        {kind === 'quality_management' ? (
          <Form.Item label="三.4 具体事项" name="projectType" rules={[{ required: true, message: '请选择具体事项' }]}>
            <Select options={DUTY_PROJECT_OPTIONS} placeholder="如：质量管理体系、质量攻关" />
          </Form.Item>
        ) : null}
        <Form.Item label="发生日期" name="occurredOn" rules={[{ required: true, message: '请选择日期' }]}>
          <DatePicker className="full-width" inputReadOnly={isMobile} disabledDate={(d) => d.isAfter(dayjs(), 'day')} />
        </Form.Item>
        <Form.Item
          label="事项"
          name="title"
          rules={[
            { required: true, whitespace: true, message: '请填写事项' },
            { min: 2, message: '至少 2 个字' },
          ]}
        >
          <Input maxLength={100} placeholder="如：否决不合格原材料批次投产" />
        </Form.Item>
        <Form.Item
          label="经过"
          name="description"
          rules={[
            { required: true, whitespace: true, message: '请填写经过' },
            { min: 5, message: '至少 5 个字' },
          ]}
        >
          <Input.TextArea rows={4} maxLength={2000} showCount />
        </Form.Item>
        <Form.Item label="结果" name="outcome">
          <Input.TextArea rows={2} maxLength={1000} placeholder="如：批次退货，避免批量质量问题" />
        </Form.Item>
        <Typography.Text type="secondary">保存后可在详情中上传证明材料（PDF/JPG/PNG，≤10 MB）。</Typography.Text>
      </Form>
    </Modal>
  );
}

function DutyRecordDrawer({ id, onClose, canConfirm }: { id: number | null; onClose: () => void; canConfirm: boolean }) {
  const isMobile = useIsMobile();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [confirmForm] = Form.useForm<{ hours: number }>();
  const [uploading, setUploading] = useState(false);
  const detail = useQuery({
    queryKey: queryKeys.dutyRecords.detail(id ?? 0),
    queryFn: ({ signal }) => api.get<DutyRecordDetail>(`/api/duty-records/${id ?? 0}`, undefined, signal),
    enabled: id !== null,
  });
  const r = detail.data;
  const refresh = async () => {
    await queryClient.invalidateQueries({ queryKey: KEY });
  };
  const upload: UploadProps['customRequest'] = ({ file, onSuccess, onError }) => {
    if (!r) return;
    const data = new FormData();
    data.append('file', file as Blob);
    setUploading(true);
    api
      .upload<DutyRecordDetail>(`/api/duty-records/${r.id}/attachments`, data)
      .then(async (saved) => {
        onSuccess?.(saved);
        message.success('证明材料已上传');
        await refresh();
      })
      .catch((err: unknown) => {
        onError?.(err as Error);
        message.error(errorMessage(err));
      })
      .finally(() => setUploading(false));
  };
  const confirmHours = useFormMutation({
    form: confirmForm,
    mutationFn: (v: { hours: number }) => api.post(`/api/duty-records/${r?.id ?? 0}/confirm`, { hours: v.hours }),
    success: '已确认并计入年度学时',
    invalidate: [KEY],
  });
  const { confirm } = useConfirmAction();
  const remove = () => {
    if (!r) return;
    confirm({
      title: '删除这条履职记录？',
      content: r.title,
      okText: '删除',
      danger: true,
      action: () => api.delete(`/api/duty-records/${r.id}`),
      success: '已删除',
      invalidate: [KEY],
      onDone: onClose,
    });
  };
  return (
    <Drawer
      open={id !== null}
      onClose={onClose}
      title={r?.title ?? '履职记录'}
      size={isMobile ? 'default' : 560}
      placement={isMobile ? 'bottom' : 'right'}
      className="supervision-detail"
    >
      <QueryState query={detail} what="履职记录" rows={8}>
        {(r) => (
          <>
            <Descriptions column={1} size="small" bordered>
              <Descriptions.Item label="类型">
                <Tag color={DUTY_KIND_COLORS[r.kind]}>{dutyKindLabel(r.kind, r.projectType)}</Tag>
              </Descriptions.Item>
              <Descriptions.Item label="发生日期">{r.occurredOn}</Descriptions.Item>
              <Descriptions.Item label="首席质量官">{r.personName}</Descriptions.Item>
              <Descriptions.Item label="企业">{r.enterpriseName}</Descriptions.Item>
              <Descriptions.Item label="经过">{r.description}</Descriptions.Item>
              <Descriptions.Item label="结果">{r.outcome ?? '—'}</Descriptions.Item>
              <Descriptions.Item label="登记">
                {r.createdByRole === 'officer' ? '本人' : '企业'}于 {formatDateTimeShort(r.createdAt)}
              </Descriptions.Item>
              {r.kind === 'government_work' ? (
                <Descriptions.Item label="学时确认">
                  {r.confirmedAt ? `${formatDateTimeShort(r.confirmedAt)} 已确认，计入 ${r.creditedMinutes ?? 0} 分钟` : '待主管局确认'}
                </Descriptions.Item>
              ) : null}
              <Descriptions.Item label="证明材料">
                {r.attachments.length === 0 ? (
                  '无'
                ) : (
                  <Space direction="vertical" size={2}>
                    {r.attachments.map((a) => (
                      <a key={a.id} href={`/api/duty-records/${r.id}/attachments/${a.id}`} target="_blank" rel="noreferrer">
                        <PaperClipOutlined /> {a.name}
                      </a>
                    ))}
                  </Space>
                )}
              </Descriptions.Item>
            </Descriptions>
            <div className="supervision-actions">
              {r.canEdit ? (
                <>
                  <Upload customRequest={upload} showUploadList={false} accept=".pdf,.jpg,.jpeg,.png" disabled={uploading}>
                    <Button icon={<UploadOutlined />} loading={uploading}>
                      上传证明材料
                    </Button>
                  </Upload>
                  <Button danger onClick={remove}>
                    删除
                  </Button>
                </>
              ) : null}
              {canConfirm && r.kind === 'government_work' && !r.confirmedAt ? (
                <Form form={confirmForm} layout="inline" initialValues={{ hours: 2 }} onFinish={(v) => confirmHours.mutate(v)}>
                  <Form.Item name="hours" rules={[{ required: true, message: '请填写学时' }]}>
                    <InputNumber min={0.5} max={40} step={0.5} suffix="学时" aria-label="确认学时" />
                  </Form.Item>
                  <Form.Item>
                    <Button type="primary" htmlType="submit" loading={confirmHours.isPending}>
                      确认并计入学时
                    </Button>
                  </Form.Item>
                </Form>
              ) : null}
            </div>
            <FormError error={confirmHours.error} />
          </>
        )}
      </QueryState>
    </Drawer>
  );
}
