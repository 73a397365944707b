import { useQuery } from '@tanstack/react-query';
import { Button, Result } from 'antd';
import { Link } from 'react-router';
import { api } from '../api/client';

export interface LoginOptions {
  /** The provincial identity provider (政务服务网), when the server is configured with one. */
  idp: { label: string; startUrl: string } | null;
  /** The roles that must sign in through it (CQO_OIDC_REQUIRED): then they cannot register local accounts either. */
  idpRequiredForRoles: string[];
}

/** What the login and registration pages offer: the identity provider, and whether local registration is open. */
export function useLoginOptions() {
  return useQuery({ queryKey: ['login-options'], queryFn: () => api.get<LoginOptions>('/api/public/login-options'), staleTime: 5 * 60_000 });
}

/** The provider's start address; `invite` carries an enterprise's invitation through the sign-in. */
export const idpStartUrl = (idp: NonNullable<LoginOptions['idp']>, invite?: string | null): string =>
  invite ? `${idp.startUrl}?invite=${encodeURIComponent(invite)}` : idp.startUrl;

/**
 * Shown instead of a registration form while the identity provider is required: enterprise and officer accounts
 * are opened by the first sign-in through it.
 */
export function IdpOnlyRegistration({ idp, who, invite }: { idp: NonNullable<LoginOptions['idp']>; who: '企业' | '首席质量官'; invite?: string | null }) {
  const subject = who === '企业' ? '企业（法人）' : '首席质量官（自然人）';
  return (
    <Result
      status="info"
      title={`${who}账户通过“${idp.label}”开通`}
      subTitle={
        <>
          <p>本系统已接入江苏政务服务网统一身份认证，不再开放本地账户注册。</p>
          <p>
            {subject}请使用政务服务网账户登录，首次登录即按实名认证信息开通或关联本系统账户
            {who === '企业' ? '；名录中尚无的企业由主管市场监管局确认。' : '，无需等待主管局核验身份。'}
          </p>
        </>
      }
      extra={
        <>
          <Button type="primary" href={idpStartUrl(idp, invite)}>
            {idp.label}
          </Button>
          <Link to="/login">返回登录</Link>
        </>
      }
    />
  );
}
