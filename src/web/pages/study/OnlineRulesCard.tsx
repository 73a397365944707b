import { useQuery } from '@tanstack/react-query';
import { Alert, Button, Card, Checkbox, Form, Input, InputNumber, Space, Table, Tag, Tooltip } from 'antd';
import { api } from '../../api/client';
import type { OnlineStudyRules } from '../../api/study-types';
import type { StudySource } from '../../../domain/study-hours';
import { QueryError } from '../../components/list/QueryState';
import { FormError, useFormMutation } from '../../components/list/use-form-mutation';
import type { OnlineRuleSaved } from '../../api/admin-types';
import { queryKeys } from '../../api/query-keys';

interface Values {
  year: number;
  sources: StudySource[];
  note?: string;
}

/**
 * 计入线上自学的来源 (province): policy §五's 50 学时 are online self-study; per year from which it applies, the province
 * picks the sources that count online. Saving recomputes the accounts of that year and later. A past year's rule is
 * closed (its 考核 used it, policy 八): shown, not edited; `thisYear` is the server's first open year.
 */
export function OnlineRulesCard({ thisYear }: { thisYear: number }) {
  const [form] = Form.useForm<Values>();
  const rules = useQuery({ queryKey: queryKeys.study.onlineRules, queryFn: () => api.get<OnlineStudyRules>('/api/study/online-rules') });
  const labelOf = (s: StudySource) => rules.data?.sources.find((x) => x.source === s)?.label ?? s;
  const save = useFormMutation({
    form,
    mutationFn: (v: Values) => {
      const existing = rules.data?.rules.find((r) => r.year === v.year);
      return api.put<OnlineRuleSaved>(`/api/study/online-rules/${v.year}`, { sources: v.sources, note: v.note ?? null, version: existing?.version ?? 0 });
    },
    success: (r) => `已保存，重算了 ${r.recomputed} 条学时记录`,
    invalidate: [queryKeys.study.onlineRules],
  });
  return (
    <Card size="small" title="计入线上自学的学时来源（按年度）" style={{ maxWidth: 640, marginTop: 16 }}>
      <Alert
        className="form-alert"
        type="info"
        showIcon
        title="“原则上，每年累计线上自学应不少于 50 个学时”：只有所选来源计入线上自学并与年度目标比较，其他来源列为其他学习。规则自所填年度起适用，直到更晚年度另有规则；保存后重算该年度起的学时账户。"
      />
      {/* the rules' table and form need the sources the server names: neither shows while they failed */}
      {rules.isError ? (
        <QueryError query={rules} what="学时来源规则" />
      ) : (
        <>
          <Table
            size="small"
            rowKey="year"
            pagination={false}
            loading={rules.isPending}
            dataSource={rules.data?.rules ?? []}
            style={{ marginBottom: 16 }}
            columns={[
              { title: '起始年度', dataIndex: 'year', width: 90 },
              { title: '计入线上自学', dataIndex: 'sources', render: (s: StudySource[]) => s.map((x) => <Tag key={x}>{labelOf(x)}</Tag>) },
              { title: '说明', dataIndex: 'note' },
              {
                title: '',
                key: 'edit',
                width: 60,
                render: (_, r) => (
                  <Tooltip title={r.closedReason}>
                    <Button
                      size="small"
                      type="link"
                      disabled={r.closedReason !== null}
                      onClick={() => form.setFieldsValue({ year: r.year, sources: r.sources, note: r.note ?? undefined })}
                    >
                      修改
                    </Button>
                  </Tooltip>
                ),
              },
            ]}
          />
          <FormError error={save.error} />
          <Form
            form={form}
            layout="vertical"
            initialValues={{ year: thisYear, sources: ['self_study'] }}
            onFinish={() => void save.submit()}
            onValuesChange={save.clearError}
          >
            <Space wrap align="start">
              <Form.Item
                name="year"
                label="自年度起"
                rules={[{ required: true, message: '请填写年度' }]}
                extra={`${String(thisYear - 1)} 年及以前已结束，其规则已用于当年考核，不能再修改`}
              >
                <InputNumber min={thisYear} max={2200} />
              </Form.Item>
              <Form.Item name="sources" label="计入线上自学的来源" rules={[{ required: true, message: '请至少选择一种来源' }]}>
                <Checkbox.Group options={(rules.data?.sources ?? []).map((s) => ({ value: s.source, label: s.label }))} />
              </Form.Item>
            </Space>
            <Form.Item name="note" label="说明">
              <Input maxLength={200} placeholder="如：省级网络培训平台课程计入线上自学" />
            </Form.Item>
            <Button type="primary" htmlType="submit" loading={save.isPending}>
              保存规则
            </Button>
          </Form>
        </>
      )}
    </Card>
  );
}
