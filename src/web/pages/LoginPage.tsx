import { LockOutlined, SafetyOutlined, UserOutlined } from '@ant-design/icons';
import { useMutation } from '@tanstack/react-query';
import { Alert, Button, Form, Input } from 'antd';
import { useEffect, useState } from 'react';
import { Link, Navigate, useLocation, useNavigate, useSearchParams } from 'react-router';
import { idpRefusalMessage } from '../../domain/idp-sign-in';
import { api, ApiError, errorMessage } from '../api/client';
import { useLoginOptions } from '../auth/login-options';
import { useAfterLogin, useSession, useSite, type LoginRedirectState } from '../auth/session';
import { FullPageSpin } from '../components/FullPageSpin';
import type { Ok } from '../api/types';

interface Credentials {
  username: string;
  password: string;
}

type LoginBody = Credentials & { totp?: string };

/** Only paths inside the app, and never back to the login page itself. */
const safeTarget = (from: string | undefined): string => (from && from.startsWith('/') && !from.startsWith('//') && !from.startsWith('/login') ? from : '/');

export default function LoginPage() {
  const { me, loading } = useSession();
  const site = useSite();
  const navigate = useNavigate();
  const location = useLocation();
  const afterLogin = useAfterLogin();
  const redirect = (location.state ?? {}) as LoginRedirectState;
  const [step, setStep] = useState<'password' | 'totp'>('password');
  const [credentials, setCredentials] = useState<Credentials | null>(null);
  const [searchParams] = useSearchParams();
  // the callback sends a refused sign-in back here with its reason; the text comes from the reason list, never the URL
  const [error, setError] = useState<string | null>(() => idpRefusalMessage(searchParams.get('idpError')));
  const loginOptions = useLoginOptions();
  const idp = loginOptions.data?.idp ?? null;
  // enterprise and officer accounts come only from the provider: no local registration to offer
  const idpRequired = Boolean(loginOptions.data?.idpRequiredForRoles.length);
  const [passwordForm] = Form.useForm<Credentials>();
  const [totpForm] = Form.useForm<{ totp: string }>();

  const siteTitle = site.data?.siteTitle ?? '江苏省企业首席质量官信息管理系统';
  useEffect(() => {
    document.title = `登录 - ${siteTitle}`;
  }, [siteTitle]);

  const login = useMutation({
    mutationFn: (body: LoginBody) => api.post<Ok>('/api/auth/login', body),
    onSuccess: async () => {
      await afterLogin();
      // the guards send an account with pending first-login steps on to them
      await navigate(safeTarget(redirect.from), { replace: true });
    },
    onError: (err, body) => {
      if (err instanceof ApiError && err.code === 'TOTP_REQUIRED') {
        setCredentials({ username: body.username, password: body.password });
        setError(null);
        setStep('totp');
        return;
      }
      setError(errorMessage(err));
      if (err instanceof ApiError && (err.code === 'ACCOUNT_LOCKED' || err.code === 'ACCOUNT_DISABLED' || err.code === 'INVALID_CREDENTIALS')) {
        // nothing more to do with the code step: start over with the password
        if (step === 'totp') backToPassword(false);
      } else if (step === 'totp') {
        totpForm.resetFields();
      }
    },
  });

  const backToPassword = (clearError = true) => {
    setStep('password');
    setCredentials(null);
    totpForm.resetFields();
    passwordForm.setFieldValue('password', '');
    if (clearError) setError(null);
  };

  if (loading) return <FullPageSpin />;
  if (me) return <Navigate to={safeTarget(redirect.from)} replace />;

  return (
    <div className="login-page">
      <main className="login-main">
        <header className="login-header">
          <div className="login-emblem" aria-hidden>
            质
          </div>
          <h1 className="login-title">{siteTitle}</h1>
        </header>
        {/* plain elements instead of antd Card/Typography keep the first screen's JS small */}
        <section className="login-card" aria-label="登录">
          {redirect.expired && !error ? <Alert className="form-alert" type="info" showIcon title="登录已失效，请重新登录" /> : null}
          {error ? <Alert className="form-alert" type="error" showIcon title={error} role="alert" /> : null}
          {step === 'password' ? (
            <Form<Credentials>
              form={passwordForm}
              layout="vertical"
              requiredMark={false}
              size="large"
              onFinish={(values) => {
                setError(null);
                login.mutate({ username: values.username.trim(), password: values.password });
              }}
            >
              <h2 className="login-card-title">账户登录</h2>
              <Form.Item label="用户名" name="username" rules={[{ required: true, whitespace: true, message: '请输入用户名' }]}>
                <Input prefix={<UserOutlined />} placeholder="用户名" autoComplete="username" autoCapitalize="off" spellCheck={false} autoFocus />
              </Form.Item>
              <Form.Item label="密码" name="password" rules={[{ required: true, message: '请输入密码' }]}>
                <Input.Password prefix={<LockOutlined />} placeholder="密码" autoComplete="current-password" />
              </Form.Item>
              <Button type="primary" htmlType="submit" block loading={login.isPending}>
                登录
              </Button>
              {idp ? (
                <>
                  <Button block className="login-idp" href={idp.startUrl}>
                    {idp.label}
                  </Button>
                  {idpRequired ? <p className="login-hint login-idp-hint">企业和首席质量官请使用“{idp.label}”，首次登录即开通账户。</p> : null}
                </>
              ) : null}
              {idpRequired || loginOptions.isPending ? null : (
                <p className="login-register">
                  还没有账户？<Link to="/register">企业注册</Link>
                  {' · '}
                  <Link to="/register/officer">首席质量官注册</Link>
                </p>
              )}
            </Form>
          ) : (
            <Form<{ totp: string }>
              form={totpForm}
              layout="vertical"
              requiredMark={false}
              size="large"
              onFinish={({ totp }) => {
                if (!credentials) return;
                setError(null);
                login.mutate({ ...credentials, totp: totp.trim() });
              }}
            >
              <h2 className="login-card-title">身份验证</h2>
              <p className="login-hint">
                账户 <strong>{credentials?.username}</strong> 已启用动态验证码。请打开手机上的身份验证器，输入当前显示的 6 位数字。
              </p>
              <Form.Item
                label="动态验证码"
                name="totp"
                rules={[
                  { required: true, message: '请输入 6 位动态验证码' },
                  { pattern: /^\s*\d{6}\s*$/, message: '动态验证码应为 6 位数字' },
                ]}
              >
                <Input prefix={<SafetyOutlined />} placeholder="动态验证码" inputMode="numeric" autoComplete="one-time-code" maxLength={6} autoFocus className="otp-input" />
              </Form.Item>
              <Button type="primary" htmlType="submit" block loading={login.isPending}>
                验证
              </Button>
              <Button type="link" block onClick={() => backToPassword()} className="login-back">
                返回重新输入用户名和密码
              </Button>
            </Form>
          )}
        </section>
        {site.data?.loginNotice ? (
          <p className="login-notice">{site.data.loginNotice}</p>
        ) : null}
      </main>
    </div>
  );
}
