import { useMutation } from '@tanstack/react-query';
import { Alert, App, Button, Form, Input } from 'antd';
import { useState } from 'react';
import { api } from '../api/client';
import { useSite } from '../auth/session';
import { applyServerErrors } from './form-errors';
import { clientPolicy, passwordProblems, policyHint } from './password-policy';
import type { Ok } from '../api/types';

interface Values {
  currentPassword: string;
  newPassword: string;
  confirmPassword: string;
}

const FIELDS = ['currentPassword', 'newPassword'] as const;

/** Change one's own password (`POST /api/auth/password`); the server then signs out every other session of the account. */
export function ChangePasswordForm({
  username,
  submitText = '修改密码',
  onDone,
}: {
  username: string;
  submitText?: string;
  onDone?: () => void | Promise<void>;
}) {
  const [form] = Form.useForm<Values>();
  const { message } = App.useApp();
  const site = useSite();
  const policy = clientPolicy(site.data);
  const [formError, setFormError] = useState<string | null>(null);

  const change = useMutation({
    mutationFn: (values: Values) => api.post<Ok>('/api/auth/password', { currentPassword: values.currentPassword, newPassword: values.newPassword }),
    onSuccess: async () => {
      setFormError(null);
      form.resetFields();
      message.success('密码已修改，其他设备上的登录已全部退出');
      await onDone?.();
    },
    onError: (error) => setFormError(applyServerErrors(form, error, FIELDS)),
  });

  return (
    <Form<Values>
      form={form}
      layout="vertical"
      requiredMark={false}
      onFinish={(values) => change.mutate(values)}
      onValuesChange={() => setFormError(null)}
      className="narrow-form"
    >
      {/* lets password managers pair the new password with the account */}
      <input type="text" name="username" autoComplete="username" value={username} readOnly hidden />
      <Alert className="form-alert" type="info" showIcon title="密码要求" description={policyHint(policy)} />
      {formError ? <Alert className="form-alert" type="error" showIcon title={formError} /> : null}
      <Form.Item label="当前密码" name="currentPassword" rules={[{ required: true, message: '请输入当前密码' }]}>
        <Input.Password autoComplete="current-password" placeholder="当前密码" />
      </Form.Item>
      <Form.Item
        label="新密码"
        name="newPassword"
        dependencies={['currentPassword']}
        rules={[
          { required: true, message: '请输入新密码' },
          ({ getFieldValue }) => ({
            validator: (_rule, value: string | undefined) => {
              if (!value) return Promise.resolve();
              const problems = passwordProblems(value, username, policy);
              if (value === getFieldValue('currentPassword')) problems.push('新密码不得与当前密码相同');
              return problems.length ? Promise.reject(new Error(problems.join('；'))) : Promise.resolve();
            },
          }),
        ]}
      >
        <Input.Password autoComplete="new-password" placeholder="新密码" />
      </Form.Item>
      <Form.Item
        label="确认新密码"
        name="confirmPassword"
        dependencies={['newPassword']}
        rules={[
          { required: true, message: '请再次输入新密码' },
          ({ getFieldValue }) => ({
            validator: (_rule, value: string | undefined) =>
              !value || value === getFieldValue('newPassword') ? Promise.resolve() : Promise.reject(new Error('两次输入的新密码不一致')),
          }),
        ]}
      >
        <Input.Password autoComplete="new-password" placeholder="再次输入新密码" />
      </Form.Item>
      <Form.Item>
        <Button type="primary" htmlType="submit" loading={change.isPending} block>
          {submitText}
        </Button>
      </Form.Item>
    </Form>
  );
}
