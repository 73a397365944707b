import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Alert, App, Button, Card, DatePicker, Descriptions, Drawer, Form, Input, InputNumber, Modal, Select, Space, Table, Tag, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { api, errorMessage } from '../../api/client';
import type { Page } from '../../api/types';
import type { Enterprise } from '../../api/enterprise-types';
import type { DrawBatch, DrawDetail, DrawItem, DrawVerification, ExpertMember } from '../../api/supervision-types';
import { formatDate } from '../../components/format';
import { ListTable } from '../../components/list/ListTable';
import { QueryState } from '../../components/list/QueryState';
import { FormError, useFormMutation } from '../../components/list/use-form-mutation';
import { useUrlFilters, type UrlPaging } from '../../components/url-filters';
import { EXPERT_TASK_OPTIONS, INDUSTRY_OPTIONS, taskKindLabel } from './dict';
import { queryKeys } from '../../api/query-keys';

const KEY = queryKeys.expertDraws.all;
const DRAW_PAGE_SIZE = 10;
/** The card sits on 专家库 below the pool's own list, whose page is `page`: the draws' page is `drawPage`. */
const DRAW_KEYS = ['drawPage'] as const;

interface DrawValues {
  taskKind: string;
  taskTitle: string;
  taskDate: Dayjs;
  count: number;
  subjectEnterpriseId?: number;
  industrySection?: string;
  field?: string;
  conflicts?: { memberId?: number; reason?: string }[];
}

/** 随机抽取专家 (policy 三.5): the draws of the bureau's region, a new draw, and each draw's seed, candidates and result. */
export function RandomDrawsCard({ canManage }: { canManage: boolean }) {
  const url = useUrlFilters(DRAW_KEYS);
  const page = Math.max(1, Number(url.filters.drawPage) || 1);
  const paging: UrlPaging = {
    pagination: (total, small) => ({
      current: page,
      pageSize: DRAW_PAGE_SIZE,
      total,
      hideOnSinglePage: true,
      size: small ? 'small' : 'middle',
      onChange: (p) => url.update({ drawPage: p === 1 ? undefined : p }, true),
    }),
    sortBy: () => undefined,
  };
  const [drawing, setDrawing] = useState(false);
  const [openId, setOpenId] = useState<number | null>(null);
  const list = useQuery({
    queryKey: queryKeys.expertDraws.page(page),
    queryFn: ({ signal }) => api.get<Page<DrawBatch>>('/api/expert-draws', { page, pageSize: DRAW_PAGE_SIZE }, signal),
    placeholderData: keepPreviousData,
  });
  return (
    <Card
      className="section-card"
      title="随机抽取专家（回避同企业、同县和申报利益冲突者；记录种子与候选名单）"
      extra={
        canManage ? (
          <Button type="primary" onClick={() => setDrawing(true)}>
            随机抽取
          </Button>
        ) : null
      }
    >
      <ListTable<DrawBatch>
        rowKey="id"
        aria-label="随机抽取记录"
        query={list}
        paging={paging}
        what="随机抽取记录"
        empty="暂无随机抽取记录"
        columns={[
          {
            title: '任务',
            key: 'task',
            render: (_, b) => <Typography.Link onClick={() => setOpenId(b.id)}>{`${taskKindLabel(b.taskKind)}：${b.taskTitle}`}</Typography.Link>,
          },
          { title: '任务日期', dataIndex: 'taskDate', width: 110 },
          { title: '抽取人数', dataIndex: 'requested', width: 90 },
          { title: '候选/回避', key: 'pool', width: 100, render: (_, b) => `${String(b.poolSize)} / ${String(b.excludedCount)}` },
          { title: '抽取单位', dataIndex: 'orgUnitName', width: 110 },
          { title: '抽取时间', dataIndex: 'createdAt', width: 120, render: (v: string) => formatDate(v) },
        ]}
      />
      <DrawModal
        open={drawing}
        onClose={() => setDrawing(false)}
        onDone={(id) => {
          setDrawing(false);
          setOpenId(id);
        }}
      />
      <DrawDrawer id={openId} onClose={() => setOpenId(null)} />
    </Card>
  );
}

function EnterpriseSearch({ value, onChange }: { value?: number; onChange?: (v: number | undefined) => void }) {
  const [q, setQ] = useState('');
  const found = useQuery({
    queryKey: queryKeys.enterprises.drawPicker(q),
    queryFn: ({ signal }) => api.get<Page<Enterprise>>('/api/enterprises', { q, pageSize: 20 }, signal),
    enabled: q.length >= 2,
  });
  return (
    <Select<number>
      allowClear
      showSearch={{ filterOption: false, onSearch: (v) => setQ(v.trim()) }}
      value={value}
      onChange={(v) => onChange?.(v)}
      aria-label="被诊断（评审）企业"
      placeholder="输入企业名称或统一社会信用代码查找（可不选）"
      notFoundContent={q.length < 2 ? '至少输入 2 个字' : found.isFetching ? '查找中…' : '无匹配企业'}
      options={(found.data?.items ?? []).map((e) => ({ value: e.id, label: `${e.name}（${e.orgUnitName}）` }))}
    />
  );
}

function DrawModal({ open, onClose, onDone }: { open: boolean; onClose: () => void; onDone: (id: number) => void }) {
  const [form] = Form.useForm<DrawValues>();
  const members = useQuery({
    queryKey: queryKeys.expertPool.drawCandidates,
    queryFn: ({ signal }) => api.get<Page<ExpertMember>>('/api/expert-pool', { status: 'active', pageSize: 100 }, signal),
    enabled: open,
  });
  const draw = useFormMutation({
    form,
    mutationFn: (v: DrawValues) =>
      api.post<DrawDetail>('/api/expert-draws', {
        taskKind: v.taskKind,
        taskTitle: v.taskTitle.trim(),
        taskDate: v.taskDate.format('YYYY-MM-DD'),
        count: v.count,
        subjectEnterpriseId: v.subjectEnterpriseId ?? null,
        industrySection: v.industrySection ?? null,
        field: v.field?.trim() || null,
        conflicts: (v.conflicts ?? []).filter((c) => c.memberId).map((c) => ({ memberId: c.memberId, reason: (c.reason ?? '').trim() })),
      }),
    success: (d) => `已随机抽取 ${String(d.draws.length)} 名专家`,
    // the conflicts list shows no error of its own: its errors go above the form
    fieldMap: { conflicts: '' },
    invalidate: [KEY],
    onDone: (d) => {
      form.resetFields();
      onDone(d.id);
    },
  });
  return (
    <Modal
      open={open}
      title="随机抽取专家"
      okText="抽取"
      confirmLoading={draw.isPending}
      onOk={() => void draw.submit()}
      onCancel={onClose}
      destroyOnHidden
      width={620}
    >
      <FormError error={draw.error} />
      <Form<DrawValues>
        form={form}
        layout="vertical"
        initialValues={{ taskKind: 'diagnosis', count: 3, taskDate: dayjs().add(7, 'day') }}
        onFinish={(v) => draw.mutate(v)}
      >
        <Space wrap>
          <Form.Item label="任务类型" name="taskKind" rules={[{ required: true, message: '请选择任务类型' }]}>
            <Select style={{ width: 140 }} options={EXPERT_TASK_OPTIONS} />
          </Form.Item>
          <Form.Item label="任务日期" name="taskDate" rules={[{ required: true, message: '请选择任务日期' }]}>
            <DatePicker />
          </Form.Item>
          <Form.Item label="抽取人数" name="count" rules={[{ required: true, message: '请填写抽取人数' }]}>
            <InputNumber min={1} max={20} precision={0} />
          </Form.Item>
        </Space>
        <Form.Item label="任务名称" name="taskTitle" rules={[{ required: true, min: 2, message: '请填写任务名称（至少 2 个字）' }]}>
          <Input maxLength={100} />
        </Form.Item>
        <Form.Item label="被诊断（评审）企业" name="subjectEnterpriseId" extra="该企业及其所在县（市、区）的专家自动回避">
          <EnterpriseSearch />
        </Form.Item>
        <Space wrap>
          <Form.Item label="行业门类" name="industrySection">
            <Select allowClear showSearch={{ optionFilterProp: 'label' }} style={{ width: 240 }} options={INDUSTRY_OPTIONS} placeholder="不限" />
          </Form.Item>
          <Form.Item label="专业领域关键词" name="field">
            <Input maxLength={30} placeholder="不限" />
          </Form.Item>
        </Space>
        <Typography.Text strong>申报利益冲突（回避）</Typography.Text>
        <Form.List name="conflicts">
          {(fields, { add, remove }) => (
            <>
              {fields.map((f) => (
                <Space key={f.key} align="baseline" wrap>
                  <Form.Item name={[f.name, 'memberId']} rules={[{ required: true, message: '请选择专家' }]}>
                    <Select
                      aria-label="回避的专家"
                      showSearch={{ optionFilterProp: 'label' }}
                      style={{ width: 220 }}
                      options={(members.data?.items ?? []).map((m) => ({ value: m.id, label: `${m.personName}（${m.orgUnitName}）` }))}
                    />
                  </Form.Item>
                  <Form.Item name={[f.name, 'reason']} rules={[{ required: true, min: 2, message: '请填写利益冲突说明' }]}>
                    <Input aria-label="利益冲突说明" placeholder="利益冲突说明" style={{ width: 240 }} maxLength={200} />
                  </Form.Item>
                  <Button aria-label="删除回避" icon={<DeleteOutlined />} onClick={() => remove(f.name)} />
                </Space>
              ))}
              <div>
                <Button size="small" icon={<PlusOutlined />} onClick={() => add({})}>
                  添加回避的专家
                </Button>
              </div>
            </>
          )}
        </Form.List>
      </Form>
    </Modal>
  );
}

function DrawDrawer({ id, onClose }: { id: number | null; onClose: () => void }) {
  const { message } = App.useApp();
  const detail = useQuery({
    queryKey: queryKeys.expertDraws.detail(id),
    queryFn: ({ signal }) => api.get<DrawDetail>(`/api/expert-draws/${String(id ?? 0)}`, undefined, signal),
    enabled: id !== null,
  });
  const [verification, setVerification] = useState<DrawVerification | null>(null);
  const [refusing, setRefusing] = useState<DrawItem | null>(null);
  const [refuseForm] = Form.useForm<{ reason: string }>();
  const verify = async () => {
    try {
      setVerification(await api.get<DrawVerification>(`/api/expert-draws/${String(id ?? 0)}/verify`));
    } catch (err) {
      void message.error(errorMessage(err));
    }
  };
  const refuse = useFormMutation({
    form: refuseForm,
    mutationFn: (v: { reason: string }) => api.post(`/api/expert-draw-items/${String(refusing?.id ?? 0)}/refuse`, { reason: v.reason.trim() }),
    success: '已记录谢绝，并按种子顺序递补',
    invalidate: [KEY],
    onDone: () => setRefusing(null),
  });
  const replaced = new Map((detail.data?.draws ?? []).filter((x) => x.replacesDrawId).map((x) => [x.replacesDrawId, x.name]));
  return (
    <Drawer
      open={id !== null}
      onClose={() => {
        setVerification(null);
        onClose();
      }}
      title="随机抽取详情"
      size="large"
      destroyOnHidden
    >
      <QueryState query={detail} what="抽取详情" rows={8}>
        {(d) => (
          <Space orientation="vertical" style={{ width: '100%' }}>
            <Descriptions
              size="small"
              column={1}
              bordered
              items={[
                { key: 't', label: '任务', children: `${taskKindLabel(d.taskKind)}：${d.taskTitle}（${d.taskDate}）` },
                { key: 'o', label: '抽取单位', children: d.orgUnitName },
                {
                  key: 'f',
                  label: '筛选条件',
                  children:
                    [
                      d.filters.subjectEnterpriseName ? `被诊断（评审）企业：${d.filters.subjectEnterpriseName}` : null,
                      d.filters.industrySection ? `行业门类：${d.filters.industrySection}` : null,
                      d.filters.field ? `专业领域：${d.filters.field}` : null,
                    ]
                      .filter(Boolean)
                      .join('；') || '不限',
                },
                {
                  key: 's',
                  label: '随机种子',
                  children: (
                    <Typography.Text code copyable>
                      {d.seed}
                    </Typography.Text>
                  ),
                },
                { key: 'h', label: '候选名单指纹', children: <Typography.Text code>{d.poolHash.slice(0, 16)}…</Typography.Text> },
              ]}
            />
            <Space>
              <Button onClick={() => void verify()}>核对抽取</Button>
              {verification ? (
                verification.consistent ? (
                  <Tag color="green">{`核对一致：按审计日志中的种子和候选名单重新抽取，${String(verification.checked ?? 0)} 个位次全部相符`}</Tag>
                ) : (
                  <Tag color="red">核对不一致</Tag>
                )
              ) : null}
            </Space>
            {verification && !verification.consistent ? (
              <Alert type="error" showIcon title="核对不一致" description={verification.problems.join('；')} />
            ) : null}
            <Typography.Title level={5}>抽取结果（{String(d.requested)} 人）</Typography.Title>
            <Table<DrawItem>
              size="small"
              rowKey="id"
              aria-label="抽取结果"
              pagination={false}
              dataSource={d.draws}
              columns={[
                { title: '位次', dataIndex: 'position', width: 60 },
                { title: '专家', key: 'name', render: (_, x) => `${x.name}（${x.orgUnitName}）` },
                {
                  title: '状态',
                  key: 'status',
                  render: (_, x) =>
                    x.status === 'refused' ? (
                      <Tag color="orange">{`已谢绝${replaced.get(x.id) ? `，由${replaced.get(x.id) ?? ''}递补` : ''}`}</Tag>
                    ) : (
                      <Tag color="green">{x.replacesDrawId ? '递补抽中' : '抽中'}</Tag>
                    ),
                },
                { title: '谢绝原因', dataIndex: 'refusalReason', render: (v: string | null) => v ?? '' },
                ...(d.canManage
                  ? [
                      {
                        title: '操作',
                        key: 'op',
                        render: (_: unknown, x: DrawItem) =>
                          x.status === 'assigned' ? (
                            <Button size="small" onClick={() => setRefusing(x)}>
                              记录谢绝
                            </Button>
                          ) : null,
                      },
                    ]
                  : []),
              ]}
            />
            <Typography.Title level={5}>候选名单（{String(d.pool.length)} 人，按编号升序参与抽取）</Typography.Title>
            <Space size={[4, 4]} wrap>
              {d.pool.map((p) => (
                <Tag key={p.memberId}>{`${String(p.memberId)} ${p.name}`}</Tag>
              ))}
            </Space>
            <Typography.Title level={5}>回避（{String(d.excluded.length)} 人）</Typography.Title>
            <Table<DrawDetail['excluded'][number]>
              size="small"
              rowKey="memberId"
              pagination={false}
              locale={{ emptyText: '无回避' }}
              dataSource={d.excluded}
              columns={[
                { title: '专家', key: 'name', render: (_, x) => `${x.name}（${x.orgUnitName}）` },
                { title: '回避原因', dataIndex: 'reason' },
              ]}
            />
          </Space>
        )}
      </QueryState>
      <Modal
        open={refusing !== null}
        title={`记录谢绝：${refusing?.name ?? ''}`}
        okText="记录并递补"
        confirmLoading={refuse.isPending}
        onOk={() => void refuse.submit()}
        onCancel={() => setRefusing(null)}
        destroyOnHidden
      >
        <FormError error={refuse.error} />
        <Form form={refuseForm} layout="vertical" onFinish={(v) => refuse.mutate(v)} preserve={false}>
          <Form.Item
            label="谢绝原因"
            name="reason"
            rules={[
              { required: true, whitespace: true, message: '请填写谢绝原因' },
              { min: 2, message: '至少 2 个字' },
            ]}
          >
            <Input.TextArea rows={3} maxLength={500} placeholder="谢绝原因（至少 2 个字）" />
          </Form.Item>
        </Form>
      </Modal>
    </Drawer>
  );
}
