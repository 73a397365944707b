import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Alert, App, Segmented, Tag, Tooltip, Typography, type TableColumnsType } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router';
import { api } from '../../api/client';
import { queryKeys } from '../../api/query-keys';
import type { Page } from '../../api/types';
import type { EnterpriseRegistration } from '../../api/enterprise-types';
import { useConfirmAction } from '../../components/confirm-action';
import { divisionText, ownershipLabel, scaleLabel } from '../../components/enterprise-dict';
import { formatDateTimeShort } from '../../components/format';
import { ListTable } from '../../components/list/ListTable';
import { useUrlFilters } from '../../components/url-filters';
import { useIsMobile } from '../../components/use-is-mobile';
import { ConfirmRegistrationModal } from './ConfirmRegistrationModal';
import { refusalPrompt, ReviewActions, ReviewStatusCell, STATUS_FILTER_OPTIONS, type StatusFilter } from './review-parts';

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

/** 企业注册: the self-registrations by status, each confirmed (into the roster) or refused. */
export function RegistrationsTab({ onChanged }: { onChanged: () => void }) {
  const isMobile = useIsMobile();
  const { message } = App.useApp();
  const { confirm, prompt } = useConfirmAction();
  const paging = useUrlFilters(['status'] as const);
  const { filters, page, pageSize, update } = paging;
  const status = STATUS_FILTER_OPTIONS.find((o) => o.value === filters.status)?.value ?? 'pending';
  const [confirming, setConfirming] = useState<EnterpriseRegistration | null>(null);

  const query = { status: status === 'all' ? undefined : status, page, pageSize };
  const list = useQuery({
    queryKey: queryKeys.registrations.list(query),
    queryFn: ({ signal }) => api.get<Page<EnterpriseRegistration>>('/api/enterprise-registrations', query, signal),
    placeholderData: keepPreviousData,
  });

  const confirmExisting = (r: EnterpriseRegistration) =>
    confirm({
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
      action: () => api.post(`/api/enterprise-registrations/${r.id}/confirm`, {}),
      success: `已确认：${r.name}`,
      onDone: onChanged,
    });

  const refuse = (r: EnterpriseRegistration) =>
    prompt(
      refusalPrompt({
        title: `退回注册申请：${r.name}`,
        content: <Alert type="warning" showIcon title="退回后该注册账户即停用，企业修改后须重新注册。退回理由将记录在案。" />,
        placeholder: '如：企业名称与营业执照不一致；非本辖区企业，请选择所在地市场监管局',
        action: (reason) => api.post(`/api/enterprise-registrations/${r.id}/refuse`, { reason }),
        success: `已退回：${r.name}`,
        onDone: onChanged,
      }),
    );

  const actions = (r: EnterpriseRegistration) => (
    <ReviewActions
      pending={r.status === 'pending'}
      onConfirm={() => (r.rosterEnterpriseId !== null ? confirmExisting(r) : setConfirming(r))}
      onRefuse={() => refuse(r)}
    />
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
    { title: '状态', key: 'status', render: (_v, r) => <ReviewStatusCell status={r.status} reason={r.reason} reviewedAt={r.reviewedAt} /> },
    ...(isMobile ? [] : [{ title: '操作', key: 'actions', render: (_v: unknown, r: EnterpriseRegistration) => actions(r) }]),
  ];

  return (
    <>
      <div className="tab-toolbar">
        <Segmented<StatusFilter> options={STATUS_FILTER_OPTIONS} value={status} onChange={(v) => update({ status: v === 'pending' ? undefined : v })} />
      </div>
      <ListTable<EnterpriseRegistration>
        rowKey="id"
        columns={columns}
        query={list}
        paging={paging}
        what="注册申请"
        empty={status === 'pending' ? '没有待审核的注册申请' : '没有注册申请'}
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
    </>
  );
}
