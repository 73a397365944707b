import { useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Descriptions, Empty, List, Select, Space, Table, Tag, Typography, type TableColumnsType } from 'antd';
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { FILING_STATUSES } from '../../../domain/filing-input';
import { SELECTION_STATUSES } from '../../../domain/selection';
import { api, errorMessage } from '../../api/client';
import { queryKeys } from '../../api/query-keys';
import type { Candidate } from '../../api/filing-types';
import type { SelectionCandidate, SelectionDetail, SelectionObjection } from '../../api/selection-types';
import { useConfirmAction } from '../../components/confirm-action';
import { formatDate, formatDateTimeShort } from '../../components/format';
import { RecordPending } from '../../components/FullPageSpin';
import { PageHeader } from '../../components/PageHeader';
import { PublishModal, ScoreModal, TextModal } from './SelectionActionModals';
import { SelectionFormModal } from './SelectionFormModal';
import { STATUS_COLORS, useSelectionBase } from './SelectionsPage';

/** One competitive selection: criteria, panel, candidates and scores, the result and its 公示, objections, the filing. */
export default function SelectionDetailPage() {
  const id = Number(useParams().id);
  const base = useSelectionBase();
  const queryClient = useQueryClient();
  const { message } = App.useApp();
  const { confirm } = useConfirmAction();
  const key = queryKeys.selections.detail(id);
  const detail = useQuery({ queryKey: key, queryFn: ({ signal }) => api.get<SelectionDetail>(`/api/selections/${String(id)}`, undefined, signal) });
  const s = detail.data;
  const candidates = useQuery({
    queryKey: queryKeys.candidates.forSelection,
    queryFn: ({ signal }) => api.get<Candidate[]>('/api/candidates', undefined, signal),
    enabled: s?.canEdit === true,
  });
  const [editing, setEditing] = useState(false);
  const [scoring, setScoring] = useState<SelectionCandidate | null>(null);
  const [publishing, setPublishing] = useState(false);
  const [answering, setAnswering] = useState<SelectionObjection | null>(null);
  const [cancelling, setCancelling] = useState(false);
  const [adding, setAdding] = useState<number | undefined>();

  const done = (next: SelectionDetail, text?: string) => {
    queryClient.setQueryData(key, next);
    void queryClient.invalidateQueries({ queryKey: queryKeys.selections.all, exact: false, refetchType: 'none' });
    setEditing(false);
    setScoring(null);
    setPublishing(false);
    setAnswering(null);
    setCancelling(false);
    if (text) void message.success(text);
  };
  const run = async (send: () => Promise<SelectionDetail>, text: string) => {
    try {
      done(await send(), text);
    } catch (err) {
      void message.error(errorMessage(err));
    }
  };

  if (!s) return <RecordPending query={detail} what="竞争聘用" />;

  const inSelection = new Set(s.candidates.map((c) => c.candidateId));
  const addable = (candidates.data ?? []).filter((c) => !inSelection.has(c.id));
  const winner = s.candidates.find((c) =>
    s.selectedCandidateId !== null ? c.candidateId === s.selectedCandidateId : s.selectedPersonId !== null && c.personId === s.selectedPersonId,
  );
  const columns: TableColumnsType<SelectionCandidate> = [
    {
      title: '候选人',
      dataIndex: 'name',
      render: (v: string, c) =>
        c === winner ? (
          <Space>
            {v}
            <Tag color="gold">拟聘</Tag>
          </Space>
        ) : (
          v
        ),
    },
    { title: '身份证号', dataIndex: 'idNumberMasked', className: 'mono' },
    ...s.criteria.map((cr, i) => ({
      title: `${cr.name}（${String(cr.weight)}%）`,
      key: `c${String(i)}`,
      render: (_: unknown, c: SelectionCandidate) => c.scores?.[i] ?? '—',
    })),
    { title: '综合得分', dataIndex: 'total', render: (v: number | null) => v ?? '未评分' },
    { title: '名次', dataIndex: 'rank', render: (v: number | null) => v ?? '—' },
    ...(s.canEdit
      ? [
          {
            title: '操作',
            key: 'actions',
            render: (_: unknown, c: SelectionCandidate) => (
              <Space>
                <Button size="small" onClick={() => setScoring(c)}>
                  评分
                </Button>
                <Button
                  size="small"
                  danger
                  onClick={() =>
                    void run(() => api.delete<SelectionDetail>(`/api/selections/${String(s.id)}/candidates/${String(c.candidateId ?? 0)}`), '已移除候选人')
                  }
                >
                  移除
                </Button>
              </Space>
            ),
          },
        ]
      : []),
  ];

  const publicLink = s.status === 'publicity' || s.status === 'concluded' ? `/public/selections/${String(s.id)}` : null;
  return (
    <>
      <PageHeader
        title={s.title}
        back={{ title: '竞争聘用', to: base }}
        description={`${s.enterpriseName} · ${s.orgUnitName}`}
        extra={
          <Space wrap>
            {s.canEdit ? <Button onClick={() => setEditing(true)}>修改评分项目与评审组</Button> : null}
            {s.canPublish ? (
              <Button type="primary" onClick={() => setPublishing(true)}>
                确定拟聘人选并公示
              </Button>
            ) : null}
            {s.canConclude ? (
              <Button
                type="primary"
                onClick={() =>
                  confirm({
                    title: '完成竞争聘用？',
                    content: '公示期已满，异议均已答复。完成后可为拟聘人选办理聘任备案。',
                    action: () => api.post<SelectionDetail>(`/api/selections/${String(s.id)}/conclude`, { version: s.version }),
                    onDone: (next) => done(next),
                    success: '竞争聘用已完成',
                  })
                }
              >
                完成竞争聘用
              </Button>
            ) : null}
            {s.status === 'concluded' && base === '/my-selections' && !s.filing && winner?.candidateId ? (
              <Link to={`/my-filings/new?candidateId=${String(winner.candidateId)}`}>
                <Button type="primary">为拟聘人选办理聘任备案</Button>
              </Link>
            ) : null}
            {s.canCancel ? (
              <Button danger onClick={() => setCancelling(true)}>
                取消
              </Button>
            ) : null}
          </Space>
        }
      />
      <Card title="基本情况" className="section-card">
        <Descriptions
          column={{ xs: 1, md: 2 }}
          items={[
            { key: 'status', label: '状态', children: <Tag color={STATUS_COLORS[s.status]}>{SELECTION_STATUSES[s.status]}</Tag> },
            { key: 'created', label: '发起时间', children: formatDateTimeShort(s.createdAt) },
            { key: 'criteria', label: '评分项目与权重', children: s.criteria.map((c) => `${c.name} ${String(c.weight)}%`).join('；') },
            { key: 'panel', label: '评审组', children: s.panel.join('、') },
            ...(s.publicityStart ? [{ key: 'publicity', label: '公示期', children: `${s.publicityStart} 至 ${s.publicityEnd ?? ''}` }] : []),
            ...(s.resultNote ? [{ key: 'note', label: '说明', children: s.resultNote }] : []),
            ...(publicLink ? [{ key: 'public', label: '公示页面', children: <Link to={publicLink}>查看公开公示（姓名脱敏）</Link> }] : []),
            ...(s.concludedAt ? [{ key: 'concluded', label: '完成时间', children: formatDateTimeShort(s.concludedAt) }] : []),
            ...(s.cancelReason ? [{ key: 'cancel', label: '取消原因', children: s.cancelReason }] : []),
            ...(s.filing
              ? [
                  {
                    key: 'filing',
                    label: '聘任备案',
                    children: (
                      <Link
                        to={base === '/my-selections' ? `/my-filings/${String(s.filing.id)}` : `/filings/${String(s.filing.id)}`}
                      >{`备案第 ${String(s.filing.id)} 号（${FILING_STATUSES[s.filing.status as keyof typeof FILING_STATUSES] ?? s.filing.status}）`}</Link>
                    ),
                  },
                ]
              : []),
          ]}
        />
      </Card>
      <Card title="候选人与评分" className="section-card">
        {s.canEdit ? (
          <Space className="toolbar" wrap>
            <Select<number>
              style={{ width: 260 }}
              placeholder="从本企业登记的拟任人员中选择"
              value={adding}
              onChange={setAdding}
              options={addable.map((c) => ({ value: c.id, label: `${c.name}（${c.idNumberMasked}）` }))}
              aria-label="添加候选人"
              loading={candidates.isPending}
            />
            <Button
              disabled={adding === undefined}
              onClick={() =>
                void run(() => api.post<SelectionDetail>(`/api/selections/${String(s.id)}/candidates`, { candidateId: adding }), '已添加候选人').then(() =>
                  setAdding(undefined),
                )
              }
            >
              添加候选人
            </Button>
            <Typography.Text type="secondary">
              候选人须先在 <Link to="/my-filings">聘任备案</Link> 页登记；至少 2 人方可公示。
            </Typography.Text>
          </Space>
        ) : null}
        <Table<SelectionCandidate>
          rowKey={(c) => String(c.candidateId ?? c.personId)}
          size="middle"
          dataSource={s.candidates}
          columns={columns}
          pagination={false}
          scroll={{ x: 720 }}
          locale={{ emptyText: <Empty description="尚未添加候选人" /> }}
        />
      </Card>
      {s.status !== 'open' ? (
        <Card title={`公示异议（${String(s.objections.length)}）`} className="section-card">
          <List
            dataSource={s.objections}
            locale={{ emptyText: '公示期内没有收到异议' }}
            renderItem={(o) => (
              <List.Item
                actions={
                  s.canAnswer && o.answer === null
                    ? [
                        <Button key="answer" size="small" onClick={() => setAnswering(o)}>
                          答复
                        </Button>,
                      ]
                    : []
                }
              >
                <List.Item.Meta
                  title={`${formatDate(o.filedAt)} 收到异议${o.contact ? `（联系方式：${o.contact}）` : ''}`}
                  description={
                    <>
                      <div>{o.body}</div>
                      <div>{o.answer ? `答复（${formatDate(o.answeredAt)}）：${o.answer}` : <Tag color="red">待答复</Tag>}</div>
                    </>
                  }
                />
              </List.Item>
            )}
          />
        </Card>
      ) : null}
      <SelectionFormModal open={editing} selection={s} onClose={() => setEditing(false)} onSaved={(n) => done(n, '已保存')} />
      <ScoreModal selection={s} candidate={scoring} onClose={() => setScoring(null)} onDone={(n) => done(n, '评分已保存')} />
      <PublishModal selection={s} open={publishing} onClose={() => setPublishing(false)} onDone={(n) => done(n, '已发布公示')} />
      <TextModal
        open={answering !== null}
        title="答复异议"
        label="答复"
        min={5}
        onClose={() => setAnswering(null)}
        send={(text) => api.post<SelectionDetail>(`/api/selections/objections/${String(answering?.id ?? 0)}/answer`, { answer: text })}
        onDone={(n) => done(n, '已答复')}
      />
      <TextModal
        open={cancelling}
        title="取消竞争聘用"
        label="取消原因"
        min={2}
        onClose={() => setCancelling(false)}
        send={(reason) => api.post<SelectionDetail>(`/api/selections/${String(s.id)}/cancel`, { version: s.version, reason })}
        onDone={(n) => done(n, '已取消')}
      />
    </>
  );
}
