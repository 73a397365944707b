import { PlusOutlined } from '@ant-design/icons';
import { keepPreviousData, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  App,
  Button,
  Card,
  DatePicker,
  Descriptions,
  Drawer,
  Empty,
  Form,
  Input,
  List,
  Modal,
  Select,
  Space,
  Tag,
  Typography,
  type TableColumnsType,
} from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { api, errorMessage } from '../../api/client';
import { queryKeys } from '../../api/query-keys';
import type { Page } from '../../api/types';
import type { ExpertMember, ExpertMemberDetail, ExpertStatus } from '../../api/supervision-types';
import { useSession } from '../../auth/session';
import { formatDate } from '../../components/format';
import { FilterBar } from '../../components/list/FilterBar';
import { ListTable } from '../../components/list/ListTable';
import { FormError, useFormMutation } from '../../components/list/use-form-mutation';
import { PageHeader } from '../../components/PageHeader';
import { UrlKeyword, useUrlFilters } from '../../components/url-filters';
import { useIsMobile } from '../../components/use-is-mobile';
import { EXPERT_STATUS_COLORS, EXPERT_STATUS_OPTIONS, EXPERT_TASK_OPTIONS, expertStatusLabel, INDUSTRY_OPTIONS, taskKindLabel } from './dict';
import { FilingPicker } from './FilingPicker';
import { RandomDrawsCard } from './ExpertRandomDraws';
import './supervision.css';
import { FilterSelect } from '../../components/FilterField';

const KEY = queryKeys.expertPool.all;
const FILTER_KEYS = ['status', 'industrySection', 'q'] as const;

/** 专家库: bureaus nominate, search and draw; an officer answers nominations and sees draws (at /me/experts). */
export default function ExpertPoolPage() {
  const { hasPermission } = useSession();
  return hasPermission('supervision:read') ? <BureauPool /> : <MyNominations />;
}

function BureauPool() {
  const isMobile = useIsMobile();
  const { hasPermission } = useSession();
  const canManage = hasPermission('supervision:manage');
  const paging = useUrlFilters(FILTER_KEYS);
  const { filters, page, pageSize, update } = paging;
  // in-pool members unless the address bar says otherwise (status=all: every status)
  const status = filters.status === 'all' ? undefined : ((filters.status ?? 'active') as ExpertStatus);
  const [openId, setOpenId] = useState<number | null>(null);
  const [nominating, setNominating] = useState(false);
  const query = { status, industrySection: filters.industrySection, q: filters.q, page, pageSize };
  const list = useQuery({
    queryKey: queryKeys.expertPool.list(query),
    queryFn: ({ signal }) => api.get<Page<ExpertMember>>('/api/expert-pool', query, signal),
    placeholderData: keepPreviousData,
  });
  const columns: TableColumnsType<ExpertMember> = [
    {
      title: '专家',
      key: 'name',
      render: (_v, m) => (
        <div className="supervision-cell">
          <Typography.Link onClick={() => setOpenId(m.id)}>{m.personName}</Typography.Link>
          <span className="supervision-muted">{[m.positionTitle, m.enterpriseName].filter(Boolean).join(' · ')}</span>
          {isMobile ? (
            <span>
              {m.fields.map((f) => (
                <Tag key={f}>{f}</Tag>
              ))}
            </span>
          ) : null}
        </div>
      ),
    },
    ...(isMobile
      ? []
      : ([
          { title: '专业领域', key: 'fields', render: (_v, m) => m.fields.map((f) => <Tag key={f}>{f}</Tag>) },
          { title: '行业门类', dataIndex: 'industrySection', render: (v: string | null) => v ?? '—' },
          { title: '所在地', dataIndex: 'orgUnitName', render: (v: string) => <span className="nowrap">{v}</span> },
          { title: '抽取次数', dataIndex: 'drawCount' },
        ] as TableColumnsType<ExpertMember>)),
    { title: '状态', dataIndex: 'status', render: (v: ExpertStatus) => <Tag color={EXPERT_STATUS_COLORS[v]}>{expertStatusLabel(v)}</Tag> },
  ];
  return (
    <div className="page">
      <PageHeader
        title="首席质量官专家库"
        description="推荐管辖范围内在任的首席质量官入库（经本人确认），开展质量诊断、评审时从库中随机抽取（政策三.5）。"
        extra={
          canManage ? (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setNominating(true)}>
              推荐入库
            </Button>
          ) : null
        }
      />
      <FilterBar anyFilter={paging.anyFilter} onReset={paging.reset}>
        <FilterSelect<ExpertStatus>
          label="状态"
          placeholder="全部状态"
          value={status}
          options={EXPERT_STATUS_OPTIONS}
          onChange={(v) => update({ status: v === 'active' ? undefined : (v ?? 'all') })}
        />
        <FilterSelect<string>
          label="行业"
          showSearch={{ optionFilterProp: 'label' }}
          placeholder="全部行业"
          value={filters.industrySection}
          options={INDUSTRY_OPTIONS}
          onChange={(v) => update({ industrySection: v })}
        />
        <UrlKeyword value={filters.q} placeholder="姓名或专业领域" onApply={(q) => update({ q })} />
      </FilterBar>
      <ListTable<ExpertMember>
        rowKey="id"
        columns={columns}
        query={list}
        paging={paging}
        what="专家库"
        empty={paging.anyFilter ? '没有符合条件的专家' : '暂无专家'}
        totalText={(t) => `共 ${t} 人`}
      />
      <RandomDrawsCard canManage={canManage} />
      <MemberDrawer id={openId} onClose={() => setOpenId(null)} canManage={canManage} />
      <NominateModal
        open={nominating}
        onClose={() => setNominating(false)}
        onDone={(m) => {
          setNominating(false);
          setOpenId(m.id);
        }}
      />
    </div>
  );
}

interface NominateValues {
  filingId: number;
  fields: string[];
  industrySection?: string;
  note?: string;
}

function NominateModal({ open, onClose, onDone }: { open: boolean; onClose: () => void; onDone: (m: ExpertMemberDetail) => void }) {
  const isMobile = useIsMobile();
  const [form] = Form.useForm<NominateValues>();
  const nominate = useFormMutation({
    form,
    mutationFn: (v: NominateValues) =>
      api.post<ExpertMemberDetail>('/api/expert-pool', {
        filingId: v.filingId,
        fields: v.fields.map((f) => f.trim()).filter(Boolean),
        industrySection: v.industrySection ?? null,
        note: v.note?.trim() ?? null,
      }),
    success: null,
    invalidate: [KEY],
    onDone: (m) => {
      form.resetFields();
      onDone(m);
    },
  });
  return (
    <Modal
      open={open}
      title="推荐入专家库"
      okText="推荐"
      confirmLoading={nominate.isPending}
      onOk={() => void nominate.submit()}
      onCancel={onClose}
      destroyOnHidden
      mask={{ closable: false }}
      width={isMobile ? 'calc(100vw - 16px)' : 540}
    >
      <FormError error={nominate.error} />
      <Form<NominateValues> form={form} layout="vertical" onFinish={(v) => nominate.mutate(v)}>
        <Form.Item label="首席质量官" name="filingId" rules={[{ required: true, message: '请选择首席质量官' }]}>
          <FilingPicker />
        </Form.Item>
        <Form.Item
          label="专业领域"
          name="fields"
          rules={[{ required: true, type: 'array', min: 1, message: '请至少填写一个专业领域' }]}
          extra="输入后回车，可填多项，如：质量管理体系、六西格玛、质量奖评审"
        >
          <Select mode="tags" open={false} tokenSeparators={[',', '，', '、']} placeholder="输入专业领域后回车" />
        </Form.Item>
        <Form.Item label="行业门类" name="industrySection" extra="不填则取其所在企业的行业">
          <Select allowClear showSearch={{ optionFilterProp: 'label' }} options={INDUSTRY_OPTIONS} />
        </Form.Item>
        <Form.Item label="备注" name="note">
          <Input.TextArea rows={2} maxLength={500} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

interface DrawValues {
  taskKind: 'diagnosis' | 'review';
  taskTitle: string;
  taskDate: Dayjs;
  note?: string;
}

function MemberDrawer({ id, onClose, canManage }: { id: number | null; onClose: () => void; canManage: boolean }) {
  const isMobile = useIsMobile();
  const [form] = Form.useForm<DrawValues>();
  const [withdrawForm] = Form.useForm<{ reason: string }>();
  const [drawing, setDrawing] = useState(false);
  const [withdrawing, setWithdrawing] = useState(false);
  const detail = useQuery({
    queryKey: queryKeys.expertPool.detail(id ?? 0),
    queryFn: ({ signal }) => api.get<ExpertMemberDetail>(`/api/expert-pool/${id ?? 0}`, undefined, signal),
    enabled: id !== null,
  });
  const m = detail.data;
  const draw = useFormMutation({
    form,
    mutationFn: (v: DrawValues) =>
      api.post(`/api/expert-pool/${m?.id ?? 0}/draws`, {
        taskKind: v.taskKind,
        taskTitle: v.taskTitle.trim(),
        taskDate: v.taskDate.format('YYYY-MM-DD'),
        note: v.note?.trim() ?? null,
      }),
    success: '已记录抽取',
    invalidate: [KEY],
    onDone: () => {
      setDrawing(false);
      form.resetFields();
    },
  });
  const withdraw = useFormMutation({
    form: withdrawForm,
    mutationFn: (v: { reason: string }) => api.post(`/api/expert-pool/${m?.id ?? 0}/withdraw`, { reason: v.reason.trim() }),
    success: '已移出专家库',
    invalidate: [KEY],
    onDone: () => setWithdrawing(false),
  });
  return (
    <Drawer
      open={id !== null}
      onClose={onClose}
      title={m?.personName ?? '专家'}
      size={isMobile ? 'default' : 560}
      placement={isMobile ? 'bottom' : 'right'}
      className="supervision-detail"
    >
      {detail.isError ? <Alert type="error" showIcon title={errorMessage(detail.error)} /> : null}
      {m ? (
        <>
          <MemberFacts m={m} />
          {canManage ? (
            <div className="supervision-actions">
              {m.status === 'active' ? (
                <Button type="primary" onClick={() => setDrawing(true)}>
                  抽取参加诊断/评审
                </Button>
              ) : null}
              {m.status === 'active' || m.status === 'nominated' ? <Button onClick={() => setWithdrawing(true)}>移出专家库</Button> : null}
            </div>
          ) : null}
        </>
      ) : null}
      <Modal
        open={drawing}
        title="抽取专家"
        okText="记录抽取"
        confirmLoading={draw.isPending}
        onOk={() => void draw.submit()}
        onCancel={() => setDrawing(false)}
        destroyOnHidden
        width={isMobile ? 'calc(100vw - 16px)' : 480}
      >
        <FormError error={draw.error} />
        <Form<DrawValues>
          form={form}
          layout="vertical"
          onFinish={(v) => draw.mutate(v)}
          initialValues={{ taskKind: 'diagnosis', taskDate: dayjs().add(7, 'day') }}
        >
          <Form.Item label="任务类型" name="taskKind" rules={[{ required: true }]}>
            <Select options={EXPERT_TASK_OPTIONS} />
          </Form.Item>
          <Form.Item
            label="任务名称"
            name="taskTitle"
            rules={[
              { required: true, whitespace: true, message: '请填写任务名称' },
              { min: 2, message: '至少 2 个字' },
            ]}
          >
            <Input maxLength={100} placeholder="如：小微企业质量提升诊断" />
          </Form.Item>
          <Form.Item label="任务日期" name="taskDate" rules={[{ required: true, message: '请选择日期' }]}>
            <DatePicker className="full-width" inputReadOnly={isMobile} />
          </Form.Item>
          <Form.Item label="备注" name="note">
            <Input.TextArea rows={2} maxLength={500} />
          </Form.Item>
        </Form>
      </Modal>
      <Modal
        open={withdrawing}
        title="移出专家库"
        okText="移出"
        okButtonProps={{ danger: true }}
        confirmLoading={withdraw.isPending}
        onOk={() => void withdraw.submit()}
        onCancel={() => setWithdrawing(false)}
        destroyOnHidden
      >
        <FormError error={withdraw.error} />
        <Form form={withdrawForm} layout="vertical" onFinish={(v) => withdraw.mutate(v)} preserve={false}>
          <Form.Item
            label="原因"
            name="reason"
            rules={[
              { required: true, whitespace: true, message: '请填写原因' },
              { min: 2, message: '至少 2 个字' },
            ]}
          >
            <Input.TextArea rows={3} maxLength={1000} />
          </Form.Item>
        </Form>
      </Modal>
    </Drawer>
  );
}

function MemberFacts({ m }: { m: ExpertMemberDetail }) {
  return (
    <>
      <Descriptions column={1} size="small" bordered>
        <Descriptions.Item label="状态">
          <Tag color={EXPERT_STATUS_COLORS[m.status]}>{expertStatusLabel(m.status)}</Tag>
        </Descriptions.Item>
        <Descriptions.Item label="任职">{[m.positionTitle, m.enterpriseName].filter(Boolean).join(' · ') || '—'}</Descriptions.Item>
        <Descriptions.Item label="专业领域">
          {m.fields.map((f) => (
            <Tag key={f}>{f}</Tag>
          ))}
        </Descriptions.Item>
        <Descriptions.Item label="行业门类">{m.industrySection ?? '—'}</Descriptions.Item>
        <Descriptions.Item label="所在地">{m.orgUnitName}</Descriptions.Item>
        <Descriptions.Item label="推荐日期">{formatDate(m.createdAt)}</Descriptions.Item>
        {m.note ? <Descriptions.Item label="备注">{m.note}</Descriptions.Item> : null}
      </Descriptions>
      <Typography.Title level={5} className="section-title">
        抽取记录
      </Typography.Title>
      {m.draws.length === 0 ? (
        <Typography.Text type="secondary">尚未被抽取</Typography.Text>
      ) : (
        <List
          size="small"
          dataSource={m.draws}
          renderItem={(d) => (
            <List.Item>
              <div>
                <div>
                  <Tag color="blue">{taskKindLabel(d.taskKind)}</Tag>
                  {d.taskTitle}
                </div>
                <div className="supervision-muted">
                  {d.taskDate} · {d.orgUnitName}
                  {d.note ? ` · ${d.note}` : ''}
                </div>
              </div>
            </List.Item>
          )}
        />
      )}
    </>
  );
}

function MyNominations() {
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const mine = useQuery({
    queryKey: queryKeys.expertPool.mine,
    queryFn: ({ signal }) => api.get<ExpertMemberDetail[]>('/api/expert-pool/mine', undefined, signal),
  });
  const respond = async (id: number, accept: boolean) => {
    try {
      await api.post(`/api/expert-pool/${id}/respond`, { accept });
      message.success(accept ? '已接受入库' : '已谢绝');
      await queryClient.invalidateQueries({ queryKey: KEY });
    } catch (err) {
      message.error(errorMessage(err));
    }
  };
  return (
    <div className="page">
      <PageHeader title="专家库" description="市场监管部门推荐您进入首席质量官专家库，参加质量诊断、评审等工作。" />
      {mine.isError ? <Alert type="error" showIcon title={errorMessage(mine.error)} /> : null}
      {mine.data && mine.data.length === 0 ? <Empty description="暂无专家库推荐" /> : null}
      <Space direction="vertical" className="full-width" size={16}>
        {(mine.data ?? []).map((m) => (
          <Card
            key={m.id}
            className="supervision-card"
            title={`${m.orgUnitName} 推荐`}
            extra={<Tag color={EXPERT_STATUS_COLORS[m.status]}>{expertStatusLabel(m.status)}</Tag>}
            actions={
              m.status === 'nominated'
                ? [
                    <Button key="accept" type="primary" onClick={() => void respond(m.id, true)}>
                      接受入库
                    </Button>,
                    <Button key="decline" onClick={() => void respond(m.id, false)}>
                      谢绝
                    </Button>,
                  ]
                : m.status === 'active'
                  ? [
                      <Button key="leave" onClick={() => void respond(m.id, false)}>
                        退出专家库
                      </Button>,
                    ]
                  : undefined
            }
          >
            <MemberFacts m={m} />
          </Card>
        ))}
      </Space>
    </div>
  );
}
