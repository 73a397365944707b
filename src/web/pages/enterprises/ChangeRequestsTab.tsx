import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Segmented, Typography, type TableColumnsType } from 'antd';
import { QueryTable } from '../../components/list/QueryTable';
import { Link } from 'react-router';
import { api } from '../../api/client';
import type { EnterpriseChangeRequest } from '../../api/enterprise-types';
import { useConfirmAction } from '../../components/confirm-action';
import { divisionText, ownershipLabel, scaleLabel } from '../../components/enterprise-dict';
import { formatDateTimeShort } from '../../components/format';
import { useUrlFilters } from '../../components/url-filters';
import { useIsMobile } from '../../components/use-is-mobile';
import { refusalPrompt, ReviewActions, ReviewStatusCell, STATUS_FILTER_OPTIONS, type StatusFilter } from './review-parts';
import { queryKeys } from '../../api/query-keys';

/** 信息变更: enterprises' requests to change name, unit or classification, confirmed or refused. */
export function ChangeRequestsTab({ onChanged }: { onChanged: () => void }) {
  const isMobile = useIsMobile();
  const { confirm, prompt } = useConfirmAction();
  // 待审核 unless the address bar names another (as on 企业注册), so a reload or a link keeps the filter
  const { filters, update } = useUrlFilters(['status'] as const);
  const status = STATUS_FILTER_OPTIONS.find((o) => o.value === filters.status)?.value ?? 'pending';

  const list = useQuery({
    queryKey: queryKeys.changeRequests.byStatus(status),
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

  const confirmChange = (c: EnterpriseChangeRequest) =>
    confirm({
      title: `确认变更：${c.enterpriseName}`,
      content: (
        <div>
          {changeLines(c)}
          {c.changes.orgUnitId !== undefined ? <p>确认后该企业及其账户转由新的主管单位管辖。</p> : null}
          <p>变更将记入企业变更记录。</p>
        </div>
      ),
      okText: '确认变更',
      action: () => api.post(`/api/enterprise-change-requests/${c.id}/confirm`),
      success: `已确认变更：${c.enterpriseName}`,
      onDone: onChanged,
    });

  const refuse = (c: EnterpriseChangeRequest) =>
    prompt(
      refusalPrompt({
        title: `退回变更申请：${c.enterpriseName}`,
        placeholder: '如：请提供工商变更登记材料',
        action: (reason) => api.post(`/api/enterprise-change-requests/${c.id}/refuse`, { reason }),
        success: `已退回：${c.enterpriseName}`,
        onDone: onChanged,
      }),
    );

  const actions = (c: EnterpriseChangeRequest) => (
    <ReviewActions pending={c.status === 'pending'} onConfirm={() => confirmChange(c)} onRefuse={() => refuse(c)} />
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
    { title: '状态', key: 'status', render: (_v, c) => <ReviewStatusCell status={c.status} reason={c.reviewReason} /> },
    ...(isMobile ? [] : [{ title: '操作', key: 'actions', render: (_v: unknown, c: EnterpriseChangeRequest) => actions(c) }]),
  ];

  return (
    <>
      <div className="tab-toolbar">
        <Segmented<StatusFilter> options={STATUS_FILTER_OPTIONS} value={status} onChange={(v) => update({ status: v === 'pending' ? undefined : v })} />
      </div>
      <QueryTable<EnterpriseChangeRequest>
        query={list}
        what="变更申请"
        empty={status === 'pending' ? '没有待审核的变更申请' : '没有变更申请'}
        rowKey="id"
        columns={columns}
      />
    </>
  );
}
