import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Alert, Button, Card, Form, InputNumber, Space, Tooltip } from 'antd';
import { useEffect } from 'react';
import { api } from '../../api/client';
import type { StudySettings } from '../../api/study-types';
import { RecordPending } from '../../components/FullPageSpin';
import { FormError, useFormMutation } from '../../components/list/use-form-mutation';
import { PageHeader } from '../../components/PageHeader';
import { OnlineRulesCard } from './OnlineRulesCard';
import { queryKeys } from '../../api/query-keys';

interface Values {
  minutesPerHour: number;
  annualTargetHours: number;
  overrides: { year: number; hours: number }[];
  reminders: { month: number; day: number; belowHours: number }[];
}

/** 学时设置 (province): what a 学时 is, the yearly target (and per-year overrides), and the reminder dates. */
export default function StudySettingsPage() {
  const [form] = Form.useForm<Values>();
  const settings = useQuery({ queryKey: queryKeys.study.settings, queryFn: () => api.get<StudySettings>('/api/study/settings') });
  useEffect(() => {
    if (settings.data) {
      form.setFieldsValue({
        minutesPerHour: settings.data.minutesPerHour,
        annualTargetHours: settings.data.annualTargetHours,
        overrides: Object.entries(settings.data.targetHoursByYear).map(([year, hours]) => ({ year: Number(year), hours })),
        reminders: settings.data.reminders,
      });
    }
  }, [settings.data, form]);
  const save = useFormMutation({
    form,
    mutationFn: (v: Values) =>
      api.put<StudySettings>('/api/study/settings', {
        minutesPerHour: v.minutesPerHour,
        annualTargetHours: v.annualTargetHours,
        targetHoursByYear: Object.fromEntries((v.overrides ?? []).map((o) => [String(o.year), o.hours])),
        reminders: v.reminders ?? [],
        version: settings.data?.version ?? 0,
      }),
    success: '学时设置已保存',
    invalidate: [queryKeys.study.settings],
  });
  if (!settings.data) return <RecordPending query={settings} what="学时设置" />;
  const { firstOpenYear } = settings.data;
  return (
    <div className="page">
      <PageHeader title="学时设置" description="政策要求每年累计线上自学不少于 50 学时；修改后即时生效，并记入审计日志。" />
      <Card size="small" style={{ maxWidth: 640 }}>
        <FormError error={save.error} />
        <Form form={form} layout="vertical" onFinish={() => void save.submit()} onValuesChange={save.clearError}>
          <Space wrap>
            <Form.Item name="minutesPerHour" label="每学时分钟数" rules={[{ required: true, message: '请填写每学时分钟数' }]}>
              <InputNumber min={30} max={60} />
            </Form.Item>
            <Form.Item name="annualTargetHours" label="年度线上自学目标（学时）" rules={[{ required: true, message: '请填写年度目标' }]}>
              <InputNumber min={1} max={200} />
            </Form.Item>
          </Space>
          <Alert
            className="form-alert"
            type="info"
            showIcon
            title={`年度目标的修改自 ${String(firstOpenYear)} 年起适用；此前按默认目标的年度保留原目标（已用于当年考核，不能再修改）。`}
          />
          <Form.List name="overrides">
            {(fields, { add, remove }) => (
              <Form.Item label="分年度目标">
                {fields.map((f) => {
                  // a past year's target is closed (its 考核 used it, policy 八): shown, not edited
                  const year = form.getFieldValue(['overrides', f.name, 'year']) as number | undefined;
                  const closed = year !== undefined && year < firstOpenYear && String(year) in settings.data.targetHoursByYear;
                  const reason = closed ? `${String(year)} 年已结束，其规则已用于当年考核，不能再修改` : undefined;
                  return (
                    <Space key={f.key} align="baseline">
                      <Form.Item name={[f.name, 'year']} rules={[{ required: true, message: '年度' }]}>
                        <InputNumber min={closed ? 2000 : firstOpenYear} max={2200} placeholder="年度" disabled={closed} />
                      </Form.Item>
                      <Form.Item name={[f.name, 'hours']} rules={[{ required: true, message: '学时' }]} extra={reason}>
                        <InputNumber min={1} max={200} placeholder="学时" disabled={closed} />
                      </Form.Item>
                      <Tooltip title={reason}>
                        <Button type="text" danger icon={<MinusCircleOutlined />} aria-label="删除该年度" disabled={closed} onClick={() => remove(f.name)} />
                      </Tooltip>
                    </Space>
                  );
                })}
                <Button size="small" icon={<PlusOutlined />} onClick={() => add()}>
                  添加年度
                </Button>
              </Form.Item>
            )}
          </Form.List>
          <Form.List name="reminders">
            {(fields, { add, remove }) => (
              <Form.Item label="提醒（到该日学时不足阈值的人员收到站内提醒）">
                {fields.map((f) => (
                  <Space key={f.key} align="baseline" wrap>
                    <Form.Item name={[f.name, 'month']} rules={[{ required: true, message: '月' }]}>
                      <InputNumber min={1} max={12} addonAfter="月" />
                    </Form.Item>
                    <Form.Item name={[f.name, 'day']} rules={[{ required: true, message: '日' }]}>
                      <InputNumber min={1} max={31} addonAfter="日" />
                    </Form.Item>
                    <Form.Item name={[f.name, 'belowHours']} rules={[{ required: true, message: '阈值' }]}>
                      <InputNumber min={0} max={200} addonBefore="不足" addonAfter="学时" />
                    </Form.Item>
                    <Button type="text" danger icon={<MinusCircleOutlined />} aria-label="删除该提醒" onClick={() => remove(f.name)} />
                  </Space>
                ))}
                <Button size="small" icon={<PlusOutlined />} onClick={() => add({ month: 12, day: 1, belowHours: 45 })}>
                  添加提醒
                </Button>
              </Form.Item>
            )}
          </Form.List>
          <Button type="primary" htmlType="submit" loading={save.isPending}>
            保存
          </Button>
        </Form>
      </Card>
      <OnlineRulesCard thisYear={settings.data.firstOpenYear} />
    </div>
  );
}
