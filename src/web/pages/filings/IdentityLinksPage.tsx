import { useQuery } from '@tanstack/react-query';
import { Button, Form, Input, Modal, Space, Tabs, Tag, Typography, type TableColumnsType } from 'antd';
import { QueryTable } from '../../components/list/QueryTable';
import { FormError, useFormMutation } from '../../components/list/use-form-mutation';
import { useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { api } from '../../api/client';
import { formatDateTime } from '../../components/format';
import { PageHeader } from '../../components/PageHeader';
import { FilingStatusTag } from './FilingParts';
import type { LinkRequest, PersonLink } from '../../api/filing-types';
import './filings.css';
import { queryKeys } from '../../api/query-keys';

const BASIS: Record<NonNullable<PersonLink['basis']>, { label: string; color: string }> = {
  migrated: { label: '已确认（迁移）', color: 'default' },
  bureau: { label: '主管局确认', color: 'success' },
  verified_identity: { label: '实名核验', color: 'processing' },
};

type Action = { kind: 'confirm' | 'refuse'; request: LinkRequest } | { kind: 'revoke'; link: PersonLink };

const ACTION_TEXT = {
  confirm: { title: '确认身份关联', label: '核验依据', placeholder: '如：已核对企业聘任文件（授权书）与身份证原件', ok: '确认关联', danger: false },
  refuse: { title: '不予关联', label: '理由', placeholder: '如：邀请企业与在任企业不符，申请人未能提供聘任文件', ok: '不予关联', danger: true },
  revoke: { title: '撤销关联', label: '理由', placeholder: '如：经核实，该账户并非本人注册', ok: '撤销关联', danger: true },
} as const;

/**
 * 身份核验 for bureaus: registrations waiting for the link to a person (确认身份关联 after checking the enterprise's
 * appointment letter, or 不予关联), and the recent links in scope, any of which can be undone (撤销关联).
 */
export default function IdentityLinksPage() {
  const [params, setParams] = useSearchParams();
  const tab = params.get('tab') === 'links' ? 'links' : 'pending';
  const requests = useQuery({
    queryKey: queryKeys.identity.requests,
    queryFn: () => api.get<LinkRequest[]>('/api/identity/link-requests', { status: 'pending' }),
  });
  const links = useQuery({ queryKey: queryKeys.identity.links, queryFn: () => api.get<PersonLink[]>('/api/identity/links'), enabled: tab === 'links' });
  const [action, setAction] = useState<Action | null>(null);
  const [form] = Form.useForm<{ note: string }>();
  const decide = useFormMutation({
    form,
    mutationFn: async ({ note }: { note: string }) => {
      if (!action) throw new Error('没有选中的申请');
      const url =
        action.kind === 'revoke' ? `/api/identity/links/${action.link.personId}/revoke` : `/api/identity/link-requests/${action.request.id}/${action.kind}`;
      await api.post(url, { note: note.trim() });
      return action.kind;
    },
    success: (kind) => `${ACTION_TEXT[kind].title}：已完成`,
    invalidate: [queryKeys.identity.all],
    onDone: () => setAction(null),
  });

  const open = (a: Action) => {
    form.resetFields();
    decide.clearError();
    setAction(a);
  };

  const requestColumns: TableColumnsType<LinkRequest> = [
    { title: '申请时间', dataIndex: 'createdAt', render: (v: string) => formatDateTime(v), width: 170 },
    {
      title: '申请人',
      key: 'who',
      render: (_v, r) => (
        <>
          <div>
            {r.name}（{r.idNumberMasked}）
          </div>
          <Typography.Text type="secondary">
            账户 {r.username}
            {r.phone ? ` · ${r.phone}` : ''}
          </Typography.Text>
        </>
      ),
    },
    {
      title: '来源',
      key: 'source',
      render: (_v, r) => (r.source === 'invitation' ? <Tag color="blue">企业邀请：{r.invitingEnterprise}</Tag> : <Tag>自主注册</Tag>),
    },
    {
      title: '已登记人员',
      key: 'person',
      render: (_v, r) => {
        if (r.personId === null) return <Typography.Text type="secondary">无（确认后新建人员）</Typography.Text>;
        return (
          <Space direction="vertical" size={2}>
            <span>
              {r.personName}
              {r.nameMatches === false ? (
                <Tag color="error" style={{ marginLeft: 8 }}>
                  姓名不一致
                </Tag>
              ) : null}
              {r.personLinked ? (
                <Tag color="warning" style={{ marginLeft: 8 }}>
                  已关联其他账户
                </Tag>
              ) : null}
            </span>
            {r.filings.map((f) => (
              <span key={f.id}>
                <Link to={`/filings/${f.id}`}>{f.enterpriseName}</Link> <FilingStatusTag filing={f} />
                {f.hasLetter ? (
                  <a href={`/api/filings/${f.id}/authorization-letter`} target="_blank" rel="noreferrer">
                    聘任文件（授权书）
                  </a>
                ) : null}
              </span>
            ))}
          </Space>
        );
      },
    },
    {
      title: '操作',
      key: 'actions',
      width: 200,
      render: (_v, r) => (
        <Space>
          <Button size="small" type="primary" onClick={() => open({ kind: 'confirm', request: r })}>
            确认身份关联
          </Button>
          <Button size="small" danger onClick={() => open({ kind: 'refuse', request: r })}>
            不予关联
          </Button>
        </Space>
      ),
    },
  ];

  const linkColumns: TableColumnsType<PersonLink> = [
    { title: '人员', key: 'person', render: (_v, l) => `${l.name}（${l.idNumberMasked}）` },
    { title: '账户', key: 'account', render: (_v, l) => `${l.username}（${l.accountName}）` },
    { title: '依据', dataIndex: 'basis', render: (b: PersonLink['basis']) => (b ? <Tag color={BASIS[b].color}>{BASIS[b].label}</Tag> : '—') },
    { title: '关联时间', dataIndex: 'linkedAt', render: (v: string | null) => formatDateTime(v), width: 170 },
    { title: '确认人', dataIndex: 'linkedBy', render: (v: string | null) => v ?? '—' },
    {
      title: '操作',
      key: 'actions',
      width: 110,
      render: (_v, l) => (
        <Button size="small" danger onClick={() => open({ kind: 'revoke', link: l })}>
          撤销关联
        </Button>
      ),
    },
  ];

  const text = action ? ACTION_TEXT[action.kind] : null;
  return (
    <div className="page">
      <PageHeader title="身份核验" description="首席质量官注册后，须由主管局核对企业聘任文件与身份证明，确认后账户才与人员信息（备案、证书、履职记录）关联。" />
      <Tabs
        activeKey={tab}
        onChange={(k) => setParams(k === 'links' ? { tab: 'links' } : {}, { replace: true })}
        items={[
          {
            key: 'pending',
            label: `待核验申请${requests.data ? `（${requests.data.length}）` : ''}`,
            children: (
              <QueryTable<LinkRequest> query={requests} what="待核验申请" empty="暂无待核验的申请" rowKey="id" columns={requestColumns} pagination={false} />
            ),
          },
          {
            key: 'links',
            label: '近期关联',
            children: <QueryTable<PersonLink> query={links} what="近期关联" empty="暂无关联" rowKey="personId" columns={linkColumns} />,
          },
        ]}
      />
      <Modal
        open={action !== null}
        title={text?.title}
        okText={text?.ok}
        okButtonProps={{ danger: text?.danger ?? false }}
        cancelText="取消"
        confirmLoading={decide.isPending}
        onOk={() => form.submit()}
        onCancel={() => setAction(null)}
        destroyOnHidden
      >
        {action ? (
          <div className="form-alert">
            {action.kind === 'revoke'
              ? `人员：${action.link.name}（${action.link.idNumberMasked}），账户：${action.link.username}`
              : `申请人：${action.request.name}（${action.request.idNumberMasked}），账户：${action.request.username}`}
          </div>
        ) : null}
        <FormError error={decide.error} />
        <Form form={form} layout="vertical" onFinish={(v) => decide.mutate(v)} onValuesChange={decide.clearError}>
          <Form.Item
            name="note"
            label={text?.label}
            rules={[{ required: true, min: 2, whitespace: true, message: `请填写${text?.label ?? ''}（至少 2 个字）` }]}
          >
            <Input.TextArea rows={3} maxLength={500} showCount placeholder={text?.placeholder} />
          </Form.Item>
        </Form>
      </Modal>
    </div>
  );
}
