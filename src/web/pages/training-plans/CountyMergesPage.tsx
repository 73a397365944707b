import { useQuery } from '@tanstack/react-query';
import { Alert, Form, Input, Modal, Switch, Tag, Typography, type TableColumnsType } from 'antd';
import { useState } from 'react';
import { api } from '../../api/client';
import type { MergeRow } from '../../api/training-plan-types';
import { useMe } from '../../auth/session';
import { formatDateTimeShort } from '../../components/format';
import { FilterSelect } from '../../components/FilterField';
import { FilterBar } from '../../components/list/FilterBar';
import { QueryTable } from '../../components/list/QueryTable';
import { FormError, useFormMutation } from '../../components/list/use-form-mutation';
import { PageHeader } from '../../components/PageHeader';
import { useUrlFilters } from '../../components/url-filters';
import { useIsMobile } from '../../components/use-is-mobile';
import { queryKeys } from '../../api/query-keys';

const MERGES_KEY = queryKeys.countyMerges.all;

/** 合并至市级: per county, set by its city (or the province): the city delivers 基础 training and reviews filings. */
export default function CountyMergesPage() {
  const me = useMe();
  const isMobile = useIsMobile();
  const canSet = me.abilities.setCountyMerges;
  const url = useUrlFilters(['merged'] as const);
  const filter = url.filters.merged === 'true' ? 'merged' : 'all';
  const [editing, setEditing] = useState<MergeRow | null>(null);
  const [form] = Form.useForm<{ note?: string }>();

  const list = useQuery({
    queryKey: queryKeys.countyMerges.list(filter),
    queryFn: () => api.get<MergeRow[]>('/api/training-merges', filter === 'merged' ? { merged: 'true' } : undefined),
  });

  const save = useFormMutation({
    form,
    mutationFn: (v: { note?: string }) =>
      api.put<MergeRow>(`/api/training-merges/${editing?.orgUnitId ?? 0}`, { mergedIntoCity: !editing?.mergedIntoCity, note: v.note?.trim() || null }),
    success: (row) => (row.mergedIntoCity ? `${row.orgUnitName}已合并至市级` : `${row.orgUnitName}已取消合并`),
    invalidate: [MERGES_KEY, queryKeys.trainingPlans.all],
    onDone: () => setEditing(null),
  });

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
              form.setFieldsValue({ note: r.note ?? '' });
              setEditing(r);
              save.clearError();
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
          {
            title: '最近设置',
            key: 'updated',
            width: 220,
            render: (_v, r) => (r.updatedAt ? `${formatDateTimeShort(r.updatedAt)} ${r.updatedByName ?? ''}` : '—'),
          },
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
      <FilterBar anyFilter={url.anyFilter} onReset={url.reset}>
        <FilterSelect<'true'>
          label="合并情况"
          placeholder="全部县（市、区）"
          value={filter === 'merged' ? 'true' : undefined}
          onChange={(v) => url.update({ merged: v })}
          options={[{ value: 'true', label: '只看已合并' }]}
        />
      </FilterBar>
      <QueryTable<MergeRow>
        query={list}
        what="合并设置"
        empty={filter === 'merged' ? '没有已合并至市级的县（市、区）' : '没有可设置的县（市、区）'}
        rowKey="orgUnitId"
        size="small"
        columns={columns}
        pagination={{ pageSize: 50 }}
      />
      <Modal
        open={editing !== null}
        title={editing ? `${editing.mergedIntoCity ? '取消' : '设置'}${editing.orgUnitName}合并至市级` : ''}
        okText="确定"
        confirmLoading={save.isPending}
        onOk={() => void save.submit()}
        onCancel={() => {
          save.clearError();
          setEditing(null);
        }}
        forceRender
      >
        <FormError error={save.error} />
        <Typography.Paragraph>
          {editing?.mergedIntoCity ? '取消后，基础培训计划和聘任备案审核恢复由县局办理。' : '设置后，市局组织该县的基础培训并审核其企业的聘任备案。'}
          该操作将记入审计日志并通知县局。
        </Typography.Paragraph>
        <Form form={form} layout="vertical" onValuesChange={save.clearError}>
          <Form.Item name="note" label="说明（选填）">
            <Input.TextArea rows={3} maxLength={500} />
          </Form.Item>
        </Form>
      </Modal>
    </div>
  );
}
