import { Typography } from 'antd';
import { Navigate, useNavigate } from 'react-router';
import { pendingStepPath, useMe, useSession } from '../auth/session';
import { TotpEnrolment } from '../components/TotpEnrolment';
import { FirstLoginShell } from './FirstLoginShell';

/** Forced for administrator accounts that have no authenticator bound yet. */
export default function FirstLoginTotpPage() {
  const me = useMe();
  const { refresh } = useSession();
  const navigate = useNavigate();
  const next = pendingStepPath(me);
  if (next !== '/first-login/totp') return <Navigate to={next ?? '/'} replace />;

  return (
    <FirstLoginShell current={1} title="绑定动态验证码">
      <Typography.Paragraph type="secondary">管理员账户登录时除密码外，还须输入手机身份验证器生成的动态验证码（双因素认证）。</Typography.Paragraph>
      <TotpEnrolment
        onDone={async () => {
          const fresh = await refresh();
          await navigate((fresh && pendingStepPath(fresh)) ?? '/', { replace: true });
        }}
      />
    </FirstLoginShell>
  );
}
