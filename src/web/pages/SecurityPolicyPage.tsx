import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Col, Form, InputNumber, Row, Space, Spin, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { DEFAULT_SECURITY_POLICY, securityPolicySchema, type SecurityPolicy } from '../../domain/password-policy';
import '../../domain/zod-locale';
import { api, errorMessage } from '../api/client';
import { SITE_KEY } from '../auth/session';
import { applyServerErrors } from '../components/form-errors';
import { PageHeader } from '../components/PageHeader';
import type { SecurityPolicyEdit } from '../api/types';
import { queryKeys } from '../api/query-keys';

type Key = keyof SecurityPolicy;

interface FieldSpec {
  key: Key;
  label: string;
  unit: string;
  help: string;
}

const GROUPS: { title: string; fields: FieldSpec[] }[] = [
  {
    title: '密码',
    fields: [
      { key: 'passwordMinLength', label: '密码最小长度', unit: '位', help: '10～64 位。' },
      { key: 'passwordMinClasses', label: '密码至少包含的字符类别', unit: '类', help: '大写字母、小写字母、数字、特殊字符四类中至少几类，不少于 3 类。' },
      { key: 'passwordMaxAgeDays', label: '密码有效期', unit: '天', help: '到期后登录时须修改密码；0 表示不限，最长 365 天。' },
    ],
  },
  {
    title: '登录锁定',
    fields: [
      { key: 'lockoutThreshold', label: '连续登录失败锁定次数', unit: '次', help: '连续失败达到此次数即锁定账户（3～10 次）。' },
      { key: 'lockoutMinutes', label: '锁定时长', unit: '分钟', help: '5～1440 分钟；期满自动解除，管理员也可手动解锁。' },
    ],
  },
  {
    title: '会话',
    fields: [
      { key: 'sessionIdleMinutes', label: '空闲超时', unit: '分钟', help: '无操作超过此时长须重新登录，5～30 分钟。' },
      { key: 'sessionAbsoluteHours', label: '单次登录最长时间', unit: '小时', help: '无论是否操作，登录满此时长须重新登录，1～12 小时。' },
    ],
  },
];

const FIELD_KEYS = GROUPS.flatMap((g) => g.fields.map((f) => f.key));

/** Each field is checked with the same zod schema the server uses (src/domain/password-policy.ts). */
const fieldRule = (key: Key) => ({
  validator: (_rule: unknown, value: unknown) => {
    if (value === null || value === undefined) return Promise.reject(new Error('请填写'));
    const parsed = securityPolicySchema.shape[key].safeParse(value);
    return parsed.success ? Promise.resolve() : Promise.reject(new Error(parsed.error.issues[0]?.message ?? '取值无效'));
  },
});

export default function SecurityPolicyPage() {
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<SecurityPolicy>();
  const [formError, setFormError] = useState<string | null>(null);
  const policy = useQuery({ queryKey: queryKeys.settings.securityPolicy, queryFn: () => api.get<SecurityPolicyEdit>('/api/settings/security-policy') });

  useEffect(() => {
    if (policy.data) form.setFieldsValue(policy.data);
  }, [policy.data, form]);

  const save = useMutation({
    mutationFn: (values: SecurityPolicy) => api.put<SecurityPolicyEdit>('/api/settings/security-policy', { ...values, version: policy.data?.version ?? 0 }),
    onSuccess: (saved) => {
      setFormError(null);
      queryClient.setQueryData(queryKeys.settings.securityPolicy, saved);
      void queryClient.invalidateQueries({ queryKey: SITE_KEY });
      message.success('安全策略已保存，几秒内对所有用户生效');
    },
    onError: (error) => setFormError(applyServerErrors(form, error, FIELD_KEYS)),
  });

  return (
    <div className="page">
      <PageHeader title="安全策略" description="密码复杂度、登录失败锁定与会话超时。默认值符合网络安全等级保护第三级要求，下限不可再放宽。" />
      {policy.isError ? <Alert className="form-alert" type="error" showIcon title="安全策略加载失败" description={errorMessage(policy.error)} /> : null}
      {policy.isPending ? (
        <div className="page-spin">
          <Spin />
        </div>
      ) : (
        <Form<SecurityPolicy> form={form} layout="vertical" onFinish={(values) => save.mutate(values)} onValuesChange={() => setFormError(null)}>
          {formError ? <Alert className="form-alert" type="error" showIcon title={formError} /> : null}
          <Row gutter={[16, 16]}>
            {GROUPS.map((group) => (
              <Col key={group.title} xs={24} lg={8}>
                <Card title={group.title} size="small" className="block-card full-height">
                  {group.fields.map((f) => (
                    <Form.Item
                      key={f.key}
                      label={f.label}
                      name={f.key}
                      extra={`${f.help}默认 ${DEFAULT_SECURITY_POLICY[f.key]} ${f.unit}。`}
                      rules={[fieldRule(f.key)]}
                    >
                      <InputNumber precision={0} min={0} suffix={f.unit} className="full-width" inputMode="numeric" />
                    </Form.Item>
                  ))}
                </Card>
              </Col>
            ))}
          </Row>
          <Space wrap className="form-footer">
            <Button type="primary" htmlType="submit" loading={save.isPending}>
              保存
            </Button>
            <Button onClick={() => policy.data && form.setFieldsValue(policy.data)}>撤销修改</Button>
            <Button onClick={() => form.setFieldsValue(DEFAULT_SECURITY_POLICY)}>填入默认值</Button>
          </Space>
          <Typography.Paragraph type="secondary" className="form-footnote">
            修改将记入审计日志。空闲超时的修改对已登录的用户立即生效；单次登录最长时间的修改从下次登录起生效。
          </Typography.Paragraph>
        </Form>
      )}
    </div>
  );
}
