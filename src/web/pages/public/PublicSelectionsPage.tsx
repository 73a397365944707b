import { useQuery } from '@tanstack/react-query';
import { Alert, Breadcrumb, Button, Descriptions, Empty, Form, Input, Spin, Table, Tag } from 'antd';
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { api, errorMessage } from '../../api/client';
import type { PublicSelection, PublicSelectionList } from '../../api/selection-types';
import { FormError, useFormMutation } from '../../components/list/use-form-mutation';
import { QueryError } from '../../components/list/QueryState';
import { PublicShell } from './PublicShell';
import { queryKeys } from '../../api/query-keys';

const FOOTNOTE =
  '依据苏质委办〔2020〕9号 六“鼓励企业引入首席质量官竞争聘用机制”，企业竞争聘用首席质量官的结果在公示期内公开，候选人姓名已作脱敏处理。对公示结果有异议的，可在公示期内提出，企业须逐一答复后方可完成聘用。';

/** 竞争聘用结果公示 (public): the selections in publicity, and one selection with its masked ranking and the objection form. */
export default function PublicSelectionsPage() {
  const id = Number(useParams().id) || null;
  return (
    <PublicShell title="首席质量官竞争聘用结果公示" footnote={FOOTNOTE}>
      {id ? <PublicSelectionView id={id} /> : <PublicSelectionList />}
    </PublicShell>
  );
}

function PublicSelectionList() {
  const list = useQuery({
    queryKey: queryKeys.public.selections,
    queryFn: ({ signal }) => api.get<PublicSelectionList>('/api/public/selections', undefined, signal),
  });
  return (
    <div className="verify-card">
      {list.isError ? (
        <QueryError query={list} what="公示" />
      ) : list.isPending ? (
        <div className="public-card">
          <Spin />
        </div>
      ) : list.data.items.length > 0 ? (
        list.data.items.map((s) => (
          <article className="notice-item" key={s.id}>
            <div className="notice-head">
              <Link to={`/public/selections/${String(s.id)}`}>{s.title}</Link>
              <Tag color="orange">公示中</Tag>
            </div>
            <div>{s.enterpriseName}</div>
            <div className="notice-meta">
              公示期 {s.publicityStart} 至 {s.publicityEnd}
            </div>
          </article>
        ))
      ) : (
        <div className="public-card">
          <Empty description="暂无正在公示的竞争聘用" />
        </div>
      )}
    </div>
  );
}

function PublicSelectionView({ id }: { id: number }) {
  const key = queryKeys.public.selection(id ?? 0);
  const s = useQuery({ queryKey: key, queryFn: ({ signal }) => api.get<PublicSelection>(`/api/public/selections/${String(id)}`, undefined, signal) });
  const [form] = Form.useForm<{ body: string; contact?: string }>();
  const [filed, setFiled] = useState(false);
  const object = useFormMutation({
    form,
    mutationFn: (v: { body: string; contact?: string }) =>
      api.post(`/api/public/selections/${String(id)}/objections`, { body: v.body.trim(), contact: v.contact?.trim() || null }),
    success: null,
    invalidate: [key],
    onDone: () => {
      setFiled(true);
      form.resetFields();
    },
  });

  const crumbs = (title: string) => (
    <Breadcrumb
      className="public-breadcrumb"
      items={[
        { key: 'list', title: <Link to="/public/selections">竞争聘用结果公示</Link> },
        { key: 'current', title },
      ]}
    />
  );
  if (s.isPending) return <Spin />;
  if (s.isError) {
    return (
      <div className="verify-card public-card">
        {crumbs('公示')}
        <Alert
          type="error"
          showIcon
          title="公示不存在或已撤下"
          description={errorMessage(s.error)}
          action={
            <Button size="small" loading={s.isFetching} onClick={() => void s.refetch()}>
              重试
            </Button>
          }
        />
      </div>
    );
  }
  const d = s.data;
  return (
    <>
      <div className="verify-card public-card">
        {crumbs(d.title)}
        <Descriptions
          column={1}
          size="small"
          items={[
            { key: 'title', label: '事项', children: d.title },
            { key: 'enterprise', label: '企业', children: d.enterpriseName },
            { key: 'uscc', label: '统一社会信用代码', children: <span className="mono">{d.uscc}</span> },
            { key: 'status', label: '状态', children: <Tag color={d.status === 'publicity' ? 'orange' : 'green'}>{d.statusLabel}</Tag> },
            { key: 'selected', label: '拟聘人选', children: d.selectedName ?? '—' },
            { key: 'period', label: '公示期', children: `${d.publicityStart ?? ''} 至 ${d.publicityEnd ?? ''}` },
            { key: 'criteria', label: '评分项目与权重', children: d.criteria.map((c) => `${c.name} ${String(c.weight)}%`).join('；') },
            { key: 'panel', label: '评审组', children: `${String(d.panelSize)} 人` },
            ...(d.resultNote ? [{ key: 'note', label: '说明', children: d.resultNote }] : []),
            { key: 'objections', label: '异议', children: `已收到 ${String(d.objections.filed)} 件，已答复 ${String(d.objections.answered)} 件` },
          ]}
        />
        <Table
          rowKey={(r) => `${r.name}-${String(r.rank)}`}
          size="small"
          pagination={false}
          dataSource={d.candidates}
          columns={[
            { title: '名次', dataIndex: 'rank', render: (v: number | null) => v ?? '—' },
            {
              title: '候选人',
              dataIndex: 'name',
              render: (v: string, r) =>
                r.selected ? (
                  <>
                    {v} <Tag color="gold">拟聘</Tag>
                  </>
                ) : (
                  v
                ),
            },
            { title: '综合得分', dataIndex: 'total', render: (v: number | null) => v ?? '—' },
          ]}
        />
      </div>
      {d.objectionsOpen ? (
        <div className="verify-card public-card">
          <h2 className="public-subtitle">对公示结果提出异议</h2>
          {filed ? <Alert className="form-alert" type="success" showIcon title="异议已提交，企业将在公示期满前答复" /> : null}
          <FormError error={object.error} />
          <Form form={form} layout="vertical" onFinish={() => void object.submit()}>
            <Form.Item label="异议内容" name="body" rules={[{ required: true, whitespace: true, min: 10, message: '请写明异议内容（至少 10 个字）' }]}>
              <Input.TextArea rows={4} maxLength={2000} showCount />
            </Form.Item>
            <Form.Item label="联系方式（选填）" name="contact">
              <Input maxLength={60} />
            </Form.Item>
            <Button type="primary" htmlType="submit" loading={object.isPending}>
              提交异议
            </Button>
          </Form>
        </div>
      ) : (
        <Alert type="info" showIcon title="不在公示期内，不受理异议" />
      )}
    </>
  );
}
