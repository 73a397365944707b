import { PlusOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Form, Input, List, Modal, Select, Tag } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router';
import { api, errorMessage } from '../../api/client';
import { MEMBER_STATUS_LABELS, ORG_KIND_LABELS, ORG_LEVEL_LABELS, type CommunityOrganisation, type Created, type JoinResult } from '../../api/community-types';
import { useMe } from '../../auth/session';
import { QueryState } from '../../components/list/QueryState';
import { FormError, useFormMutation } from '../../components/list/use-form-mutation';
import { PageHeader } from '../../components/PageHeader';
import './community.css';
import { queryKeys } from '../../api/query-keys';

interface OrgForm {
  kind: 'alliance' | 'club';
  level: 'province' | 'city' | 'industry';
  name: string;
  description?: string;
  industrySection?: string;
}

/** 联盟与之家: officers see every organisation and apply to join; bureaus create them; admins see theirs. */
export default function OrganisationsPage() {
  const { message } = App.useApp();
  const me = useMe();
  const client = useQueryClient();
  const [creating, setCreating] = useState(false);
  const [form] = Form.useForm<OrgForm>();
  const orgs = useQuery({ queryKey: queryKeys.community.organisations, queryFn: () => api.get<CommunityOrganisation[]>('/api/community/organisations') });
  const join = useMutation({
    mutationFn: (id: number) => api.post<JoinResult>(`/api/community/organisations/${id}/join`, {}),
    onSuccess: (r) => {
      void message.success(r.status === 'active' ? '已加入' : '申请已提交，请等待组织管理员审核');
      void client.invalidateQueries({ queryKey: queryKeys.community.all });
    },
    onError: (e) => void message.error(errorMessage(e)),
  });
  const create = useFormMutation({
    form,
    mutationFn: (v: OrgForm) => api.post<Created>('/api/community/organisations', { ...v, orgUnitId: me.orgUnit.id }),
    success: '已创建',
    invalidate: [queryKeys.community.all],
    onDone: () => {
      setCreating(false);
      form.resetFields();
    },
  });
  const canCreate = me.abilities.communityBureau;
  return (
    <div className="page">
      <PageHeader
        title="联盟与之家"
        description="首席质量官联盟、之家：加入后可参与组织内的交流与活动"
        extra={
          canCreate ? (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>
              新建组织
            </Button>
          ) : null
        }
      />
      <QueryState query={orgs} what="组织" empty="暂无组织">
        {(data) => (
          <List
            className="community-list"
            split={false}
            dataSource={data}
            renderItem={(o) => (
              <List.Item>
                <Card size="small" style={{ width: '100%' }}>
                  <div className="community-tags">
                    <Tag color="blue">{ORG_KIND_LABELS[o.kind]}</Tag>
                    <Tag>{ORG_LEVEL_LABELS[o.level]}</Tag>
                    {o.status === 'closed' ? <Tag>已停止活动</Tag> : null}
                    <Link to={`/community/organisations/${o.id}`} className="community-title">
                      {o.name}
                    </Link>
                  </div>
                  {o.description ? <div className="community-meta">{o.description}</div> : null}
                  <div className="community-meta">
                    <span>{o.orgUnitName}</span>
                    <span>{o.memberCount} 名成员</span>
                    {o.myStatus ? <Tag color={o.myStatus === 'active' ? 'green' : 'orange'}>{MEMBER_STATUS_LABELS[o.myStatus]}</Tag> : null}
                  </div>
                  {o.canJoin ? (
                    <Button
                      type="primary"
                      size="small"
                      style={{ marginTop: 8 }}
                      loading={join.isPending && join.variables === o.id}
                      onClick={() => join.mutate(o.id)}
                    >
                      {o.myStatus === 'invited' ? '接受邀请' : '申请加入'}
                    </Button>
                  ) : null}
                </Card>
              </List.Item>
            )}
          />
        )}
      </QueryState>
      <Modal
        title="新建联盟或之家"
        open={creating}
        onCancel={() => setCreating(false)}
        okText="创建"
        confirmLoading={create.isPending}
        onOk={() => void create.submit()}
      >
        <FormError error={create.error} />
        <Form
          form={form}
          onFinish={(v) => create.mutate(v)}
          layout="vertical"
          initialValues={{ kind: 'alliance', level: me.orgUnit.kind === 'province' ? 'province' : 'city' }}
        >
          <Form.Item name="kind" label="类型" rules={[{ required: true }]}>
            <Select
              options={[
                { value: 'alliance', label: '首席质量官联盟' },
                { value: 'club', label: '首席质量官之家' },
              ]}
            />
          </Form.Item>
          <Form.Item name="level" label="级别" rules={[{ required: true }]}>
            <Select
              options={[
                { value: 'province', label: '省级' },
                { value: 'city', label: '市级' },
                { value: 'industry', label: '行业' },
              ]}
            />
          </Form.Item>
          <Form.Item name="name" label="名称" rules={[{ required: true, min: 2, message: '请填写组织名称（至少 2 个字）' }]}>
            <Input maxLength={60} />
          </Form.Item>
          <Form.Item noStyle shouldUpdate={(a: OrgForm, b: OrgForm) => a.level !== b.level}>
            {({ getFieldValue }) =>
              getFieldValue('level') === 'industry' ? (
                <Form.Item name="industrySection" label="行业门类" rules={[{ required: true, message: '请选择行业门类' }]}>
                  <Select options={'ABCDEFGHIJKLMNOPQRST'.split('').map((c) => ({ value: c, label: `门类 ${c}` }))} />
                </Form.Item>
              ) : null
            }
          </Form.Item>
          <Form.Item name="description" label="简介">
            <Input.TextArea rows={3} maxLength={2000} />
          </Form.Item>
        </Form>
      </Modal>
    </div>
  );
}
