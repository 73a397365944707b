import { Button, Result } from 'antd';
import { Link } from 'react-router';
import { idpStartUrl, type LoginOptions } from './login-options';

// Kept apart from login-options.ts so the login page's first screen does not load antd's Result (bundle budget).
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
