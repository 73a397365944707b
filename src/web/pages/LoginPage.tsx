import { LockOutlined, SafetyOutlined, UserOutlined } from '@ant-design/icons';
import { useMutation } from '@tanstack/react-query';
import { Alert, Button, Input } from 'antd';
import { useEffect, useState, type FormEvent, type ReactNode } from 'react';
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

/**
 * The login card's fields are plain: antd's Form (rc-field-form, async-validator, and the Tooltip its labels may
 * show) is about a seventh of this first screen's JavaScript, for three fields checked for "filled in" and "six digits".
 */
const USERNAME_MISSING = '请输入用户名';
const PASSWORD_MISSING = '请输入密码';
const totpProblem = (totp: string): string | null =>
  totp.trim() === '' ? '请输入 6 位动态验证码' : /^\s*\d{6}\s*$/.test(totp) ? null : '动态验证码应为 6 位数字';

/** One labelled field: the label names the input, and the input points to its error, which is read out when it shows. */
function LoginField({ id, label, error, children }: { id: string; label: string; error: string | null; children: ReactNode }) {
  return (
    <div className="login-field">
      <label htmlFor={id} className="login-field-label">
        {label}
      </label>
      {children}
      {error ? (
        <div id={`${id}-error`} className="login-field-error" role="alert">
          {error}
        </div>
      ) : null}
    </div>
  );
}

/** The input props that tie a field to its error. */
const invalid = (id: string, error: string | null) => (error ? { status: 'error' as const, 'aria-invalid': true, 'aria-describedby': `${id}-error` } : {});

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
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [totp, setTotp] = useState('');
  // a field's error shows once the form was sent, and is checked again as the field changes (as antd's Form does)
  const [fieldErrors, setFieldErrors] = useState<{ username?: string | null; password?: string | null; totp?: string | null }>({});

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
        setFieldErrors({});
        setStep('totp');
        return;
      }
      setError(errorMessage(err));
      if (err instanceof ApiError && (err.code === 'ACCOUNT_LOCKED' || err.code === 'ACCOUNT_DISABLED' || err.code === 'INVALID_CREDENTIALS')) {
        // nothing more to do with the code step: start over with the password
        if (step === 'totp') backToPassword(false);
      } else if (step === 'totp') {
        setTotp('');
      }
    },
  });

  const backToPassword = (clearError = true) => {
    setStep('password');
    setCredentials(null);
    setTotp('');
    setPassword('');
    setFieldErrors({});
    if (clearError) setError(null);
  };

  const sendPassword = (event: FormEvent) => {
    event.preventDefault();
    const errors = { username: username.trim() ? null : USERNAME_MISSING, password: password ? null : PASSWORD_MISSING };
    setFieldErrors(errors);
    if (errors.username || errors.password) return;
    setError(null);
    login.mutate({ username: username.trim(), password });
  };

  const sendTotp = (event: FormEvent) => {
    event.preventDefault();
    const problem = totpProblem(totp);
    setFieldErrors({ totp: problem });
    if (problem || !credentials) return;
    setError(null);
    login.mutate({ ...credentials, totp: totp.trim() });
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
            <form className="login-form" noValidate onSubmit={sendPassword}>
              <h2 className="login-card-title">账户登录</h2>
              <LoginField id="login-username" label="用户名" error={fieldErrors.username ?? null}>
                <Input
                  id="login-username"
                  size="large"
                  value={username}
                  onChange={(e) => {
                    setUsername(e.target.value);
                    if (fieldErrors.username !== undefined) setFieldErrors((f) => ({ ...f, username: e.target.value.trim() ? null : USERNAME_MISSING }));
                  }}
                  prefix={<UserOutlined />}
                  placeholder="用户名"
                  autoComplete="username"
                  autoCapitalize="off"
                  spellCheck={false}
                  autoFocus
                  {...invalid('login-username', fieldErrors.username ?? null)}
                />
              </LoginField>
              <LoginField id="login-password" label="密码" error={fieldErrors.password ?? null}>
                <Input.Password
                  id="login-password"
                  size="large"
                  value={password}
                  onChange={(e) => {
                    setPassword(e.target.value);
                    if (fieldErrors.password !== undefined) setFieldErrors((f) => ({ ...f, password: e.target.value ? null : PASSWORD_MISSING }));
                  }}
                  prefix={<LockOutlined />}
                  placeholder="密码"
                  autoComplete="current-password"
                  {...invalid('login-password', fieldErrors.password ?? null)}
                />
              </LoginField>
              <Button type="primary" size="large" htmlType="submit" block loading={login.isPending}>
                登录
              </Button>
              {idp ? (
                <>
                  <Button block size="large" className="login-idp" href={idp.startUrl}>
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
            </form>
          ) : (
            <form className="login-form" noValidate onSubmit={sendTotp}>
              <h2 className="login-card-title">身份验证</h2>
              <p className="login-hint">
                账户 <strong>{credentials?.username}</strong> 已启用动态验证码。请打开手机上的身份验证器，输入当前显示的 6 位数字。
              </p>
              <LoginField id="login-totp" label="动态验证码" error={fieldErrors.totp ?? null}>
                <Input
                  id="login-totp"
                  size="large"
                  value={totp}
                  onChange={(e) => {
                    setTotp(e.target.value);
                    if (fieldErrors.totp !== undefined) setFieldErrors({ totp: totpProblem(e.target.value) });
                  }}
                  prefix={<SafetyOutlined />}
                  placeholder="动态验证码"
                  inputMode="numeric"
                  autoComplete="one-time-code"
                  maxLength={6}
                  autoFocus
                  className="otp-input"
                  {...invalid('login-totp', fieldErrors.totp ?? null)}
                />
              </LoginField>
              <Button type="primary" size="large" htmlType="submit" block loading={login.isPending}>
                验证
              </Button>
              <Button type="link" size="large" block onClick={() => backToPassword()} className="login-back">
                返回重新输入用户名和密码
              </Button>
            </form>
          )}
        </section>
        {site.data?.loginNotice ? <p className="login-notice">{site.data.loginNotice}</p> : null}
      </main>
    </div>
  );
}
