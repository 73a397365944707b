import { Form, Input } from 'antd';
import { usernameSchema } from '../../domain/account-input';
import type { SecurityPolicy } from '../../domain/password-policy';
import { passwordProblems, policyHint } from './password-policy';

/**
 * 用户名 + 密码 + 确认密码 of a self-registration form (enterprise or officer), checked in the browser with the
 * same rules the server applies; the server has the last word.
 */
export function NewAccountFields({ policy }: { policy: SecurityPolicy }) {
  return (
    <>
      <Form.Item
        label="用户名"
        name="username"
        validateFirst
        rules={[
          { required: true, whitespace: true, message: '请输入用户名' },
          {
            validator: (_r, v: string | undefined) => {
              if (!v) return Promise.resolve();
              const r = usernameSchema.safeParse(v);
              return r.success ? Promise.resolve() : Promise.reject(new Error(r.error.issues[0]?.message ?? '用户名格式不正确'));
            },
          },
        ]}
        extra="用于登录，以字母开头，3～32 位字母、数字、下划线、点或连字符"
      >
        <Input maxLength={32} autoComplete="username" autoCapitalize="off" spellCheck={false} />
      </Form.Item>
      <Form.Item
        label="密码"
        name="password"
        dependencies={['username']}
        rules={[
          { required: true, message: '请设置密码' },
          ({ getFieldValue }) => ({
            validator: (_r, v: string | undefined) => {
              if (!v) return Promise.resolve();
              const problems = passwordProblems(v, (getFieldValue('username') as string | undefined) ?? '', policy);
              return problems.length ? Promise.reject(new Error(problems.join('；'))) : Promise.resolve();
            },
          }),
        ]}
        extra={policyHint(policy)}
      >
        <Input.Password autoComplete="new-password" />
      </Form.Item>
      <Form.Item
        label="确认密码"
        name="confirmPassword"
        dependencies={['password']}
        rules={[
          { required: true, message: '请再次输入密码' },
          ({ getFieldValue }) => ({
            validator: (_r, v: string | undefined) =>
              !v || v === getFieldValue('password') ? Promise.resolve() : Promise.reject(new Error('两次输入的密码不一致')),
          }),
        ]}
      >
        <Input.Password autoComplete="new-password" />
      </Form.Item>
    </>
  );
}
