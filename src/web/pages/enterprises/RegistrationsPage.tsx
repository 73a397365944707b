import { keepPreviousData, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Badge, Button, Segmented, Space, Table, Tabs, Tag, Tooltip, Typography, type TableColumnsType } from 'antd';
import { useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { api, errorMessage } from '../../api/client';
import type { Page } from '../../api/types';
import type { EnterpriseChangeRequest, EnterpriseRegistration, ReviewStatus } from '../../api/enterprise-types';
import { divisionText, ownershipLabel, scaleLabel } from '../../components/enterprise-dict';
import { formatDateTimeShort } from '../../components/format';
import { PageHeader } from '../../components/PageHeader';
import { useIsMobile } from '../../components/use-is-mobile';
import { ConfirmRegistrationModal } from './ConfirmRegistrationModal';
import { ReasonModal, type ReasonRequest } from './ReasonModal';
import './enterprises.css';

type StatusFilter = ReviewStatus | 'all';

const STATUS_FILTER_OPTIONS: { value: StatusFilter; label: string }[] = [
  { value: 'pending', label: '待审核' },
  { value: 'confirmed', label: '已确认' },
  { value: 'refused', label: '已退回' },
  { value: 'all', label: '全部' },
];

const REVIEW_STATUS: Record<ReviewStatus, { label: string; color: string }> = {
  pending: { label: '待审核', color: 'processing' },
  confirmed: { label: '已确认', color: 'success' },
  refused: { label: '已退回', color: 'default' },
};

function StatusCell({ status, reason, reviewedAt }: { status: ReviewStatus; reason: string | null; reviewedAt?: string | null }) {
  const s = REVIEW_STATUS[status] ?? { label: status, color: 'default' };
  return (
    <div className="cell-stack">
      <span>
        <Tag color={s.color}>{s.label}</Tag>
      </span>
      {status === 'refused' && reason ? (
        <Typography.Text type="secondary" className="reason-text">
          理由：{reason}
        </Typography.Text>
      ) : null}
      {reviewedAt ? (
        <Typography.Text type="secondary" className="nowrap small-text">
          {formatDateTimeShort(reviewedAt)}
        </Typography.Text>
      ) : null}
    </div>
  );
}

/** The classification an enterprise proposed at registration, in words. */
function proposalText(r: EnterpriseRegistration): string {
  const p = r.proposal;
  const parts = [
    p.industryCode ? divisionText(p.industryCode) : null,
    p.scale ? scaleLabel(p.scale) : null,
    p.ownership ? ownershipLabel(p.ownership) : null,
    p.aboveScale ? `规上${p.aboveScaleYear ? `（${p.aboveScaleYear}）` : ''}` : null,
  ].filter(Boolean);
  return parts.length ? parts.join('，') : '未填写';
}

const REG_KEY = ['enterprise-registrations'] as const;
const CHANGE_KEY = ['enterprise-change-requests'] as const;

/** 注册审核: enterprises' self-registrations and their requests to change name or responsible unit. */
export default function RegistrationsPage() {
  const [params, setParams] = useSearchParams();
  const tab = params.get('tab') === 'changes' ? 'changes' : 'registrations';
  const queryClient = useQueryClient();

  const pendingRegs = useQuery({
    queryKey: [...REG_KEY, { status: 'pending', page: 1, pageSize: 1 }],
    queryFn: () => api.get<Page<EnterpriseRegistration>>('/api/enterprise-registrations', { status: 'pending', page: 1, pageSize: 1 }),
  });
  const pendingChanges = useQuery({
    queryKey: [...CHANGE_KEY, 'pending'],
    queryFn: () => api.get<EnterpriseChangeRequest[]>('/api/enterprise-change-requests', { status: 'pending' }),
  });
  const refresh = () => {
    void queryClient.invalidateQueries({ queryKey: REG_KEY });
    void queryClient.invalidateQueries({ queryKey: CHANGE_KEY });
    void queryClient.invalidateQueries({ queryKey: ['enterprises'] });
  };

  const label = (text: string, count: number | undefined) => (
    <Space size={6}>
      {text}
      {count ? <Badge count={count} overflowCount={999} /> : null}
    </Space>
  );

  return (
    <div className="page">
      <PageHeader title="注册审核" description="企业自主注册后，由所选主管局确认；企业名称和主管单位的变更也须主管局确认。" />
      <Tabs
        activeKey={tab}
        onChange={(key) => setParams(key === 'changes' ? { tab: 'changes' } : {}, { replace: true })}
        items={[
          { key: 'registrations', label: label('企业注册', pendingRegs.data?.total), children: <RegistrationsTab onChanged={refresh} /> },
          { key: 'changes', label: label('信息变更', pendingChanges.data?.length), children: <ChangeRequestsTab onChanged={refresh} /> },
        ]}
      />
    </div>
  );
}

function RegistrationsTab({ onChanged }: { onChanged: () => void }) {
  const isMobile = useIsMobile();
  const { message, modal } = App.useApp();
  const [status, setStatus] = useState<StatusFilter>('pending');
  const [page, setPage] = useState(1);
  const [pageSize, setPageSize] = useState(20);
  const [confirming, setConfirming] = useState<EnterpriseRegistration | null>(null);
  const [reasonRequest, setReasonRequest] = useState<ReasonRequest | null>(null);

  const query = { status: status === 'all' ? undefined : status, page, pageSize };
  const list = useQuery({
    queryKey: [...REG_KEY, query],
    queryFn: ({ signal }) => api.get<Page<EnterpriseRegistration>>('/api/enterprise-registrations', query, signal),
    placeholderData: keepPreviousData,
  });

  const confirmExisting = (r: EnterpriseRegistration) =>
    modal.confirm({
      title: `确认注册：${r.name}`,
      content: (
        <div>
          <p>
            名录中已有该企业：<strong>{r.rosterName}</strong>（{r.rosterOrgUnitName}）。
            {r.rosterHasAccount ? '该企业已有启用的企业账户，请核实申请人身份；如确需更换，先停用原账户。' : null}
            {r.samePending > 0 ? `另有 ${r.samePending} 份同一信用代码的待确认申请，确认本申请后将自动退回。` : null}
          </p>
          <p>确认后，账户 {r.username} 即关联该企业，可登录维护本企业信息、办理聘任备案。</p>
        </div>
      ),
      okText: '确认',
      cancelText: '取消',
      onOk: async () => {
        try {
          await api.post(`/api/enterprise-registrations/${r.id}/confirm`, {});
          message.success(`已确认：${r.name}`);
          onChanged();
        } catch (error) {
          message.error(errorMessage(error));
        }
      },
    });

  const refuse = (r: EnterpriseRegistration) =>
    setReasonRequest({
      title: `退回注册申请：${r.name}`,
      description: <Alert type="warning" showIcon title="退回后该注册账户即停用，企业修改后须重新注册。退回理由将记录在案。" />,
      okText: '退回',
      label: '退回理由',
      placeholder: '如：企业名称与营业执照不一致；非本辖区企业，请选择所在地市场监管局',
      submit: async (reason) => {
        await api.post(`/api/enterprise-registrations/${r.id}/refuse`, { reason });
        message.success(`已退回：${r.name}`);
        onChanged();
      },
    });

  const actions = (r: EnterpriseRegistration) =>
    r.status === 'pending' ? (
      <Space size={4}>
        <Button type="primary" size="small" onClick={() => (r.rosterEnterpriseId !== null ? confirmExisting(r) : setConfirming(r))}>
          确认
        </Button>
        <Button danger size="small" onClick={() => refuse(r)}>
          退回
        </Button>
      </Space>
    ) : (
      <Typography.Text type="secondary">—</Typography.Text>
    );

  const columns: TableColumnsType<EnterpriseRegistration> = [
    {
      title: '企业',
      key: 'name',
      render: (_v, r) => (
        <div className="cell-stack">
          <Typography.Text strong>{r.name}</Typography.Text>
          <Typography.Text type="secondary" className="mono">
            {r.uscc}
          </Typography.Text>
          {/* on a phone the actions sit here, not behind a sideways scroll */}
          {isMobile && r.status === 'pending' ? <div className="cell-actions">{actions(r)}</div> : null}
        </div>
      ),
    },
    {
      title: '名录',
      key: 'roster',
      render: (_v, r) =>
        r.rosterEnterpriseId !== null ? (
          <div className="cell-stack">
            <span>{r.status === 'confirmed' ? <Tag color="success">已关联名录</Tag> : <Tag color="blue">名录中已有</Tag>}</span>
            <Link to={`/enterprises/${r.rosterEnterpriseId}`}>{r.rosterName}</Link>
            {r.rosterOrgUnitName ? <Typography.Text type="secondary">{r.rosterOrgUnitName}</Typography.Text> : null}
          </div>
        ) : (
          <div className="cell-stack">
            <span>
              <Tag color="gold">新企业</Tag>
            </span>
            <Tooltip title="企业注册时填写的分类，确认时可补充修改">
              <Typography.Text type="secondary" className="reason-text">
                {proposalText(r)}
              </Typography.Text>
            </Tooltip>
          </div>
        ),
    },
    { title: '主管局', dataIndex: 'orgUnitName', render: (v: string) => <span className="nowrap">{v}</span> },
    {
      title: '联系人',
      key: 'contact',
      render: (_v, r) => (
        <div className="cell-stack">
          <span className="nowrap">{r.contactPerson}</span>
          <Typography.Text type="secondary" className="nowrap">
            {r.contactPhone}
          </Typography.Text>
        </div>
      ),
    },
    { title: '登录账户', dataIndex: 'username', render: (v: string) => <span className="mono">{v}</span> },
    { title: '申请时间', dataIndex: 'createdAt', render: (v: string) => <span className="nowrap">{formatDateTimeShort(v)}</span> },
    { title: '状态', key: 'status', render: (_v, r) => <StatusCell status={r.status} reason={r.reason} reviewedAt={r.reviewedAt} /> },
    ...(isMobile ? [] : [{ title: '操作', key: 'actions', render: (_v: unknown, r: EnterpriseRegistration) => actions(r) }]),
  ];

  return (
    <>
      <div className="tab-toolbar">
        <Segmented<StatusFilter>
          options={STATUS_FILTER_OPTIONS}
          value={status}
          onChange={(v) => {
            setStatus(v);
            setPage(1);
          }}
        />
      </div>
      {list.isError ? <Alert className="form-alert" type="error" showIcon title="注册申请加载失败" description={errorMessage(list.error)} /> : null}
      <Table<EnterpriseRegistration>
        rowKey="id"
        size={isMobile ? 'small' : 'middle'}
        columns={columns}
        dataSource={list.data?.items ?? []}
        loading={list.isFetching}
        scroll={{ x: 'max-content' }}
        locale={{ emptyText: list.isPending ? '加载中…' : status === 'pending' ? '没有待审核的注册申请' : '没有注册申请' }}
        pagination={{
          current: page,
          pageSize,
          total: list.data?.total ?? 0,
          showSizeChanger: true,
          pageSizeOptions: [10, 20, 50, 100],
          showTotal: (total) => `共 ${total} 条`,
          size: isMobile ? 'small' : 'middle',
          hideOnSinglePage: true,
          onChange: (p, ps) => {
            setPage(ps === pageSize ? p : 1);
            setPageSize(ps);
          },
        }}
      />
      <ConfirmRegistrationModal
        registration={confirming}
        onClose={() => setConfirming(null)}
        onConfirmed={(r) => {
          setConfirming(null);
          message.success(`已确认：${r.name}，企业名录记录已建立`);
          onChanged();
        }}
      />
      <ReasonModal request={reasonRequest} onClose={() => setReasonRequest(null)} />
    </>
  );
}

function ChangeRequestsTab({ onChanged }: { onChanged: () => void }) {
  const isMobile = useIsMobile();
  const { message, modal } = App.useApp();
  const [status, setStatus] = useState<StatusFilter>('pending');
  const [reasonRequest, setReasonRequest] = useState<ReasonRequest | null>(null);

  const list = useQuery({
    queryKey: [...CHANGE_KEY, status],
    queryFn: () => api.get<EnterpriseChangeRequest[]>('/api/enterprise-change-requests', status === 'all' ? {} : { status }),
    placeholderData: keepPreviousData,
  });

  const changeLines = (c: EnterpriseChangeRequest) => (
    <ul className="change-lines">
      {c.changes.name !== undefined ? (
        <li>
          企业名称改为：<strong>{c.changes.name}</strong>
        </li>
      ) : null}
      {c.changes.orgUnitId !== undefined ? (
        <li>
          主管单位改为：<strong>{c.targetOrgUnitName ?? `单位 #${c.changes.orgUnitId}`}</strong>
        </li>
      ) : null}
      {c.changes.industryCode !== undefined ? (
        <li>
          行业改为：<strong>{divisionText(c.changes.industryCode)}</strong>
        </li>
      ) : null}
      {c.changes.scale !== undefined ? (
        <li>
          企业规模改为：<strong>{scaleLabel(c.changes.scale)}</strong>
        </li>
      ) : null}
      {c.changes.ownership !== undefined ? (
        <li>
          经济类型改为：<strong>{ownershipLabel(c.changes.ownership)}</strong>
        </li>
      ) : null}
      {c.changes.aboveScale !== undefined ? (
        <li>
          规上状态改为：<strong>{c.changes.aboveScale ? `规上企业（${c.changes.aboveScaleYear ?? '—'} 年度）` : '非规上企业'}</strong>
        </li>
      ) : null}
    </ul>
  );

  const confirm = (c: EnterpriseChangeRequest) =>
    modal.confirm({
      title: `确认变更：${c.enterpriseName}`,
      content: (
        <div>
          {changeLines(c)}
          {c.changes.orgUnitId !== undefined ? <p>确认后该企业及其账户转由新的主管单位管辖。</p> : null}
          <p>变更将记入企业变更记录。</p>
        </div>
      ),
      okText: '确认变更',
      cancelText: '取消',
      onOk: async () => {
        try {
          await api.post(`/api/enterprise-change-requests/${c.id}/confirm`);
          message.success(`已确认变更：${c.enterpriseName}`);
          onChanged();
        } catch (error) {
          message.error(errorMessage(error));
        }
      },
    });

  const refuse = (c: EnterpriseChangeRequest) =>
    setReasonRequest({
      title: `退回变更申请：${c.enterpriseName}`,
      okText: '退回',
      label: '退回理由',
      placeholder: '如：请提供工商变更登记材料',
      submit: async (reason) => {
        await api.post(`/api/enterprise-change-requests/${c.id}/refuse`, { reason });
        message.success(`已退回：${c.enterpriseName}`);
        onChanged();
      },
    });

  const actions = (c: EnterpriseChangeRequest) =>
    c.status === 'pending' ? (
      <Space size={4}>
        <Button type="primary" size="small" onClick={() => confirm(c)}>
          确认
        </Button>
        <Button danger size="small" onClick={() => refuse(c)}>
          退回
        </Button>
      </Space>
    ) : (
      <Typography.Text type="secondary">—</Typography.Text>
    );

  const columns: TableColumnsType<EnterpriseChangeRequest> = [
    {
      title: '企业',
      key: 'enterprise',
      render: (_v, c) => (
        <div className="cell-stack">
          <Link to={`/enterprises/${c.enterpriseId}`}>{c.enterpriseName}</Link>
          <Typography.Text type="secondary" className="mono">
            {c.uscc}
          </Typography.Text>
          {isMobile ? <div className="change-lines-mobile">{changeLines(c)}</div> : null}
          {isMobile && c.status === 'pending' ? <div className="cell-actions">{actions(c)}</div> : null}
        </div>
      ),
    },
    ...(isMobile ? [] : [{ title: '申请变更', key: 'changes', render: (_v: unknown, c: EnterpriseChangeRequest) => changeLines(c) }]),
    { title: '理由', dataIndex: 'reason', render: (v: string) => <span className="reason-text">{v}</span> },
    { title: '申请时间', dataIndex: 'createdAt', render: (v: string) => <span className="nowrap">{formatDateTimeShort(v)}</span> },
    { title: '状态', key: 'status', render: (_v, c) => <StatusCell status={c.status} reason={c.reviewReason} /> },
    ...(isMobile ? [] : [{ title: '操作', key: 'actions', render: (_v: unknown, c: EnterpriseChangeRequest) => actions(c) }]),
  ];

  return (
    <>
      <div className="tab-toolbar">
        <Segmented<StatusFilter> options={STATUS_FILTER_OPTIONS} value={status} onChange={setStatus} />
      </div>
      {list.isError ? <Alert className="form-alert" type="error" showIcon title="变更申请加载失败" description={errorMessage(list.error)} /> : null}
      <Table<EnterpriseChangeRequest>
        rowKey="id"
        size={isMobile ? 'small' : 'middle'}
        columns={columns}
        dataSource={list.data ?? []}
        loading={list.isFetching}
        scroll={{ x: 'max-content' }}
        locale={{ emptyText: list.isPending ? '加载中…' : status === 'pending' ? '没有待审核的变更申请' : '没有变更申请' }}
        pagination={{ pageSize: 20, hideOnSinglePage: true, showTotal: (total) => `共 ${total} 条`, size: isMobile ? 'small' : 'middle' }}
      />
      <ReasonModal request={reasonRequest} onClose={() => setReasonRequest(null)} />
    </>
  );
}
