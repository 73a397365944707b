import { BellOutlined, DownloadOutlined, PrinterOutlined } from '@ant-design/icons';
import { NoticeLettersModal, type NoticeLettersForm } from './NoticeLettersModal';
import { keepPreviousData, useMutation, useQuery } from '@tanstack/react-query';
import { App, Button, Card, Space, Tabs, Tag, TreeSelect, Typography, type TableColumnsType } from 'antd';
import { useMemo, useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { api, errorMessage } from '../../api/client';
import { queryKeys } from '../../api/query-keys';
import type {
  CoverageSegmentDef,
  OverdueItem,
  StudyBehindItem,
  UncoveredItem,
  WorklistKind,
  WorklistPage,
  WorklistRemindResult,
} from '../../api/coverage-types';
import type { FileJobResult, Job, QueuedJob } from '../../api/types';
import { Access } from '../../auth/Access';
import { useConfirmAction } from '../../components/confirm-action';
import { jobDownloadHref } from '../../components/download';
import { divisionText, ownershipLabel, scaleLabel, SECTION_OPTIONS } from '../../components/enterprise-dict';
import { formatDateTimeShort } from '../../components/format';
import { JobProgress } from '../../components/JobProgress';
import { FilterField, FilterSelect } from '../../components/FilterField';
import { toTreeSelectData, useOrgTree } from '../../components/org-tree';
import { FilterBar } from '../../components/list/FilterBar';
import { ListTable } from '../../components/list/ListTable';
import { PageHeader } from '../../components/PageHeader';
import { UrlKeyword, useUrlFilters } from '../../components/url-filters';
import './supervision.css';

const KINDS: { key: WorklistKind; label: string }[] = [
  { key: 'uncovered', label: '未设首席质量官的企业' },
  { key: 'overdue', label: '逾期未审的备案' },
  { key: 'studyBehind', label: '学时进度落后' },
];

type Row = UncoveredItem | OverdueItem | StudyBehindItem;
const FILTER_KEYS = ['orgUnitId', 'segment', 'section', 'q'] as const;

const hours = (minutes: number, perHour: number) => Math.floor((minutes * 10) / perHour) / 10;

/** 工作清单: who must act — enterprises without a CQO, overdue reviews, officers behind on study; export and remind. */
export default function WorklistsPage() {
  const { message } = App.useApp();
  const tree = useOrgTree();
  const [params] = useSearchParams();
  const kind = KINDS.find((k) => k.key === params.get('kind'))?.key ?? 'uncovered';
  const paging = useUrlFilters(FILTER_KEYS);
  const { filters, page, pageSize } = paging;
  const orgUnitId = Number(filters.orgUnitId) || undefined;
  const { segment, section, q } = filters;
  const [jobs, setJobs] = useState<{ id: number; kind: 'export' | 'remind' | 'letters' | 'contacts' }[]>([]);
  const [lettersOpen, setLettersOpen] = useState(false);

  const set = paging.update;

  const segments = useQuery({ queryKey: queryKeys.coverage.segments, queryFn: () => api.get<CoverageSegmentDef[]>('/api/coverage/segments') });
  const filter = { orgUnitId, segment: kind === 'uncovered' ? segment : undefined, section, q };
  const list = useQuery({
    queryKey: queryKeys.worklists.list({ kind, ...filter, page, pageSize }),
    queryFn: () => api.get<WorklistPage>(`/api/coverage/worklists/${kind}`, { ...filter, page, pageSize }),
    placeholderData: keepPreviousData,
  });
  const orgData = useMemo(() => toTreeSelectData(tree.data ?? []), [tree.data]);

  const startExport = useMutation({
    mutationFn: () => api.post<QueuedJob>(`/api/coverage/worklists/${kind}/exports`, filter),
    onSuccess: (res) => setJobs((j) => [{ id: res.jobId, kind: 'export' }, ...j]),
    onError: (err) => void message.error(errorMessage(err)),
  });
  const { confirm } = useConfirmAction();
  const startRemind = () => {
    confirm({
      title: '批量提醒',
      content: `将向清单中 ${list.data?.total ?? 0} 条记录所属企业发送提醒：有账户的发站内消息（及账户登记的短信、邮件），没有账户的发往名录登记的联系电话和邮箱。确定发送吗？`,
      okText: '发送',
      action: () => api.post<QueuedJob>(`/api/coverage/worklists/${kind}/reminders`, filter),
      success: '已开始发送提醒，进度见页面上方',
      onDone: (res) => setJobs((j) => [{ id: res.jobId, kind: 'remind' }, ...j]),
    });
  };

  const sendLetters = (v: NoticeLettersForm) =>
    api.post<QueuedJob>(`/api/coverage/worklists/${kind}/notice-letters`, {
      ...filter,
      format: v.format,
      unreachedOnly: v.unreachedOnly,
      deadline: v.deadline?.format('YYYY-MM-DD'),
      contactName: v.contactName || undefined,
      contactPhone: v.contactPhone || undefined,
    });

  const perHour = list.data?.minutesPerHour ?? 45;
  const columns: TableColumnsType<Row> =
    kind === 'uncovered'
      ? ([
          { title: '企业名称', dataIndex: 'name', render: (v: string, r: UncoveredItem) => <Link to={`/enterprises/${r.id}`}>{v}</Link> },
          { title: '统一社会信用代码', dataIndex: 'uscc', responsive: ['md'] },
          { title: '所属单位', dataIndex: 'orgUnitName' },
          { title: '行业', dataIndex: 'industryDivision', render: (v: string) => divisionText(v), responsive: ['lg'] },
          {
            title: '规模',
            dataIndex: 'scale',
            render: (v: string, r: UncoveredItem) => (
              <Space size={4}>
                {scaleLabel(v)}
                {r.aboveScale ? <Tag color="blue">规上</Tag> : null}
              </Space>
            ),
          },
          { title: '经济类型', dataIndex: 'ownership', render: (v: string) => ownershipLabel(v), responsive: ['lg'] },
          {
            title: '联系人',
            dataIndex: 'contactPerson',
            render: (v: string | null, r: UncoveredItem) => [v, r.contactPhone].filter(Boolean).join(' '),
            responsive: ['md'],
          },
        ] as TableColumnsType<UncoveredItem> as unknown as TableColumnsType<Row>)
      : kind === 'overdue'
        ? ([
            { title: '企业名称', dataIndex: 'enterpriseName', render: (v: string, r: OverdueItem) => <Link to={`/filings/${r.id}`}>{v}</Link> },
            { title: '受理单位', dataIndex: 'orgUnitName' },
            { title: '拟任人员', dataIndex: 'personName' },
            { title: '提交时间', dataIndex: 'submittedAt', render: (v: string | null) => (v ? formatDateTimeShort(v) : '—'), responsive: ['md'] },
            { title: '审核期限', dataIndex: 'reviewDeadline' },
            { title: '逾期', dataIndex: 'daysOverdue', render: (v: number) => <Tag color="red">{v} 天</Tag> },
          ] as TableColumnsType<OverdueItem> as unknown as TableColumnsType<Row>)
        : ([
            { title: '首席质量官', dataIndex: 'personName' },
            {
              title: '企业名称',
              dataIndex: 'enterpriseName',
              render: (v: string, r: StudyBehindItem) => <Link to={`/enterprises/${r.enterpriseId}`}>{v}</Link>,
            },
            { title: '所属单位', dataIndex: 'orgUnitName', responsive: ['md'] },
            { title: '本年度学时', dataIndex: 'minutes', render: (v: number) => `${hours(v, perHour)} 学时` },
            { title: '按进度应有', key: 'expected', render: () => `${hours(list.data?.expectedMinutes ?? 0, perHour)} 学时` },
          ] as TableColumnsType<StudyBehindItem> as unknown as TableColumnsType<Row>);

  return (
    <div className="coverage-page">
      <PageHeader
        title="工作清单"
        description="管辖范围内需要督促的企业和首席质量官：导出 Excel，或批量提醒企业账户。"
        extra={
          <Access permission="supervision:manage">
            <Link to="/worklists/deliveries">通知发送记录</Link>
          </Access>
        }
      />
      {jobs.map((j) => (
        <Card
          size="small"
          key={j.id}
          className="filter-card"
          title={{ export: '导出清单', remind: '批量提醒', letters: '催办通知书', contacts: '催办联系名单' }[j.kind]}
        >
          <JobProgress
            jobId={j.id}
            hideTitle
            renderResult={(job: Job) => {
              const result = (job.result ?? {}) as Partial<FileJobResult & WorklistRemindResult>;
              return j.kind !== 'remind' ? (
                <Space wrap>
                  <Typography.Text>
                    {j.kind === 'letters' ? '已生成' : '已导出'} {result.rows ?? job.done} {j.kind === 'letters' ? '份通知书（每家企业一页）' : '条'}。
                  </Typography.Text>
                  <Button type="primary" icon={<DownloadOutlined />} href={jobDownloadHref(job.id)}>
                    下载
                  </Button>
                </Space>
              ) : (
                <Space wrap>
                  <Typography.Text>
                    已提醒 {result.enterprises ?? 0} 家企业：站内 {result.accounts ?? 0} 个账户，短信 {result.sms ?? 0} 条，邮件 {result.email ?? 0} 条
                    {result.capped ? `，${result.capped} 条超过每日上限未发` : ''}；{result.unreached ?? 0} 家无法送达。
                  </Typography.Text>
                  <Link to="/worklists/deliveries">查看发送记录</Link>
                </Space>
              );
            }}
          />
        </Card>
      ))}
      <Tabs activeKey={kind} onChange={(k) => set({ kind: k, segment: undefined })} items={KINDS.map((k) => ({ key: k.key, label: k.label }))} />
      <FilterBar anyFilter={paging.anyFilter} onReset={paging.reset}>
        <UrlKeyword value={q} placeholder={kind === 'studyBehind' ? '企业或人员姓名' : '企业名称或信用代码'} onApply={(v) => set({ q: v })} />
        <FilterField label="所属单位">
          <TreeSelect<number>
            placeholder="全部单位（含下级）"
            allowClear
            popupMatchSelectWidth={false}
            style={{ minWidth: 200 }}
            treeData={orgData}
            showSearch={{ treeNodeFilterProp: 'title' }}
            value={orgUnitId}
            onChange={(v) => set({ orgUnitId: v })}
          />
        </FilterField>
        {kind === 'uncovered' ? (
          <FilterSelect
            label="企业类别"
            placeholder="全部企业类别"
            value={segment}
            onChange={(v: string | undefined) => set({ segment: v })}
            options={(segments.data ?? []).map((s) => ({ value: s.code, label: s.name }))}
          />
        ) : null}
        <FilterSelect
          label="行业门类"
          placeholder="全部行业"
          value={section}
          onChange={(v: string | undefined) => set({ section: v })}
          options={SECTION_OPTIONS}
        />
      </FilterBar>
      <Space wrap className="worklist-actions">
        <Button icon={<DownloadOutlined />} onClick={() => startExport.mutate()} loading={startExport.isPending} disabled={!list.data?.total}>
          导出 Excel
        </Button>
        {kind !== 'overdue' ? (
          <Access permission="supervision:manage">
            <Button icon={<BellOutlined />} onClick={startRemind} disabled={!list.data?.total}>
              批量提醒
            </Button>
          </Access>
        ) : null}
        <Access permission="supervision:manage">
          <Button icon={<PrinterOutlined />} onClick={() => setLettersOpen(true)} disabled={!list.data?.total}>
            催办通知书
          </Button>
        </Access>
      </Space>
      <NoticeLettersModal
        open={lettersOpen}
        onCancel={() => setLettersOpen(false)}
        send={sendLetters}
        onQueued={(jobId, format) => {
          setJobs((j) => [{ id: jobId, kind: format === 'pdf' ? 'letters' : 'contacts' }, ...j]);
          setLettersOpen(false);
        }}
      />
      <ListTable<Row>
        size="small"
        rowKey={(r) => ('filingId' in r ? r.filingId : r.id)}
        columns={columns}
        query={list}
        paging={paging}
        what="工作清单"
        empty={paging.anyFilter ? '没有符合条件的记录' : '清单为空，没有需要催办的事项'}
      />
    </div>
  );
}
