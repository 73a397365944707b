import { useQuery } from '@tanstack/react-query';
import { Alert, Button, Form, Input, Result, type FormRule } from 'antd';
import { useEffect, useState, type ReactNode } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import type { z } from 'zod';
import { personNameSchema } from '../../../domain/account-input';
import { parseIdNumber } from '../../../domain/id-number';
import { phoneProblem } from '../../../domain/phone';
import { api, ApiError, errorMessage } from '../../api/client';
import { IdpOnlyRegistration } from '../../auth/IdpOnlyRegistration';
import { useLoginOptions } from '../../auth/login-options';
import { useSite } from '../../auth/session';
import { idNumberRule } from '../../components/filing-dict';
import { formatDateTimeShort } from '../../components/format';
import { PageSpin } from '../../components/FullPageSpin';
import { QueryError } from '../../components/list/QueryState';
import { FormError, useFormMutation } from '../../components/list/use-form-mutation';
import { NewAccountFields } from '../../components/NewAccountFields';
import { clientPolicy } from '../../components/password-policy';
import type { OfficerInvitation, OfficerRegistrationResult } from './types';
import './officer.css';
import { queryKeys } from '../../api/query-keys';

interface Values {
  name: string;
  idNumber: string;
  phone: string;
  username: string;
  password: string;
  confirmPassword: string;
}

/** A zod schema from the domain as an antd rule: the first issue's message under the field. */
const schemaRule = (schema: z.ZodType<string>): FormRule => ({
  validator: (_r, v: string | undefined) => {
    if (!v) return Promise.resolve();
    const r = schema.safeParse(v);
    return r.success ? Promise.resolve() : Promise.reject(new Error(r.error.issues[0]?.message ?? '格式不正确'));
  },
});

const phoneRule: FormRule = {
  validator: (_r, v: string | undefined) => {
    const problem = v?.trim() ? phoneProblem(v) : null;
    return problem ? Promise.reject(new Error(problem)) : Promise.resolve();
  },
};

const normalizeIdNumber = (v: string | undefined): string => (v ?? '').replace(/\s+/g, '').toUpperCase();

/**
 * 首席质量官注册 (public): a person opens their own account with name, ID number and phone. An enterprise's
 * invitation link (`?invite=<token>`) names the enterprise and the invited person; the ID number must be theirs.
 */
export default function RegisterOfficerPage() {
  const site = useSite();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const inviteToken = params.get('invite')?.trim() || null;
  const policy = clientPolicy(site.data);
  const loginOptions = useLoginOptions();
  const idp = loginOptions.data?.idp ?? null;
  // while the provider is required, an invitation too is accepted by signing in through it (the link carries it)
  const idpOnly = idp !== null && Boolean(loginOptions.data?.idpRequiredForRoles.includes('officer'));
  const [form] = Form.useForm<Values>();
  const [done, setDone] = useState<{ username: string } | null>(null);
  const siteTitle = site.data?.siteTitle ?? '江苏省企业首席质量官信息管理系统';

  useEffect(() => {
    document.title = `首席质量官注册 - ${siteTitle}`;
  }, [siteTitle]);

  const invitation = useQuery({
    queryKey: queryKeys.officer.invitation(inviteToken),
    queryFn: () => api.get<OfficerInvitation>(`/api/public/officer-invitations/${encodeURIComponent(inviteToken ?? '')}`),
    enabled: inviteToken !== null,
    retry: false,
    staleTime: Infinity,
  });

  const idNumber = Form.useWatch('idNumber', form);
  const parsed = idNumber ? parseIdNumber(idNumber) : null;

  const register = useFormMutation({
    form,
    mutationFn: (v: Values) =>
      api.post<OfficerRegistrationResult>('/api/public/officer-registrations', {
        name: v.name.trim(),
        idNumber: v.idNumber,
        phone: v.phone.trim(),
        username: v.username.trim(),
        password: v.password,
        ...(inviteToken ? { inviteToken } : {}),
      }),
    // the page itself turns into 注册成功
    success: null,
    onDone: (_answer, v) => {
      setDone({ username: v.username.trim() });
      window.scrollTo(0, 0);
    },
    formError: (error, rest) => {
      // a conflict (ID number already registered, name not matching…) and an expired invitation always say why at the top
      const whole = error instanceof ApiError && (error.status === 409 || error.status === 410);
      if (!whole) return rest;
      window.scrollTo(0, 0);
      return error.message;
    },
  });

  let body: ReactNode;
  if (done) {
    body = (
      <Result
        status="success"
        title="注册成功"
        subTitle={
          <>
            <p>
              请用账户 <strong>{done.username}</strong> 登录。
            </p>
            <p>
              您的身份待核验：主管市场监管局核对企业聘任文件与身份证明后，账户才会与您的人员信息关联。核验前可登录学习公开内容、浏览公开版块；关联后可在“我的档案”中查看任职记录和证书。
            </p>
          </>
        }
        extra={
          <Button type="primary" onClick={() => void navigate('/login')}>
            去登录
          </Button>
        }
      />
    );
  } else if (loginOptions.isPending || (inviteToken && invitation.isPending)) {
    body = <PageSpin />;
  } else if (inviteToken && invitation.isError) {
    const gone = invitation.error instanceof ApiError && (invitation.error.status === 410 || invitation.error.status === 404);
    body = gone ? (
      <Result
        status="warning"
        title="邀请链接不可用"
        subTitle={errorMessage(invitation.error)}
        extra={
          <>
            <Button type="primary" onClick={() => void navigate('/register/officer', { replace: true })}>
              直接注册
            </Button>
            <Button onClick={() => void navigate('/login')}>返回登录</Button>
          </>
        }
      />
    ) : (
      <QueryError query={invitation} what="邀请信息" />
    );
  } else if (idpOnly && idp) {
    body = (
      <>
        {invitation.data ? (
          <Alert
            className="officer-invite"
            type="info"
            showIcon
            title={
              <>
                {invitation.data.enterpriseName} 邀请您开通首席质量官账户<span className="officer-nowrap">（{invitation.data.personName}）</span>
              </>
            }
            description={`请受邀人本人通过政务服务网登录接受邀请。邀请有效期至 ${formatDateTimeShort(invitation.data.expiresAt)}。`}
          />
        ) : null}
        <IdpOnlyRegistration idp={idp} who="首席质量官" invite={invitation.data ? inviteToken : null} />
      </>
    );
  } else {
    body = (
      <Form<Values> form={form} layout="vertical" onFinish={(v) => register.mutate(v)} onValuesChange={register.clearError} scrollToFirstError>
        <h2 className="login-card-title">首席质量官注册</h2>
        {invitation.data ? (
          <Alert
            className="officer-invite"
            type="info"
            showIcon
            title={
              <>
                {invitation.data.enterpriseName} 邀请您注册首席质量官账户<span className="officer-nowrap">（{invitation.data.personName}）</span>
              </>
            }
            description={`请填写受邀人本人的姓名和居民身份证号。邀请有效期至 ${formatDateTimeShort(invitation.data.expiresAt)}。`}
          />
        ) : (
          <p className="login-hint">首席质量官及拟任人员注册本人账户，一人一个账户。注册后可维护本人档案、查看任职记录和证书。</p>
        )}
        <FormError error={register.error} />
        <h3 className="officer-section-title">本人信息</h3>
        <Form.Item label="姓名" name="name" validateFirst rules={[{ required: true, whitespace: true, message: '请输入姓名' }, schemaRule(personNameSchema)]}>
          <Input maxLength={40} autoComplete="name" placeholder="与身份证一致" />
        </Form.Item>
        <Form.Item
          label="居民身份证号"
          name="idNumber"
          normalize={normalizeIdNumber}
          validateFirst
          rules={[{ required: true, message: '请输入居民身份证号' }, idNumberRule]}
          extra={parsed?.ok ? `${parsed.value.gender === 'male' ? '男' : '女'} · 出生日期 ${parsed.value.birthDate}` : '18 位，末位可为 X'}
        >
          <Input maxLength={18} className="mono" autoComplete="off" spellCheck={false} autoCapitalize="characters" placeholder="18 位居民身份证号" />
        </Form.Item>
        <Form.Item label="手机号码" name="phone" validateFirst rules={[{ required: true, whitespace: true, message: '请输入手机号码' }, phoneRule]}>
          <Input maxLength={20} inputMode="tel" autoComplete="tel" placeholder="11 位手机号" />
        </Form.Item>
        <h3 className="officer-section-title">登录账户</h3>
        <NewAccountFields policy={policy} />
        <Button type="primary" htmlType="submit" block size="large" loading={register.isPending}>
          注册
        </Button>
        <p className="login-register">
          已有账户？<Link to="/login">返回登录</Link>
        </p>
      </Form>
    );
  }

  return (
    <div className="login-page">
      <main className="login-main officer-register-main">
        <header className="login-header">
          <div className="login-emblem" aria-hidden>
            质
          </div>
          <h1 className="login-title">{siteTitle}</h1>
        </header>
        <section className="login-card" aria-label="首席质量官注册">
          {body}
        </section>
      </main>
    </div>
  );
}
