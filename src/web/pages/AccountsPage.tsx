import { DownOutlined, PlusOutlined } from '@ant-design/icons';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Button, Dropdown, Space, Tag, Tooltip, Typography, type MenuProps, type TableColumnsType } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router';
import { isAdminRole, ROLE_LABELS, ROLES, type Role } from '../../domain/permissions';
import { api } from '../api/client';
import { queryKeys } from '../api/query-keys';
import type { Account, AccountStatus, Page, PasswordReset, TotpReset } from '../api/types';
import { Access } from '../auth/Access';
import { useMe, useSession } from '../auth/session';
import { useConfirmAction } from '../components/confirm-action';
import { sectionText } from '../components/enterprise-dict';
import { formatDateTime, formatDateTimeShort, isInFuture } from '../components/format';
import { useOrgTree } from '../components/org-tree';
import { FilterBar } from '../components/list/FilterBar';
import { ListTable } from '../components/list/ListTable';
import { PageHeader } from '../components/PageHeader';
import { UnitFilter, UrlKeyword, useUrlFilters } from '../components/url-filters';
import { TemporaryPasswordModal, type TemporaryPasswordInfo } from '../components/TemporaryPasswordModal';
import { useIsMobile } from '../components/use-is-mobile';
import { AccountFormModal } from './accounts/AccountFormModal';
import { FilterSelect } from '../components/FilterField';

const FILTER_KEYS = ['q', 'role', 'status', 'orgUnitId'] as const;

type RowAction = 'disable' | 'enable' | 'unlock' | 'reset-password' | 'reset-totp';

const ACTION_TEXT: Record<RowAction, { label: string; confirm: string; detail: string; done: string; danger: boolean }> = {
  disable: { label: '停用', confirm: '停用账户', detail: '停用后该账户无法登录，已登录的会话立即失效。可随时重新启用。', done: '账户已停用', danger: true },
  enable: { label: '启用', confirm: '启用账户', detail: '启用后该账户可以重新登录。', done: '账户已启用', danger: false },
  unlock: { label: '解锁', confirm: '解除锁定', detail: '解除因连续登录失败造成的锁定，对方可立即重新登录。', done: '已解除锁定', danger: false },
  'reset-password': {
    label: '重置密码',
    confirm: '重置密码',
    detail: '将生成新的一次性初始密码，原密码立即失效；对方下次登录时须修改密码。',
    done: '密码已重置',
    danger: true,
  },
  'reset-totp': {
    label: '重置动态验证码',
    confirm: '重置动态验证码',
    detail: '对方原先绑定的身份验证器立即失效，下次登录时须重新扫码绑定。适用于更换或遗失手机。',
    done: '动态验证码已重置',
    danger: true,
  },
};

const ROLE_OPTIONS = ROLES.map((r) => ({ value: r, label: ROLE_LABELS[r] }));
const STATUS_OPTIONS = [
  { value: 'active', label: '启用' },
  { value: 'disabled', label: '停用' },
];

function StatusTags({ account }: { account: Account }) {
  return (
    <Space size={[4, 4]} wrap>
      {account.status === 'active' ? <Tag color="success">启用</Tag> : <Tag color="default">停用</Tag>}
      {isInFuture(account.lockedUntil) ? (
        <Tooltip title={`连续登录失败被锁定，${formatDateTime(account.lockedUntil)} 自动解除`}>
          <Tag color="error">锁定</Tag>
        </Tooltip>
      ) : null}
      {account.mustChangePassword ? (
        <Tooltip title="尚未修改初始密码">
          <Tag color="warning">须改密</Tag>
        </Tooltip>
      ) : null}
    </Space>
  );
}

export default function AccountsPage() {
  const me = useMe();
  const { hasPermission } = useSession();
  const { confirm } = useConfirmAction();
  const isMobile = useIsMobile();
  const tree = useOrgTree();
  const paging = useUrlFilters(FILTER_KEYS);
  const { filters, page, pageSize, update } = paging;
  const [formOpen, setFormOpen] = useState(false);
  const [editing, setEditing] = useState<Account | null>(null);
  const [tempPassword, setTempPassword] = useState<TemporaryPasswordInfo | null>(null);

  const params = { page, pageSize, ...filters };
  const list = useQuery({
    queryKey: queryKeys.accounts.list(params),
    queryFn: ({ signal }) => api.get<Page<Account>>('/api/accounts', params, signal),
    placeholderData: keepPreviousData,
  });

  const setFilter = (key: (typeof FILTER_KEYS)[number], value: string | number | undefined) => update({ [key]: value });

  const canManage = (a: Account) => hasPermission('accounts:manage') && a.id !== me.account.id && me.abilities.grantableRoles.includes(a.role);

  const runAction = (account: Account, action: RowAction) => {
    const text = ACTION_TEXT[action];
    const pendingApproval = '已提交重置申请，安全管理员批准后执行（可在“重置申请”中查看进度）';
    confirm<PasswordReset | TotpReset>({
      title: `${text.confirm}：${account.displayName}（${account.username}）`,
      content: text.detail,
      okText: text.label,
      danger: text.danger,
      action: () =>
        action === 'reset-password'
          ? api.post<PasswordReset>(`/api/accounts/${account.id}/reset-password`)
          : api.post<TotpReset>(`/api/accounts/${account.id}/${action}`),
      onDone: (answer) => {
        if ('temporaryPassword' in answer)
          setTempPassword({ title: '密码已重置', username: account.username, displayName: account.displayName, password: answer.temporaryPassword });
      },
      // a new one-time password is shown in its own dialog
      success: (answer) => ('temporaryPassword' in answer ? null : 'pendingApproval' in answer ? pendingApproval : text.done),
      invalidate: [queryKeys.accounts.all],
    });
  };

  const columns: TableColumnsType<Account> = [
    {
      title: '姓名',
      dataIndex: 'displayName',
      render: (_v, a) => (
        <div className="cell-stack">
          <Typography.Text strong>{a.displayName}</Typography.Text>
          <Typography.Text type="secondary" className="mono">
            {a.username}
          </Typography.Text>
        </div>
      ),
    },
    {
      title: '角色',
      dataIndex: 'role',
      render: (role: Role, a) =>
        role === 'department' ? (
          <div className="cell-stack">
            <span>{ROLE_LABELS[role]}</span>
            <Tooltip title={a.industrySections?.length ? a.industrySections.map(sectionText).join('；') : undefined}>
              <Typography.Text type="secondary" className="nowrap">
                {a.industrySections?.length ? `负责行业：${a.industrySections.join('、')}` : '负责行业：全部'}
              </Typography.Text>
            </Tooltip>
          </div>
        ) : (
          (ROLE_LABELS[role] ?? role)
        ),
    },
    { title: '所属单位', dataIndex: 'orgUnitName' },
    { title: '手机号码', dataIndex: 'phone', render: (phone: string | null) => phone ?? '—' },
    { title: '状态', key: 'status', render: (_v, a) => <StatusTags account={a} /> },
    {
      title: '动态验证码',
      dataIndex: 'totpEnabled',
      render: (enabled: boolean, a) =>
        isAdminRole(a.role) ? (
          enabled ? (
            <Tag color="success">已绑定</Tag>
          ) : (
            <Tag color="warning">未绑定</Tag>
          )
        ) : (
          <Typography.Text type="secondary">不适用</Typography.Text>
        ),
    },
    { title: '最近登录', dataIndex: 'lastLoginAt', render: (v: string | null) => (v ? formatDateTimeShort(v) : '从未登录') },
    {
      title: '操作',
      key: 'actions',
      fixed: 'right',
      render: (_v, a) => {
        if (!canManage(a)) return <Typography.Text type="secondary">{a.id === me.account.id ? '本人' : '—'}</Typography.Text>;
        const more: MenuProps['items'] = [
          ...(isMobile ? [{ key: 'edit', label: '编辑' }] : []),
          a.status === 'active' ? { key: 'disable', label: '停用', danger: true } : { key: 'enable', label: '启用' },
          ...(isInFuture(a.lockedUntil) ? [{ key: 'unlock', label: '解锁' }] : []),
          { key: 'reset-password', label: '重置密码' },
          ...(a.totpEnabled ? [{ key: 'reset-totp', label: '重置动态验证码' }] : []),
        ];
        const edit = () => {
          setEditing(a);
          setFormOpen(true);
        };
        const onMenu: MenuProps['onClick'] = ({ key }) => (key === 'edit' ? edit() : runAction(a, key as RowAction));
        return (
          <Space size={4}>
            {isMobile ? null : (
              <Button type="link" size="small" onClick={edit}>
                编辑
              </Button>
            )}
            <Dropdown menu={{ items: more, onClick: onMenu }} trigger={['click']}>
              <Button type="link" size="small" aria-label={`更多操作：${a.displayName}`}>
                {isMobile ? '操作' : '更多'} <DownOutlined />
              </Button>
            </Dropdown>
          </Space>
        );
      },
    },
  ];

  return (
    <div className="page">
      <PageHeader
        title="账户管理"
        description="管辖范围内的账户。新建的账户获得一次性初始密码，首次登录须修改。"
        extra={
          <Access permission="accounts:manage">
            <Space wrap>
              <Link to="/accounts/reset-requests">
                <Button>重置申请</Button>
              </Link>
              {me.abilities.grantableRoles.length > 0 ? (
                <Button
                  type="primary"
                  icon={<PlusOutlined />}
                  onClick={() => {
                    setEditing(null);
                    setFormOpen(true);
                  }}
                >
                  新建账户
                </Button>
              ) : null}
            </Space>
          </Access>
        }
      />
      <FilterBar anyFilter={paging.anyFilter} onReset={paging.reset}>
        <UrlKeyword value={filters.q} placeholder="用户名或姓名" onApply={(q) => setFilter('q', q)} />
        <FilterSelect<Role>
          label="角色"
          placeholder="全部角色"
          options={ROLE_OPTIONS}
          value={filters.role as Role | undefined}
          onChange={(v) => setFilter('role', v)}
          popupMatchSelectWidth={false}
        />
        <FilterSelect<AccountStatus>
          label="状态"
          placeholder="全部状态"
          options={STATUS_OPTIONS}
          value={filters.status as AccountStatus | undefined}
          onChange={(v) => setFilter('status', v)}
        />
        <UnitFilter label="所属单位" placeholder="全部单位（含下级）" value={filters.orgUnitId} onChange={(v) => setFilter('orgUnitId', v)} />
      </FilterBar>
      <ListTable<Account>
        rowKey="id"
        columns={columns}
        query={list}
        paging={paging}
        what="账户列表"
        empty={paging.anyFilter ? '没有符合条件的账户' : '还没有账户'}
        totalText={(total) => `共 ${total} 个账户`}
      />
      <AccountFormModal
        open={formOpen}
        editing={editing}
        tree={tree.data ?? []}
        onClose={() => setFormOpen(false)}
        onCreated={({ account, temporaryPassword }) => {
          setFormOpen(false);
          setTempPassword({ title: '账户已创建', username: account.username, displayName: account.displayName, password: temporaryPassword });
        }}
        onUpdated={() => setFormOpen(false)}
      />
      <TemporaryPasswordModal info={tempPassword} onClose={() => setTempPassword(null)} />
    </div>
  );
}
