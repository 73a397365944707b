import { DownloadOutlined, PlusOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Button, Card, Descriptions, Empty, Form, Input, InputNumber, List, Modal, Select, Space, Tag } from 'antd';
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { api } from '../../api/client';
import { queryKeys } from '../../api/query-keys';
import {
  MEMBER_ROLE_LABELS,
  MEMBER_STATUS_LABELS,
  MODERATION_LABELS,
  ORG_KIND_LABELS,
  ORG_LEVEL_LABELS,
  POST_ACCESS_LABELS,
  READ_ACCESS_LABELS,
  type CommunityMember,
  type CommunityOrganisationDetail,
  type MemberRole,
} from '../../api/community-types';
import { useMe } from '../../auth/session';
import { useConfirmAction } from '../../components/confirm-action';
import { formatDate, formatDateTimeShort } from '../../components/format';
import { RecordPending } from '../../components/FullPageSpin';
import { QueryState } from '../../components/list/QueryState';
import { FormError, useFormMutation } from '../../components/list/use-form-mutation';
import { PageHeader } from '../../components/PageHeader';
import { OrganisationEvents } from '../community-cases/OrganisationEvents';
import './community.css';

interface BoardForm {
  name: string;
  description?: string;
  readAccess: 'all' | 'members';
  postAccess: 'all' | 'members' | 'admins';
  moderation: 'post' | 'pre';
}

export default function OrganisationPage() {
  const id = Number(useParams().id);
  const me = useMe();
  const { confirm, confirmForm, prompt, run } = useConfirmAction();
  const [boardOpen, setBoardOpen] = useState(false);
  const [boardForm] = Form.useForm<BoardForm>();
  const org = useQuery({
    queryKey: queryKeys.community.organisation(id),
    queryFn: () => api.get<CommunityOrganisationDetail>(`/api/community/organisations/${id}`),
  });
  const canSeeMembers = org.data ? org.data.canManage || org.data.myStatus === 'active' : false;
  const members = useQuery({
    queryKey: queryKeys.community.members(id),
    queryFn: () => api.get<CommunityMember[]>(`/api/community/organisations/${id}/members`),
    enabled: canSeeMembers,
  });
  const createBoard = useFormMutation({
    form: boardForm,
    mutationFn: (v: BoardForm) => api.post('/api/community/boards', { ...v, organisationId: id }),
    success: '已创建',
    invalidate: [queryKeys.community.all],
    onDone: () => {
      setBoardOpen(false);
      boardForm.resetFields();
    },
  });
  if (!org.data) return <RecordPending query={org} what="组织" />;
  const o = org.data;
  const done = { invalidate: [queryKeys.community.all] };
  const act = (action: () => Promise<unknown>, success: string) => run({ action, success, ...done });
  const askUsername = (title: string, label: string, path: string, success: string) =>
    prompt({
      title,
      label,
      required: `请填写${label}`,
      maxLength: 64,
      action: (username) => api.post(path, { username }),
      success,
      ...done,
    });
  const ban = (m: CommunityMember) =>
    confirmForm<{ days: number; reason?: string }, unknown>({
      title: `禁言 ${m.name}`,
      initialValues: { days: 7 },
      fields: (
        <>
          <Form.Item name="days" label="禁言天数" rules={[{ required: true, message: '请填写禁言天数' }]}>
            <InputNumber min={1} max={3650} precision={0} addonAfter="天" />
          </Form.Item>
          <Form.Item name="reason" label="理由">
            <Input.TextArea rows={2} maxLength={500} placeholder="将告知本人" />
          </Form.Item>
        </>
      ),
      action: ({ days, reason }) => api.post(`/api/community/organisations/${id}/members/${m.id}/ban`, { days, reason: reason?.trim() || undefined }),
      success: '已禁言',
      ...done,
    });
  const isBureau = me.abilities.communityBureau;

  return (
    <div className="page">
      <PageHeader
        title={o.name}
        back={{ title: '联盟与之家', to: '/community/organisations' }}
        description={o.description ?? undefined}
        extra={
          <Space wrap>
            {o.canJoin ? (
              <Button
                type="primary"
                onClick={() =>
                  void act(() => api.post(`/api/community/organisations/${id}/join`, {}), o.myStatus === 'invited' ? '已加入' : '申请已提交，请等待审核')
                }
              >
                {o.myStatus === 'invited' ? '接受邀请' : '申请加入'}
              </Button>
            ) : null}
            {o.canLeave ? (
              <Button
                onClick={() =>
                  confirm({ title: '确定退出该组织？', action: () => api.post(`/api/community/organisations/${id}/leave`), success: '已退出', ...done })
                }
              >
                退出组织
              </Button>
            ) : null}
          </Space>
        }
      />
      <Descriptions size="small" column={{ xs: 1, sm: 2 }} style={{ marginBottom: 12 }}>
        <Descriptions.Item label="类型">
          {ORG_LEVEL_LABELS[o.level]}
          {ORG_KIND_LABELS[o.kind]}
        </Descriptions.Item>
        <Descriptions.Item label="主管单位">{o.orgUnitName}</Descriptions.Item>
        <Descriptions.Item label="成员">{o.memberCount} 名</Descriptions.Item>
        <Descriptions.Item label="我的状态">{o.myStatus ? MEMBER_STATUS_LABELS[o.myStatus] : '未加入'}</Descriptions.Item>
        {o.bannedUntil ? <Descriptions.Item label="禁言至">{formatDateTimeShort(o.bannedUntil)}</Descriptions.Item> : null}
      </Descriptions>

      <Card
        size="small"
        title="版块"
        style={{ marginBottom: 12 }}
        extra={
          o.canManage ? (
            <Button size="small" icon={<PlusOutlined />} onClick={() => setBoardOpen(true)}>
              新建版块
            </Button>
          ) : null
        }
      >
        {o.boards.length === 0 ? (
          <Empty description="暂无可阅读的版块" />
        ) : (
          <List
            className="community-list"
            dataSource={o.boards}
            renderItem={(b) => (
              <List.Item>
                <div>
                  <Link to={`/community/boards/${b.id}`} className="community-title">
                    {b.name}
                  </Link>
                  <div className="community-meta">
                    <span>阅读：{READ_ACCESS_LABELS[b.readAccess]}</span>
                    <span>发帖：{POST_ACCESS_LABELS[b.postAccess]}</span>
                    <span>{MODERATION_LABELS[b.moderation]}</span>
                  </div>
                </div>
              </List.Item>
            )}
          />
        )}
      </Card>

      {canSeeMembers ? <OrganisationEvents organisationId={o.id} canManage={o.canManage} /> : null}

      {canSeeMembers ? (
        <Card
          size="small"
          title="成员名单"
          extra={
            o.canManage ? (
              <Space wrap size={4}>
                <Button
                  size="small"
                  onClick={() => askUsername('邀请首席质量官', '对方的用户名', `/api/community/organisations/${id}/invitations`, '已发送邀请')}
                >
                  邀请
                </Button>
                {isBureau ? (
                  <Button
                    size="small"
                    onClick={() => askUsername('指定联盟管理员', '联盟管理员账户的用户名', `/api/community/organisations/${id}/admins`, '已指定')}
                  >
                    指定管理员
                  </Button>
                ) : null}
                <Button size="small" icon={<DownloadOutlined />} href={`/api/community/organisations/${id}/members.xlsx`}>
                  导出
                </Button>
              </Space>
            ) : null
          }
        >
          <QueryState query={members} what="成员名单" empty="暂无成员">
            {(list) => (
              <List
                className="community-list"
                dataSource={list}
                renderItem={(m) => (
                  <List.Item>
                    <div style={{ width: '100%' }}>
                      <Space wrap size={4}>
                        <span className="post-author-name">{m.name}</span>
                        <Tag color={m.isAdmin ? 'purple' : m.role === 'member' ? 'default' : 'blue'}>
                          {m.isAdmin ? '联盟管理员' : MEMBER_ROLE_LABELS[m.role]}
                        </Tag>
                        {m.status !== 'active' ? <Tag color="orange">{MEMBER_STATUS_LABELS[m.status]}</Tag> : null}
                        {m.bannedUntil ? <Tag color="red">禁言至 {formatDate(m.bannedUntil)}</Tag> : null}
                      </Space>
                      <div className="community-meta">
                        {m.enterpriseName ? <span>{m.enterpriseName}</span> : null}
                        {m.message ? <span>申请说明：{m.message}</span> : null}
                      </div>
                      {o.canManage && !m.isAdmin ? (
                        <Space wrap size={4} style={{ marginTop: 6 }}>
                          {m.status === 'applied' ? (
                            <>
                              <Button
                                size="small"
                                type="primary"
                                onClick={() => void act(() => api.post(`/api/community/organisations/${id}/members/${m.id}/approve`), '已通过')}
                              >
                                通过
                              </Button>
                              <Button
                                size="small"
                                onClick={() => void act(() => api.post(`/api/community/organisations/${id}/members/${m.id}/reject`), '已拒绝')}
                              >
                                不通过
                              </Button>
                            </>
                          ) : null}
                          {m.status === 'active' ? (
                            <>
                              <Select<MemberRole>
                                size="small"
                                aria-label={`${m.name}的职务`}
                                value={m.role}
                                style={{ width: 96 }}
                                options={Object.entries(MEMBER_ROLE_LABELS).map(([value, label]) => ({ value: value as MemberRole, label }))}
                                onChange={(role) => void act(() => api.put(`/api/community/organisations/${id}/members/${m.id}/role`, { role }), '已设置职务')}
                              />
                              {m.bannedUntil ? (
                                <Button
                                  size="small"
                                  onClick={() => void act(() => api.post(`/api/community/organisations/${id}/members/${m.id}/ban`, { days: 0 }), '已解除禁言')}
                                >
                                  解除禁言
                                </Button>
                              ) : (
                                <Button size="small" onClick={() => ban(m)}>
                                  禁言
                                </Button>
                              )}
                            </>
                          ) : null}
                          <Button
                            size="small"
                            danger
                            onClick={() =>
                              confirm({
                                title: `将 ${m.name} 移出组织？`,
                                okText: '移出',
                                danger: true,
                                action: () => api.delete(`/api/community/organisations/${id}/members/${m.id}`),
                                success: '已移出',
                                ...done,
                              })
                            }
                          >
                            移出
                          </Button>
                        </Space>
                      ) : null}
                    </div>
                  </List.Item>
                )}
              />
            )}
          </QueryState>
        </Card>
      ) : null}

      <Modal
        title="新建版块"
        open={boardOpen}
        onCancel={() => setBoardOpen(false)}
        okText="创建"
        confirmLoading={createBoard.isPending}
        onOk={() => void createBoard.submit()}
      >
        <FormError error={createBoard.error} />
        <Form
          form={boardForm}
          onFinish={(v) => createBoard.mutate(v)}
          layout="vertical"
          initialValues={{ readAccess: 'all', postAccess: 'members', moderation: 'post' }}
        >
          <Form.Item name="name" label="名称" rules={[{ required: true, min: 2, message: '请填写版块名称（至少 2 个字）' }]}>
            <Input maxLength={40} />
          </Form.Item>
          <Form.Item name="description" label="说明">
            <Input maxLength={500} />
          </Form.Item>
          <Form.Item name="readAccess" label="谁可阅读">
            <Select options={Object.entries(READ_ACCESS_LABELS).map(([value, label]) => ({ value, label }))} />
          </Form.Item>
          <Form.Item name="postAccess" label="谁可发帖">
            <Select options={Object.entries(POST_ACCESS_LABELS).map(([value, label]) => ({ value, label }))} />
          </Form.Item>
          <Form.Item name="moderation" label="审核方式">
            <Select options={Object.entries(MODERATION_LABELS).map(([value, label]) => ({ value, label }))} />
          </Form.Item>
        </Form>
      </Modal>
    </div>
  );
}
