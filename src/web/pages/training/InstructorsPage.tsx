import { PlusOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Form, Input, Modal, Rate, Select, Space, Switch, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { api, errorMessage } from '../../api/client';
import type { Instructor } from '../../api/training-types';
import { useMe } from '../../auth/session';
import { applyServerErrors } from '../../components/form-errors';
import { PageHeader } from '../../components/PageHeader';

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
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [editing, setEditing] = useState<Instructor | 'new' | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [form] = Form.useForm<Values>();
  const list = useQuery({ queryKey: ['training', 'instructors'], queryFn: () => api.get<Instructor[]>('/api/training/instructors') });
  const save = useMutation({
    mutationFn: (v: Values) => (editing === 'new' || editing === null ? api.post('/api/training/instructors', v) : api.put(`/api/training/instructors/${String(editing.id)}`, v)),
    onSuccess: async () => {
      message.success('已保存');
      setEditing(null);
      await queryClient.invalidateQueries({ queryKey: ['training', 'instructors'] });
    },
    onError: (err) => setProblem(applyServerErrors(form, err, ['name', 'organisation', 'title', 'topics'])),
  });
  const canEdit = me.permissions.includes('training:manage') && (me.orgUnit.kind === 'city' || me.orgUnit.kind === 'province');
  const openEditor = (i: Instructor | 'new') => {
    setProblem(null);
    form.resetFields();
    form.setFieldsValue(i === 'new' ? { topics: [], active: true } : { name: i.name, organisation: i.organisation, title: i.title ?? '', topics: i.topics, active: i.active });
    setEditing(i);
  };
  return (
    <div className="page">
      <PageHeader
        title="讲师库"
        description="设区市和省局各维护一个讲师库，供各级培训班选用；评分来自学员效果评估"
        extra={canEdit ? <Button type="primary" icon={<PlusOutlined />} onClick={() => openEditor('new')}>新增讲师</Button> : null}
      />
      {list.isError ? <Alert type="error" showIcon title={errorMessage(list.error)} /> : null}
      <Table<Instructor>
        rowKey="id"
        size="middle"
        loading={list.isPending}
        dataSource={list.data ?? []}
        scroll={{ x: 'max-content' }}
        columns={[
          { title: '姓名', dataIndex: 'name', render: (v: string, r) => <Space>{v}{r.active ? null : <Tag>停用</Tag>}</Space> },
          { title: '所在单位', dataIndex: 'organisation' },
          { title: '职称/职务', dataIndex: 'title', render: (v: string | null) => v ?? '—' },
          { title: '授课专题', dataIndex: 'topics', render: (v: string[]) => v.map((t) => <Tag key={t}>{t}</Tag>) },
          { title: '所属讲师库', dataIndex: 'orgUnitName' },
          {
            title: '学员评分',
            key: 'rating',
            render: (_v, r) => (r.rating === null ? <Typography.Text type="secondary">暂无</Typography.Text> : <Space><Rate disabled allowHalf value={Math.round(r.rating * 2) / 2} style={{ fontSize: 14 }} /><span>{r.rating}（{r.ratingCount} 人次）</span></Space>),
          },
          ...(canEdit ? [{ title: '操作', key: 'op', render: (_v: unknown, r: Instructor) => (r.orgUnitId === me.orgUnit.id ? <a onClick={() => openEditor(r)}>修改</a> : null) }] : []),
        ]}
      />
      <Modal title={editing === 'new' ? '新增讲师' : '修改讲师'} open={editing !== null} onCancel={() => setEditing(null)} onOk={() => form.submit()} okText="保存" cancelText="取消" confirmLoading={save.isPending} destroyOnHidden>
        {problem ? <Alert type="error" showIcon title={problem} style={{ marginBottom: 12 }} /> : null}
        <Form<Values> form={form} layout="vertical" onFinish={(v) => save.mutate({ ...v, title: v.title?.trim() || undefined } as Values)}>
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
