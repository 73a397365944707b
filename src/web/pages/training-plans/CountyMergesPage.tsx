import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Input, Modal, Select, Space, Switch, Table, Tag, Typography, type TableColumnsType } from 'antd';
import { useState } from 'react';
import { api, errorMessage } from '../../api/client';
import type { MergeRow } from '../../api/training-plan-types';
import { useMe } from '../../auth/session';
import { formatDateTimeShort } from '../../components/format';
import { QueryState } from '../../components/list/QueryState';
import { PageHeader } from '../../components/PageHeader';
import { useIsMobile } from '../../components/use-is-mobile';

const MERGES_KEY = ['training-merges'] as const;

/** 合并至市级: per county, set by its city (or the province): the city delivers 基础 training and reviews filings. */
export default function CountyMergesPage() {
  const me = useMe();
  const isMobile = useIsMobile();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const canSet = me.abilities.setCountyMerges;
  const [filter, setFilter] = useState<'all' | 'merged'>('all');
  const [editing, setEditing] = useState<MergeRow | null>(null);
  const [note, setNote] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const list = useQuery({ queryKey: [...MERGES_KEY, filter], queryFn: () => api.get<MergeRow[]>('/api/training-merges', filter === 'merged' ? { merged: 'true' } : undefined) });

  const save = async () => {
    if (!editing) return;
    setBusy(true);
    setError(null);
    try {
      const row = await api.put<MergeRow>(`/api/training-merges/${editing.orgUnitId}`, { mergedIntoCity: !editing.mergedIntoCity, note: note.trim() || null });
      void message.success(row.mergedIntoCity ? `${row.orgUnitName}已合并至市级` : `${row.orgUnitName}已取消合并`);
      setEditing(null);
      void queryClient.invalidateQueries({ queryKey: MERGES_KEY });
      void queryClient.invalidateQueries({ queryKey: ['training-plans'] });
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  };

  const columns: TableColumnsType<MergeRow> = [
    {
      title: '县（市、区）',
      key: 'unit',
      render: (_v, r) => (
        <div className="cell-stack">
          <span>
            {r.orgUnitName} {me.orgUnit.kind === 'province' ? <Typography.Text type="secondary">{r.cityName}</Typography.Text> : null}
          </span>
          {isMobile && r.note ? <Typography.Text type="secondary">{r.note}</Typography.Text> : null}
        </div>
      ),
    },
    {
      title: '合并至市级',
      key: 'merged',
      width: 130,
      render: (_v, r) =>
        canSet ? (
          <Switch
            checked={r.mergedIntoCity}
            checkedChildren="已合并"
            unCheckedChildren="未合并"
            aria-label={`${r.orgUnitName}合并至市级`}
            onChange={() => {
              setEditing(r);
              setNote(r.note ?? '');
              setError(null);
            }}
          />
        ) : r.mergedIntoCity ? (
          <Tag color="cyan">已合并</Tag>
        ) : (
          <Tag>未合并</Tag>
        ),
    },
    ...(isMobile
      ? []
      : ([
          { title: '说明', dataIndex: 'note', render: (n: string | null) => n ?? '—' },
          { title: '最近设置', key: 'updated', width: 220, render: (_v, r) => (r.updatedAt ? `${formatDateTimeShort(r.updatedAt)} ${r.updatedByName ?? ''}` : '—') },
        ] as TableColumnsType<MergeRow>)),
  ];

  return (
    <div className="page">
      <PageHeader title="合并至市级" description="对县级组织培训暂时有困难的地区，基础培训合并到设区市一级实施，企业聘任备案也由市局审核" />
      <Alert
        type="info"
        showIcon
        style={{ marginBottom: 12 }}
        title="合并后：该县（市、区）不再单独编制基础培训计划，由市局的基础培训计划覆盖；该县企业的聘任备案由市局审核，县局仍可查看。取消合并即恢复由县局办理。"
      />
      <Space style={{ marginBottom: 12 }}>
        <Select
          aria-label="筛选"
          value={filter}
          style={{ width: 160 }}
          onChange={setFilter}
          options={[
            { value: 'all', label: '全部县（市、区）' },
            { value: 'merged', label: '只看已合并' },
          ]}
        />
      </Space>
      <QueryState query={list} what="合并设置">
        {(rows) => <Table<MergeRow> rowKey="orgUnitId" size="small" loading={list.isFetching} columns={columns} dataSource={rows} pagination={{ pageSize: 50, hideOnSinglePage: true }} scroll={{ x: 'max-content' }} />}
      </QueryState>
      <Modal
        open={editing !== null}
        title={editing ? `${editing.mergedIntoCity ? '取消' : '设置'}${editing.orgUnitName}合并至市级` : ''}
        okText="确定"
        confirmLoading={busy}
        onOk={() => void save()}
        onCancel={() => setEditing(null)}
        destroyOnHidden
      >
        {error ? <Alert type="error" showIcon style={{ marginBottom: 12 }} title={error} /> : null}
        <Typography.Paragraph>
          {editing?.mergedIntoCity ? '取消后，基础培训计划和聘任备案审核恢复由县局办理。' : '设置后，市局组织该县的基础培训并审核其企业的聘任备案。'}该操作将记入审计日志并通知县局。
        </Typography.Paragraph>
        <Input.TextArea rows={3} maxLength={500} placeholder="说明（选填）" value={note} onChange={(e) => setNote(e.target.value)} aria-label="说明" />
      </Modal>
    </div>
  );
}
