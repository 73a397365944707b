import { PlusOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Button, Form, Input, Modal, Rate, Select, Space, Switch, Tag, Typography } from 'antd';
import { useState } from 'react';
import { api } from '../../api/client';
import type { Instructor } from '../../api/training-types';
import { useMe } from '../../auth/session';
import { QueryTable } from '../../components/list/QueryTable';
import { FormError, useFormMutation } from '../../components/list/use-form-mutation';
import { PageHeader } from '../../components/PageHeader';
import { queryKeys } from '../../api/query-keys';

interface Values {
  name: string;
  organisation: string;
  title?: string;
  topics: string[];
  active: boolean;
}

/** 讲师库: one pool per city and one for the province, reused across classes; the rating comes from the surveys. */
export default function InstructorsPage() {
  const me = useMe();
  const [editing, setEditing] = useState<Instructor | 'new' | null>(null);
  const [form] = Form.useForm<Values>();
  const list = useQuery({ queryKey: queryKeys.training.instructors, queryFn: () => api.get<Instructor[]>('/api/training/instructors') });
  const save = useFormMutation({
    form,
    mutationFn: (input: Values) => {
      const v = { ...input, title: input.title?.trim() || undefined };
      return editing === 'new' || editing === null ? api.post('/api/training/instructors', v) : api.put(`/api/training/instructors/${String(editing.id)}`, v);
    },
    success: '已保存',
    invalidate: [queryKeys.training.instructors],
    onDone: () => setEditing(null),
  });
  const canEdit = me.permissions.includes('training:manage') && (me.orgUnit.kind === 'city' || me.orgUnit.kind === 'province');
  const openEditor = (i: Instructor | 'new') => {
    save.clearError();
    form.resetFields();
    form.setFieldsValue(
      i === 'new' ? { topics: [], active: true } : { name: i.name, organisation: i.organisation, title: i.title ?? '', topics: i.topics, active: i.active },
    );
    setEditing(i);
  };
  return (
    <div className="page">
      <PageHeader
        title="讲师库"
        description="设区市和省局各维护一个讲师库，供各级培训班选用；评分来自学员效果评估"
        extra={
          canEdit ? (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => openEditor('new')}>
              新增讲师
            </Button>
          ) : null
        }
      />
      <QueryTable<Instructor>
        query={list}
        what="讲师库"
        empty={canEdit ? '讲师库中还没有讲师，点击“新增讲师”添加' : '讲师库中还没有讲师'}
        rowKey="id"
        pagination={{ pageSize: 50 }}
        columns={[
          {
            title: '姓名',
            dataIndex: 'name',
            render: (v: string, r) => (
              <Space>
                {v}
                {r.active ? null : <Tag>停用</Tag>}
              </Space>
            ),
          },
          { title: '所在单位', dataIndex: 'organisation' },
          { title: '职称/职务', dataIndex: 'title', render: (v: string | null) => v ?? '—' },
          { title: '授课专题', dataIndex: 'topics', render: (v: string[]) => v.map((t) => <Tag key={t}>{t}</Tag>) },
          { title: '所属讲师库', dataIndex: 'orgUnitName' },
          {
            title: '学员评分',
            key: 'rating',
            render: (_v, r) =>
              r.rating === null ? (
                <Typography.Text type="secondary">暂无</Typography.Text>
              ) : (
                <Space>
                  <Rate disabled allowHalf value={Math.round(r.rating * 2) / 2} style={{ fontSize: 14 }} />
                  <span>
                    {r.rating}（{r.ratingCount} 人次）
                  </span>
                </Space>
              ),
          },
          ...(canEdit
            ? [
                {
                  title: '操作',
                  key: 'op',
                  render: (_v: unknown, r: Instructor) => (r.orgUnitId === me.orgUnit.id ? <a onClick={() => openEditor(r)}>修改</a> : null),
                },
              ]
            : []),
        ]}
      />
      <Modal
        title={editing === 'new' ? '新增讲师' : '修改讲师'}
        open={editing !== null}
        onCancel={() => setEditing(null)}
        onOk={() => void save.submit()}
        okText="保存"
        cancelText="取消"
        confirmLoading={save.isPending}
        destroyOnHidden
      >
        <FormError error={save.error} />
        <Form<Values> form={form} layout="vertical" onValuesChange={save.clearError}>
          <Form.Item name="name" label="姓名" rules={[{ required: true, message: '请填写讲师姓名' }]}>
            <Input maxLength={50} />
          </Form.Item>
          <Form.Item name="organisation" label="所在单位" rules={[{ required: true, message: '请填写所在单位' }]}>
            <Input maxLength={100} />
          </Form.Item>
          <Form.Item name="title" label="职称/职务">
            <Input maxLength={50} />
          </Form.Item>
          <Form.Item name="topics" label="授课专题">
            <Select mode="tags" placeholder="输入后回车" />
          </Form.Item>
          <Form.Item name="active" label="在库可选" valuePropName="checked">
            <Switch />
          </Form.Item>
        </Form>
      </Modal>
    </div>
  );
}
