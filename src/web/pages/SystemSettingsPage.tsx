import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Form, Input, InputNumber, Space, Spin } from 'antd';
import { useEffect, useState } from 'react';
import { api, errorMessage } from '../api/client';
import type { SystemSettings } from '../api/types';
import { SITE_KEY } from '../auth/session';
import { applyServerErrors } from '../components/form-errors';
import { PageHeader } from '../components/PageHeader';
import { queryKeys } from '../api/query-keys';

const FIELDS = ['siteTitle', 'loginNotice', 'filingReviewWorkingDays'] as const;

export default function SystemSettingsPage() {
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<SystemSettings>();
  const [formError, setFormError] = useState<string | null>(null);
  const settings = useQuery({ queryKey: queryKeys.settings.system, queryFn: () => api.get<SystemSettings>('/api/settings/system') });

  useEffect(() => {
    if (settings.data) form.setFieldsValue(settings.data);
  }, [settings.data, form]);

  const save = useMutation({
    mutationFn: (values: SystemSettings) =>
      api.put<SystemSettings>('/api/settings/system', {
        siteTitle: values.siteTitle.trim(),
        loginNotice: (values.loginNotice ?? '').trim(),
        filingReviewWorkingDays: values.filingReviewWorkingDays,
        version: settings.data?.version ?? 0,
      }),
    onSuccess: (saved) => {
      setFormError(null);
      queryClient.setQueryData(queryKeys.settings.system, saved);
      void queryClient.invalidateQueries({ queryKey: SITE_KEY });
      message.success('系统设置已保存');
    },
    onError: (error) => setFormError(applyServerErrors(form, error, FIELDS)),
  });

  return (
    <div className="page">
      <PageHeader title="系统设置" description="系统名称显示在登录页和页面顶部；登录页提示显示在登录框下方；审核期限用于聘任备案。" />
      {settings.isError ? <Alert className="form-alert" type="error" showIcon title="系统设置加载失败" description={errorMessage(settings.error)} /> : null}
      {settings.isPending ? (
        <div className="page-spin">
          <Spin />
        </div>
      ) : (
        <Card className="block-card narrow-card">
          {formError ? <Alert className="form-alert" type="error" showIcon title={formError} /> : null}
          <Form<SystemSettings> form={form} layout="vertical" onFinish={(values) => save.mutate(values)} onValuesChange={() => setFormError(null)}>
            <Form.Item
              label="系统名称"
              name="siteTitle"
              rules={[
                { required: true, whitespace: true, message: '请输入系统名称' },
                { min: 2, message: '至少 2 个字' },
              ]}
            >
              <Input maxLength={60} showCount />
            </Form.Item>
            <Form.Item label="登录页提示" name="loginNotice" extra="可留空。">
              <Input.TextArea maxLength={500} showCount autoSize={{ minRows: 3, maxRows: 8 }} />
            </Form.Item>
            <Form.Item
              label="聘任备案审核期限"
              name="filingReviewWorkingDays"
              extra="企业提交备案后，主管局须在此期限内审核；逾期的备案进入“逾期未审”并每日提醒。只影响此后提交的备案。"
              rules={[{ required: true, message: '请填写审核期限' }]}
            >
              <InputNumber min={5} max={60} precision={0} addonAfter="个工作日" />
            </Form.Item>
            <Space wrap>
              <Button type="primary" htmlType="submit" loading={save.isPending}>
                保存
              </Button>
              <Button onClick={() => settings.data && form.setFieldsValue(settings.data)}>撤销修改</Button>
            </Space>
          </Form>
        </Card>
      )}
    </div>
  );
}
