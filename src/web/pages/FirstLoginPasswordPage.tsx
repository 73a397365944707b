import { Typography } from 'antd';
import { Navigate, useNavigate } from 'react-router';
import { pendingStepPath, useMe, useSession } from '../auth/session';
import { ChangePasswordForm } from '../components/ChangePasswordForm';
import { FirstLoginShell } from './FirstLoginShell';

/** Forced after login while the password is an initial one (or has expired). */
export default function FirstLoginPasswordPage() {
  const me = useMe();
  const { refresh } = useSession();
  const navigate = useNavigate();
  if (!me.pendingActions.includes('changePassword')) return <Navigate to={pendingStepPath(me) ?? '/'} replace />;

  return (
    <FirstLoginShell current={0} title="请修改密码">
      <Typography.Paragraph type="secondary">为保障账户安全，使用系统前须将初始密码（或已过期的密码）修改为只有您本人知道的新密码。</Typography.Paragraph>
      <ChangePasswordForm
        username={me.account.username}
        submitText="修改密码并继续"
        onDone={async () => {
          const fresh = await refresh();
          await navigate((fresh && pendingStepPath(fresh)) ?? '/', { replace: true });
        }}
      />
    </FirstLoginShell>
  );
}
