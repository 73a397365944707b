import { useQuery } from '@tanstack/react-query';
import { Alert, App, Button, Card, Form, Input, InputNumber, Modal, Table, Tooltip } from 'antd';
import { useState } from 'react';
import type { CalendarDay, CalendarYearDetail, CalendarYears, CalendarYearSummary } from '../../api/admin-types';
import { api, errorMessage } from '../../api/client';
import { QueryState } from '../../components/list/QueryState';
import { FormError, useFormMutation } from '../../components/list/use-form-mutation';
import { formatDateTimeShort } from '../../components/format';
import { queryKeys } from '../../api/query-keys';

interface Values {
  year: number;
  source: string;
  lines: string;
}

const KIND_WORDS = { holiday: '放假', workday: '上班' } as const;

/** One line per day, `2027-01-01 放假 元旦` or `2027-02-06 上班 春节`; the lines that cannot be read are named. */
export function parseCalendarLines(text: string): { days: CalendarDay[]; bad: string[] } {
  const days: CalendarDay[] = [];
  const bad: string[] = [];
  for (const raw of text.split('\n')) {
    const line = raw.trim();
    if (!line) continue;
    const m = /^(\d{4}-\d{2}-\d{2})\s+(放假|上班)\s+(.+)$/.exec(line);
    if (!m?.[1] || !m[2] || !m[3]) bad.push(line);
    else days.push({ day: m[1], kind: m[2] === '放假' ? 'holiday' : 'workday', name: m[3].trim() });
  }
  return { days, bad };
}

/**
 * 工作日历 (province): each year's 法定节假日 and 调休上班日 from the State Council's notice; review deadlines and every
 * other working-day count follow it (a year without one counts weekends only, and the province is reminded). A past
 * year's calendar is closed (its 考核 used it, policy 八): shown, not edited.
 */
export function WorkingCalendarCard() {
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const [editing, setEditing] = useState<{ year: number; version: number; isNew: boolean } | null>(null);
  const years = useQuery({ queryKey: queryKeys.workingCalendar, queryFn: ({ signal }) => api.get<CalendarYears>('/api/working-calendar', undefined, signal) });
  // the server's current year: earlier years are closed
  const thisYear = years.data?.firstOpenYear;
  const have = new Set((years.data?.years ?? []).map((y) => y.year));
  const missing = thisYear === undefined ? [] : [thisYear, thisYear + 1].filter((y) => !have.has(y));

  // the lines are checked by the field's rule before this runs
  const save = useFormMutation({
    form,
    mutationFn: (v: Values) =>
      api.put(`/api/working-calendar/${String(v.year)}`, {
        source: v.source.trim(),
        days: parseCalendarLines(v.lines).days,
        version: editing?.isNew === false ? editing.version : 0,
      }),
    success: null,
    invalidate: [queryKeys.workingCalendar],
    fieldMap: { days: 'lines' },
    onDone: (_r, v) => {
      void message.success(`${String(v.year)} 年工作日历已保存`);
      setEditing(null);
    },
  });

  const edit = async (year: number | null) => {
    save.clearError();
    if (year === null) {
      if (thisYear === undefined) return;
      const next = missing[0] ?? thisYear + 1;
      setEditing({ year: next, version: 0, isNew: true });
      form.setFieldsValue({ year: next, source: `国务院办公厅关于${String(next)}年部分节假日安排的通知`, lines: '' });
      return;
    }
    let d: CalendarYearDetail;
    try {
      d = await api.get<CalendarYearDetail>(`/api/working-calendar/${String(year)}`);
    } catch (err) {
      void message.error(errorMessage(err));
      return;
    }
    setEditing({ year, version: d.version, isNew: false });
    form.setFieldsValue({ year, source: d.source ?? '', lines: d.days.map((x) => `${x.day} ${KIND_WORDS[x.kind]} ${x.name}`).join('\n') });
  };

  return (
    <Card
      title="工作日历（法定节假日与调休上班日）"
      className="section-card"
      extra={
        <Button type="primary" disabled={thisYear === undefined} onClick={() => void edit(null)}>
          新增年度
        </Button>
      }
    >
      {missing.length > 0 ? (
        <Alert
          className="form-alert"
          type="warning"
          showIcon
          title={`尚未维护 ${missing.join('、')} 年的工作日历：审核期限等按周末计算。请依据国务院办公厅的节假日安排通知维护。`}
        />
      ) : null}
      <QueryState query={years} what="工作日历">
        {(data) => (
          <Table<CalendarYearSummary>
            size="small"
            rowKey="year"
            pagination={false}
            loading={years.isFetching}
            dataSource={data.years}
            columns={[
              { title: '年度', dataIndex: 'year', width: 80 },
              { title: '依据', dataIndex: 'source' },
              { title: '放假日', dataIndex: 'holidays', width: 80 },
              { title: '调休上班日', dataIndex: 'workdays', width: 100 },
              { title: '版本', dataIndex: 'version', width: 70 },
              { title: '更新时间', dataIndex: 'updatedAt', width: 150, render: (v: string) => formatDateTimeShort(v) },
              {
                title: '',
                key: 'edit',
                width: 70,
                render: (_, r) => (
                  <Tooltip title={r.closedReason}>
                    <Button size="small" disabled={r.closedReason !== null} onClick={() => void edit(r.year)}>
                      编辑
                    </Button>
                  </Tooltip>
                ),
              },
            ]}
          />
        )}
      </QueryState>
      <Modal
        open={editing !== null}
        title={editing?.isNew ? '新增年度工作日历' : `编辑 ${String(editing?.year ?? '')} 年工作日历`}
        okText="保存"
        confirmLoading={save.isPending}
        onOk={() => void save.submit()}
        onCancel={() => setEditing(null)}
        width={640}
        forceRender
      >
        <FormError error={save.error} />
        <Form<Values> form={form} layout="vertical" onFinish={(v) => save.mutate(v)}>
          <Form.Item label="年度" name="year" rules={[{ required: true, message: '请填写年度' }]}>
            <InputNumber min={thisYear ?? 2000} max={2200} precision={0} disabled={!editing?.isNew} aria-label="年度" />
          </Form.Item>
          <Form.Item label="依据" name="source" rules={[{ required: true, whitespace: true, min: 4, message: '请填写依据（如国务院办公厅通知名称）' }]}>
            <Input maxLength={200} />
          </Form.Item>
          <Form.Item
            label="放假与调休上班日（每行一天）"
            name="lines"
            rules={[
              {
                validator: (_rule, value: string | undefined) => {
                  const { bad } = parseCalendarLines(value ?? '');
                  return bad.length > 0 ? Promise.reject(new Error(`无法识别：${bad.join('；')}（格式：2027-01-01 放假 元旦）`)) : Promise.resolve();
                },
              },
            ]}
            extra="格式：2027-01-01 放假 元旦；2027-02-06 上班 春节。放假日只列周一至周五，调休上班日只列周六、周日。"
          >
            <Input.TextArea rows={14} className="mono" aria-label="放假与调休上班日" />
          </Form.Item>
        </Form>
      </Modal>
    </Card>
  );
}
