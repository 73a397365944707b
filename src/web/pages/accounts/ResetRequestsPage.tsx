import { ReloadOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Button, Card, Segmented, Space, Tag, Typography, type TableColumnsType } from 'antd';
import { useState } from 'react';
import { ROLE_LABELS } from '../../../domain/permissions';
import type { ResetApproved, ResetRequest } from '../../api/admin-types';
import { api } from '../../api/client';
import { queryKeys } from '../../api/query-keys';
import { useMe } from '../../auth/session';
import { useConfirmAction } from '../../components/confirm-action';
import { formatDateTime } from '../../components/format';
import { QueryTable } from '../../components/list/QueryTable';
import { PageHeader } from '../../components/PageHeader';
import { TemporaryPasswordModal, type TemporaryPasswordInfo } from '../../components/TemporaryPasswordModal';
import { useUrlFilters } from '../../components/url-filters';

type Status = ResetRequest['status'];

const FILTER_KEYS = ['status'] as const;
const STATUS_FILTERS: readonly (Status | 'all')[] = ['pending', 'approved', 'rejected', 'all'];

const KIND_LABELS: Record<ResetRequest['kind'], string> = { password: '重置密码', totp: '重置动态验证码' };
const STATUS_TAGS: Record<Status, { label: string; color: string }> = {
  pending: { label: '待批准', color: 'processing' },
  approved: { label: '已批准并执行', color: 'success' },
  rejected: { label: '已驳回', color: 'error' },
};

/**
 * Dual control of password and TOTP resets (双人控制): the security administrator approves or rejects what
 * another administrator asked; an administrator who manages accounts follows the requests it made.
 */
export default function ResetRequestsPage() {
  const me = useMe();
  const { confirm, prompt } = useConfirmAction();
  const url = useUrlFilters(FILTER_KEYS);
  // 待批准 unless the address bar names another
  const status = STATUS_FILTERS.find((s) => s === url.filters.status) ?? 'pending';
  const [tempPassword, setTempPassword] = useState<TemporaryPasswordInfo | null>(null);
  const approver = me.permissions.includes('accounts:approve_reset');
  const list = useQuery({
    queryKey: queryKeys.resetRequests.list({ status }),
    queryFn: () => api.get<ResetRequest[]>(`/api/account-reset-requests${status === 'all' ? '' : `?status=${status}`}`),
    staleTime: 0,
  });

  const approve = (r: ResetRequest) =>
    confirm({
      title: `批准${KIND_LABELS[r.kind]}：${r.displayName}（${r.username}）`,
      content: `由 ${r.requestedByName}（${r.requestedBy}）申请。请先核实账户持有人的身份，批准后立即执行，该账户的所有会话失效，账户持有人收到站内通知。`,
      okText: '批准并执行',
      action: () => api.post<ResetApproved>(`/api/account-reset-requests/${r.id}/approve`),
      onDone: (answer) => {
        if (answer.temporaryPassword)
          setTempPassword({ title: '密码已重置', username: r.username, displayName: r.displayName, password: answer.temporaryPassword });
      },
      // a new one-time password is shown in its own dialog
      success: (answer) => (answer.temporaryPassword ? null : '动态验证码已重置，账户持有人下次登录时重新绑定'),
      invalidate: [queryKeys.resetRequests.all],
    });

  const reject = (r: ResetRequest) =>
    prompt({
      title: `驳回${KIND_LABELS[r.kind]}：${r.displayName}（${r.username}）`,
      label: '驳回理由',
      placeholder: '将通知申请人',
      required: '请填写驳回理由',
      min: 2,
      maxLength: 200,
      multiline: true,
      okText: '驳回',
      danger: true,
      action: (reason) => api.post(`/api/account-reset-requests/${r.id}/reject`, { reason }),
      success: '已驳回，申请人收到通知',
      invalidate: [queryKeys.resetRequests.all],
    });

  const columns: TableColumnsType<ResetRequest> = [
    { title: '申请号', dataIndex: 'id', width: 80, render: (id: number) => `#${String(id)}` },
    { title: '事项', dataIndex: 'kind', width: 130, render: (k: ResetRequest['kind']) => KIND_LABELS[k] },
    {
      title: '账户',
      key: 'account',
      render: (_, r) => (
        <Space orientation="vertical" size={0}>
          <span>
            {r.displayName}（{r.username}）
          </span>
          <Typography.Text type="secondary">
            {ROLE_LABELS[r.role]} · {r.orgUnitName}
          </Typography.Text>
        </Space>
      ),
    },
    ...(approver ? [{ title: '申请人', key: 'requestedBy', render: (_: unknown, r: ResetRequest) => `${r.requestedByName}（${r.requestedBy}）` }] : []),
    { title: '申请时间', dataIndex: 'requestedAt', width: 170, render: (v: string) => formatDateTime(v) },
    {
      title: '状态',
      key: 'status',
      width: 200,
      render: (_, r) => (
        <Space orientation="vertical" size={0}>
          <Tag color={STATUS_TAGS[r.status].color}>{STATUS_TAGS[r.status].label}</Tag>
          {r.decidedAt ? <Typography.Text type="secondary">{formatDateTime(r.decidedAt)}</Typography.Text> : null}
          {r.reason ? <Typography.Text type="secondary">理由：{r.reason}</Typography.Text> : null}
        </Space>
      ),
    },
    ...(approver
      ? [
          {
            title: '操作',
            key: 'actions',
            width: 170,
            render: (_: unknown, r: ResetRequest) =>
              r.canDecide ? (
                <Space>
                  <Button size="small" type="primary" onClick={() => approve(r)}>
                    批准
                  </Button>
                  <Button size="small" danger onClick={() => reject(r)}>
                    驳回
                  </Button>
                </Space>
              ) : null,
          },
        ]
      : []),
  ];

  return (
    <div className="page">
      <PageHeader
        title={approver ? '重置审批' : '重置申请'}
        description={
          approver
            ? '其他管理员为省、市、县局及企业、首席质量官账户申请的密码或动态验证码重置，须由安全管理员核实后批准方可执行。'
            : '您为账户申请的密码或动态验证码重置，安全管理员批准后执行；批准后一次性初始密码交安全管理员转交账户持有人。'
        }
        extra={
          <Button icon={<ReloadOutlined />} onClick={() => void list.refetch()} loading={list.isFetching}>
            刷新
          </Button>
        }
      />
      <Card className="filter-card" size="small">
        <Segmented<Status | 'all'>
          value={status}
          onChange={(v) => url.update({ status: v === 'pending' ? undefined : v })}
          options={[
            { value: 'pending', label: '待批准' },
            { value: 'approved', label: '已批准' },
            { value: 'rejected', label: '已驳回' },
            { value: 'all', label: '全部' },
          ]}
        />
      </Card>
      <Card>
        <QueryTable<ResetRequest> query={list} what="申请列表" empty="暂无申请" rowKey="id" className="reset-requests" columns={columns} />
      </Card>
      <TemporaryPasswordModal info={tempPassword} onClose={() => setTempPassword(null)} />
    </div>
  );
}
