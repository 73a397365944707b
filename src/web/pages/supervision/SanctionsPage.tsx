import { PaperClipOutlined, PlusOutlined, UploadOutlined } from '@ant-design/icons';
import { keepPreviousData, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  App,
  Button,
  DatePicker,
  Descriptions,
  Drawer,
  Form,
  Input,
  Modal,
  Radio,
  Space,
  Tag,
  Timeline,
  Typography,
  Upload,
  type TableColumnsType,
  type UploadProps,
} from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { api, errorMessage } from '../../api/client';
import { queryKeys } from '../../api/query-keys';
import type { Page } from '../../api/types';
import type { Sanction, SanctionDetail, SanctionKind, SanctionStatus } from '../../api/supervision-types';
import { useMe, useSession } from '../../auth/session';
import { formatDateTimeShort } from '../../components/format';
import { FilterBar } from '../../components/list/FilterBar';
import { ListTable } from '../../components/list/ListTable';
import { QueryState } from '../../components/list/QueryState';
import { FormError, useFormMutation } from '../../components/list/use-form-mutation';
import { PageHeader } from '../../components/PageHeader';
import { UrlKeyword, useUrlFilters } from '../../components/url-filters';
import { useIsMobile } from '../../components/use-is-mobile';
import { appealStatusLabel, SANCTION_KIND_OPTIONS, SANCTION_STATUS_COLORS, SANCTION_STATUS_OPTIONS, sanctionKindLabel, sanctionStatusLabel } from './dict';
import { FilingPicker } from './FilingPicker';
import './supervision.css';
import { FilterSelect } from '../../components/FilterField';

const KEY = queryKeys.sanctions.all;
const FILTER_KEYS = ['kind', 'status', 'q'] as const;

/**
 * 警示与黑名单: county and city bureaus propose with the accident and evidence, the province decides, removes and
 * answers appeals; an officer sees the decisions about them and appeals (the same page at /me/sanctions).
 */
export default function SanctionsPage() {
  const isMobile = useIsMobile();
  const me = useMe();
  const { hasPermission } = useSession();
  const isBureau = hasPermission('supervision:read');
  const canPropose = me.abilities.proposeSanction;
  const paging = useUrlFilters(FILTER_KEYS);
  const { filters, page, pageSize, update } = paging;
  // a notice links /supervision/sanctions?id=<n>: the page opens on that record
  const [params] = useSearchParams();
  const [openId, setOpenId] = useState<number | null>(() => (Number(params.get('id')) > 0 ? Number(params.get('id')) : null));
  const [proposing, setProposing] = useState(false);
  const query = { ...filters, page, pageSize };
  const list = useQuery({
    queryKey: queryKeys.sanctions.list(query),
    queryFn: ({ signal }) => api.get<Page<Sanction>>('/api/sanctions', query, signal),
    placeholderData: keepPreviousData,
  });

  const columns: TableColumnsType<Sanction> = [
    {
      title: '当事人',
      key: 'person',
      render: (_v, s) => (
        <div className="supervision-cell">
          <Typography.Link onClick={() => setOpenId(s.id)}>
            {s.personName} · {s.enterpriseName}
          </Typography.Link>
          <span>
            <Tag color={s.kind === 'blacklist' ? 'volcano' : 'gold'}>{sanctionKindLabel(s.kind)}</Tag>
            <Tag color={SANCTION_STATUS_COLORS[s.status]}>{sanctionStatusLabel(s.status)}</Tag>
          </span>
          {isMobile ? <span className="supervision-muted">{s.incidentTitle}</span> : null}
        </div>
      ),
    },
    ...(isMobile
      ? []
      : ([
          { title: '质量安全事故', dataIndex: 'incidentTitle' },
          {
            title: '禁入期',
            key: 'ban',
            render: (_v, s) =>
              s.banStart ? (
                <span className="nowrap">
                  {s.banStart} 至 {s.banEnd}
                </span>
              ) : (
                '—'
              ),
          },
          { title: '公告编号', dataIndex: 'noticeNo', render: (v: string | null) => v ?? '—' },
          { title: '提出单位', dataIndex: 'proposedByUnit', render: (v: string) => <span className="nowrap">{v}</span> },
        ] as TableColumnsType<Sanction>)),
  ];

  return (
    <div className="page">
      <PageHeader
        title="警示与黑名单"
        description={
          isBureau ? (
            <>
              对因履职不到位造成重大质量安全事故的首席质量官，由县、市局提出警示或列入黑名单建议，省局决定。黑名单公告见 <Link to="/blacklist">公开页面</Link>。
            </>
          ) : (
            '省局对您作出的警示或黑名单决定。对决定有异议的，可以提出申诉。'
          )
        }
        extra={
          canPropose ? (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setProposing(true)}>
              提出建议
            </Button>
          ) : null
        }
      />
      {isBureau ? (
        <FilterBar anyFilter={paging.anyFilter} onReset={paging.reset}>
          <FilterSelect<SanctionKind>
            label="类别"
            placeholder="警示与黑名单"
            value={filters.kind as SanctionKind | undefined}
            options={SANCTION_KIND_OPTIONS}
            onChange={(v) => update({ kind: v })}
          />
          <FilterSelect<SanctionStatus>
            label="状态"
            placeholder="全部状态"
            value={filters.status as SanctionStatus | undefined}
            options={SANCTION_STATUS_OPTIONS}
            onChange={(v) => update({ status: v })}
          />
          <UrlKeyword value={filters.q} placeholder="姓名、企业或事故" onApply={(q) => update({ q })} />
        </FilterBar>
      ) : null}
      <ListTable<Sanction>
        rowKey="id"
        columns={columns}
        query={list}
        paging={paging}
        what="警示与黑名单"
        empty={paging.anyFilter ? '没有符合条件的记录' : '暂无记录'}
      />
      <SanctionDrawer id={openId} onClose={() => setOpenId(null)} isProvince={me.abilities.decideSanction} canAddEvidence={canPropose} />
      <ProposalModal
        open={proposing}
        onClose={() => setProposing(false)}
        onCreated={(s) => {
          setProposing(false);
          setOpenId(s.id);
        }}
      />
    </div>
  );
}

interface ProposalValues {
  kind: SanctionKind;
  filingId: number;
  incidentTitle: string;
  incidentDate: Dayjs;
  incidentDescription: string;
  reason: string;
  ban?: [Dayjs, Dayjs];
}

function ProposalModal({ open, onClose, onCreated }: { open: boolean; onClose: () => void; onCreated: (s: SanctionDetail) => void }) {
  const isMobile = useIsMobile();
  const [form] = Form.useForm<ProposalValues>();
  const kind = Form.useWatch('kind', form);
  const propose = useFormMutation({
    form,
    mutationFn: (v: ProposalValues) =>
      api.post<SanctionDetail>('/api/sanctions', {
        kind: v.kind,
        filingId: v.filingId,
        incidentTitle: v.incidentTitle.trim(),
        incidentDate: v.incidentDate.format('YYYY-MM-DD'),
        incidentDescription: v.incidentDescription.trim(),
        reason: v.reason.trim(),
        banStart: v.kind === 'blacklist' ? v.ban?.[0].format('YYYY-MM-DD') : null,
        banEnd: v.kind === 'blacklist' ? v.ban?.[1].format('YYYY-MM-DD') : null,
      }),
    success: null,
    invalidate: [KEY],
    fieldMap: { banStart: 'ban', banEnd: 'ban' },
    onDone: (created) => {
      form.resetFields();
      onCreated(created);
    },
  });
  return (
    <Modal
      open={open}
      title="提出警示或黑名单建议"
      okText="提交省局决定"
      confirmLoading={propose.isPending}
      onOk={() => void propose.submit()}
      onCancel={onClose}
      destroyOnHidden
      mask={{ closable: false }}
      width={isMobile ? 'calc(100vw - 16px)' : 600}
    >
      <FormError error={propose.error} />
      <Form<ProposalValues>
        form={form}
        layout="vertical"
        onFinish={(v) => propose.mutate(v)}
        initialValues={{ kind: 'warning', ban: [dayjs(), dayjs().add(3, 'year').subtract(1, 'day')] }}
      >
        <Form.Item label="类别" name="kind" rules={[{ required: true }]}>
          <Radio.Group optionType="button" buttonStyle="solid" options={SANCTION_KIND_OPTIONS} />
        </Form.Item>
        <Form.Item label="首席质量官" name="filingId" rules={[{ required: true, message: '请选择首席质量官' }]}>
          <FilingPicker />
        </Form.Item>
        <Form.Item
          label="质量安全事故"
          name="incidentTitle"
          rules={[
            { required: true, whitespace: true, message: '请填写事故名称' },
            { min: 2, message: '至少 2 个字' },
          ]}
        >
          <Input maxLength={100} />
        </Form.Item>
        <Form.Item label="事故日期" name="incidentDate" rules={[{ required: true, message: '请选择事故日期' }]}>
          <DatePicker className="full-width" inputReadOnly={isMobile} disabledDate={(d) => d.isAfter(dayjs(), 'day')} />
        </Form.Item>
        <Form.Item
          label="事故经过"
          name="incidentDescription"
          rules={[
            { required: true, whitespace: true, message: '请填写事故经过' },
            { min: 5, message: '至少 5 个字' },
          ]}
        >
          <Input.TextArea rows={3} maxLength={2000} showCount />
        </Form.Item>
        <Form.Item
          label="处理理由"
          name="reason"
          rules={[
            { required: true, whitespace: true, message: '请填写处理理由' },
            { min: 5, message: '至少 5 个字' },
          ]}
          extra={kind === 'blacklist' ? '理由将随黑名单公告公开，请勿填写身份证号、电话等个人信息。' : undefined}
        >
          <Input.TextArea rows={3} maxLength={1000} showCount />
        </Form.Item>
        {kind === 'blacklist' ? (
          <Form.Item
            label="禁入期"
            name="ban"
            rules={[{ required: true, message: '请选择禁入期' }]}
            extra="省局决定后，当事人在任的备案即结束；禁入期内任何企业不得为其办理备案。"
          >
            <DatePicker.RangePicker className="full-width" inputReadOnly={isMobile} />
          </Form.Item>
        ) : null}
        <Typography.Text type="secondary">提交后可在详情中上传事故调查报告等证据材料。</Typography.Text>
      </Form>
    </Modal>
  );
}

interface DecisionValues {
  text?: string;
  upheld?: boolean;
}

function SanctionDrawer({ id, onClose, isProvince, canAddEvidence }: { id: number | null; onClose: () => void; isProvince: boolean; canAddEvidence: boolean }) {
  const isMobile = useIsMobile();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [dialog, setDialog] = useState<null | 'approve' | 'reject' | 'remove' | 'appeal' | { appealId: number }>(null);
  const [dialogForm] = Form.useForm<DecisionValues>();
  const [uploading, setUploading] = useState(false);
  const detail = useQuery({
    queryKey: queryKeys.sanctions.detail(id ?? 0),
    queryFn: ({ signal }) => api.get<SanctionDetail>(`/api/sanctions/${id ?? 0}`, undefined, signal),
    enabled: id !== null,
  });
  const s = detail.data;
  const refresh = () => queryClient.invalidateQueries({ queryKey: KEY });
  const act = useFormMutation({
    form: dialogForm,
    mutationFn: async ({ text = '', upheld = false }: DecisionValues) => {
      const id = s?.id ?? 0;
      const t = text.trim();
      if (dialog === 'approve') await api.post(`/api/sanctions/${id}/approve`, t ? { remarks: t } : {});
      else if (dialog === 'reject') await api.post(`/api/sanctions/${id}/reject`, { reason: t });
      else if (dialog === 'remove') await api.post(`/api/sanctions/${id}/remove`, { reason: t });
      else if (dialog === 'appeal') await api.post(`/api/sanctions/${id}/appeals`, { reason: t });
      else if (dialog !== null) await api.post(`/api/sanction-appeals/${dialog.appealId}/decide`, { upheld, response: t });
    },
    success: '已提交',
    invalidate: [KEY],
    fieldMap: { remarks: 'text', reason: 'text', response: 'text' },
    onDone: () => setDialog(null),
  });
  const upload: UploadProps['customRequest'] = ({ file, onSuccess, onError }) => {
    if (!s) return;
    const data = new FormData();
    data.append('file', file as Blob);
    setUploading(true);
    api
      .upload<SanctionDetail>(`/api/sanctions/${s.id}/evidence`, data)
      .then(async (saved) => {
        onSuccess?.(saved);
        message.success('证据材料已上传');
        await refresh();
      })
      .catch((err: unknown) => {
        onError?.(err as Error);
        message.error(errorMessage(err));
      })
      .finally(() => setUploading(false));
  };
  const pendingAppeal = s?.appeals.find((a) => a.status === 'pending');
  const dialogTitle =
    dialog === 'approve'
      ? s?.kind === 'blacklist'
        ? '决定列入黑名单'
        : '决定予以警示'
      : dialog === 'reject'
        ? '不予采纳'
        : dialog === 'remove'
          ? '移除'
          : dialog === 'appeal'
            ? '提出申诉'
            : '处理申诉';
  return (
    <Drawer
      open={id !== null}
      onClose={onClose}
      title={s ? `${sanctionKindLabel(s.kind)}：${s.personName}` : '详情'}
      size={isMobile ? 'default' : 620}
      placement={isMobile ? 'bottom' : 'right'}
      className="supervision-detail"
    >
      <QueryState query={detail} what="详情" rows={8}>
        {(s) => (
          <>
            <Descriptions column={1} size="small" bordered>
              <Descriptions.Item label="状态">
                <Tag color={SANCTION_STATUS_COLORS[s.status]}>{sanctionStatusLabel(s.status)}</Tag>
                {s.noticeNo ? <span className="supervision-muted">{s.noticeNo}</span> : null}
              </Descriptions.Item>
              <Descriptions.Item label="当事人">
                {s.personName}（{s.idNumberMasked}）
              </Descriptions.Item>
              <Descriptions.Item label="企业">{s.enterpriseName}</Descriptions.Item>
              <Descriptions.Item label="质量安全事故">
                {s.incidentTitle}（{s.incidentDate}）
              </Descriptions.Item>
              <Descriptions.Item label="事故经过">{s.incidentDescription}</Descriptions.Item>
              <Descriptions.Item label="处理理由">{s.reason}</Descriptions.Item>
              {s.banStart ? (
                <Descriptions.Item label="禁入期">
                  {s.banStart} 至 {s.banEnd}
                </Descriptions.Item>
              ) : null}
              <Descriptions.Item label="提出">
                {s.proposedByUnit} {s.proposedByName}，{formatDateTimeShort(s.proposedAt)}
              </Descriptions.Item>
              {s.decidedAt ? (
                <Descriptions.Item label="省局决定">{`${formatDateTimeShort(s.decidedAt)}${s.decisionReason ? `：${s.decisionReason}` : ''}`}</Descriptions.Item>
              ) : null}
              {s.removedAt ? <Descriptions.Item label="移除">{`${formatDateTimeShort(s.removedAt)}：${s.removalReason ?? ''}`}</Descriptions.Item> : null}
              <Descriptions.Item label="证据材料">
                {s.attachments.length === 0 ? (
                  '无'
                ) : (
                  <Space direction="vertical" size={2}>
                    {s.attachments.map((a) => (
                      <a key={a.id} href={`/api/sanctions/${s.id}/evidence/${a.id}`} target="_blank" rel="noreferrer">
                        <PaperClipOutlined /> {a.name}
                      </a>
                    ))}
                  </Space>
                )}
              </Descriptions.Item>
            </Descriptions>
            {s.appeals.length ? (
              <>
                <Typography.Title level={5} className="section-title">
                  申诉
                </Typography.Title>
                <Timeline
                  items={s.appeals.map((a) => ({
                    color: a.status === 'pending' ? 'blue' : a.status === 'upheld' ? 'green' : 'gray',
                    content: (
                      <div>
                        <div>
                          {formatDateTimeShort(a.createdAt)} · {appealStatusLabel(a.status)}
                        </div>
                        <div>{a.reason}</div>
                        {a.response ? <div className="supervision-muted">省局意见：{a.response}</div> : null}
                      </div>
                    ),
                  }))}
                />
              </>
            ) : null}
            <div className="supervision-actions">
              {canAddEvidence && s.status === 'proposed' ? (
                <Upload customRequest={upload} showUploadList={false} accept=".pdf,.jpg,.jpeg,.png" disabled={uploading}>
                  <Button icon={<UploadOutlined />} loading={uploading}>
                    上传证据材料
                  </Button>
                </Upload>
              ) : null}
              {isProvince && s.status === 'proposed' ? (
                <>
                  <Button type="primary" danger={s.kind === 'blacklist'} onClick={() => setDialog('approve')}>
                    {s.kind === 'blacklist' ? '决定列入黑名单' : '决定予以警示'}
                  </Button>
                  <Button onClick={() => setDialog('reject')}>不予采纳</Button>
                </>
              ) : null}
              {isProvince && s.status === 'in_force' ? <Button onClick={() => setDialog('remove')}>移除</Button> : null}
              {isProvince && pendingAppeal ? (
                <Button type="primary" onClick={() => setDialog({ appealId: pendingAppeal.id })}>
                  处理申诉
                </Button>
              ) : null}
              {s.canAppeal ? (
                <Button type="primary" onClick={() => setDialog('appeal')}>
                  提出申诉
                </Button>
              ) : null}
            </div>
          </>
        )}
      </QueryState>
      <Modal
        open={dialog !== null}
        title={dialogTitle}
        onCancel={() => setDialog(null)}
        onOk={() => void act.submit()}
        confirmLoading={act.isPending}
        okText="确定"
        destroyOnHidden
        width={isMobile ? 'calc(100vw - 16px)' : 480}
      >
        <FormError error={act.error} />
        {dialog === 'approve' && s?.kind === 'blacklist' ? (
          <Alert
            className="form-alert"
            type="warning"
            showIcon
            title="决定后立即生效"
            description="当事人在任的聘任备案随即结束、备案证明失效，并发布黑名单公告；禁入期内任何企业不得为其办理备案。"
          />
        ) : null}
        <Form<DecisionValues> form={dialogForm} layout="vertical" onFinish={(v) => act.mutate(v)} initialValues={{ upheld: false }} preserve={false}>
          {typeof dialog === 'object' && dialog !== null ? (
            <Form.Item name="upheld" label="申诉处理结果">
              <Radio.Group
                options={[
                  { value: false, label: '维持原决定' },
                  { value: true, label: '申诉成立，予以移除' },
                ]}
              />
            </Form.Item>
          ) : null}
          <Form.Item
            name="text"
            label={dialog === 'approve' ? '决定意见' : '理由'}
            rules={
              dialog === 'approve'
                ? []
                : [
                    { required: true, whitespace: true, message: '请填写理由或意见' },
                    { min: 2, message: '至少 2 个字' },
                  ]
            }
          >
            <Input.TextArea rows={4} maxLength={1000} placeholder={dialog === 'approve' ? '决定意见（可不填）' : '请填写理由或意见（至少 2 个字）'} />
          </Form.Item>
        </Form>
      </Modal>
    </Drawer>
  );
}
